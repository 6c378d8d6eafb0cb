/**
 * One open better-sqlite3 database shared by the four adapters: a statement cache, and `attempt`,
 * which runs synchronous driver work as a `TaskEither` that never throws — a closed handle or any
 * driver error becomes a `Left` store failure.
 */
import { type StoreFailure, storeFailure } from '@saml-jit/core';
import type BetterSqlite3 from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { translate } from './errors.js';

export type Database = BetterSqlite3.Database;
export type Statement = BetterSqlite3.Statement;

export interface Handle {
  readonly db: Database;
  /** A prepared statement for `sql`, prepared once per handle. */
  stmt(sql: string): Statement;
  /** True once the stores were closed: every later call fails with `STORE_UNAVAILABLE`. */
  readonly closed: () => boolean;
}

export const makeHandle = (db: Database, closed: () => boolean): Handle => {
  const cache = new Map<string, Statement>();
  return {
    db,
    closed,
    stmt: (sql) => {
      let s = cache.get(sql);
      if (s === undefined) {
        s = db.prepare(sql);
        cache.set(sql, s);
      }
      return s;
    },
  };
};

const CLOSED: StoreFailure = storeFailure('STORE_UNAVAILABLE', 'The SQLite stores are closed.');

/** Runs `work` now (better-sqlite3 is synchronous) and answers with a settled task. */
export const attempt =
  <A>(h: Handle, work: () => A): TaskEither<StoreFailure, A> =>
  () => {
    if (h.closed() || !h.db.open) return Promise.resolve(E.left(CLOSED));
    try {
      return Promise.resolve(E.right(work()));
    } catch (e) {
      return Promise.resolve(E.left(translate(e)));
    }
  };

/**
 * Calls `sweep(now)` when `now` is at least `intervalMs` away from the last sweep: expired rows go
 * away without a timer, at a bounded cost per write.
 */
export const sweeper = (intervalMs: number, sweep: (now: number) => void): ((now: number) => void) => {
  let last = Number.NEGATIVE_INFINITY;
  return (now) => {
    if (Math.abs(now - last) < intervalMs) return;
    sweep(now);
    last = now;
  };
};
