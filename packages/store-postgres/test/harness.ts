/**
 * Test harness for the PostgreSQL stores, against the real server (127.0.0.1:5432, user
 * postgres, database test; `SAML_JIT_POSTGRES_URL` overrides): a fresh schema per test, dropped
 * afterwards; a raw admin pool as the backdoor; a second pool over the same schema as the second
 * instance; a pool on a closed port as the unreachable store; and a connection cut mid-commit
 * with `pg_terminate_backend` while the commit's User insert waits on a table lock.
 */
import type { StoreFailure, WritableSObject } from '@saml-jit/core';
import type { Either } from 'fp-ts/lib/Either.js';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import { connectPostgres, type PostgresOptions, type PostgresStores, postgresStores } from '../src/index.js';

export const POSTGRES_URL = process.env.SAML_JIT_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const TABLE: Record<WritableSObject, string> = { User: 'users', Contact: 'contacts', Account: 'accounts' };

/** The backdoor's own pool: raw SQL, never through the adapter. */
export const admin = new pg.Pool({ connectionString: POSTGRES_URL, max: 4 });
admin.on('error', () => undefined);

/** Resolves when the server answers. */
export const ping = async (): Promise<void> => {
  await admin.query('SELECT 1');
};

let counter = 0;
/** A schema name no other test run uses. */
export const uniqueSchema = (): string => {
  counter += 1;
  return `sjt_${process.pid}_${Date.now().toString(36)}_${counter}`;
};

export interface PgHarness extends PostgresStores {
  readonly schema: string;
}

const connect = async (options: PostgresOptions): Promise<PostgresStores> => {
  const r = await connectPostgres(options)();
  if (E.isLeft(r)) throw new Error(`connectPostgres failed: ${r.left.code} ${r.left.message}`);
  return r.right;
};

const optionsFor = (schema: string): PostgresOptions => ({
  connectionString: POSTGRES_URL,
  schema,
  sweepIntervalMs: 0,
  poolConfig: { application_name: schema, max: 10 },
});

/** Stores over a new, migrated schema; closing drops it. */
export const makePostgres = async (): Promise<PgHarness> => {
  const schema = uniqueSchema();
  const stores = await connect(optionsFor(schema));
  return {
    ...stores,
    schema,
    close: async () => {
      await stores.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
};

export const backdoors = (h: PgHarness) => ({
  records: async (s: WritableSObject) =>
    (
      await admin.query<{ record: Record<string, unknown> }>(`SELECT record FROM "${h.schema}".${TABLE[s]}`)
    ).rows.map((r) => r.record as never),
  count: (table: string) => async () =>
    Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM "${h.schema}".${table}`)).rows[0]?.n),
});

/** A second pool over the same schema, as a second instance would have. */
export const secondInstance = (first: PgHarness): Promise<PostgresStores> =>
  connect(optionsFor(first.schema));

/** Stores whose server does not exist (nothing listens on port 1). */
export const unreachable = async (): Promise<PostgresStores> => {
  const r = postgresStores({ connectionString: 'postgres://postgres@127.0.0.1:1/test', schema: 'saml_jit' });
  if (E.isLeft(r)) throw new Error(r.left.code);
  return r.right;
};

/**
 * Cuts the connection carrying `commit` while it is inside its transaction: a SHARE ROW EXCLUSIVE
 * lock on `users` makes the User insert wait (the Account and Contact are written by then), the
 * waiting backend is terminated, the lock released.
 */
export const breakDuringCommit = async (
  h: PgHarness,
  commit: () => Promise<Either<StoreFailure, void>>,
): Promise<Either<StoreFailure, void>> => {
  const locker = await admin.connect();
  try {
    await locker.query('BEGIN');
    await locker.query(`LOCK TABLE "${h.schema}".users IN SHARE ROW EXCLUSIVE MODE`);
    const pending = commit();
    let pid: number | undefined;
    for (let i = 0; i < 200 && pid === undefined; i += 1) {
      const { rows } = await locker.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`,
        [h.schema],
      );
      pid = rows[0]?.pid;
      if (pid === undefined) await new Promise((r) => setTimeout(r, 10));
    }
    if (pid === undefined) throw new Error('the commit never waited on the lock');
    await locker.query('SELECT pg_terminate_backend($1)', [pid]);
    await locker.query('ROLLBACK');
    return await pending;
  } finally {
    locker.release();
  }
};
