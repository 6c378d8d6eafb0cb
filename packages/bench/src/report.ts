/**
 * Turns a run into the published figures: per input, a table of µs/op (wall-clock median and CPU
 * time), each with its ratio to the floor of the same run, and bytes/op with its ratio to the
 * floor's; the HTTP load figures; then the targets, each evaluated on the figures above it.
 * A target is met only if both clocks meet it: on a machine busy with other work, long operations
 * are pre-empted more often than short ones, which skews wall-clock ratios between contenders of
 * very different cost; CPU time is not skewed that way. Markdown for people, JSON for tools.
 */
import type { HttpBenchResult } from './http/http-bench.js';
import type { Timing } from './measure.js';
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

const fmtUs = (ns: number): string => {
  const v = ns / 1000;
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
};
const fmtRatio = (r: number): string =>
  r >= 10 ? `${r.toFixed(1)}×` : r >= 0.1 ? `${r.toFixed(2)}×` : `${(r * 100).toFixed(2)}%`;
const fmtBytes = (b: number): string =>
  b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(2)} MB` : `${(b / 1024).toFixed(0)} KB`;

const row = (input: InputResult, id: string): Row | undefined => input.rows.find((r) => r.id === id);

type Clock = 'wall' | 'cpu';
const figure = (t: Timing, clock: Clock): number => (clock === 'wall' ? t.medianNs : t.cpuNs);
const timeOf = (input: InputResult, id: string, clock: Clock): number | null => {
  const t = row(input, id)?.timing;
  return t ? figure(t, clock) : null;
};

/** The ratio of `id`'s time to the floor's, in one input. */
export const ratioToFloor = (input: InputResult, id: string, clock: Clock = 'wall'): number | null => {
  const f = timeOf(input, 'floor', clock);
  const x = timeOf(input, id, clock);
  return f === null || x === null ? null : x / f;
};

const both = (input: InputResult, id: string): { wall: number; cpu: number } | null => {
  const wall = ratioToFloor(input, id, 'wall');
  const cpu = ratioToFloor(input, id, 'cpu');
  return wall === null || cpu === null ? null : { wall, cpu };
};

const peerAdvantage = (input: InputResult, clock: Clock): { ratio: number; closest: string } | null => {
  const ours = timeOf(input, 'ours', clock);
  const peers = input.rows.filter((r) => r.kind === 'peer' && r.timing !== null);
  if (ours === null || peers.length === 0) return null;
  const ranked = peers
    .map((p) => ({ ratio: figure(p.timing as Timing, clock) / ours, closest: p.id }))
    .sort((a, b) => a.ratio - b.ratio);
  return ranked[0] ?? null;
};

/** The "Done when" figures, evaluated on this run. */
export const targets = (result: BenchReport): TargetCheck[] => {
  const checks: TargetCheck[] = [];
  const find = (id: string) => result.inputs.find((i) => i.id === id);
  const ratioCheck = (input: InputResult, id: string, target: string, limit: number): void => {
    const r = both(input, id);
    if (r !== null)
      checks.push({
        target,
        figure: `${fmtRatio(r.wall)} (CPU ${fmtRatio(r.cpu)})`,
        met: r.wall <= limit && r.cpu <= limit,
      });
  };
  for (const id of ['small-assertion', 'small-response', 'large-assertion']) {
    const input = find(id);
    if (input === undefined) continue;
    ratioCheck(input, 'ours', `${id}: validation ≤ 1.5× floor`, 1.5);
    const wall = peerAdvantage(input, 'wall');
    const cpu = peerAdvantage(input, 'cpu');
    if (wall !== null && cpu !== null)
      checks.push({
        target: `${id}: ≥ 10× faster than every peer`,
        figure: `${wall.ratio.toFixed(1)}× (CPU ${cpu.ratio.toFixed(1)}×), closest: ${wall.closest} (CPU: ${cpu.closest})`,
        met: wall.ratio >= 10 && cpu.ratio >= 10,
      });
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
    if (input === undefined) continue;
    ratioCheck(input, 'login-sqlite', `${id}: full login into SQLite (synchronous=FULL) ≤ 3× floor`, 3);
    ratioCheck(
      input,
      'login-sqlite-normal',
      `${id}: full login into SQLite (synchronous=NORMAL) ≤ 3× floor`,
      3,
    );
  }
  const small = find('small-assertion');
  for (const [id, what] of [
    ['refusal', 'a 4 MiB input'],
    ['refusal-edge', 'an input just over 1 MiB'],
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
    const target = 'HTTP load benchmark: figures, no failed request';
    if ('error' in result.http) {
      checks.push({ target, figure: result.http.error, met: false });
    } else {
      const sent = result.http.phases.reduce((n, p) => n + p.load.sent, 0);
      const failed = result.http.phases.reduce((n, p) => n + p.load.failures, 0);
      checks.push({ target, figure: `${failed} failed of ${sent}`, met: failed === 0 && sent > 0 });
    }
  }
  return checks;
};

const rowLine = (input: InputResult, r: Row, floorBytes: number | null): string => {
  if (r.timing === null)
    return `| ${r.label} | ${r.status === 'unsupported' ? 'n/a' : '**failed**'}: ${r.note ?? ''} |||||||`;
  const t = r.timing;
  const label = r.kind === 'ours' || r.kind === 'login' ? `**${r.label}**` : r.label;
  const wall = ratioToFloor(input, r.id, 'wall');
  const cpu = ratioToFloor(input, r.id, 'cpu');
  const bytes = r.allocatedBytes;
  return [
    '',
    label,
    fmtUs(t.medianNs),
    `${fmtUs(t.p10Ns)}–${fmtUs(t.p90Ns)}`,
    wall === null ? '' : fmtRatio(wall),
    fmtUs(t.cpuNs),
    cpu === null ? '' : fmtRatio(cpu),
    bytes === null ? '' : fmtBytes(bytes),
    bytes === null || floorBytes === null ? '' : fmtRatio(bytes / floorBytes),
    '',
  ]
    .join(' | ')
    .trim();
};

const tableOf = (input: InputResult): string =>
  [
    `### ${input.label} — ${(input.bytes / 1024).toFixed(1)} KB XML (${input.id})`,
    '',
    '| contender | µs/op | single op p10–p90 µs | × floor | CPU µs/op | × floor (CPU) | bytes/op | × floor bytes |',
    '|---|--:|--:|--:|--:|--:|--:|--:|',
    ...input.rows
      .filter((r) => !(r.kind === 'refusal' && r.status === 'unsupported'))
      .map((r) => rowLine(input, r, row(input, 'floor')?.allocatedBytes ?? null)),
  ].join('\n');

const httpSection = (result: BenchReport): string[] => {
  const h = result.http;
  if (h === null) return [];
  if ('error' in h) return ['### HTTP load (saml-jit serve)', '', `Not measured: ${h.error}`, ''];
  const small = result.inputs.find((i) => i.id === 'small-assertion');
  const oursNs = small === undefined ? null : timeOf(small, 'ours', 'wall');
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
  return [
    `# saml-jit benchmark — ${result.startedAt}`,
    '',
    `${m.cpu}, ${m.cores} cores, Node ${m.node} (${m.platform}); run took ${result.durationS} s; load average ` +
      `${m.loadAverage.map((l) => l.toFixed(1)).join(' / ')} at the start. Interleaved rounds: ${result.plan.rounds}, ` +
      `warm-up ${result.plan.warmupMs} ms per contender, allocation: median of ${result.plan.allocationReps} single operations.`,
    '',
    ...result.inputs.flatMap((i) => [tableOf(i), '']),
    ...httpSection(result),
    '### Targets (issue 7; met = on both wall-clock and CPU figures)',
    '',
    '| target | this run | met |',
    '|---|---|---|',
    ...targets(result).map(
      (c) => `| ${c.target} | ${c.figure} | ${c.met === null ? '—' : c.met ? 'yes' : '**no**'} |`,
    ),
    '',
  ].join('\n');
};

/** The JSON document: the run, plus the evaluated targets. */
export const toJson = (result: BenchReport): string =>
  `${JSON.stringify({ ...result, targets: targets(result) }, null, 2)}\n`;
