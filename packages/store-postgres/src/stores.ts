/**
 * The PostgreSQL replay cache, request store and session store. Each operation is one statement,
 * atomic on its own: `consume` is an upsert that only overwrites an expired key and says whether
 * it wrote (RETURNING) — concurrent inserts of one key wait for the first and then see it, so
 * exactly one is fresh — and `take` is a `DELETE … RETURNING`. Expired rows are swept by the
 * writes themselves, at most once per `sweepIntervalMs` per instance; a failed sweep is retried
 * by a later write and never fails the operation that triggered it.
 */
import type {
  ConsumeResult,
  OutstandingRequest,
  ReplayCache,
  RequestStore,
  Session,
  SessionStore,
} from '@saml-jit/core';
import * as O from 'fp-ts/lib/Option.js';
import { attempt, type Db } from './db.js';

/** Runs `sweep` when `now` is at least `intervalMs` from the last sweep; never waits for it to fail. */
const sweeper = (db: Db, intervalMs: number, table: string) => {
  let last = Number.NEGATIVE_INFINITY;
  return async (now: Date): Promise<void> => {
    if (Math.abs(now.getTime() - last) < intervalMs) return;
    last = now.getTime();
    await db.pool
      .query(`DELETE FROM ${db.schema}.${table} WHERE expires_at <= $1`, [now])
      .catch(() => undefined);
  };
};

/**
 * The replay cache over a pool and schema.
 * @example
 * await replayCache.consume('_a1', { now, expiresAt })(); // Right('fresh'), then Right('replayed')
 */
export const postgresReplayCache = (db: Db, sweepIntervalMs: number): ReplayCache => {
  const sweep = sweeper(db, sweepIntervalMs, 'replay_cache');
  const sql = `INSERT INTO ${db.schema}.replay_cache (key, expires_at) VALUES ($1, $2)
    ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE replay_cache.expires_at <= $3
    RETURNING key`;
  return {
    consume: (key, { now, expiresAt }) =>
      attempt(db, async (): Promise<ConsumeResult> => {
        const { rowCount } = await db.pool.query(sql, [key, expiresAt, now]);
        await sweep(now);
        return rowCount === 1 ? 'fresh' : 'replayed';
      }),
  };
};

/** The request store over a pool and schema. */
export const postgresRequestStore = (db: Db, sweepIntervalMs: number): RequestStore => {
  const sweep = sweeper(db, sweepIntervalMs, 'outstanding_requests');
  const save = `INSERT INTO ${db.schema}.outstanding_requests
      (id, connection, issued_at, expires_at, relay_state, browser_binding)
    VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (id) DO UPDATE SET connection = EXCLUDED.connection, issued_at = EXCLUDED.issued_at,
      expires_at = EXCLUDED.expires_at, relay_state = EXCLUDED.relay_state,
      browser_binding = EXCLUDED.browser_binding`;
  const take = `DELETE FROM ${db.schema}.outstanding_requests WHERE id = $1
    RETURNING id, connection, issued_at, expires_at, relay_state, browser_binding`;
  return {
    save: (r) =>
      attempt(db, async () => {
        await sweep(r.issuedAt);
        await db.pool.query(save, [
          r.id,
          r.connection,
          r.issuedAt,
          r.expiresAt,
          r.relayState,
          r.browserBinding ?? null,
        ]);
      }),
    take: (id, now) =>
      attempt(db, async () => {
        const { rows } = await db.pool.query<{
          id: string;
          connection: string;
          issued_at: Date;
          expires_at: Date;
          relay_state: string | null;
          browser_binding: string | null;
        }>(take, [id]);
        const row = rows[0];
        if (row === undefined || row.expires_at.getTime() <= now.getTime()) return O.none;
        const request: OutstandingRequest = {
          id: row.id,
          connection: row.connection,
          issuedAt: row.issued_at,
          expiresAt: row.expires_at,
          relayState: row.relay_state,
          browserBinding: row.browser_binding,
        };
        return O.some(request);
      }),
  };
};

/** The session store over a pool and schema. */
export const postgresSessionStore = (db: Db, sweepIntervalMs: number): SessionStore => {
  const sweep = sweeper(db, sweepIntervalMs, 'sessions');
  const save = `INSERT INTO ${db.schema}.sessions (id, user_id, connection, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (id) DO UPDATE SET user_id = EXCLUDED.user_id, connection = EXCLUDED.connection,
      created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at`;
  const get = `SELECT id, user_id, connection, created_at, expires_at FROM ${db.schema}.sessions
    WHERE id = $1 AND expires_at > $2`;
  return {
    save: (s) =>
      attempt(db, async () => {
        await sweep(s.createdAt);
        await db.pool.query(save, [s.id, s.userId, s.connection, s.createdAt, s.expiresAt]);
      }),
    get: (id, now) =>
      attempt(db, async () => {
        const { rows } = await db.pool.query<{
          id: string;
          user_id: string;
          connection: string;
          created_at: Date;
          expires_at: Date;
        }>(get, [id, now]);
        const row = rows[0];
        if (row === undefined) return O.none;
        const session: Session = {
          id: row.id,
          userId: row.user_id,
          connection: row.connection,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
        };
        return O.some(session);
      }),
    delete: (id) =>
      attempt(db, async () => {
        await db.pool.query(`DELETE FROM ${db.schema}.sessions WHERE id = $1`, [id]);
      }),
  };
};
