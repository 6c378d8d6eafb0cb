/**
 * Schema migrations: the versioned SQL files of `migrations/` (`0001_init.sql`, …), applied in
 * order, forward only, each recorded in `schema_migrations`. The whole run holds SQLite's write
 * lock (`BEGIN IMMEDIATE`), so when two processes open an empty database at the same moment one
 * migrates and the other waits, then finds nothing left to do.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { type StoreFailure, storeFailure } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import { PlanRejected, translate } from './errors.js';
import type { Database } from './handle.js';

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

/**
 * A unique rule that the existing rows break (two users on one contact, before migration 2) is
 * no race: retrying cannot help, an operator must fix the rows. Not retryable, naming the rule.
 */
const migrationFailure = (m: Migration, f: StoreFailure): StoreFailure =>
  f.code === 'STORE_CONFLICT'
    ? storeFailure(
        'STORE_UNEXPECTED',
        'Existing rows break a rule this migration adds; fix them and open again.',
        {
          ...(f.constraint === undefined ? {} : { constraint: f.constraint }),
          details: { version: m.version },
        },
      )
    : f;

/** `migrate`, throwing: used inside `openSqlite`'s own guard. */
export const migrateOrThrow = (db: Database, migrations: readonly Migration[]): number[] =>
  db
    .transaction(() => {
      db.exec(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
         version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`,
      );
      const applied = new Map(
        (
          db.prepare('SELECT version, name FROM schema_migrations').all() as {
            version: number;
            name: string;
          }[]
        ).map((r) => [r.version, r.name]),
      );
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
        try {
          db.exec(m.sql);
        } catch (e) {
          throw new PlanRejected(migrationFailure(m, translate(e)));
        }
        db.prepare(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
        ).run(m.version, m.name);
        done.push(m.version);
      }
      return done;
    })
    .immediate();

/**
 * Applies the migrations `db` lacks, in one transaction; answers the versions applied. Fails
 * with `STORE_UNEXPECTED` when the recorded history disagrees with the files (an edited
 * migration), changing nothing.
 * @example
 * migrate(db, shippedMigrations()) // Right([1]) on a new database, then Right([])
 */
export const migrate = (db: Database, migrations: readonly Migration[]): E.Either<StoreFailure, number[]> =>
  E.tryCatch(() => migrateOrThrow(db, migrations), translate);
