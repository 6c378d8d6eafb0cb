/**
 * The shared reader of the interop corpus's manifest: the real corpus reads whole and typed, and
 * anything of another shape is a Left that names the entry and the field.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { loadInteropManifest } from '../src/index.js';

const corpus =
  process.env.SAML_JIT_FIXTURES ??
  resolve(fileURLToPath(new URL('../../../', import.meta.url)), '..', 'shared', 'fixtures', 'interop');

const withManifest = (content: string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'saml-jit-manifest-'));
  writeFileSync(join(dir, 'manifest.json'), content);
  return dir;
};

describe('loadInteropManifest', () => {
  it('reads the real corpus: 129 entries, 46 positives', () => {
    const m = loadInteropManifest(corpus);
    if (E.isLeft(m)) throw new Error(m.left);
    expect(m.right.length).toBeGreaterThanOrEqual(129);
    expect(m.right.filter((e) => e.expect.ok).length).toBeGreaterThanOrEqual(46);
  });
  it('a missing file or a manifest that is not a list is a Left', () => {
    expect(loadInteropManifest(join(tmpdir(), 'no-such-corpus'))).toMatchObject({ _tag: 'Left' });
    expect(loadInteropManifest(withManifest('{"id":1}'))).toEqual(
      E.left('manifest.json is not a list of entries'),
    );
    expect(loadInteropManifest(withManifest('not json'))).toMatchObject({ _tag: 'Left' });
  });
  it('an entry of another shape is a Left naming the entry and the field', () => {
    const real = loadInteropManifest(corpus);
    if (E.isLeft(real)) throw new Error(real.left);
    const first = real.right[0] as unknown as Record<string, unknown>;
    const broken = (change: Record<string, unknown>) =>
      loadInteropManifest(withManifest(JSON.stringify([{ ...first, ...change }])));
    expect(broken({ encoding: 'gzip' })).toEqual(E.left(`manifest entry ${String(first.id)}: bad encoding`));
    expect(broken({ clock: 'yesterday' })).toEqual(E.left(`manifest entry ${String(first.id)}: bad clock`));
    expect(broken({ expect: { ok: true } })).toEqual(
      E.left(`manifest entry ${String(first.id)}: bad expect`),
    );
    expect(broken({ expect: { ok: false, category: 'time' } })).toMatchObject({ _tag: 'Right' });
  });
});
