/**
 * Bytes allocated per operation. Run in a child process started with `--expose-gc` and 256 MiB
 * semi-spaces (`--min-semi-space-size=256 --max-semi-space-size=256`): an operation allocating
 * less than that never triggers a scavenge, so after a full GC the growth of
 * `heapUsed + external` across one operation is everything it allocated — live or garbage, JS
 * heap or Buffer memory. `v8.GCProfiler` watches for GCs: a sample during which one ran anyway
 * is discarded and taken again. The median of several single operations, after a warm-up,
 * is reported.
 */
import { setImmediate as tick } from 'node:timers/promises';
import { GCProfiler } from 'node:v8';
import type { Prepared } from './contender.js';

const gc = (): void => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g === undefined) throw new Error('allocation measurement needs node --expose-gc');
  g();
};

const used = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

/** A full GC, then let freed Buffer memory be released before the next reading. */
const settle = async (): Promise<void> => {
  gc();
  await tick();
  gc();
  await tick();
};

/**
 * @example
 * await allocatedPerOp(prepared, { warmup: 20, warmupMs: 1000, reps: 7 }) // ≈ 350_000 (bytes)
 */
export const allocatedPerOp = async (
  p: Prepared,
  { warmup, warmupMs, reps }: { warmup: number; warmupMs: number; reps: number },
): Promise<number> => {
  const cap = p.maxOpsPerRound ?? Number.POSITIVE_INFINITY;
  let inRound = cap;
  const nextRound = async () => {
    if (inRound >= cap) {
      await p.beforeRound?.();
      inRound = 0;
    }
  };
  const until = Date.now() + warmupMs;
  for (let i = 0; i < warmup && Date.now() < until; i++) {
    await nextRound();
    inRound++;
    await p.run();
  }
  const deltas: number[] = [];
  for (let attempt = 0; deltas.length < reps && attempt < reps * 3; attempt++) {
    await nextRound();
    await settle();
    const profiler = new GCProfiler();
    profiler.start();
    const before = used();
    inRound++;
    await p.run();
    const delta = used() - before;
    if (profiler.stop().statistics.length === 0) deltas.push(delta);
  }
  if (deltas.length === 0) throw new Error('every allocation sample was disturbed by a GC');
  deltas.sort((a, b) => a - b);
  return deltas[Math.floor(deltas.length / 2)] as number;
};
