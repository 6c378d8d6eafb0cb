/**
 * The core is framework-free: every file in packages/core/src imports only fp-ts, io-ts and
 * relative files (no framework, no driver, no node:fs or node:net). Also no `require` and no
 * dynamic `import()`, which would slip past a static reading.
 *
 * fp-ts 2 has no `exports` map: `fp-ts/Either` is a directory, which Node's ESM loader refuses
 * (ERR_UNSUPPORTED_DIR_IMPORT) although TypeScript and Vite accept it. So fp-ts modules are
 * imported as `fp-ts/lib/<Module>.js`, which works in Node, bundlers and TypeScript alike.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

const SPECIFIER =
  /(?:^|[\s;}])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;
const ALLOWED = /^(\.\.?\/|fp-ts\/lib\/[A-Za-z]+\.js$|io-ts$)/;

const importsOf = (text: string): string[] =>
  [...text.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2] ?? '').filter((s) => s !== '');

describe('packages/core imports', () => {
  const files = sourceFiles(SRC);

  it('finds the source files (the scan itself works)', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(importsOf("import * as E from 'fp-ts/Either';\nexport { x } from './y.js';")).toEqual([
      'fp-ts/Either',
      './y.js',
    ]);
    expect(importsOf("import { readFileSync } from 'node:fs';")).toEqual(['node:fs']);
    expect(ALLOWED.test('fp-ts/lib/TaskEither.js')).toBe(true);
    expect(ALLOWED.test('fp-ts/Either')).toBe(false);
  });

  it.each(files.map((f) => [relative(SRC, f), f]))(
    '%s imports only fp-ts/lib/*.js, io-ts and relative files',
    (_, file) => {
      const text = readFileSync(file, 'utf8');
      const foreign = importsOf(text).filter((s) => !ALLOWED.test(s));
      expect(foreign).toEqual([]);
      expect(text).not.toMatch(/\brequire\s*\(|\bimport\s*\(/);
    },
  );
});
