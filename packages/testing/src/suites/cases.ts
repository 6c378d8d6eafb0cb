/**
 * How a conformance suite registers its tests with vitest: every test has a stable id, a skip
 * needs a written reason (printed when the suite is collected), an unknown id in `skips` is an
 * error, and a test that needs an optional harness hook the adapter did not give fails with a
 * message saying which hook to give — it never passes or disappears silently.
 */
import { expect, it } from 'vitest';

/** Test id → why this adapter skips it. The reason is printed and shown in the test's title. */
export type Skips<Id extends string> = Partial<Readonly<Record<Id, string>>>;

/** One figure of a concurrency or fault test, for reports and the issue notes. */
export interface Figure {
  readonly suite: string;
  readonly adapter: string;
  readonly test: string;
  /** How many concurrent operations were started. */
  readonly n: number;
  /** How many adapter instances (connection pools / clients) shared the store. */
  readonly instances: number;
  readonly elapsedMs: number;
  /** What happened, e.g. `{ fresh: 1, replayed: 39 }`. */
  readonly outcome: Readonly<Record<string, number>>;
}

export interface Case<Id extends string> {
  readonly id: Id;
  readonly title: string;
  /** The optional hooks this test needs, by option name, and whether the adapter gave them. */
  readonly needs?: Readonly<Record<string, boolean>>;
  readonly timeoutMs?: number;
  readonly run: () => Promise<void>;
}

const MIN_REASON = 10;

/** Prints a figure in one greppable line, and hands it to the caller's `onFigure`. */
export const reportFigure = (figure: Figure, onFigure?: (f: Figure) => void): void => {
  const outcome = Object.entries(figure.outcome)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  console.info(
    `[saml-jit conformance] ${figure.suite} ${figure.adapter} › ${figure.test}: ` +
      `N=${figure.n} instances=${figure.instances} elapsed=${figure.elapsedMs.toFixed(0)}ms ${outcome}`,
  );
  onFigure?.(figure);
};

/**
 * Registers `cases` in the current `describe`, honouring `skips`.
 * Throws while collecting when `skips` names an unknown test or gives an empty reason: a typo
 * must not skip nothing, and a skip without a reason is not allowed.
 */
export const registerCases = <Id extends string>(
  suite: string,
  adapter: string,
  cases: readonly Case<Id>[],
  skips: Skips<Id> | undefined,
): void => {
  const known = new Set<string>(cases.map((c) => c.id));
  for (const [id, reason] of Object.entries(skips ?? {})) {
    if (!known.has(id)) throw new Error(`${suite} ${adapter}: skips names an unknown test "${id}".`);
    if (typeof reason !== 'string' || reason.trim().length < MIN_REASON)
      throw new Error(`${suite} ${adapter}: skipping "${id}" needs a written reason.`);
  }
  for (const c of cases) {
    const reason = skips?.[c.id];
    const title = `${c.id}: ${c.title}`;
    if (reason !== undefined) {
      console.warn(`[saml-jit conformance] ${suite} ${adapter} › ${c.id} SKIPPED: ${reason}`);
      it.skip(`${title} (skipped: ${reason})`, () => {});
      continue;
    }
    const missing = Object.entries(c.needs ?? {})
      .filter(([, given]) => !given)
      .map(([hook]) => hook);
    if (missing.length > 0) {
      it(title, () => {
        throw new Error(
          `${suite} ${adapter}: "${c.id}" needs the option ${missing.join(', ')}; ` +
            `give it, or skip the test with a written reason.`,
        );
      });
      continue;
    }
    it(title, c.run, c.timeoutMs);
  }
};

/** Runs `body` against a fresh harness and always closes it. */
export const withHarness = async <H extends { close(): Promise<void> }>(
  make: () => Promise<H>,
  body: (h: H) => Promise<void>,
): Promise<void> => {
  const h = await make();
  try {
    await body(h);
  } finally {
    await h.close();
  }
};

/** Milliseconds since `start` (from `performance.now()`). */
export const since = (start: number): number => performance.now() - start;

/** Waits `ms` of real time (expiry tests with real TTLs). */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts the values of a list by a key. */
export const tally = <T>(xs: readonly T[], key: (x: T) => string): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const x of xs) {
    const k = key(x);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
};

/** Runs `body` with a fresh harness and a second instance over its store; closes both. */
export const withSecondInstance = async <
  H extends { close(): Promise<void> },
  I extends { close(): Promise<void> },
>(
  make: () => Promise<H>,
  makeSecond: (first: H) => Promise<I>,
  body: (h: H, second: I) => Promise<void>,
): Promise<void> =>
  withHarness(make, async (h) => {
    const second = await makeSecond(h);
    try {
      await body(h, second);
    } finally {
      await second.close();
    }
  });

/** The shape every "unreachable store" failure must have. */
export const UNAVAILABLE = { kind: 'store', code: 'STORE_UNAVAILABLE', retryable: true } as const;

/**
 * The growth check shared by the expiring stores: 20 entries that expire 250 ms from now (real
 * time, for stores whose TTLs run on the server's clock), a wait, one more write: the backdoor
 * must then count that one entry only.
 */
export const expectExpiredRemoved = async (
  write: (key: string, now: Date, expiresAt: Date) => Promise<unknown>,
  count: () => Promise<number>,
): Promise<void> => {
  const now = new Date();
  for (let i = 0; i < 20; i += 1) await write(`_short${i}`, now, new Date(now.getTime() + 250));
  expect(await count()).toBe(20);
  await sleep(500);
  const later = new Date();
  await write('_after', later, new Date(later.getTime() + 60_000));
  expect(await count()).toBe(1);
};

/**
 * The options every store suite takes (replay cache, request store, session store): `H` the
 * harness, `I` another instance, `Id` the suite's test ids.
 */
export interface StoreSuiteOptions<H extends { close(): Promise<void> }, I, Id extends string> {
  /** The adapter's name in test titles, e.g. `postgres`. */
  readonly name: string;
  /** A fresh, empty store. Called once per test; `close` is always called. */
  readonly make: () => Promise<H>;
  /** A second instance over the store of `first` (a second pool/client, as a second process). */
  readonly makeSecondInstance?: (first: H) => Promise<I>;
  /** An instance whose store cannot be reached (wrong port, closed client). */
  readonly makeUnreachable?: () => Promise<I>;
  readonly skips?: Skips<Id>;
}

/**
 * Starts `n` operations at once, spread round-robin over `instances`, tallies what they answered
 * by `key`, reports the figure and answers the tally: the body of every "N concurrent …" test.
 */
export const raceTally = async <S, R>(
  figure: Pick<Figure, 'suite' | 'adapter' | 'test' | 'n'>,
  instances: readonly S[],
  operation: (instance: S) => Promise<R>,
  key: (result: R) => string,
  onFigure?: (f: Figure) => void,
): Promise<Record<string, number>> => {
  const start = performance.now();
  const results = await Promise.all(
    Array.from({ length: figure.n }, (_, i) => operation(instances[i % instances.length]!)),
  );
  const outcome = tally(results, key);
  reportFigure({ ...figure, instances: instances.length, elapsedMs: since(start), outcome }, onFigure);
  return outcome;
};
