/**
 * A loopback load generator: POSTs pre-made form bodies to one URL at a fixed concurrency, over
 * keep-alive connections, and records each request's latency and status. Bounded three ways: the
 * bodies it is given (each sent once), a deadline, and the target, which must be 127.0.0.1 — it
 * refuses any other host, so it can never load anything but this machine.
 */
import { Agent, request } from 'node:http';

export interface LoadOptions {
  /** `http://127.0.0.1:PORT/…` */
  readonly url: string;
  /** One request per body, in order (`SAMLResponse=…` form bodies). */
  readonly bodies: readonly string[];
  readonly concurrency: number;
  /** Stop sending new requests after this long. */
  readonly maxDurationMs: number;
  /** The status a successful request answers. */
  readonly expectStatus: number;
}

export interface LoadResult {
  readonly sent: number;
  readonly failures: number;
  /** Status (or error code) → count, for the failures. */
  readonly failureKinds: Readonly<Record<string, number>>;
  readonly durationMs: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const quantile = (sorted: readonly number[], q: number): number =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);

const post = (agent: Agent, url: URL, body: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });

/**
 * @example
 * const r = await runLoad({ url: 'http://127.0.0.1:3000/saml/acs/bench', bodies, concurrency: 16, maxDurationMs: 30_000, expectStatus: 303 });
 * r.perSecond; r.p99Ms; r.failures // 0
 */
export const runLoad = async (options: LoadOptions): Promise<LoadResult> => {
  const url = new URL(options.url);
  if (url.hostname !== '127.0.0.1' || url.protocol !== 'http:') {
    throw new Error(`the load generator only targets http://127.0.0.1 (got ${url.origin})`);
  }
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  const failureKinds: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  const deadline = started + options.maxDurationMs;
  const worker = async (): Promise<void> => {
    while (next < options.bodies.length && performance.now() < deadline) {
      const body = options.bodies[next++] as string;
      const t0 = performance.now();
      let kind: string | null = null;
      try {
        const status = await post(agent, url, body);
        if (status !== options.expectStatus) kind = `HTTP ${status}`;
      } catch (e) {
        kind = (e as { code?: string }).code ?? (e instanceof Error ? e.message : 'error');
      }
      latencies.push(performance.now() - t0);
      if (kind !== null) failureKinds[kind] = (failureKinds[kind] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const durationMs = performance.now() - started;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    sent: latencies.length,
    failures: Object.values(failureKinds).reduce((a, b) => a + b, 0),
    failureKinds,
    durationMs,
    perSecond: (latencies.length * 1000) / durationMs,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    maxMs: latencies[latencies.length - 1] ?? Number.NaN,
  };
};
