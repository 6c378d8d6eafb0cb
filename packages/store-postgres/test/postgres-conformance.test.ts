/** The PostgreSQL stores run every conformance suite of @saml-jit/testing against the real server. */
import {
  directorySuite,
  replayCacheSuite,
  requestStoreSuite,
  requireService,
  sessionStoreSuite,
} from '@saml-jit/testing';
import { afterAll } from 'vitest';
import {
  admin,
  backdoors,
  breakDuringCommit,
  makePostgres,
  POSTGRES_URL,
  ping,
  secondInstance,
  unreachable,
} from './harness.js';

afterAll(() => admin.end());

if (await requireService(`PostgreSQL at ${new URL(POSTGRES_URL).host}`, ping)) {
  const common = { makeSecondInstance: secondInstance, makeUnreachable: unreachable };
  const withCount = (table: string) => async () => {
    const h = await makePostgres();
    return Object.assign(h, { backdoor: { count: backdoors(h).count(table) } });
  };

  directorySuite({
    name: 'postgres',
    make: async () => {
      const h = await makePostgres();
      return Object.assign(h, { backdoor: backdoors(h) });
    },
    breakDuringCommit,
    ...common,
  });
  replayCacheSuite({ name: 'postgres', make: withCount('replay_cache'), ...common });
  requestStoreSuite({ name: 'postgres', make: withCount('outstanding_requests'), ...common });
  sessionStoreSuite({ name: 'postgres', make: withCount('sessions'), ...common });
}
