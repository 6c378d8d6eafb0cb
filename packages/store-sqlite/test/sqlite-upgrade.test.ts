/**
 * Upgrading a SQLite file in place: a database created at version 1 (only `0001_init.sql`) that
 * holds users migrates to the current version (`User.ContactId` unique, the outstanding
 * requests' browser binding, then users found by `CommunityNickname`) when opened, keeping every
 * row; the generated `contact_id` backfills the existing users and follows rows written the
 * version-1 way (an older instance during a rolling upgrade); a file where two users already
 * share a contact refuses to migrate, changing nothing, until the rows are fixed. A version-2
 * file's outstanding requests, and those an older instance still writes without a binding, read
 * back unbound (null). A version-3 file's users, duplicate nicknames included, are found by
 * nickname after the upgrade, as are those an older instance writes, through the index.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SObjectRecord } from '@saml-jit/core';
import {
  CONTACT_USERS,
  contactUser,
  expectContactIdLookups,
  expectNicknameLookups,
  expectReadsUnbound,
  idOf,
  NICKNAMED_USERS,
  SAMPLE_BINDING,
  UPGRADE_CONTACT_1,
  UPGRADE_CONTACT_2,
  unboundRequest,
} from '@saml-jit/testing';
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openSqlite, type SqliteStores, shippedMigrations } from '../src/index.js';

const C1 = UPGRADE_CONTACT_1;
const C2 = UPGRADE_CONTACT_2;
const user = contactUser;
const [ALICE, BOB, ODD] = CONTACT_USERS;

/** Writes a user as versions 1 to 3 of the schema (and instances of them) do. */
const insertV1 = (db: Database.Database, u: SObjectRecord): void => {
  db.prepare('INSERT INTO users (id, federation_identifier, username, record) VALUES (?, ?, ?, ?)').run(
    u.Id,
    u.FederationIdentifier,
    u.Username,
    JSON.stringify(u),
  );
};

const versions = (db: Database.Database): number[] =>
  db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all() as number[];
const users = (db: Database.Database): SObjectRecord[] =>
  (db.prepare('SELECT record FROM users ORDER BY id').pluck().all() as string[]).map((j) => JSON.parse(j));

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A file at schema `version` and a raw connection to it. */
const atVersion = (version: number): { file: string; raw: Database.Database } => {
  const dir = mkdtempSync(join(tmpdir(), 'saml-jit-upgrade-'));
  const file = join(dir, `v${version}.db`);
  const raw = new Database(file);
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanup.push(() => {
    raw.close();
  });
  const applied = Array.from({ length: version }, (_, i) => i + 1);
  expect(migrate(raw, shippedMigrations().slice(0, version))).toEqual(E.right(applied));
  return { file, raw };
};

/** A file at schema version 1 holding `rows`, and a raw connection to it. */
const versionOne = (rows: readonly SObjectRecord[]): { file: string; raw: Database.Database } => {
  const { file, raw } = atVersion(1);
  for (const u of rows) insertV1(raw, u);
  raw.exec("INSERT INTO replay_cache (key, expires_at) VALUES ('_kept', 4102444800000)");
  return { file, raw };
};

const opened = (file: string): SqliteStores => {
  const r = openSqlite({ path: file, sweepIntervalMs: 0 });
  if (E.isLeft(r)) throw new Error(`openSqlite failed: ${r.left.code}`);
  cleanup.push(() => r.right.close());
  return r.right;
};

describe('SQLite upgrade from schema version 1', () => {
  it('a version-1 file with users migrates to the current version on open and keeps every row', async () => {
    const { file, raw } = versionOne([ALICE, BOB, ODD]);
    const stores = opened(file);
    expect(stores.migrated).toEqual([2, 3, 4]);
    expect(versions(raw)).toEqual([1, 2, 3, 4]);
    expect(users(raw)).toEqual([ALICE, BOB, ODD]);
    expect(raw.prepare('SELECT key FROM replay_cache').pluck().all()).toEqual(['_kept']);
    await expectContactIdLookups(stores.directory);
  });

  it('rows an older instance writes the version-1 way are found by ContactId and held to the rule', async () => {
    const { file, raw } = versionOne([BOB]);
    const { directory } = opened(file);
    insertV1(raw, user(5, C2));
    expect(await directory.find('User', 'ContactId', C2)()).toEqual(E.right([user(5, C2)]));
    expect(() => insertV1(raw, user(6, C1))).toThrow(/UNIQUE constraint failed: users\.contact_id/);
  });

  it('a file where two users share a contact refuses to migrate (STORE_UNEXPECTED), changing nothing, until fixed', () => {
    const { file, raw } = versionOne([BOB, user(7, C1)]);
    const refused = openSqlite({ path: file });
    expect(refused).toMatchObject({
      left: { code: 'STORE_UNEXPECTED', retryable: false, constraint: 'User.ContactId' },
    });
    expect(versions(raw)).toEqual([1]);
    expect(users(raw)).toEqual([BOB, user(7, C1)]);
    raw.prepare('UPDATE users SET record = ? WHERE id = ?').run(JSON.stringify(user(7, C2)), idOf('User', 7));
    expect(opened(file).migrated).toEqual([2, 3, 4]);
  });
});

const unbound = unboundRequest;

/** Writes an outstanding request as version 2 of the schema (and an instance of that version) does. */
const insertRequestV2 = (db: Database.Database, id: string): void => {
  const r = unbound(id);
  db.prepare(
    'INSERT INTO outstanding_requests (id, connection, issued_at, expires_at, relay_state) VALUES (?, ?, ?, ?, ?)',
  ).run(r.id, r.connection, r.issuedAt.getTime(), r.expiresAt.getTime(), r.relayState);
};

describe('SQLite upgrade from schema version 2 (browser binding)', () => {
  it('a version-2 file with outstanding requests migrates to the current version and reads them as unbound', async () => {
    const { file, raw } = atVersion(2);
    insertRequestV2(raw, '_v2');
    const { requestStore, migrated } = opened(file);
    expect(migrated).toEqual([3, 4]);
    expect(versions(raw)).toEqual([1, 2, 3, 4]);
    await expectReadsUnbound(requestStore, '_v2');
    const bound = { ...unbound('_v3'), browserBinding: SAMPLE_BINDING };
    expect(await requestStore.save(bound)()).toEqual(E.right(undefined));
    expect(await requestStore.take('_v3', bound.issuedAt)()).toEqual(E.right(O.some(bound)));
  });

  it('requests an older instance writes the version-2 way read as unbound', async () => {
    const { file, raw } = atVersion(2);
    const { requestStore } = opened(file);
    insertRequestV2(raw, '_older');
    await expectReadsUnbound(requestStore, '_older');
  });
});

describe('SQLite upgrade from schema version 3 (community nickname)', () => {
  it('a version-3 file with users migrates to version 4: found by nickname, duplicates kept, held to the absence', async () => {
    const { file, raw } = atVersion(3);
    for (const u of NICKNAMED_USERS) insertV1(raw, u);
    const { directory, migrated } = opened(file);
    expect(migrated).toEqual([4]);
    expect(versions(raw)).toEqual([1, 2, 3, 4]);
    expect(users(raw)).toEqual(NICKNAMED_USERS);
    await expectNicknameLookups(directory);
  });

  it('rows an older instance writes the version-3 way are found by nickname, through the index', async () => {
    const { file, raw } = atVersion(3);
    const { directory } = opened(file);
    for (const u of NICKNAMED_USERS) insertV1(raw, u);
    await expectNicknameLookups(directory);
    const plan = raw
      .prepare('EXPLAIN QUERY PLAN SELECT record FROM users WHERE community_nickname = ?')
      .all('ada') as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toContain('USING INDEX users_community_nickname_idx');
  });
});
