/**
 * Turns a run into the published figures: per input, a table of µs/op, the ratio to the floor of
 * the same run, and bytes/op (and their ratio to the floor's); then the issue's targets, each
 * evaluated on the figures above it. Markdown for people, JSON for tools.
 */
import type { HttpBenchResult } from './http/http-bench.js';
import type { InputResult, Row, RunResult } from './run.js';

/** The HTTP load benchmark's outcome: its figures, why it could not run, or not asked for. */
export type HttpOutcome = HttpBenchResult | { readonly error: string } | null;

/** Everything one `pnpm bench` produced. */
export interface BenchReport extends RunResult {
  readonly http: HttpOutcome;
}

export interface TargetCheck {
  readonly target: string;
  readonly figure: string;
  readonly met: boolean | null;
}

const us = (ns: number): number => ns / 1000;
const fmtUs = (ns: number): string => {
  const v = us(ns);
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
};
const fmtRatio = (r: number): string =>
  r >= 10 ? `${r.toFixed(1)}×` : r >= 0.1 ? `${r.toFixed(2)}×` : `${(r * 100).toFixed(2)}%`;
const fmtBytes = (b: number): string =>
  b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(2)} MB` : `${(b / 1024).toFixed(0)} KB`;

const row = (input: InputResult, id: string): Row | undefined => input.rows.find((r) => r.id === id);
const median = (r: Row | undefined): number | null => (r?.timing ? r.timing.medianNs : null);

/** The ratio of `id`'s median to the floor's, in one input. */
export const ratioToFloor = (input: InputResult, id: string): number | null => {
  const f = median(row(input, 'floor'));
  const x = median(row(input, id));
  return f === null || x === null ? null : x / f;
};

const peers = (input: InputResult): Row[] => input.rows.filter((r) => r.kind === 'peer' && r.timing !== null);

/** The issue's "Done when" figures, evaluated on this run. */
export const targets = (result: BenchReport): TargetCheck[] => {
  const checks: TargetCheck[] = [];
  const find = (id: string) => result.inputs.find((i) => i.id === id);
  for (const id of ['small-assertion', 'small-response', 'large-assertion']) {
    const input = find(id);
    if (input === undefined) continue;
    const r = ratioToFloor(input, 'ours');
    if (r !== null)
      checks.push({ target: `${id}: validation ≤ 1.5× floor`, figure: fmtRatio(r), met: r <= 1.5 });
    const ours = median(row(input, 'ours'));
    if (ours !== null) {
      const ps = peers(input);
      const slowest = ps.length === 0 ? null : Math.min(...ps.map((p) => (p.timing?.medianNs ?? 0) / ours));
      const fastest = ps.find((p) => (p.timing?.medianNs ?? 0) / ours === slowest);
      if (slowest !== null)
        checks.push({
          target: `${id}: ≥ 10× faster than every peer`,
          figure: `${slowest.toFixed(1)}× (closest: ${fastest?.id})`,
          met: slowest >= 10,
        });
    }
    const fb = row(input, 'floor')?.allocatedBytes ?? null;
    const ob = row(input, 'ours')?.allocatedBytes ?? null;
    if (fb !== null && ob !== null)
      checks.push({
        target: `${id}: allocation ≤ 2× floor`,
        figure: `${fmtBytes(ob)} vs ${fmtBytes(fb)} (${fmtRatio(ob / fb)})`,
        met: ob <= 2 * fb,
      });
  }
  for (const id of ['small-assertion', 'large-assertion']) {
    const input = find(id);
    const r = input === undefined ? null : ratioToFloor(input, 'login-sqlite');
    if (r !== null)
      checks.push({ target: `${id}: full login into SQLite ≤ 3× floor`, figure: fmtRatio(r), met: r <= 3 });
  }
  const small = find('small-assertion');
  for (const [id, what] of [
    ['refusal', 'a 4 MiB input'],
    ['refusal-edge', 'an input just over 1 MiB (decoded, not parsed)'],
  ] as const) {
    const refused = small === undefined ? null : ratioToFloor(small, id);
    if (refused !== null)
      checks.push({
        target: `${what} refused in < 1% of the floor`,
        figure: fmtRatio(refused),
        met: refused < 0.01,
      });
  }
  if (result.http !== null) {
    if ('error' in result.http) {
      checks.push({
        target: 'HTTP load benchmark: figures, no failed request',
        figure: result.http.error,
        met: false,
      });
    } else {
      const sent = result.http.phases.reduce((n, p) => n + p.load.sent, 0);
      const failed = result.http.phases.reduce((n, p) => n + p.load.failures, 0);
      checks.push({
        target: 'HTTP load benchmark: figures, no failed request',
        figure: `${failed} failed of ${sent}`,
        met: failed === 0 && sent > 0,
      });
    }
  }
  return checks;
};

const tableOf = (input: InputResult): string => {
  const floorRow = row(input, 'floor');
  const fb = floorRow?.allocatedBytes ?? null;
  const lines = [
    `### ${input.label} — ${(input.bytes / 1024).toFixed(1)} KB XML (${input.id})`,
    '',
    '| contender | µs/op (median) | p10–p90 µs | × floor | bytes/op | × floor bytes |',
    '|---|--:|--:|--:|--:|--:|',
  ];
  for (const r of input.rows) {
    if (r.kind === 'refusal' && r.status === 'unsupported') continue;
    if (r.timing === null) {
      lines.push(
        `| ${r.label} | ${r.status === 'unsupported' ? 'n/a' : '**failed**'}: ${r.note ?? ''} | | | | |`,
      );
      continue;
    }
    const ratio = ratioToFloor(input, r.id);
    const t = r.timing;
    lines.push(
      `| ${r.kind === 'ours' || r.kind === 'login' ? `**${r.label}**` : r.label} | ${fmtUs(t.medianNs)} | ${fmtUs(t.p10Ns)}–${fmtUs(t.p90Ns)} | ${
        ratio === null ? '' : fmtRatio(ratio)
      } | ${r.allocatedBytes === null ? '' : fmtBytes(r.allocatedBytes)} | ${
        r.allocatedBytes === null || fb === null ? '' : fmtRatio(r.allocatedBytes / fb)
      } |`,
    );
  }
  return lines.join('\n');
};

const httpSection = (result: BenchReport): string[] => {
  const h = result.http;
  if (h === null) return [];
  if ('error' in h) return ['### HTTP load (saml-jit serve)', '', `Not measured: ${h.error}`, ''];
  const small = result.inputs.find((i) => i.id === 'small-assertion');
  const oursNs = small === undefined ? null : median(row(small, 'ours'));
  return [
    `### HTTP load — saml-jit serve on ${h.store} + ${h.state}, ${h.concurrency} concurrent clients on loopback`,
    '',
    '| phase | logins | logins/s | p50 ms | p99 ms | failures | µs per login (1/throughput) | × validation alone |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    ...h.phases.map((p) => {
      const perLoginUs = 1e6 / p.load.perSecond;
      const ratio = oursNs === null ? '' : fmtRatio((perLoginUs * 1000) / oursNs);
      return `| ${p.label} | ${p.load.sent} | ${p.load.perSecond.toFixed(0)} | ${p.load.p50Ms.toFixed(1)} | ${p.load.p99Ms.toFixed(1)} | ${p.load.failures} | ${perLoginUs.toFixed(0)} | ${ratio} |`;
    }),
    '',
  ];
};

/** The markdown report: header, one table per input, the HTTP load, the targets. */
export const toMarkdown = (result: BenchReport): string => {
  const m = result.machine;
  const parts = [
    `# saml-jit benchmark — ${result.startedAt}`,
    '',
    `${m.cpu}, ${m.cores} cores, Node ${m.node} (${m.platform}); run took ${result.durationS} s. ` +
      `Interleaved rounds: ${result.plan.rounds}, warm-up ${result.plan.warmupMs} ms per contender, ` +
      `allocation: median of ${result.plan.allocationReps} single operations.`,
    '',
    ...result.inputs.flatMap((i) => [tableOf(i), '']),
    ...httpSection(result),
    '### Targets (issue 7)',
    '',
    '| target | this run | met |',
    '|---|---|---|',
    ...targets(result).map(
      (c) => `| ${c.target} | ${c.figure} | ${c.met === null ? '—' : c.met ? 'yes' : '**no**'} |`,
    ),
    '',
  ];
  return parts.join('\n');
};

/** The JSON document: the run, plus the evaluated targets. */
export const toJson = (result: BenchReport): string =>
  `${JSON.stringify({ ...result, targets: targets(result) }, null, 2)}\n`;
