/**
 * PostgreSQL migrations against the real server: instances starting at the same moment on an
 * empty database (one migrates, the others wait and find nothing to do), forward upgrades, a
 * refused history, and schema names that could inject SQL.
 */
import { requireService } from '@saml-jit/testing';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { connectPostgres, migratePostgres, postgresStores, shippedMigrations } from '../src/index.js';
import { admin, POSTGRES_URL, ping, uniqueSchema } from './harness.js';

afterAll(() => admin.end());

const versions = async (schema: string): Promise<number[]> =>
  (
    await admin.query<{ version: number }>(
      `SELECT version FROM "${schema}".schema_migrations ORDER BY version`,
    )
  ).rows.map((r) => r.version);
const drop = (schema: string) => admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);

if (await requireService(`PostgreSQL at ${new URL(POSTGRES_URL).host}`, ping)) {
  describe('PostgreSQL migrations', () => {
    it('8 instances starting at once on an empty schema: one migrates, the others wait, all succeed', async () => {
      const schema = uniqueSchema();
      try {
        const start = performance.now();
        const results = await Promise.all(
          Array.from({ length: 8 }, () => connectPostgres({ connectionString: POSTGRES_URL, schema })()),
        );
        const elapsed = performance.now() - start;
        const stores = results.map((r) => {
          if (E.isLeft(r)) throw new Error(`instance failed: ${r.left.code} ${r.left.message}`);
          return r.right;
        });
        console.info(`[saml-jit] postgres migrations: 8 instances at once, elapsed=${elapsed.toFixed(0)}ms`);
        expect(stores.map((s) => s.migrated).sort()).toEqual([[], [], [], [], [], [], [], [1, 2, 3, 4]]);
        expect(await versions(schema)).toEqual([1, 2, 3, 4]);
        await Promise.all(stores.map((s) => s.close()));
      } finally {
        await drop(schema);
      }
    });

    it('migrates forward: a later migration is applied on top of the recorded ones, once', async () => {
      const schema = uniqueSchema();
      const stores = postgresStores({ connectionString: POSTGRES_URL, schema });
      if (E.isLeft(stores)) throw new Error(stores.left.code);
      try {
        expect(await stores.right.migrate()()).toEqual(E.right([1, 2, 3, 4]));
        const next = { version: 5, name: 'add_users_title', sql: 'ALTER TABLE users ADD COLUMN title text;' };
        const all = [...shippedMigrations(), next];
        expect(await migratePostgres(admin, schema, all)()).toEqual(E.right([5]));
        expect(await migratePostgres(admin, schema, all)()).toEqual(E.right([]));
        expect(await versions(schema)).toEqual([1, 2, 3, 4, 5]);
      } finally {
        await stores.right.close();
        await drop(schema);
      }
    });

    it('refuses a schema whose recorded migration differs from the shipped one, changing nothing', async () => {
      const schema = uniqueSchema();
      try {
        await migratePostgres(admin, schema)();
        const edited = [{ version: 1, name: 'init_edited', sql: 'CREATE TABLE x (a text);' }];
        expect(await migratePostgres(admin, schema, edited)()).toMatchObject({
          left: { code: 'STORE_UNEXPECTED' },
        });
        const { rows } = await admin.query(
          'SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename = $2',
          [schema, 'x'],
        );
        expect(rows).toEqual([]);
      } finally {
        await drop(schema);
      }
    });

    it('a failing migration rolls back and records nothing', async () => {
      const schema = uniqueSchema();
      try {
        const broken = [
          ...shippedMigrations(),
          { version: 5, name: 'broken', sql: 'ALTER TABLE nope ADD COLUMN a text;' },
        ];
        expect(await migratePostgres(admin, schema, broken)()).toMatchObject({ left: { kind: 'store' } });
        expect(await versions(schema)).toEqual([1, 2, 3, 4]);
      } finally {
        await drop(schema);
      }
    });

    it('schema names that could inject SQL are refused with CONFIG_INVALID', async () => {
      for (const schema of ['a"; DROP TABLE x; --', 'Upper', '', 'x'.repeat(64), 'sp ace'])
        expect(postgresStores({ connectionString: POSTGRES_URL, schema })).toMatchObject({
          left: { code: 'CONFIG_INVALID' },
        });
      expect(await migratePostgres(admin, 'a";--')()).toMatchObject({ left: { code: 'CONFIG_INVALID' } });
    });

    it('an unreachable server fails connectPostgres with STORE_UNAVAILABLE', async () => {
      const r = await connectPostgres({ connectionString: 'postgres://postgres@127.0.0.1:1/test' })();
      expect(r).toMatchObject({ left: { code: 'STORE_UNAVAILABLE', retryable: true } });
    });
  });
}
