/**
 * The SQLite directory: one table per sObject (see migrations/), lookups on indexed columns, the
 * full record as JSON. `commit` runs the whole plan in one `BEGIN IMMEDIATE` transaction, so it
 * is all or nothing, and the UNIQUE constraints on `users` make a second user for one
 * FederationIdentifier, Username or ContactId impossible, whatever the number of processes. The
 * plan's preconditions (`absent`) are checked first in the same transaction: IMMEDIATE takes the
 * database's write lock at BEGIN, so no other connection can insert a matching row between the
 * check and the writes.
 */
import {
  absenceConflict,
  DEFAULT_ORGANIZATION,
  type Directory,
  type Organization,
  type SObjectRecord,
  type SObjectType,
  snapshotRecords,
  storeFailure,
  type WriteOp,
  type WritePlan,
} from '@saml-jit/core';
import { PlanRejected } from './errors.js';
import { attempt, type Handle } from './handle.js';
import { columnOf, LAYOUT, parseRecord, rowOf } from './layout.js';

const columns = (s: SObjectType): string[] => ['id', ...Object.values(LAYOUT[s].columns), 'record'];
const marks = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

const insertSql = (s: SObjectType): string =>
  `INSERT INTO ${LAYOUT[s].table} (${columns(s).join(', ')}) VALUES (${marks(columns(s).length)})`;
const upsertSql = (s: SObjectType): string =>
  `${insertSql(s)} ON CONFLICT (id) DO UPDATE SET ${columns(s)
    .slice(1)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}`;
const updateSql = (s: SObjectType): string =>
  `UPDATE ${LAYOUT[s].table} SET ${columns(s)
    .slice(1)
    .map((c) => `${c} = ?`)
    .join(', ')} WHERE id = ?`;

/**
 * The directory over an open handle (see `openSqlite`).
 * @example
 * const stores = openSqlite({ path: 'saml-jit.db' }); // Right({ directory, … })
 */
export const sqliteDirectory = (h: Handle): Directory => {
  const recordOf = (s: SObjectType, id: string): SObjectRecord | undefined => {
    const json = h.stmt(`SELECT record FROM ${LAYOUT[s].table} WHERE id = ?`).pluck().get(id) as
      | string
      | undefined;
    return json === undefined ? undefined : parseRecord(json);
  };

  const apply = (op: WriteOp): void => {
    if (op.op === 'insert') {
      h.stmt(insertSql(op.sobject)).run(...rowOf(op.sobject, op.record));
      return;
    }
    const current = recordOf(op.sobject, op.id);
    if (current === undefined)
      throw new PlanRejected(
        storeFailure('STORE_CONFLICT', 'The record to update does not exist.', {
          constraint: `${op.sobject}.Id`,
        }),
      );
    const next: SObjectRecord = { ...current, ...op.fields, Id: current.Id };
    h.stmt(updateSql(op.sobject)).run(...rowOf(op.sobject, next).slice(1), op.id);
  };

  /** Rows of `sobject` whose `field` is exactly `value` (as `find`: the column, then the record). */
  const matching = (sobject: SObjectType, field: string, value: string): SObjectRecord[] =>
    (
      h
        .stmt(`SELECT record FROM ${LAYOUT[sobject].table} WHERE ${columnOf(sobject, field)} = ?`)
        .pluck()
        .all(value) as string[]
    )
      .map(parseRecord)
      // SQLite binds strings as UTF-8 (a lone surrogate becomes U+FFFD): confirm the exact match.
      .filter((r) => r[field] === value);

  // Run with `.immediate`: the write lock is held from the precondition check to the last write.
  const commitPlan = h.db.transaction((plan: WritePlan) => {
    for (const absence of plan.absent ?? [])
      if (matching(absence.sobject, absence.field, absence.value).length > 0)
        throw new PlanRejected(absenceConflict(absence));
    for (const op of plan.ops) apply(op);
  });

  const seedAll = h.db.transaction((snap: Parameters<Directory['seed']>[0]) => {
    for (const [s, records] of snapshotRecords(snap))
      for (const r of records) h.stmt(upsertSql(s)).run(...rowOf(s, r));
    h.stmt(
      'INSERT INTO organization (singleton, record) VALUES (1, ?) ON CONFLICT (singleton) DO UPDATE SET record = excluded.record',
    ).run(JSON.stringify(snap.Organization));
  });

  return {
    find: (sobject, field, value) => attempt(h, () => matching(sobject, field, value)),
    organization: () =>
      attempt(h, () => {
        const json = h.stmt('SELECT record FROM organization WHERE singleton = 1').pluck().get() as
          | string
          | undefined;
        return json === undefined ? DEFAULT_ORGANIZATION : (JSON.parse(json) as Organization);
      }),
    commit: (plan) => attempt(h, () => commitPlan.immediate(plan)),
    seed: (snap) => attempt(h, () => seedAll.immediate(snap)),
  };
};
