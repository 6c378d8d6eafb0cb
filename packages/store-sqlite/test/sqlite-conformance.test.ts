/** The SQLite stores run every conformance suite of @saml-jit/testing. */
import { directorySuite, replayCacheSuite, requestStoreSuite, sessionStoreSuite } from '@saml-jit/testing';
import { backdoors, breakDuringCommit, makeSqlite, secondInstance, unreachable } from './harness.js';

directorySuite({
  name: 'sqlite',
  make: async () => {
    const h = await makeSqlite();
    return Object.assign(h, { backdoor: backdoors(h) });
  },
  makeSecondInstance: secondInstance,
  makeUnreachable: unreachable,
  breakDuringCommit,
});

replayCacheSuite({
  name: 'sqlite',
  make: async () => {
    const h = await makeSqlite();
    return Object.assign(h, { backdoor: { count: backdoors(h).count('replay_cache') } });
  },
  makeSecondInstance: secondInstance,
  makeUnreachable: unreachable,
});

requestStoreSuite({
  name: 'sqlite',
  make: async () => {
    const h = await makeSqlite();
    return Object.assign(h, { backdoor: { count: backdoors(h).count('outstanding_requests') } });
  },
  makeSecondInstance: secondInstance,
  makeUnreachable: unreachable,
});

sessionStoreSuite({
  name: 'sqlite',
  make: async () => {
    const h = await makeSqlite();
    return Object.assign(h, { backdoor: { count: backdoors(h).count('sessions') } });
  },
  makeSecondInstance: secondInstance,
  makeUnreachable: unreachable,
});
