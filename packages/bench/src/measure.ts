/**
 * The timing loop: in one process, contenders of one input are measured in interleaved rounds
 * (round r starts with contender r mod n, so none is always first or last), after a warm-up that
 * lets V8 optimise every path. Each sample is one operation (or a batch, for operations under
 * ~20 µs, divided by its size) timed with `process.hrtime.bigint()`. A full GC runs between
 * batches, outside the timed region, so one contender's garbage is not collected on another's
 * time; garbage a contender makes is collected during its own batch as it would be in service.
 */
import type { Prepared } from './contender.js';

export interface TimingPlan {
  /** Warm-up per contender, ms (at least `minWarmupOps` operations). */
  readonly warmupMs: number;
  readonly minWarmupOps: number;
  /** Rounds of the interleaved loop. */
  readonly rounds: number;
  /** Timed budget for the whole input (all contenders, all rounds), ms. */
  readonly budgetMs: number;
  /** Every contender gets at least this many samples. */
  readonly minSamples: number;
}

export interface Timing {
  readonly medianNs: number;
  readonly p10Ns: number;
  readonly p90Ns: number;
  readonly samples: number;
  readonly ops: number;
}

const gc: () => void = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const now = (): number => Number(process.hrtime.bigint());

const quantile = (sorted: readonly number[], q: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
};

export const summarise = (samples: readonly number[], ops: number): Timing => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    medianNs: quantile(sorted, 0.5),
    p10Ns: quantile(sorted, 0.1),
    p90Ns: quantile(sorted, 0.9),
    samples: sorted.length,
    ops,
  };
};

/** Runs `n` operations in rounds no longer than the contender allows; returns per-op times. */
const runOps = async (p: Prepared, n: number, batch: number, out: number[] | null): Promise<void> => {
  const cap = p.maxOpsPerRound ?? Number.POSITIVE_INFINITY;
  let used = cap;
  for (let i = 0; i < n; i++) {
    if (used + batch > cap) {
      await p.beforeRound?.();
      used = 0;
    }
    const t0 = now();
    for (let j = 0; j < batch; j++) await p.run();
    const t1 = now();
    used += batch;
    out?.push((t1 - t0) / batch);
  }
};

/** Warms a contender up and returns its estimated cost per operation, ns. */
const warmUp = async (p: Prepared, plan: TimingPlan): Promise<number> => {
  const times: number[] = [];
  const end = now() + plan.warmupMs * 1e6;
  while (times.length < plan.minWarmupOps || now() < end) {
    await runOps(p, 1, 1, times);
    if (times.length > 100_000) break;
  }
  return summarise(times.slice(Math.floor(times.length / 2)), times.length).medianNs;
};

/**
 * Measures every prepared contender of one input.
 * @example
 * const timings = await measure([floor, ours], plan); // Timing[] in the same order
 */
export const measure = async (contenders: readonly Prepared[], plan: TimingPlan): Promise<Timing[]> => {
  const costs: number[] = [];
  for (const p of contenders) costs.push(await warmUp(p, plan));
  const perRoundNs = (plan.budgetMs * 1e6) / Math.max(1, plan.rounds * contenders.length);
  const shape = contenders.map((p, i) => {
    const cost = Math.max(1, costs[i] as number);
    // Operations shorter than ~20 µs are timed in batches, so the clock's overhead stays < 1%.
    const batch = Math.max(1, Math.min(p.maxOpsPerRound ?? 1e9, Math.ceil(20_000 / cost)));
    const perRound = Math.max(
      Math.ceil(plan.minSamples / plan.rounds),
      Math.round(perRoundNs / (cost * batch)),
    );
    return { batch, perRound };
  });
  const samples: number[][] = contenders.map(() => []);
  for (let r = 0; r < plan.rounds; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const i = (r + k) % contenders.length;
      const p = contenders[i] as Prepared;
      const s = shape[i] as { batch: number; perRound: number };
      gc();
      await runOps(p, s.perRound, s.batch, samples[i] as number[]);
    }
  }
  return samples.map((s, i) => summarise(s, s.length * (shape[i] as { batch: number }).batch));
};
