/**
 * Schema migrations: the versioned SQL files of `migrations/` (`0001_init.sql`, …), applied in
 * order, forward only, each in its own transaction and recorded in `<schema>.schema_migrations`.
 * The whole run holds a session-level advisory lock keyed by the schema, so when two instances
 * start at the same moment on an empty database one migrates and the other waits, then finds
 * nothing left to do. The lock goes with the session if the process dies.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { type ConfigFailure, configFailure, type StoreFailure, storeFailure } from '@saml-jit/core';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type pg from 'pg';
import { attempt, SCHEMA_NAME, withClient } from './db.js';
import { PlanRejected, translate } from './errors.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const MIGRATIONS = new URL('../migrations/', import.meta.url);

/** The migrations shipped with this package, by version. */
export const shippedMigrations = (): readonly Migration[] =>
  readdirSync(MIGRATIONS)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 4)),
      name: f.slice(5, -4),
      sql: readFileSync(new URL(f, MIGRATIONS), 'utf8'),
    }));

/** 'SAML' as an int4: the advisory lock class of saml-jit's migrations. */
const LOCK_CLASS = 0x53414d4c;

/** FNV-1a of the schema name as an int4: the advisory lock's second key. */
const lockKey = (schema: string): number => {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(schema)) h = Math.imul(h ^ byte, 0x01000193);
  return h | 0;
};

/**
 * A unique rule that the existing rows break (two users on one contact, before migration 2) is
 * no race: retrying cannot help, an operator must fix the rows. Not retryable, naming the rule.
 */
const migrationFailure = (m: Migration, f: StoreFailure): StoreFailure =>
  f.code === 'STORE_CONFLICT'
    ? storeFailure(
        'STORE_UNEXPECTED',
        'Existing rows break a rule this migration adds; fix them and connect again.',
        {
          ...(f.constraint === undefined ? {} : { constraint: f.constraint }),
          details: { version: m.version },
        },
      )
    : f;

const run = async (
  client: pg.PoolClient,
  schema: string,
  migrations: readonly Migration[],
): Promise<number[]> => {
  const q = `"${schema}"`;
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${q}`);
  await client.query(
    `CREATE TABLE IF NOT EXISTS ${q}.schema_migrations (
       version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const { rows } = await client.query<{ version: number; name: string }>(
    `SELECT version, name FROM ${q}.schema_migrations`,
  );
  const applied = new Map(rows.map((r) => [r.version, r.name]));
  const done: number[] = [];
  for (const m of migrations) {
    const name = applied.get(m.version);
    if (name === m.name) continue;
    if (name !== undefined)
      throw new PlanRejected(
        storeFailure('STORE_UNEXPECTED', 'The migration history differs from the shipped migrations.', {
          details: { version: m.version },
        }),
      );
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL search_path TO ${q}`);
      await client.query(m.sql);
      await client.query(`INSERT INTO ${q}.schema_migrations (version, name) VALUES ($1, $2)`, [
        m.version,
        m.name,
      ]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw new PlanRejected(migrationFailure(m, translate(e)));
    }
    done.push(m.version);
  }
  return done;
};

/**
 * Brings `schema` up to date; answers the versions this call applied.
 * @example
 * await migratePostgres(pool, 'saml_jit')(); // Right([1]) on an empty database, then Right([])
 */
export const migratePostgres = (
  pool: pg.Pool,
  schema: string,
  migrations: readonly Migration[] = shippedMigrations(),
): TE.TaskEither<StoreFailure | ConfigFailure, number[]> =>
  !SCHEMA_NAME.test(schema)
    ? TE.left(configFailure('CONFIG_INVALID', 'The schema must be a lower-case SQL identifier.', { schema }))
    : attempt({ pool, schema: `"${schema}"`, closed: () => false }, () =>
        withClient(pool, async (client) => {
          await client.query('SELECT pg_advisory_lock($1, $2)', [LOCK_CLASS, lockKey(schema)]);
          try {
            return await run(client, schema, migrations);
          } finally {
            await client
              .query('SELECT pg_advisory_unlock($1, $2)', [LOCK_CLASS, lockKey(schema)])
              .catch(() => undefined);
          }
        }),
      );
