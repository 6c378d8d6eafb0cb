/**
 * The request store's conformance suite: outstanding AuthnRequests round-trip exactly (their
 * browser binding too: a value, null, or left out and read as null), are taken once (also by N
 * concurrent takers across two instances), are never returned once expired, are removed after
 * expiry, and an unreachable store fails with `STORE_UNAVAILABLE`.
 */
import type { NewOutstandingRequest, OutstandingRequest, RequestStore } from '@saml-jit/core';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { describe, expect } from 'vitest';
import { outstandingRequestArb } from '../arbitraries/stores.js';
import { call, failure, ok } from './calls.js';
import {
  type Case,
  expectExpiredRemoved,
  type Figure,
  raceTally,
  registerCases,
  type StoreSuiteOptions,
  UNAVAILABLE,
  withHarness,
  withSecondInstance,
} from './cases.js';

/** Reads the store without the adapter. */
export interface RequestStoreBackdoor {
  /** How many requests the store holds right now (expired ones count until they are removed). */
  count(): Promise<number>;
}

export interface RequestStoreHarness {
  readonly requestStore: RequestStore;
  readonly backdoor: RequestStoreBackdoor;
  close(): Promise<void>;
}

export interface RequestStoreInstance {
  readonly requestStore: RequestStore;
  close(): Promise<void>;
}

export const REQUEST_STORE_TESTS = [
  'round-trip',
  'browser-binding',
  'taken-once',
  'expired-never-returned',
  'ids-exact',
  'concurrent-take',
  'concurrent-take-two-instances',
  'expired-requests-removed',
  'unreachable-fails-closed',
] as const;
export type RequestStoreTest = (typeof REQUEST_STORE_TESTS)[number];

export interface RequestStoreSuiteOptions<H extends RequestStoreHarness>
  extends StoreSuiteOptions<H, RequestStoreInstance, RequestStoreTest> {
  /** How many concurrent takers race (default 50). */
  readonly concurrency?: number;
  readonly onFigure?: (figure: Figure) => void;
}

const T0 = new Date('2030-01-01T00:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
/**
 * An unbound outstanding request of connection `okta-prod`, issued at the suite's instant
 * (2030-01-01T00:00:00Z) and live for five minutes: the suite's own sample, for an adapter's tests.
 */
export const sampleRequest = (id: string, relayState: string | null = null): OutstandingRequest => ({
  id,
  connection: 'okta-prod',
  issuedAt: T0,
  expiresAt: at(300_000),
  relayState,
  browserBinding: null,
});
/** A browser binding as the service provider writes it: SHA-256 (of \`sample nonce\`), base64url. */
export const SAMPLE_BINDING = 'f0YsOfrJgeVEEX66JLWz7mAomQN2AtPmxhiMywCgq04';

/** The request an adapter's upgrade test writes the way schemas before the browser binding did. */
export const unboundRequest = (id: string): OutstandingRequest => sampleRequest(id, '/after');

/**
 * Checks that `store` reads request `id`, written the pre-binding way (`unboundRequest(id)`), back
 * unbound: its logins then finish without the browser check.
 * @example
 * insertTheOldWay(unboundRequest('_v2'));
 * await expectReadsUnbound(stores.requestStore, '_v2');
 */
export const expectReadsUnbound = async (store: RequestStore, id: string): Promise<void> => {
  const request = unboundRequest(id);
  expect(await store.take(id, request.issuedAt)()).toEqual(E.right(O.some(request)));
};

/**
 * Registers the request store suite in a `describe` block.
 * @example
 * requestStoreSuite({ name: 'sqlite', make: async () => ({ requestStore, backdoor, close }) });
 */
export const requestStoreSuite = <H extends RequestStoreHarness>(
  options: RequestStoreSuiteOptions<H>,
): void => {
  const n = options.concurrency ?? 50;
  const save = (s: RequestStore, r: NewOutstandingRequest) => ok('save', () => s.save(r));
  const take = (s: RequestStore, id: string, now: Date = T0) => ok('take', () => s.take(id, now));

  const race = async (test: string, stores: readonly RequestStore[]): Promise<void> => {
    await save(stores[0]!, sampleRequest('_race'));
    const outcome = await raceTally(
      { suite: 'request-store', adapter: options.name, test, n },
      stores,
      (store) => call('take', () => store.take('_race', T0)),
      (r) => (E.isLeft(r) ? r.left.code : O.isSome(r.right) ? 'taken' : 'none'),
      options.onFigure,
    );
    expect(outcome).toEqual({ taken: 1, none: n - 1 });
  };

  const cases: Case<RequestStoreTest>[] = [
    {
      id: 'round-trip',
      title: 'property: a saved request comes back field for field, and is really stored',
      run: () =>
        withHarness(options.make, async ({ requestStore, backdoor }) => {
          await fc.assert(
            fc.asyncProperty(outstandingRequestArb, async (r) => {
              await save(requestStore, r);
              expect(await backdoor.count()).toBe(1);
              const got = await take(requestStore, r.id, r.issuedAt);
              expect(got).toEqual(O.some(r));
              expect(await backdoor.count()).toBe(0);
            }),
            { numRuns: 25 },
          );
        }),
    },
    {
      id: 'browser-binding',
      title: 'the browser binding comes back as saved: a value, null, and null when left out',
      run: () =>
        withHarness(options.make, async ({ requestStore }) => {
          const bound = { ...sampleRequest('_b1', '/after'), browserBinding: SAMPLE_BINDING };
          await save(requestStore, bound);
          await save(requestStore, sampleRequest('_b2'));
          const { browserBinding: _left, ...older } = sampleRequest('_b3');
          await save(requestStore, older);
          expect(await take(requestStore, '_b1')).toEqual(O.some(bound));
          expect(await take(requestStore, '_b2')).toEqual(O.some(sampleRequest('_b2')));
          expect(await take(requestStore, '_b3')).toEqual(O.some(sampleRequest('_b3')));
        }),
    },
    {
      id: 'taken-once',
      title: 'a request is taken once; unknown IDs give none',
      run: () =>
        withHarness(options.make, async ({ requestStore }) => {
          await save(requestStore, sampleRequest('_t1', '/after'));
          expect(await take(requestStore, '_t1')).toEqual(O.some(sampleRequest('_t1', '/after')));
          expect(await take(requestStore, '_t1')).toEqual(O.none);
          expect(await take(requestStore, '_never-saved')).toEqual(O.none);
        }),
    },
    {
      id: 'expired-never-returned',
      title: 'a request is returned before expiresAt and never at or after it',
      run: () =>
        withHarness(options.make, async ({ requestStore }) => {
          for (const id of ['_e1', '_e2', '_e3']) await save(requestStore, sampleRequest(id));
          expect(O.isSome(await take(requestStore, '_e1', at(300_000 - 1)))).toBe(true);
          expect(await take(requestStore, '_e2', at(300_000))).toEqual(O.none);
          expect(await take(requestStore, '_e3', at(86_400_000))).toEqual(O.none);
        }),
    },
    {
      id: 'ids-exact',
      title: 'IDs match exactly: case and wildcard characters never take another request',
      run: () =>
        withHarness(options.make, async ({ requestStore }) => {
          await save(requestStore, sampleRequest('_Abc1'));
          for (const probe of ['_abc1', '_Abc%', '_Abc_', '_Abc*', '_Abc?', '_Abc1 ', '_[A]bc1'])
            expect(await take(requestStore, probe)).toEqual(O.none);
          expect(O.isSome(await take(requestStore, '_Abc1'))).toBe(true);
        }),
    },
    {
      id: 'concurrent-take',
      title: 'N concurrent takes of one request on one instance: exactly one gets it',
      run: () => withHarness(options.make, ({ requestStore }) => race('concurrent-take', [requestStore])),
    },
    {
      id: 'concurrent-take-two-instances',
      title: 'N concurrent takes of one request across two instances: exactly one gets it',
      needs: { makeSecondInstance: options.makeSecondInstance !== undefined },
      run: () =>
        withSecondInstance(options.make, options.makeSecondInstance!, (h, second) =>
          race('concurrent-take-two-instances', [h.requestStore, second.requestStore]),
        ),
    },
    {
      id: 'expired-requests-removed',
      title: 'expired requests are removed: the store does not grow without bound',
      run: () =>
        withHarness(options.make, ({ requestStore, backdoor }) =>
          expectExpiredRemoved(
            (id, issuedAt, expiresAt) => save(requestStore, { ...sampleRequest(id), issuedAt, expiresAt }),
            backdoor.count,
          ),
        ),
    },
    {
      id: 'unreachable-fails-closed',
      title: 'an unreachable store fails with STORE_UNAVAILABLE on save and take',
      needs: { makeUnreachable: options.makeUnreachable !== undefined },
      run: async () => {
        const inst = await options.makeUnreachable!();
        try {
          expect(await failure('save', () => inst.requestStore.save(sampleRequest('_u1')))).toMatchObject(
            UNAVAILABLE,
          );
          expect(await failure('take', () => inst.requestStore.take('_u1', T0))).toMatchObject(UNAVAILABLE);
        } finally {
          await inst.close();
        }
      },
    },
  ];

  describe(`request store conformance: ${options.name}`, () => {
    registerCases('request-store', options.name, cases, options.skips);
  });
};
