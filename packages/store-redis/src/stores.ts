/**
 * The Redis replay cache, request store and session store. Redis expires keys itself (PX), so
 * nothing accumulates. `consume` is one `SET NX PX`: of any number of concurrent callers on any
 * number of clients exactly one gets OK. `take` is one `GETDEL` (Redis 6.2+): one taker gets the
 * value. Records are stored as JSON with times in epoch milliseconds and checked when read back.
 */
import {
  type ConsumeResult,
  type OutstandingRequest,
  type ReplayCache,
  type RequestStore,
  type Session,
  type SessionStore,
  storeFailure,
} from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as O from 'fp-ts/lib/Option.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { type Conn, run, ttl } from './run.js';

/**
 * The replay cache over a connection.
 * @example
 * await replayCache.consume('_a1', { now, expiresAt })(); // Right('fresh'), then Right('replayed')
 */
export const redisReplayCache = (conn: Conn): ReplayCache => ({
  consume: (key, { now, expiresAt }) =>
    run(conn, async (c): Promise<ConsumeResult> => {
      const ok = await c.set(`${conn.prefix}replay:${key}`, '1', 'PX', ttl(now, expiresAt), 'NX');
      return ok === 'OK' ? 'fresh' : 'replayed';
    }),
});

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null;
const CORRUPT = storeFailure('STORE_UNEXPECTED', 'A value stored in Redis is not what saml-jit wrote.');

/** Decodes a stored JSON value, or fails with `STORE_UNEXPECTED`. */
const decode = <A>(json: string | null, read: (v: Record<string, unknown>) => A | null) =>
  TE.fromEither(
    json === null
      ? E.right(O.none)
      : pipe(
          E.tryCatch(
            () => JSON.parse(json) as unknown,
            () => CORRUPT,
          ),
          E.flatMap((v) => {
            const a = isRecord(v) ? read(v) : null;
            return a === null ? E.left(CORRUPT) : E.right(O.some(a));
          }),
        ),
  );

const str = (v: unknown): v is string => typeof v === 'string';
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

const nullableStr = (v: unknown): v is string | null => v === null || str(v);

/** A record written before `browserBinding` existed has none: it reads as unbound (null). */
const readRequest = (v: Record<string, unknown>): OutstandingRequest | null => {
  const binding = v.browserBinding === undefined ? null : v.browserBinding;
  return str(v.id) &&
    str(v.connection) &&
    num(v.issuedAt) &&
    num(v.expiresAt) &&
    nullableStr(v.relayState) &&
    nullableStr(binding)
    ? {
        id: v.id,
        connection: v.connection,
        issuedAt: new Date(v.issuedAt),
        expiresAt: new Date(v.expiresAt),
        relayState: v.relayState,
        browserBinding: binding,
      }
    : null;
};

const readSession = (v: Record<string, unknown>): Session | null =>
  str(v.id) && str(v.userId) && str(v.connection) && num(v.createdAt) && num(v.expiresAt)
    ? {
        id: v.id,
        userId: v.userId,
        connection: v.connection,
        createdAt: new Date(v.createdAt),
        expiresAt: new Date(v.expiresAt),
      }
    : null;

const liveAt =
  (now: Date) =>
  <A extends { readonly expiresAt: Date }>(o: O.Option<A>): O.Option<A> =>
    O.filter((a: A) => a.expiresAt.getTime() > now.getTime())(o);

/** The request store over a connection. */
export const redisRequestStore = (conn: Conn): RequestStore => ({
  save: (r) =>
    run(conn, async (c) => {
      const json = JSON.stringify({
        ...r,
        issuedAt: r.issuedAt.getTime(),
        expiresAt: r.expiresAt.getTime(),
        browserBinding: r.browserBinding ?? null,
      });
      await c.set(`${conn.prefix}request:${r.id}`, json, 'PX', ttl(r.issuedAt, r.expiresAt));
    }),
  take: (id, now) =>
    pipe(
      run(conn, (c) => c.getdel(`${conn.prefix}request:${id}`)),
      TE.flatMap((json) => decode(json, readRequest)),
      TE.map(liveAt(now)),
    ),
});

/** The session store over a connection. */
export const redisSessionStore = (conn: Conn): SessionStore => ({
  save: (s) =>
    run(conn, async (c) => {
      const json = JSON.stringify({
        ...s,
        createdAt: s.createdAt.getTime(),
        expiresAt: s.expiresAt.getTime(),
      });
      await c.set(`${conn.prefix}session:${s.id}`, json, 'PX', ttl(s.createdAt, s.expiresAt));
    }),
  get: (id, now) =>
    pipe(
      run(conn, (c) => c.get(`${conn.prefix}session:${id}`)),
      TE.flatMap((json) => decode(json, readSession)),
      TE.map(liveAt(now)),
    ),
  delete: (id) =>
    run(conn, async (c) => {
      await c.del(`${conn.prefix}session:${id}`);
    }),
});
