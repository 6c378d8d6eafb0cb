/**
 * Creating the PostgreSQL stores: a pool (yours, or one made from a connection string with
 * fail-fast defaults), a schema, and the four adapters over them. `postgresStores` does no I/O;
 * `connectPostgres` also brings the schema up to date. Neither throws.
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
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import pg from 'pg';
import { type Db, SCHEMA_NAME } from './db.js';
import { postgresDirectory } from './directory.js';
import { migratePostgres } from './migrate.js';
import { postgresReplayCache, postgresRequestStore, postgresSessionStore } from './stores.js';

export interface PostgresOptions {
  /** A pool you manage; `close()` then leaves it open. Give this, `connectionString` or `poolConfig`. */
  readonly pool?: pg.Pool;
  /** `postgres://user@host:5432/db`: a pool is made with the defaults below. */
  readonly connectionString?: string;
  /** node-postgres pool settings, over saml-jit's defaults (max 10, connect timeout 5 s, statement timeout 10 s). */
  readonly poolConfig?: pg.PoolConfig;
  /** The schema holding saml-jit's tables: lower-case letters, digits, `_` (default `saml_jit`). */
  readonly schema?: string;
  /** Expired replay entries, requests and sessions are deleted at most this often per instance (default 60000). */
  readonly sweepIntervalMs?: number;
}

export interface PostgresStores {
  readonly directory: Directory;
  readonly replayCache: ReplayCache;
  readonly requestStore: RequestStore;
  readonly sessionStore: SessionStore;
  /** Brings the schema up to date (what `connectPostgres` runs); answers the versions applied. */
  migrate(): TE.TaskEither<StoreFailure | ConfigFailure, number[]>;
  /** Ends the pool (if these stores made it); later calls fail with `STORE_UNAVAILABLE`. */
  close(): Promise<void>;
}

/** Fail fast: a login should not hang on a database that does not answer. */
const DEFAULT_POOL: pg.PoolConfig = { max: 10, connectionTimeoutMillis: 5_000, statement_timeout: 10_000 };

/**
 * The stores over `options`, without touching the database (run `migrate()` before first use,
 * or use `connectPostgres`).
 * @example
 * const stores = postgresStores({ connectionString: process.env.DATABASE_URL, schema: 'saml_jit' });
 */
export const postgresStores = (options: PostgresOptions): E.Either<ConfigFailure, PostgresStores> => {
  const schema = options.schema ?? 'saml_jit';
  if (!SCHEMA_NAME.test(schema))
    return E.left(
      configFailure('CONFIG_INVALID', 'The schema must be a lower-case SQL identifier.', { schema }),
    );
  const sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
  if (!Number.isFinite(sweepIntervalMs) || sweepIntervalMs < 0)
    return E.left(configFailure('CONFIG_INVALID', 'sweepIntervalMs must be a non-negative number.'));
  if (
    options.pool === undefined &&
    options.connectionString === undefined &&
    options.poolConfig === undefined
  )
    return E.left(
      configFailure('CONFIG_INVALID', 'postgresStores needs a pool, a connectionString or a poolConfig.'),
    );
  let pool: pg.Pool;
  try {
    pool =
      options.pool ??
      new pg.Pool({
        ...DEFAULT_POOL,
        ...(options.connectionString === undefined ? {} : { connectionString: options.connectionString }),
        ...options.poolConfig,
      });
  } catch {
    return E.left(configFailure('CONFIG_INVALID', 'The PostgreSQL pool settings were refused.'));
  }
  const owned = options.pool === undefined;
  // An idle client whose connection drops emits 'error' on the pool; unhandled, it would crash
  // the process. The pool discards that client; the next query opens a new connection.
  if (owned) pool.on('error', () => undefined);
  let closed = false;
  const db: Db = { pool, schema: `"${schema}"`, closed: () => closed };
  return E.right({
    directory: postgresDirectory(db),
    replayCache: postgresReplayCache(db, sweepIntervalMs),
    requestStore: postgresRequestStore(db, sweepIntervalMs),
    sessionStore: postgresSessionStore(db, sweepIntervalMs),
    migrate: () => migratePostgres(pool, schema),
    close: async () => {
      if (closed) return;
      closed = true;
      if (owned) await pool.end().catch(() => undefined);
    },
  });
};

/**
 * Creates the stores and migrates the schema; on failure the pool it made is ended.
 * @example
 * const r = await connectPostgres({ connectionString: 'postgres://postgres@127.0.0.1:5432/app' })();
 * if (E.isRight(r)) { const { directory, replayCache } = r.right; }
 */
export const connectPostgres = (
  options: PostgresOptions,
): TE.TaskEither<StoreFailure | ConfigFailure, PostgresStores & { readonly migrated: readonly number[] }> =>
  pipe(
    TE.fromEither(postgresStores(options)),
    TE.flatMap((stores) =>
      pipe(
        stores.migrate(),
        TE.map((migrated) => ({ ...stores, migrated })),
        TE.orElse((failure) => async () => {
          await stores.close();
          return E.left(failure);
        }),
      ),
    ),
  );
