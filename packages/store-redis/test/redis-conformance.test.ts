/** The Redis stores run the replay cache, request store and session store suites against the real server. */
import { replayCacheSuite, requestStoreSuite, requireService, sessionStoreSuite } from '@saml-jit/testing';
import { afterAll } from 'vitest';
import { admin, count, makeRedis, ping, REDIS_URL, secondInstance, unreachable } from './harness.js';

afterAll(() => admin.quit());

if (await requireService(`Redis at ${new URL(REDIS_URL).host}`, ping)) {
  const common = { makeSecondInstance: secondInstance, makeUnreachable: unreachable };
  const withCount = (kind: string) => async () => {
    const h = await makeRedis();
    return Object.assign(h, { backdoor: { count: count(h, kind) } });
  };
  replayCacheSuite({ name: 'redis', make: withCount('replay'), ...common });
  requestStoreSuite({ name: 'redis', make: withCount('request'), ...common });
  sessionStoreSuite({ name: 'redis', make: withCount('session'), ...common });
}
