/**
 * The replay cache's conformance suite: what `ReplayCache`'s contract says, tested against a
 * real store. One-time use under concurrency (one instance and two), expiry without unbounded
 * growth (checked through a backdoor count that bypasses the adapter), and failing closed with
 * `STORE_UNAVAILABLE` when the store cannot be reached.
 */
import type { ConsumeResult, ReplayCache } from '@saml-jit/core';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import { assertionIdArb } from '../arbitraries/stores.js';
import { call, failure, ok } from './calls.js';
import {
  type Case,
  expectExpiredRemoved,
  type Figure,
  raceTally,
  registerCases,
  reportFigure,
  type StoreSuiteOptions,
  since,
  UNAVAILABLE,
  withHarness,
  withSecondInstance,
} from './cases.js';

/** Reads the store without the adapter. */
export interface ReplayCacheBackdoor {
  /** How many keys the store holds right now (expired ones count until they are removed). */
  count(): Promise<number>;
}

/** A fresh, empty replay cache with its backdoor. */
export interface ReplayCacheHarness {
  readonly replayCache: ReplayCache;
  readonly backdoor: ReplayCacheBackdoor;
  close(): Promise<void>;
}

/** Another instance (its own connection pool or client) over the same store. */
export interface ReplayCacheInstance {
  readonly replayCache: ReplayCache;
  close(): Promise<void>;
}

export const REPLAY_CACHE_TESTS = [
  'fresh-then-replayed',
  'remembered-until-expiry',
  'keys-exact',
  'keys-any-text',
  'concurrent-consume',
  'concurrent-consume-two-instances',
  'expired-entries-removed',
  'unreachable-fails-closed',
] as const;
export type ReplayCacheTest = (typeof REPLAY_CACHE_TESTS)[number];

export interface ReplayCacheSuiteOptions<H extends ReplayCacheHarness>
  extends StoreSuiteOptions<H, ReplayCacheInstance, ReplayCacheTest> {
  /** How many concurrent consumers race (default 50). */
  readonly concurrency?: number;
  readonly onFigure?: (figure: Figure) => void;
}

const MINUTE = 60_000;
const T0 = new Date('2030-01-01T00:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const window = { now: T0, expiresAt: at(5 * MINUTE) };

/**
 * Registers the replay cache suite in a `describe` block.
 * @example
 * replayCacheSuite({
 *   name: 'memory',
 *   make: async () => {
 *     const replayCache = memoryReplayCache();
 *     return { replayCache, backdoor: { count: async () => replayCache.size() }, close: async () => {} };
 *   },
 *   skips: { 'unreachable-fails-closed': 'an in-process Map cannot become unreachable' },
 * });
 */
export const replayCacheSuite = <H extends ReplayCacheHarness>(options: ReplayCacheSuiteOptions<H>): void => {
  const n = options.concurrency ?? 50;
  const consume = (cache: ReplayCache, key: string, w: { now: Date; expiresAt: Date } = window) =>
    ok(`consume(${JSON.stringify(key).slice(0, 40)})`, () => cache.consume(key, w));

  const race = async (test: string, caches: readonly ReplayCache[]): Promise<void> => {
    const outcome = await raceTally(
      { suite: 'replay-cache', adapter: options.name, test, n },
      caches,
      (cache) => call('consume', () => cache.consume('_race', window)),
      (r) => (E.isRight(r) ? r.right : r.left.code),
      options.onFigure,
    );
    expect(outcome).toEqual({ fresh: 1, replayed: n - 1 });
  };

  const cases: Case<ReplayCacheTest>[] = [
    {
      id: 'fresh-then-replayed',
      title: 'a key is fresh once, then replayed, and is really stored',
      run: () =>
        withHarness(options.make, async ({ replayCache, backdoor }) => {
          expect(await consume(replayCache, '_a1')).toBe<ConsumeResult>('fresh');
          expect(await backdoor.count()).toBe(1);
          expect(await consume(replayCache, '_a1')).toBe<ConsumeResult>('replayed');
          expect(await consume(replayCache, '_a1', { now: at(MINUTE), expiresAt: at(10 * MINUTE) })).toBe(
            'replayed',
          );
        }),
    },
    {
      id: 'remembered-until-expiry',
      title: 'a key stays remembered until the last millisecond before expiresAt',
      run: () =>
        withHarness(options.make, async ({ replayCache }) => {
          expect(await consume(replayCache, '_b1')).toBe('fresh');
          const last = { now: at(5 * MINUTE - 1), expiresAt: at(10 * MINUTE) };
          expect(await consume(replayCache, '_b1', last)).toBe('replayed');
        }),
    },
    {
      id: 'keys-exact',
      title: 'keys match exactly: case, whitespace and wildcard characters make other keys',
      run: () =>
        withHarness(options.make, async ({ replayCache, backdoor }) => {
          const keys = [
            '_Abc',
            '_abc',
            '_abc ',
            '_ab%',
            '_ab_',
            '_ab*',
            '_a?c',
            '_[ab]c',
            '\u00e9',
            'e\u0301',
          ];
          for (const k of keys) expect(await consume(replayCache, k)).toBe('fresh');
          for (const k of keys) expect(await consume(replayCache, k)).toBe('replayed');
          expect(await backdoor.count()).toBe(keys.length);
        }),
    },
    {
      id: 'keys-any-text',
      title: 'property: any assertion ID an IdP can send is fresh once, then replayed',
      run: () =>
        withHarness(options.make, async ({ replayCache }) => {
          let run = 0;
          await fc.assert(
            fc.asyncProperty(assertionIdArb, async (id) => {
              run += 1;
              const key = `${run}|${id}`;
              expect(await consume(replayCache, key)).toBe('fresh');
              expect(await consume(replayCache, key)).toBe('replayed');
            }),
            { numRuns: 30 },
          );
        }),
    },
    {
      id: 'concurrent-consume',
      title: `N concurrent consumers of one assertion ID on one instance: exactly one is fresh`,
      run: () => withHarness(options.make, ({ replayCache }) => race('concurrent-consume', [replayCache])),
    },
    {
      id: 'concurrent-consume-two-instances',
      title: 'N concurrent consumers of one assertion ID across two instances: exactly one is fresh',
      needs: { makeSecondInstance: options.makeSecondInstance !== undefined },
      run: () =>
        withSecondInstance(options.make, options.makeSecondInstance!, (h, second) =>
          race('concurrent-consume-two-instances', [h.replayCache, second.replayCache]),
        ),
    },
    {
      id: 'expired-entries-removed',
      title: 'expired keys are removed: the store does not grow without bound',
      run: () =>
        withHarness(options.make, ({ replayCache, backdoor }) =>
          expectExpiredRemoved(async (key, now, expiresAt) => {
            expect(await consume(replayCache, key, { now, expiresAt })).toBe('fresh');
          }, backdoor.count),
        ),
    },
    {
      id: 'unreachable-fails-closed',
      title: 'an unreachable store fails closed with STORE_UNAVAILABLE, never "fresh"',
      needs: { makeUnreachable: options.makeUnreachable !== undefined },
      run: async () => {
        const inst = await options.makeUnreachable!();
        try {
          const start = performance.now();
          for (const key of ['_u1', '_u2', '_u1']) {
            const f = await failure('consume on an unreachable store', () =>
              inst.replayCache.consume(key, window),
            );
            expect(f).toMatchObject(UNAVAILABLE);
          }
          reportFigure(
            {
              suite: 'replay-cache',
              adapter: options.name,
              test: 'unreachable-fails-closed',
              n: 3,
              instances: 1,
              elapsedMs: since(start),
              outcome: { STORE_UNAVAILABLE: 3 },
            },
            options.onFigure,
          );
        } finally {
          await inst.close();
        }
      },
    },
  ];

  describe(`replay cache conformance: ${options.name}`, () => {
    registerCases('replay-cache', options.name, cases, options.skips);
  });
};
