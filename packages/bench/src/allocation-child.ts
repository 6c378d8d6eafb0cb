/**
 * The allocation child process (started by run.ts with `--expose-gc` and 256 MiB semi-spaces):
 * rebuilds the parent's world from its seed file — same keys, same input bytes — and prints one
 * JSON line `{ [inputId]: { [contenderId]: bytesPerOp } }` on stdout.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allocatedPerOp } from './allocation.js';
import { isUnsupported } from './contender.js';
import { buildWorld, type WorldSeed } from './inputs.js';
import { contenderById } from './registry.js';

const seedFile = process.argv[2];
if (seedFile === undefined) throw new Error('usage: allocation-child <world.json>');
const seed = JSON.parse(readFileSync(seedFile, 'utf8')) as WorldSeed;
const inputs = (process.env.BENCH_INPUTS ?? '').split(',').filter(Boolean);
const contenders = (process.env.BENCH_CONTENDERS ?? '').split(',').filter(Boolean);
const reps = Number(process.env.BENCH_REPS ?? '5');

const { world, factory } = buildWorld({ seed });
const scratch = mkdtempSync(join(tmpdir(), 'saml-jit-bench-alloc-'));
const result: Record<string, Record<string, number>> = {};
try {
  for (const input of world.inputs.filter((i) => inputs.includes(i.id))) {
    const row: Record<string, number> = {};
    for (const id of contenders) {
      try {
        const p = await contenderById(id).prepare(input, {
          world,
          factory,
          scratch,
          quick: process.env.BENCH_QUICK === '1',
        });
        if (isUnsupported(p)) continue;
        await p.check();
        row[id] = await allocatedPerOp(p, { warmup: 30, warmupMs: 1000, reps });
        await p.close?.();
      } catch {
        // Reported by the timing run, which prepares the same contender on the same input.
      }
    }
    result[input.id] = row;
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.stdout.write(`\n${JSON.stringify(result)}\n`);
