/**
 * Records the Redis request store reads back that the conformance suite does not write itself: a
 * request stored before `browserBinding` existed (by an older version, or an older instance
 * during a rolling upgrade) reads as unbound (null); a binding that is not a string or null is
 * not what saml-jit wrote, and fails closed with STORE_UNEXPECTED.
 */
import { requireService, sampleRequest } from '@saml-jit/testing';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, makeRedis, ping, REDIS_URL } from './harness.js';

afterAll(() => admin.quit());

const sample = sampleRequest('_old', '/after');
/** The record an older version wrote: no `browserBinding`. */
const older = {
  id: sample.id,
  connection: sample.connection,
  issuedAt: sample.issuedAt.getTime(),
  expiresAt: sample.expiresAt.getTime(),
  relayState: sample.relayState,
};
const store = (h: { prefix: string }, value: object) =>
  admin.set(`${h.prefix}request:_old`, JSON.stringify(value), 'PX', 60_000);

if (await requireService(`Redis at ${new URL(REDIS_URL).host}`, ping)) {
  describe('Redis request records', () => {
    it('a request stored without browserBinding reads as unbound (null)', async () => {
      const h = await makeRedis();
      try {
        await store(h, older);
        expect(await h.requestStore.take('_old', sample.issuedAt)()).toEqual(E.right(O.some(sample)));
      } finally {
        await h.close();
      }
    });

    it('a browserBinding that is not a string or null fails closed (STORE_UNEXPECTED)', async () => {
      const h = await makeRedis();
      try {
        await store(h, { ...older, browserBinding: 42 });
        expect(await h.requestStore.take('_old', sample.issuedAt)()).toMatchObject({
          left: { code: 'STORE_UNEXPECTED' },
        });
      } finally {
        await h.close();
      }
    });
  });
}
