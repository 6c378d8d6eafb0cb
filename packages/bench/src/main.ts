/**
 * `pnpm bench`: the in-process benchmark, then the HTTP load benchmark (`saml-jit serve` on
 * PostgreSQL + Redis); writes `results/latest.json` and `results/latest.md` (or `--out DIR`).
 * Options:
 *   --inputs a,b        input IDs (default: all)      --contenders x,y   contender IDs (default: all)
 *   --budget-s N        timed seconds per input       --rounds N         interleaved rounds
 *   --no-alloc          skip the allocation child     --no-http          skip the HTTP load benchmark
 *   --users N           new users in the HTTP phases  --concurrency N    HTTP clients (default 16)
 *   --quick             a few seconds, for a smoke run
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runHttpBench } from './http/http-bench.js';
import { INPUT_IDS } from './inputs.js';
import { CONTENDER_IDS } from './registry.js';
import { type BenchReport, type HttpOutcome, toJson, toMarkdown } from './report.js';
import { runBench } from './run.js';

const { values } = parseArgs({
  options: {
    inputs: { type: 'string' },
    contenders: { type: 'string' },
    'budget-s': { type: 'string' },
    rounds: { type: 'string' },
    'no-alloc': { type: 'boolean' },
    'no-http': { type: 'boolean' },
    users: { type: 'string' },
    concurrency: { type: 'string' },
    quick: { type: 'boolean' },
    out: { type: 'string' },
  },
  strict: true,
});

const list = (s: string | undefined, all: readonly string[]) => (s === undefined ? all : s.split(','));

// Some peers warn on every call (xml-encryption 4, under @boxyhq/saml20, on each CBC decryption).
// Each distinct warning is shown once; the repeats are counted, not printed: that spares the peer
// the cost of writing to the terminal on every operation (in its favour) and keeps the log legible.
const warnings = new Map<string, number>();
console.warn = (...args: unknown[]) => {
  const text = args.map(String).join(' ');
  const seen = warnings.get(text) ?? 0;
  warnings.set(text, seen + 1);
  if (seen === 0) process.stderr.write(`(warning from a peer, shown once) ${text}\n`);
};
const quick = values.quick === true;
const log = (line: string) => console.log(line);
const result = await runBench({
  inputs: list(values.inputs, quick ? ['small-assertion'] : INPUT_IDS),
  contenders: list(values.contenders, CONTENDER_IDS),
  plan: {
    warmupMs: quick ? 20 : 250,
    minWarmupOps: quick ? 1 : 5,
    rounds: Number(values.rounds ?? (quick ? 2 : 8)),
    budgetMs: Number(values['budget-s'] ?? (quick ? 0.2 : 8)) * 1000,
    minSamples: quick ? 2 : 8,
  },
  allocationReps: values['no-alloc'] === true ? 0 : quick ? 1 : 5,
  log,
  quick,
});

let http: HttpOutcome = null;
if (values['no-http'] !== true) {
  log('\nHTTP load benchmark (saml-jit serve, PostgreSQL + Redis)…');
  try {
    http = await runHttpBench({
      concurrency: Number(values.concurrency ?? 16),
      users: Number(values.users ?? (quick ? 20 : 300)),
      warmup: quick ? 10 : 100,
      maxPhaseMs: 30_000,
      log,
    });
  } catch (e) {
    http = { error: e instanceof Error ? e.message : String(e) };
    log(`HTTP load benchmark not measured: ${http.error}`);
  }
}

const report: BenchReport = { ...result, http };
const out = values.out ?? fileURLToPath(new URL('../results', import.meta.url));
mkdirSync(out, { recursive: true });
const md = toMarkdown(report);
writeFileSync(join(out, 'latest.json'), toJson(report));
writeFileSync(join(out, 'latest.md'), md);
console.log(`\n${md}\nwritten to ${out}/latest.{json,md}`);
