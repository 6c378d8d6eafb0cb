/**
 * The PostgreSQL directory: one table per sObject in the configured schema (see migrations/),
 * lookups on indexed columns, the full record as jsonb. `commit` runs the plan in one READ
 * COMMITTED transaction: the UNIQUE constraints on `users` decide races (a concurrent insert of
 * the same FederationIdentifier, Username or ContactId waits for the first, then fails 23505),
 * so no stronger isolation is needed, and a lost connection rolls everything back. The plan's
 * preconditions (`absent`: no account with this number, no contact with this email, no user with
 * this nickname) are no unique constraint: they are checked under a transaction-scoped advisory
 * lock per key, taken before the check, so two commits holding the same absence run their
 * check-and-write one after the other, across every pool and process on the database.
 */
import { createHash } from 'node:crypto';
import {
  type Absence,
  absenceConflict,
  DEFAULT_ORGANIZATION,
  type Directory,
  type Organization,
  type SObjectRecord,
  type SObjectType,
  snapshotRecords,
  storeFailure,
  type WriteOp,
} from '@saml-jit/core';
import type pg from 'pg';
import { attempt, type Db, transaction } from './db.js';
import { PlanRejected } from './errors.js';
import { asRecord, columnOf, LAYOUT, rowOf } from './layout.js';

/**
 * The advisory lock keys of `absent` in this schema, distinct and ascending: the first 8 bytes of
 * SHA-256(schema, sObject.field, value) as a signed bigint (decimal text). Another schema, field
 * or value never shares a key except by a 2^-64 accident, which only makes two commits wait.
 */
export const lockKeys = (schema: string, absent: readonly Absence[]): string[] =>
  [
    ...new Set(
      absent.map((a) =>
        createHash('sha256')
          .update(`${schema}\u0000${a.sobject}.${a.field}\u0000${a.value}`)
          .digest()
          .readBigInt64BE(0),
      ),
    ),
  ]
    .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))
    .map(String);

const columns = (s: SObjectType): string[] => ['id', ...Object.values(LAYOUT[s].columns), 'record'];
const params = (n: number, from = 1): string =>
  Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');

/** The SQL of one schema, built once. */
const statements = (schema: string) => {
  const t = (s: SObjectType): string => `${schema}.${LAYOUT[s].table}`;
  const insert = (s: SObjectType): string =>
    `INSERT INTO ${t(s)} (${columns(s).join(', ')}) VALUES (${params(columns(s).length)})`;
  const sets = (s: SObjectType, from: number): string =>
    columns(s)
      .slice(1)
      .map((c, i) => `${c} = $${i + from}`)
      .join(', ');
  return {
    find: (s: SObjectType, field: string) => `SELECT record FROM ${t(s)} WHERE ${columnOf(s, field)} = $1`,
    insert,
    upsert: (s: SObjectType) =>
      `${insert(s)} ON CONFLICT (id) DO UPDATE SET ${columns(s)
        .slice(1)
        .map((c) => `${c} = EXCLUDED.${c}`)
        .join(', ')}`,
    lock: (s: SObjectType) => `SELECT record FROM ${t(s)} WHERE id = $1 FOR UPDATE`,
    update: (s: SObjectType) => `UPDATE ${t(s)} SET ${sets(s, 2)} WHERE id = $1`,
    organization: `SELECT record FROM ${schema}.organization WHERE singleton`,
    seedOrganization: `INSERT INTO ${schema}.organization (singleton, record) VALUES (true, $1)
      ON CONFLICT (singleton) DO UPDATE SET record = EXCLUDED.record`,
  };
};

/**
 * The directory over a pool and schema (see `connectPostgres`).
 * @example
 * const stores = await connectPostgres({ connectionString: process.env.DATABASE_URL })();
 */
export const postgresDirectory = (db: Db): Directory => {
  const sql = statements(db.schema);

  const apply = async (client: pg.PoolClient, op: WriteOp): Promise<void> => {
    if (op.op === 'insert') {
      await client.query(sql.insert(op.sobject), rowOf(op.sobject, op.record));
      return;
    }
    const { rows } = await client.query<{ record: unknown }>(sql.lock(op.sobject), [op.id]);
    if (rows[0] === undefined)
      throw new PlanRejected(
        storeFailure('STORE_CONFLICT', 'The record to update does not exist.', {
          constraint: `${op.sobject}.Id`,
        }),
      );
    const current = asRecord(rows[0].record);
    const next: SObjectRecord = { ...current, ...op.fields, Id: current.Id };
    await client.query(sql.update(op.sobject), [op.id, ...rowOf(op.sobject, next).slice(1)]);
  };

  /** Rows of `sobject` whose `field` is exactly `value`, read on `client` (pool or transaction). */
  const matching = async (
    client: pg.Pool | pg.PoolClient,
    sobject: SObjectType,
    field: string,
    value: string,
  ): Promise<SObjectRecord[]> => {
    // PostgreSQL text cannot hold NUL, so nothing stored can equal such a value.
    if (value.includes('\u0000')) return [];
    const { rows } = await client.query<{ record: unknown }>(sql.find(sobject, field), [value]);
    // Strings are sent as UTF-8, which turns a lone surrogate into U+FFFD: confirm in JS
    // that each row's field is exactly `value`, as the port requires.
    return rows.map((r) => asRecord(r.record)).filter((r) => r[field] === value);
  };

  /**
   * Checks the plan's preconditions inside its transaction. READ COMMITTED alone would let two
   * commits both see no row and both insert one, so each absence's key is first locked with a
   * transaction-scoped advisory lock (held to COMMIT/ROLLBACK), in ascending key order so that
   * two plans never wait on each other's keys. The check after the lock is a new statement, so
   * it sees every row a previous holder committed.
   */
  const checkAbsent = async (client: pg.PoolClient, absent: readonly Absence[]): Promise<void> => {
    for (const key of lockKeys(db.schema, absent))
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [key]);
    for (const absence of absent)
      if ((await matching(client, absence.sobject, absence.field, absence.value)).length > 0)
        throw new PlanRejected(absenceConflict(absence));
  };

  return {
    find: (sobject, field, value) => attempt(db, () => matching(db.pool, sobject, field, value)),
    organization: () =>
      attempt(db, async () => {
        const { rows } = await db.pool.query<{ record: Organization }>(sql.organization);
        return rows[0]?.record ?? DEFAULT_ORGANIZATION;
      }),
    commit: (plan) =>
      attempt(db, () =>
        transaction(db.pool, async (client) => {
          await checkAbsent(client, plan.absent ?? []);
          for (const op of plan.ops) await apply(client, op);
        }),
      ),
    seed: (snap) =>
      attempt(db, () =>
        transaction(db.pool, async (client) => {
          for (const [s, records] of snapshotRecords(snap))
            for (const r of records) await client.query(sql.upsert(s), rowOf(s, r));
          await client.query(sql.seedOrganization, [JSON.stringify(snap.Organization)]);
        }),
      ),
  };
};
