/**
 * Test harness for the SQLite stores: a fresh database file per test, a raw better-sqlite3
 * connection as the backdoor, a second connection to the same file as the "second instance", a
 * closed database as the unreachable store, and a fault that fails the storage in the middle of a
 * commit (a temporary trigger calling a function that raises SQLITE_IOERR before the User insert).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WritableSObject } from '@saml-jit/core';
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { openSqlite, type SqliteStores } from '../src/index.js';

const TABLE: Record<WritableSObject, string> = { User: 'users', Contact: 'contacts', Account: 'accounts' };

export interface SqliteHarness extends SqliteStores {
  readonly file: string;
  readonly db: Database.Database;
  readonly raw: Database.Database;
}

const open = (file: string, db?: Database.Database): SqliteStores => {
  const r = openSqlite(
    db === undefined ? { path: file, sweepIntervalMs: 0 } : { database: db, sweepIntervalMs: 0 },
  );
  if (E.isLeft(r)) throw new Error(`openSqlite failed: ${r.left.code}`);
  return r.right;
};

/** A fresh database file with the stores over it and a raw connection beside them. */
export const makeSqlite = async (): Promise<SqliteHarness> => {
  const dir = mkdtempSync(join(tmpdir(), 'saml-jit-sqlite-'));
  const file = join(dir, 'test.db');
  const db = new Database(file);
  const stores = open(file, db);
  const raw = new Database(file);
  return {
    ...stores,
    file,
    db,
    raw,
    close: async () => {
      await stores.close();
      db.close();
      raw.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export const backdoors = (h: SqliteHarness) => ({
  records: async (s: WritableSObject) =>
    (h.raw.prepare(`SELECT record FROM ${TABLE[s]}`).pluck().all() as string[]).map((j) => JSON.parse(j)),
  count: (table: string) => async () =>
    h.raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number,
});

/** A second connection to the same file, as a second process would have. */
export const secondInstance = async (first: SqliteHarness): Promise<SqliteStores> => open(first.file);

/** Stores whose database is closed. */
export const unreachable = async (): Promise<SqliteStores> => {
  const h = await makeSqlite();
  await h.close();
  return h;
};

/** Fails the storage (SQLITE_IOERR) when the commit reaches its User insert. */
export const breakDuringCommit = async <A>(h: SqliteHarness, commit: () => Promise<A>): Promise<A> => {
  h.db.function('saml_jit_test_fault', () => {
    throw Object.assign(new Error('disk I/O error (simulated by the test)'), { code: 'SQLITE_IOERR' });
  });
  h.db.exec(
    'CREATE TEMP TRIGGER saml_jit_test_fault BEFORE INSERT ON main.users BEGIN SELECT saml_jit_test_fault(); END',
  );
  try {
    return await commit();
  } finally {
    h.db.exec('DROP TRIGGER temp.saml_jit_test_fault');
  }
};
