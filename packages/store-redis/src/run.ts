/**
 * Running a Redis command without ever throwing or hanging: a closed store answers at once, a
 * command that has not answered within `timeoutMs` becomes `STORE_UNAVAILABLE` (the caller fails
 * closed), and any rejection is translated.
 */
import { type StoreFailure, storeFailure } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { Redis } from 'ioredis';
import { translate } from './errors.js';

export interface Conn {
  readonly client: Redis;
  /** Prepended to every key, e.g. `saml-jit:`. */
  readonly prefix: string;
  readonly timeoutMs: number;
  readonly closed: () => boolean;
}

const CLOSED = storeFailure('STORE_UNAVAILABLE', 'The Redis stores are closed.');
const TIMED_OUT = storeFailure('STORE_UNAVAILABLE', 'Redis did not answer in time.');

/** Runs `work` against the client, bounded by the connection's timeout. */
export const run =
  <A>(conn: Conn, work: (client: Redis) => Promise<A>): TaskEither<StoreFailure, A> =>
  () => {
    if (conn.closed()) return Promise.resolve(E.left(CLOSED));
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(E.left(TIMED_OUT)), conn.timeoutMs);
      let pending: Promise<A>;
      try {
        pending = work(conn.client);
      } catch (e) {
        clearTimeout(timer);
        resolve(E.left(translate(e)));
        return;
      }
      pending.then(
        (a) => {
          clearTimeout(timer);
          resolve(E.right(a));
        },
        (e: unknown) => {
          clearTimeout(timer);
          resolve(E.left(translate(e)));
        },
      );
    });
  };

/** Milliseconds from `from` to `to`, at least 1 (Redis refuses a PX of 0). */
export const ttl = (from: Date, to: Date): number => Math.max(1, to.getTime() - from.getTime());
