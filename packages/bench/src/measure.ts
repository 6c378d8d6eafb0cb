/**
 * The timing loop: in one process, contenders of one input are measured in interleaved rounds
 * (round r starts with contender r mod n, so none is always first or last), after a warm-up that
 * lets V8 optimise every path. In each round a contender runs a batch of operations (~100 ms, or
 * at least one); each operation is timed with `process.hrtime.bigint()` (operations under ~20 µs
 * in groups, divided by the group's size).
 *
 * The headline figure is the median over rounds of each round's mean time per operation: a mean,
 * so the garbage collections a contender causes are charged to it (a median of single operations
 * would skip the few that absorb a GC pause); a median over rounds, so a round disturbed by other
 * work on the machine does not move it. The spread of single operations (p10–p90) is the latency.
 * Each round also yields the process CPU time per operation (`process.cpuUsage`, all threads, so
 * GC helper threads count): CPU time is the steadier estimate of a contender's own cost when the
 * machine is shared, wall time the honest latency. A full GC runs before each batch, outside the
 * timed region, so no contender pays for another's garbage.
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
  /** Wall-clock time per operation: median over rounds of the round's mean. */
  readonly medianNs: number;
  /** 10th and 90th percentiles of single operations (latency spread). */
  readonly p10Ns: number;
  readonly p90Ns: number;
  readonly samples: number;
  readonly ops: number;
  /** CPU time per operation: median over rounds of the round's mean. */
  readonly cpuNs: number;
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

const medianOf = (xs: readonly number[]): number =>
  quantile(
    [...xs].sort((a, b) => a - b),
    0.5,
  );

/** Per-operation samples, plus per-round means (wall and CPU) when there are rounds. */
export const summarise = (
  samples: readonly number[],
  ops: number,
  rounds: { readonly wall: readonly number[]; readonly cpu: readonly number[] } | null = null,
): Timing => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    cpuNs: rounds === null ? Number.NaN : medianOf(rounds.cpu),
    medianNs: rounds === null ? quantile(sorted, 0.5) : medianOf(rounds.wall),
    p10Ns: quantile(sorted, 0.1),
    p90Ns: quantile(sorted, 0.9),
    samples: sorted.length,
    ops,
  };
};

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
};

/**
 * Runs `n` groups of `batch` operations, calling `beforeRound` whenever the contender's pool is
 * used up (outside the timed region); pushes the wall time per operation of each group to `out`;
 * returns the wall and CPU time per operation over all groups.
 */
const runOps = async (
  p: Prepared,
  n: number,
  batch: number,
  out: number[] | null,
): Promise<{ wall: number; cpu: number }> => {
  const cap = p.maxOpsPerRound ?? Number.POSITIVE_INFINITY;
  let used = cap;
  let cpu = 0;
  let wall = 0;
  for (let i = 0; i < n; i++) {
    if (used + batch > cap) {
      await p.beforeRound?.();
      used = 0;
    }
    const c0 = cpuNow();
    const t0 = now();
    for (let j = 0; j < batch; j++) await p.run();
    const t1 = now();
    cpu += cpuNow() - c0;
    wall += t1 - t0;
    used += batch;
    out?.push((t1 - t0) / batch);
  }
  return { wall: wall / (n * batch), cpu: cpu / (n * batch) };
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
  const rounds = contenders.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  for (let r = 0; r < plan.rounds; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const i = (r + k) % contenders.length;
      const p = contenders[i] as Prepared;
      const s = shape[i] as { batch: number; perRound: number };
      gc();
      const mean = await runOps(p, s.perRound, s.batch, samples[i] as number[]);
      rounds[i]?.wall.push(mean.wall);
      rounds[i]?.cpu.push(mean.cpu);
    }
  }
  return samples.map((s, i) =>
    summarise(s, s.length * (shape[i] as { batch: number }).batch, rounds[i] ?? null),
  );
};
