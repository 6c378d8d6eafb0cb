#!/usr/bin/env node
// Packs every published workspace package and checks the tarball the way a consumer would get it:
// publint (package.json and files) and @arethetypeswrong/cli (types behind the exports map, ESM).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'saml-jit-pack-'));
const bin = (name) => join(root, 'node_modules', '.bin', name);
let failed = 0;
for (const dir of readdirSync(join(root, 'packages'))) {
  const pkgDir = join(root, 'packages', dir);
  let pkg;
  try {
    pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  } catch {
    continue;
  }
  if (pkg.private) continue;
  const dest = join(out, dir);
  execFileSync('npx', ['-y', 'pnpm@12.4.2', 'pack', '--pack-destination', dest], {
    cwd: pkgDir,
    stdio: 'pipe',
  });
  const tarball = join(
    dest,
    readdirSync(dest).find((f) => f.endsWith('.tgz')),
  );
  for (const [tool, args] of [
    ['publint', [tarball, '--strict']],
    ['attw', [tarball, '--profile', 'esm-only', '--format', 'table-flipped']],
  ]) {
    try {
      execFileSync(bin(tool), args, { stdio: 'pipe' });
      console.log(`ok   ${pkg.name}: ${tool}`);
    } catch (e) {
      failed += 1;
      console.log(`FAIL ${pkg.name}: ${tool}\n${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`);
    }
  }
}
rmSync(out, { recursive: true, force: true });
if (failed > 0) process.exit(1);
