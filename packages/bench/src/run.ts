/**
 * One benchmark run: build the inputs, then for each input prepare and check every contender,
 * time them interleaved (measure.ts), and measure their allocation in a child process
 * (allocation-child.ts) on the very same bytes. Returns plain data for report.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Contender, isUnsupported, type Prepared } from './contender.js';
import { type BenchInput, buildWorld, seedOf } from './inputs.js';
import { measure, type Timing, type TimingPlan } from './measure.js';
import { contenderById } from './registry.js';

export interface RunOptions {
  readonly inputs: readonly string[];
  readonly contenders: readonly string[];
  readonly plan: TimingPlan;
  /** Allocation: operations measured (median reported); 0 skips the child process. */
  readonly allocationReps: number;
  readonly log: (line: string) => void;
  /** Smallest pools (see ContenderContext.quick). */
  readonly quick: boolean;
}

export type RowStatus = 'ok' | 'unsupported' | 'failed';

export interface Row {
  readonly id: string;
  readonly label: string;
  readonly kind: Contender['kind'];
  readonly status: RowStatus;
  /** Why a row has no figures. */
  readonly note: string | null;
  readonly timing: Timing | null;
  readonly allocatedBytes: number | null;
}

export interface InputResult {
  readonly id: string;
  readonly label: string;
  readonly bytes: number;
  readonly base64Length: number;
  readonly rows: readonly Row[];
}

export interface RunResult {
  readonly startedAt: string;
  readonly durationS: number;
  readonly machine: {
    node: string;
    cpu: string;
    cores: number;
    platform: string;
    /** 1, 5 and 15 minute load averages at the start: other work on the machine skews wall times. */
    loadAverage: readonly number[];
  };
  readonly plan: TimingPlan & { allocationReps: number };
  readonly inputs: readonly InputResult[];
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';

interface Entry {
  readonly contender: Contender;
  prepared: Prepared | null;
  status: RowStatus;
  note: string | null;
}

const prepareAll = async (
  input: BenchInput,
  ids: readonly string[],
  ctx: Parameters<Contender['prepare']>[1],
  log: (line: string) => void,
): Promise<Entry[]> => {
  const entries: Entry[] = [];
  for (const id of ids) {
    const contender = contenderById(id);
    const entry: Entry = { contender, prepared: null, status: 'ok', note: null };
    try {
      const p = await contender.prepare(input, ctx);
      if (isUnsupported(p)) {
        entry.status = 'unsupported';
        entry.note = p.unsupported;
      } else {
        // Checked once before any timing: a contender that fails is reported, never timed.
        const got = await p.check();
        entry.prepared = p;
        log(`  ${id.padEnd(14)} ok (${got})`);
      }
    } catch (e) {
      entry.status = 'failed';
      entry.note = message(e);
      log(`  ${id.padEnd(14)} FAILED: ${entry.note}`);
    }
    entries.push(entry);
  }
  return entries;
};

const CHILD = fileURLToPath(new URL('./allocation-child.js', import.meta.url));

/** Runs the allocation child on the same world; resolves to bytes/op by input and contender. */
const allocations = async (
  seedFile: string,
  options: RunOptions,
  inputs: readonly string[],
): Promise<Record<string, Record<string, number>>> => {
  const args = ['--expose-gc', '--min-semi-space-size=256', '--max-semi-space-size=256', CHILD, seedFile];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      ...process.env,
      BENCH_INPUTS: inputs.join(','),
      BENCH_CONTENDERS: options.contenders.join(','),
      BENCH_REPS: String(options.allocationReps),
      BENCH_QUICK: options.quick ? '1' : '',
    },
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`allocation child exited with ${code}`);
  return JSON.parse(out.slice(out.lastIndexOf('\n{') + 1)) as Record<string, Record<string, number>>;
};

/**
 * @example
 * const result = await runBench({ inputs: ['small-assertion'], contenders: ['floor', 'ours'], plan, allocationReps: 5, log: console.log });
 */
export const runBench = async (options: RunOptions): Promise<RunResult> => {
  const started = Date.now();
  const loadAverage = loadavg();
  const scratch = mkdtempSync(join(tmpdir(), 'saml-jit-bench-'));
  try {
    options.log(`building inputs (${options.inputs.join(', ')})…`);
    const { world, factory } = buildWorld({ only: options.inputs });
    const results: InputResult[] = [];
    for (const input of world.inputs) {
      options.log(`\n${input.id}: ${input.bytes} bytes of XML, ${input.base64.length} of base64`);
      const entries = await prepareAll(
        input,
        options.contenders,
        { world, factory, scratch, quick: options.quick },
        options.log,
      );
      const timed = entries.filter((e) => e.prepared !== null);
      const timings = await measure(
        timed.map((e) => e.prepared as Prepared),
        options.plan,
      );
      for (const e of entries) await e.prepared?.close?.();
      results.push({
        id: input.id,
        label: input.label,
        bytes: input.bytes,
        base64Length: input.base64.length,
        rows: entries.map((e) => ({
          id: e.contender.id,
          label: e.contender.label,
          kind: e.contender.kind,
          status: e.status,
          note: e.note,
          timing: e.prepared === null ? null : (timings[timed.indexOf(e)] ?? null),
          allocatedBytes: null,
        })),
      });
    }
    let bytes: Record<string, Record<string, number>> = {};
    if (options.allocationReps > 0) {
      options.log('\nmeasuring allocation (child process, --expose-gc, 256 MiB semi-spaces)…');
      const seedFile = join(scratch, 'world.json');
      writeFileSync(seedFile, JSON.stringify(seedOf(world)), { mode: 0o600 });
      bytes = await allocations(
        seedFile,
        options,
        world.inputs.map((i) => i.id),
      );
    }
    const cpu = cpus()[0]?.model ?? 'unknown';
    return {
      startedAt: new Date(started).toISOString(),
      durationS: Math.round((Date.now() - started) / 100) / 10,
      machine: {
        node: process.version,
        cpu,
        cores: cpus().length,
        platform: `${process.platform}-${process.arch}`,
        loadAverage,
      },
      plan: { ...options.plan, allocationReps: options.allocationReps },
      inputs: results.map((r) => ({
        ...r,
        rows: r.rows.map((row) =>
          row.status === 'ok' ? { ...row, allocatedBytes: bytes[r.id]?.[row.id] ?? null } : row,
        ),
      })),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
};
