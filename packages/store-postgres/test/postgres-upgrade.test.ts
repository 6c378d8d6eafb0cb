/**
 * Upgrading a PostgreSQL schema in place, against the real server: a schema at version 1 (only
 * `0001_init.sql`) that holds users migrates to the current version (`User.ContactId` unique,
 * the outstanding requests' browser binding, then users found by `CommunityNickname`) at the
 * next `connectPostgres`, keeping every row; the generated `contact_id` backfills the existing
 * users and follows rows written the version-1 way (an older instance during a rolling upgrade);
 * a schema where two users already share a contact refuses to migrate, changing nothing, until
 * the rows are fixed. A version-2 schema's outstanding requests, and those an older instance
 * still writes without a binding, read back unbound (null). A version-3 schema's users,
 * duplicate nicknames included, are found by nickname after the upgrade, as are those an older
 * instance writes, through the index.
 */
import type { SObjectRecord } from '@saml-jit/core';
import {
  CONTACT_USERS,
  contactUser,
  expectContactIdLookups,
  expectNicknameLookups,
  expectReadsUnbound,
  idOf,
  NICKNAMED_USERS,
  requireService,
  SAMPLE_BINDING,
  UPGRADE_CONTACT_1,
  UPGRADE_CONTACT_2,
  unboundRequest,
} from '@saml-jit/testing';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { connectPostgres, migratePostgres, type PostgresStores, shippedMigrations } from '../src/index.js';
import { admin, POSTGRES_URL, ping, uniqueSchema } from './harness.js';

afterAll(() => admin.end());

const C1 = UPGRADE_CONTACT_1;
const C2 = UPGRADE_CONTACT_2;
const user = contactUser;
const [ALICE, BOB, ODD] = CONTACT_USERS;

/** Writes a user as versions 1 to 3 of the schema (and instances of them) do. */
const insertV1 = (schema: string, u: SObjectRecord) =>
  admin.query(
    `INSERT INTO "${schema}".users (id, federation_identifier, username, record) VALUES ($1, $2, $3, $4)`,
    [u.Id, u.FederationIdentifier, u.Username, JSON.stringify(u)],
  );

const unbound = unboundRequest;

/** Writes an outstanding request as version 2 of the schema (and an instance of that version) does. */
const insertRequestV2 = (schema: string, id: string) => {
  const r = unbound(id);
  return admin.query(
    `INSERT INTO "${schema}".outstanding_requests (id, connection, issued_at, expires_at, relay_state)
     VALUES ($1, $2, $3, $4, $5)`,
    [r.id, r.connection, r.issuedAt, r.expiresAt, r.relayState],
  );
};

const versions = async (schema: string): Promise<number[]> =>
  (
    await admin.query<{ version: number }>(
      `SELECT version FROM "${schema}".schema_migrations ORDER BY version`,
    )
  ).rows.map((r) => r.version);
const users = async (schema: string): Promise<unknown[]> =>
  (await admin.query<{ record: unknown }>(`SELECT record FROM "${schema}".users ORDER BY id`)).rows.map(
    (r) => r.record,
  );

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A new schema at `version`. */
const atVersion = async (version: number): Promise<string> => {
  const schema = uniqueSchema();
  cleanup.push(() => admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  const applied = Array.from({ length: version }, (_, i) => i + 1);
  expect(await migratePostgres(admin, schema, shippedMigrations().slice(0, version))()).toEqual(
    E.right(applied),
  );
  return schema;
};

/** A schema at version 1 holding `rows`. */
const versionOne = async (rows: readonly SObjectRecord[]): Promise<string> => {
  const schema = await atVersion(1);
  for (const u of rows) await insertV1(schema, u);
  await admin.query(
    `INSERT INTO "${schema}".replay_cache (key, expires_at) VALUES ('_kept', '2100-01-01T00:00:00Z')`,
  );
  return schema;
};

const connect = async (schema: string) => {
  const r = await connectPostgres({ connectionString: POSTGRES_URL, schema, sweepIntervalMs: 0 })();
  if (E.isRight(r)) cleanup.push(() => r.right.close());
  return r;
};
const connected = async (schema: string): Promise<PostgresStores & { migrated: readonly number[] }> => {
  const r = await connect(schema);
  if (E.isLeft(r)) throw new Error(`connectPostgres failed: ${r.left.code}`);
  return r.right;
};

if (await requireService(`PostgreSQL at ${new URL(POSTGRES_URL).host}`, ping)) {
  describe('PostgreSQL upgrade from schema version 1', () => {
    it('a version-1 schema with users migrates to the current version on connect and keeps every row', async () => {
      const schema = await versionOne([ALICE, BOB, ODD]);
      const stores = await connected(schema);
      expect(stores.migrated).toEqual([2, 3, 4]);
      expect(await versions(schema)).toEqual([1, 2, 3, 4]);
      expect(await users(schema)).toEqual([ALICE, BOB, ODD]);
      const kept = await admin.query(`SELECT key FROM "${schema}".replay_cache`);
      expect(kept.rows).toEqual([{ key: '_kept' }]);
      await expectContactIdLookups(stores.directory);
    });

    it('rows an older instance writes the version-1 way are found by ContactId and held to the rule', async () => {
      const schema = await versionOne([BOB]);
      const { directory } = await connected(schema);
      await insertV1(schema, user(5, C2));
      expect(await directory.find('User', 'ContactId', C2)()).toEqual(E.right([user(5, C2)]));
      await expect(insertV1(schema, user(6, C1))).rejects.toMatchObject({
        code: '23505',
        constraint: 'users_contact_id_key',
      });
    });

    it('a schema where two users share a contact refuses to migrate (STORE_UNEXPECTED), changing nothing, until fixed', async () => {
      const schema = await versionOne([BOB, user(7, C1)]);
      expect(await connect(schema)).toMatchObject({
        left: { code: 'STORE_UNEXPECTED', retryable: false, constraint: 'User.ContactId' },
      });
      expect(await versions(schema)).toEqual([1]);
      expect(await users(schema)).toEqual([BOB, user(7, C1)]);
      await admin.query(`UPDATE "${schema}".users SET record = $1 WHERE id = $2`, [
        JSON.stringify(user(7, C2)),
        idOf('User', 7),
      ]);
      expect((await connected(schema)).migrated).toEqual([2, 3, 4]);
    });
  });

  describe('PostgreSQL upgrade from schema version 2 (browser binding)', () => {
    it('a version-2 schema with outstanding requests migrates to the current version and reads them as unbound', async () => {
      const schema = await atVersion(2);
      await insertRequestV2(schema, '_v2');
      const { requestStore, migrated } = await connected(schema);
      expect(migrated).toEqual([3, 4]);
      expect(await versions(schema)).toEqual([1, 2, 3, 4]);
      await expectReadsUnbound(requestStore, '_v2');
      const bound = { ...unbound('_v3'), browserBinding: SAMPLE_BINDING };
      expect(await requestStore.save(bound)()).toEqual(E.right(undefined));
      expect(await requestStore.take('_v3', bound.issuedAt)()).toEqual(E.right(O.some(bound)));
    });

    it('requests an older instance writes the version-2 way read as unbound', async () => {
      const schema = await atVersion(2);
      const { requestStore } = await connected(schema);
      await insertRequestV2(schema, '_older');
      await expectReadsUnbound(requestStore, '_older');
    });
  });

  describe('PostgreSQL upgrade from schema version 3 (community nickname)', () => {
    it('a version-3 schema with users migrates to version 4: found by nickname, duplicates kept, held to the absence', async () => {
      const schema = await atVersion(3);
      for (const u of NICKNAMED_USERS) await insertV1(schema, u);
      const { directory, migrated } = await connected(schema);
      expect(migrated).toEqual([4]);
      expect(await versions(schema)).toEqual([1, 2, 3, 4]);
      expect(await users(schema)).toEqual(NICKNAMED_USERS);
      await expectNicknameLookups(directory);
    });

    it('rows an older instance writes the version-3 way are found by nickname, through the index', async () => {
      const schema = await atVersion(3);
      const { directory } = await connected(schema);
      for (const u of NICKNAMED_USERS) await insertV1(schema, u);
      await expectNicknameLookups(directory);
      // A table this small is scanned whenever the planner may; forbid it, and the index must serve.
      const client = await admin.connect();
      try {
        await client.query('BEGIN');
        await client.query('SET LOCAL enable_seqscan = off');
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN SELECT record FROM "${schema}".users WHERE community_nickname = $1`,
          ['ada'],
        );
        await client.query('ROLLBACK');
        expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('users_community_nickname_idx');
      } finally {
        client.release();
      }
    });
  });
}
