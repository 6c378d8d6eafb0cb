/**
 * The session store's conformance suite: sessions round-trip exactly, are never returned once
 * expired, `delete` is idempotent, a session saved by one instance is honoured (and revoked) by
 * another, expired sessions are removed, and an unreachable store fails with `STORE_UNAVAILABLE`.
 */
import type { Session, SessionStore } from '@saml-jit/core';
import fc from 'fast-check';
import * as O from 'fp-ts/lib/Option.js';
import { describe, expect } from 'vitest';
import { sessionArb } from '../arbitraries/stores.js';
import { failure, ok } from './calls.js';
import {
  type Case,
  expectExpiredRemoved,
  registerCases,
  type StoreSuiteOptions,
  UNAVAILABLE,
  withHarness,
  withSecondInstance,
} from './cases.js';

/** Reads the store without the adapter. */
export interface SessionStoreBackdoor {
  /** How many sessions the store holds right now (expired ones count until they are removed). */
  count(): Promise<number>;
}

export interface SessionStoreHarness {
  readonly sessionStore: SessionStore;
  readonly backdoor: SessionStoreBackdoor;
  close(): Promise<void>;
}

export interface SessionStoreInstance {
  readonly sessionStore: SessionStore;
  close(): Promise<void>;
}

export const SESSION_STORE_TESTS = [
  'round-trip',
  'expired-never-returned',
  'delete-idempotent',
  'shared-across-instances',
  'expired-sessions-removed',
  'unreachable-fails-closed',
] as const;
export type SessionStoreTest = (typeof SESSION_STORE_TESTS)[number];

export type SessionStoreSuiteOptions<H extends SessionStoreHarness> = StoreSuiteOptions<
  H,
  SessionStoreInstance,
  SessionStoreTest
>;

const T0 = new Date('2030-01-01T00:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const session = (id: string): Session => ({
  id,
  userId: '005000000000001AAA',
  connection: 'okta-prod',
  createdAt: T0,
  expiresAt: at(3_600_000),
});

/**
 * Registers the session store suite in a `describe` block.
 * @example
 * sessionStoreSuite({ name: 'redis', make, makeSecondInstance, makeUnreachable });
 */
export const sessionStoreSuite = <H extends SessionStoreHarness>(
  options: SessionStoreSuiteOptions<H>,
): void => {
  const save = (s: SessionStore, x: Session) => ok('save', () => s.save(x));
  const get = (s: SessionStore, id: string, now: Date = T0) => ok('get', () => s.get(id, now));
  const del = (s: SessionStore, id: string) => ok('delete', () => s.delete(id));

  const cases: Case<SessionStoreTest>[] = [
    {
      id: 'round-trip',
      title: 'property: a saved session comes back field for field, and is really stored',
      run: () =>
        withHarness(options.make, async ({ sessionStore, backdoor }) => {
          await fc.assert(
            fc.asyncProperty(sessionArb, async (s) => {
              await save(sessionStore, s);
              expect(await get(sessionStore, s.id, s.createdAt)).toEqual(O.some(s));
              expect(await backdoor.count()).toBe(1);
              await del(sessionStore, s.id);
              expect(await backdoor.count()).toBe(0);
            }),
            { numRuns: 25 },
          );
        }),
    },
    {
      id: 'expired-never-returned',
      title: 'a session is returned before expiresAt and never at or after it',
      run: () =>
        withHarness(options.make, async ({ sessionStore }) => {
          await save(sessionStore, session('_x1'));
          expect(await get(sessionStore, '_x1', at(3_600_000 - 1))).toEqual(O.some(session('_x1')));
          expect(await get(sessionStore, '_x1', at(3_600_000))).toEqual(O.none);
          expect(await get(sessionStore, '_x1', at(7_200_000))).toEqual(O.none);
          expect(await get(sessionStore, '_X1')).toEqual(O.none);
        }),
    },
    {
      id: 'delete-idempotent',
      title: 'delete removes a session and may be repeated, also for unknown IDs',
      run: () =>
        withHarness(options.make, async ({ sessionStore, backdoor }) => {
          await save(sessionStore, session('_d1'));
          await save(sessionStore, session('_d2'));
          await del(sessionStore, '_d1');
          await del(sessionStore, '_d1');
          await del(sessionStore, '_never-saved');
          await del(sessionStore, '_d%');
          expect(await get(sessionStore, '_d1')).toEqual(O.none);
          expect(await get(sessionStore, '_d2')).toEqual(O.some(session('_d2')));
          expect(await backdoor.count()).toBe(1);
        }),
    },
    {
      id: 'shared-across-instances',
      title: 'a session saved by one instance is honoured, then revoked, by another',
      needs: { makeSecondInstance: options.makeSecondInstance !== undefined },
      run: () =>
        withSecondInstance(options.make, options.makeSecondInstance!, async (h, second) => {
          await save(h.sessionStore, session('_sh1'));
          expect(await get(second.sessionStore, '_sh1')).toEqual(O.some(session('_sh1')));
          await del(second.sessionStore, '_sh1');
          expect(await get(h.sessionStore, '_sh1')).toEqual(O.none);
        }),
    },
    {
      id: 'expired-sessions-removed',
      title: 'expired sessions are removed: the store does not grow without bound',
      run: () =>
        withHarness(options.make, ({ sessionStore, backdoor }) =>
          expectExpiredRemoved(
            (id, createdAt, expiresAt) => save(sessionStore, { ...session(id), createdAt, expiresAt }),
            backdoor.count,
          ),
        ),
    },
    {
      id: 'unreachable-fails-closed',
      title: 'an unreachable store fails with STORE_UNAVAILABLE on save, get and delete',
      needs: { makeUnreachable: options.makeUnreachable !== undefined },
      run: async () => {
        const inst = await options.makeUnreachable!();
        try {
          const s = inst.sessionStore;
          expect(await failure('save', () => s.save(session('_u1')))).toMatchObject(UNAVAILABLE);
          expect(await failure('get', () => s.get('_u1', T0))).toMatchObject(UNAVAILABLE);
          expect(await failure('delete', () => s.delete('_u1'))).toMatchObject(UNAVAILABLE);
        } finally {
          await inst.close();
        }
      },
    },
  ];

  describe(`session store conformance: ${options.name}`, () => {
    registerCases('session-store', options.name, cases, options.skips);
  });
};
