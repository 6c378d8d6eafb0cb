/**
 * The SQLite replay cache, request store and session store. Each operation is one statement, so
 * it is atomic on its own: `consume` is an upsert that only overwrites an expired key and says
 * whether it wrote (RETURNING), `take` is a `DELETE … RETURNING`. Expired rows are swept by the
 * writes themselves, at most once per `sweepIntervalMs`.
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
import { attempt, type Handle, sweeper } from './handle.js';

/**
 * The replay cache over an open handle.
 * @example
 * await replayCache.consume('_a1', { now, expiresAt })(); // Right('fresh'), then Right('replayed')
 */
export const sqliteReplayCache = (h: Handle, sweepIntervalMs: number): ReplayCache => {
  const sweep = sweeper(sweepIntervalMs, (now) =>
    h.stmt('DELETE FROM replay_cache WHERE expires_at <= ?').run(now),
  );
  return {
    consume: (key, { now, expiresAt }) =>
      attempt(h, (): ConsumeResult => {
        const t = now.getTime();
        const wrote = h
          .stmt(
            `INSERT INTO replay_cache (key, expires_at) VALUES (?, ?)
             ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE replay_cache.expires_at <= ?
             RETURNING key`,
          )
          .get(key, expiresAt.getTime(), t);
        sweep(t);
        return wrote === undefined ? 'replayed' : 'fresh';
      }),
  };
};

interface RequestRow {
  id: string;
  connection: string;
  issued_at: number;
  expires_at: number;
  relay_state: string | null;
  browser_binding: string | null;
}

/** The request store over an open handle. */
export const sqliteRequestStore = (h: Handle, sweepIntervalMs: number): RequestStore => {
  const sweep = sweeper(sweepIntervalMs, (now) =>
    h.stmt('DELETE FROM outstanding_requests WHERE expires_at <= ?').run(now),
  );
  return {
    save: (r) =>
      attempt(h, () => {
        sweep(r.issuedAt.getTime());
        h.stmt(
          `INSERT INTO outstanding_requests (id, connection, issued_at, expires_at, relay_state, browser_binding)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET connection = excluded.connection, issued_at = excluded.issued_at,
             expires_at = excluded.expires_at, relay_state = excluded.relay_state,
             browser_binding = excluded.browser_binding`,
        ).run(
          r.id,
          r.connection,
          r.issuedAt.getTime(),
          r.expiresAt.getTime(),
          r.relayState,
          r.browserBinding ?? null,
        );
      }),
    take: (id, now) =>
      attempt(h, () => {
        const row = h.stmt('DELETE FROM outstanding_requests WHERE id = ? RETURNING *').get(id) as
          | RequestRow
          | undefined;
        if (row === undefined || row.expires_at <= now.getTime()) return O.none;
        const request: OutstandingRequest = {
          id: row.id,
          connection: row.connection,
          issuedAt: new Date(row.issued_at),
          expiresAt: new Date(row.expires_at),
          relayState: row.relay_state,
          browserBinding: row.browser_binding,
        };
        return O.some(request);
      }),
  };
};

interface SessionRow {
  id: string;
  user_id: string;
  connection: string;
  created_at: number;
  expires_at: number;
}

/** The session store over an open handle. */
export const sqliteSessionStore = (h: Handle, sweepIntervalMs: number): SessionStore => {
  const sweep = sweeper(sweepIntervalMs, (now) =>
    h.stmt('DELETE FROM sessions WHERE expires_at <= ?').run(now),
  );
  return {
    save: (s) =>
      attempt(h, () => {
        sweep(s.createdAt.getTime());
        h.stmt(
          `INSERT INTO sessions (id, user_id, connection, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, connection = excluded.connection,
             created_at = excluded.created_at, expires_at = excluded.expires_at`,
        ).run(s.id, s.userId, s.connection, s.createdAt.getTime(), s.expiresAt.getTime());
      }),
    get: (id, now) =>
      attempt(h, () => {
        const row = h.stmt('SELECT * FROM sessions WHERE id = ? AND expires_at > ?').get(id, now.getTime()) as
          | SessionRow
          | undefined;
        if (row === undefined) return O.none;
        const session: Session = {
          id: row.id,
          userId: row.user_id,
          connection: row.connection,
          createdAt: new Date(row.created_at),
          expiresAt: new Date(row.expires_at),
        };
        return O.some(session);
      }),
    delete: (id) =>
      attempt(h, () => {
        h.stmt('DELETE FROM sessions WHERE id = ?').run(id);
      }),
  };
};
