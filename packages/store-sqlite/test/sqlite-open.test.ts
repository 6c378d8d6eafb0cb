/**
 * What the conformance suites do not cover for SQLite: opening (bad paths fail closed), forward
 * migrations and their history check, and a writer blocked by another connection's lock past the
 * busy timeout (SQLITE_BUSY → STORE_UNAVAILABLE).
 */
import { firstLogin } from '@saml-jit/testing';
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { migrate, openSqlite, shippedMigrations } from '../src/index.js';
import { makeSqlite } from './harness.js';

const tables = (db: Database.Database): string[] =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];

describe('openSqlite', () => {
  it('fails closed with STORE_UNAVAILABLE when the file cannot be opened', () => {
    const r = openSqlite({ path: '/nonexistent-dir/saml-jit.db' });
    expect(E.isLeft(r) && r.left).toMatchObject({ kind: 'store', code: 'STORE_UNAVAILABLE' });
  });

  it('refuses options without a path or a database (CONFIG_INVALID)', () => {
    expect(openSqlite({})).toMatchObject({ left: { code: 'CONFIG_INVALID' } });
    expect(openSqlite({ path: ':memory:', sweepIntervalMs: -1 })).toMatchObject({
      left: { code: 'CONFIG_INVALID' },
    });
  });

  it('migrates a new database once; reopening applies nothing', async () => {
    const h = await makeSqlite();
    try {
      expect(h.migrated).toEqual([1, 2, 3, 4]);
      const again = openSqlite({ path: h.file });
      expect(E.isRight(again) && again.right.migrated).toEqual([]);
      if (E.isRight(again)) await again.right.close();
      expect(h.raw.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual([
        { version: 1, name: 'init' },
        { version: 2, name: 'users_contact_id' },
        { version: 3, name: 'outstanding_requests_browser_binding' },
        { version: 4, name: 'users_community_nickname' },
      ]);
    } finally {
      await h.close();
    }
  });

  it('migrates forward: a later migration is applied on top of the recorded ones', () => {
    const db = new Database(':memory:');
    const shipped = shippedMigrations();
    expect(migrate(db, shipped)).toEqual(E.right([1, 2, 3, 4]));
    const next = { version: 5, name: 'add_users_title', sql: 'ALTER TABLE users ADD COLUMN title TEXT;' };
    expect(migrate(db, [...shipped, next])).toEqual(E.right([5]));
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual([
      1, 2, 3, 4, 5,
    ]);
    expect(migrate(db, [...shipped, next])).toEqual(E.right([]));
    db.close();
  });

  it('refuses a database whose recorded migration differs from the shipped one, changing nothing', () => {
    const db = new Database(':memory:');
    migrate(db, shippedMigrations());
    const before = tables(db);
    const edited = [{ version: 1, name: 'init_edited', sql: 'CREATE TABLE x (a TEXT);' }];
    expect(migrate(db, edited)).toMatchObject({ left: { code: 'STORE_UNEXPECTED' } });
    expect(tables(db)).toEqual(before);
    db.close();
  });
});

describe('SQLite locking', () => {
  it('a commit blocked past the busy timeout by another connection fails with STORE_UNAVAILABLE and writes nothing', async () => {
    const h = await makeSqlite();
    const r = openSqlite({ path: h.file, busyTimeoutMs: 50 });
    if (E.isLeft(r)) throw new Error(r.left.code);
    try {
      h.raw.exec('BEGIN IMMEDIATE');
      const started = performance.now();
      const result = await r.right.directory.commit(firstLogin(1, 'fed-busy'))();
      const elapsed = performance.now() - started;
      h.raw.exec('ROLLBACK');
      expect(E.isLeft(result) && result.left).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true });
      expect(elapsed).toBeGreaterThanOrEqual(40);
      expect(h.raw.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(0);
    } finally {
      await r.right.close();
      await h.close();
    }
  });
});

describe('SQLite lookups', () => {
  it('find by a field that is no lookup field (an untyped caller) is STORE_UNEXPECTED, not a silent empty answer', async () => {
    const h = await makeSqlite();
    try {
      const login = firstLogin(1, 'fed-lookup');
      expect(E.isRight(await h.directory.commit(login)())).toBe(true);
      const op = login.ops.find((o) => o.op === 'insert' && o.sobject === 'User');
      const userId = op?.op === 'insert' ? op.record.Id : '';
      expect(userId).not.toBe('');
      const result = await h.directory.find('User', 'Email' as never, userId)();
      expect(E.isLeft(result) && result.left).toMatchObject({ kind: 'store', code: 'STORE_UNEXPECTED' });
    } finally {
      await h.close();
    }
  });
});
