/**
 * Opening the SQLite stores: one database (a file, or a better-sqlite3 `Database` the caller
 * opened), WAL journal, a busy timeout so concurrent writers wait instead of failing, migrations
 * applied under the write lock, and the four adapters over it. Opening never throws: it answers
 * `Left` with a store or configuration failure.
 */
import {
  type ConfigFailure,
  configFailure,
  type Directory,
  type ReplayCache,
  type RequestStore,
  type SessionStore,
  type StoreFailure,
} from '@saml-jit/core';
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { sqliteDirectory } from './directory.js';
import { translate } from './errors.js';
import { type Database as Db, makeHandle } from './handle.js';
import { migrateOrThrow, shippedMigrations } from './migrate.js';
import { sqliteReplayCache, sqliteRequestStore, sqliteSessionStore } from './stores.js';

export interface SqliteOptions {
  /** The database file (created if missing), or `:memory:`. Give this or `database`. */
  readonly path?: string;
  /** A database you opened yourself; `close()` then leaves it open. */
  readonly database?: Db;
  /** How long a write waits for another connection's lock before `STORE_UNAVAILABLE` (default 5000). */
  readonly busyTimeoutMs?: number;
  /** `FULL` (default: every commit survives power loss) or `NORMAL` (faster; WAL keeps it consistent). */
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** Expired replay entries, requests and sessions are deleted at most this often (default 60000). */
  readonly sweepIntervalMs?: number;
}

export interface SqliteStores {
  readonly directory: Directory;
  readonly replayCache: ReplayCache;
  readonly requestStore: RequestStore;
  readonly sessionStore: SessionStore;
  /** The migration versions this open applied (empty when the schema was already current). */
  readonly migrated: readonly number[];
  /** Closes the database (if this call opened it); later calls fail with `STORE_UNAVAILABLE`. */
  close(): Promise<void>;
}

const opened = (
  options: SqliteOptions,
): E.Either<StoreFailure | ConfigFailure, { db: Db; owned: boolean }> => {
  if (options.database !== undefined) return E.right({ db: options.database, owned: false });
  if (options.path === undefined || options.path === '')
    return E.left(configFailure('CONFIG_INVALID', 'openSqlite needs a path or a database.'));
  try {
    return E.right({
      db: new Database(options.path, { timeout: options.busyTimeoutMs ?? 5_000 }),
      owned: true,
    });
  } catch (e) {
    return E.left(translate(e));
  }
};

/**
 * Opens (and migrates) the SQLite stores.
 * @example
 * const stores = openSqlite({ path: './saml-jit.db' });
 * if (E.isRight(stores)) { const { directory, replayCache, requestStore, sessionStore } = stores.right; }
 */
export const openSqlite = (options: SqliteOptions): E.Either<StoreFailure | ConfigFailure, SqliteStores> => {
  const sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
  if (!Number.isFinite(sweepIntervalMs) || sweepIntervalMs < 0)
    return E.left(configFailure('CONFIG_INVALID', 'sweepIntervalMs must be a non-negative number.'));
  return E.flatMap(opened(options), ({ db, owned }) => {
    let closed = false;
    const shut = (): void => {
      closed = true;
      if (owned && db.open) db.close();
    };
    try {
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5_000))}`);
      if (db.name !== ':memory:') db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
      const migrated = migrateOrThrow(db, shippedMigrations());
      const h = makeHandle(db, () => closed);
      return E.right({
        directory: sqliteDirectory(h),
        replayCache: sqliteReplayCache(h, sweepIntervalMs),
        requestStore: sqliteRequestStore(h, sweepIntervalMs),
        sessionStore: sqliteSessionStore(h, sweepIntervalMs),
        migrated,
        close: async () => {
          try {
            shut();
          } catch {
            // Closing twice, or a driver that refuses: the handle is marked closed either way.
          }
        },
      });
    } catch (e) {
      try {
        shut();
      } catch {
        // Best effort: the open already failed and that failure is what we report.
      }
      return E.left(translate(e));
    }
  });
};
