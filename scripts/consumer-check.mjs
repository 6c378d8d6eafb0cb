#!/usr/bin/env node
// The consumer's view: packs every published package, installs the tarballs into a scratch
// project with npm (as another service would), type-checks an ESM consumer against them with
// strict settings and skipLibCheck off, then imports each package in plain Node. Catches what
// a workspace hides: missing files, broken `exports`, directory imports Node's ESM loader refuses.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'saml-jit-consumer-'));
const tarballs = [];
const names = [];
// Peer dependencies a TypeScript consumer installs itself (optional ones too: e.g. @types/express).
const peers = new Set();
for (const dir of readdirSync(join(root, 'packages'))) {
  let pkg;
  try {
    pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
  } catch {
    continue;
  }
  if (pkg.private) continue;
  for (const [peer, range] of Object.entries(pkg.peerDependencies ?? {})) {
    if (!peer.startsWith('@saml-jit/') && peer !== 'vitest') peers.add(`${peer}@${range}`);
  }
  const dest = join(work, 'tarballs', dir);
  mkdirSync(dest, { recursive: true });
  execFileSync('npx', ['-y', 'pnpm@12.4.2', 'pack', '--pack-destination', dest], {
    cwd: join(root, 'packages', dir),
    stdio: 'pipe',
  });
  tarballs.push(
    join(
      dest,
      readdirSync(dest).find((f) => f.endsWith('.tgz')),
    ),
  );
  names.push(pkg.name);
}
const app = join(work, 'app');
mkdirSync(app);
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: app, stdio: 'pipe', encoding: 'utf8' });
try {
  run('npm', [
    'install',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    ...tarballs,
    ...peers,
    'typescript@5.9.3',
    '@types/node@20',
  ]);
  const ids = names.map((n, i) => [n, `p${i}`]);
  writeFileSync(
    join(app, 'index.ts'),
    `${ids.map(([n, id]) => `import * as ${id} from '${n}';`).join('\n')}\n` +
      `const loaded: Record<string, number> = { ${ids.map(([n, id]) => `'${n}': Object.keys(${id}).length`).join(', ')} };\n` +
      'console.log(JSON.stringify(loaded));\n',
  );
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: false,
        types: ['node'],
        outDir: 'dist',
      },
      files: ['index.ts'],
    }),
  );
  run(join(app, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json']);
  const out = run('node', ['dist/index.js']);
  const loaded = JSON.parse(out);
  for (const n of names) {
    if (!(loaded[n] > 0)) throw new Error(`${n} loaded with no exports`);
    console.log(`ok   ${n}: installs from its tarball, type-checks, imports in Node (${loaded[n]} exports)`);
  }
} catch (e) {
  console.log(
    `FAIL consumer check\n${e.stdout ?? ''}${e.stderr ?? ''}${e.stdout || e.stderr ? '' : e.message}`,
  );
  process.exitCode = 1;
} finally {
  if (process.env.KEEP_CONSUMER) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
