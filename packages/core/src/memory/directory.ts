/**
 * The in-memory directory: the reference implementation of the `Directory` port, used by the
 * core's tests and by `saml-jit provision` (the dry run). Commits are atomic because they are
 * applied to a copy that replaces the state only when every operation succeeded; JavaScript's
 * single thread makes each commit indivisible, its precondition check (`plan.absent`) included.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { type StoreFailure, storeFailure } from '../errors/error.js';
import type {
  DirectorySnapshot,
  FieldValue,
  Organization,
  SObjectRecord,
  SObjectType,
  WritePlan,
} from '../model/records.js';
import { customFieldDef, customFieldRecord } from '../model/snapshot-records.js';
import { absenceConflict, type Directory } from '../ports/directory.js';

type Tables = { [K in SObjectType]: Map<string, SObjectRecord> };

const SOBJECTS: readonly SObjectType[] = [
  'User',
  'Contact',
  'Account',
  'Profile',
  'UserRole',
  'Network',
  'Portal',
  'CustomField',
];

const emptyTables = (): Tables =>
  Object.fromEntries(SOBJECTS.map((s) => [s, new Map<string, SObjectRecord>()])) as unknown as Tables;

const copyTables = (t: Tables): Tables =>
  Object.fromEntries(SOBJECTS.map((s) => [s, new Map(t[s])])) as unknown as Tables;

/** Fields that must be unique per sObject (when set), as the port's contract requires. */
const UNIQUE: Partial<Record<SObjectType, readonly string[]>> = {
  User: ['FederationIdentifier', 'Username', 'ContactId'],
};

const uniqueClash = (
  table: Map<string, SObjectRecord>,
  sobject: SObjectType,
  rec: SObjectRecord,
): string | null => {
  for (const field of UNIQUE[sobject] ?? []) {
    const v = rec[field];
    if (v === null || v === undefined) continue;
    for (const other of table.values()) {
      if (other.Id !== rec.Id && other[field] === v) return `${sobject}.${field}`;
    }
  }
  return null;
};

export const DEFAULT_ORGANIZATION: Organization = {
  Id: '00D000000000001AAA',
  DefaultLocaleSidKey: 'en_US',
  TimeZoneSidKey: 'America/Los_Angeles',
  LanguageLocaleKey: 'en_US',
  DefaultCurrencyIsoCode: 'USD',
  EmailEncodingKey: 'UTF-8',
};

export interface MemoryDirectory extends Directory {
  /** A copy of everything stored, in the snapshot format (the conformance suites' backdoor). */
  snapshot(): DirectorySnapshot;
}

/**
 * A directory held in memory, optionally seeded with a snapshot.
 * @example
 * const dir = memoryDirectory({ Profile: [{ Id: '00e000000000001', Name: 'Standard User' }] });
 */
export const memoryDirectory = (initial: Partial<DirectorySnapshot> = {}): MemoryDirectory => {
  let tables = emptyTables();
  let organization: Organization = initial.Organization ?? DEFAULT_ORGANIZATION;

  const upsertAll = (t: Tables, snap: Partial<DirectorySnapshot>): void => {
    for (const s of SOBJECTS) {
      // Custom fields have no Id in the snapshot format: they are stored keyed `Object.Name`.
      const records = s === 'CustomField' ? (snap.CustomField ?? []).map(customFieldRecord) : (snap[s] ?? []);
      for (const r of records) t[s].set(r.Id, { ...r });
    }
  };
  upsertAll(tables, initial);

  const apply = (t: Tables, plan: WritePlan): StoreFailure | null => {
    // Preconditions are checked against the rows before the plan's own writes.
    for (const absence of plan.absent ?? []) {
      for (const r of t[absence.sobject].values())
        if (r[absence.field] === absence.value) return absenceConflict(absence);
    }
    for (const op of plan.ops) {
      const table = t[op.sobject];
      if (op.op === 'insert') {
        if (table.has(op.record.Id))
          return storeFailure('STORE_CONFLICT', 'Record Id already exists.', {
            constraint: `${op.sobject}.Id`,
          });
        const clash = uniqueClash(table, op.sobject, op.record);
        if (clash !== null)
          return storeFailure('STORE_CONFLICT', `Unique field already taken: ${clash}.`, {
            constraint: clash,
          });
        table.set(op.record.Id, { ...op.record });
      } else {
        const current = table.get(op.id);
        if (current === undefined)
          return storeFailure('STORE_CONFLICT', 'Record to update does not exist.', {
            constraint: `${op.sobject}.Id`,
          });
        const next: SObjectRecord = {
          ...current,
          ...(op.fields as Record<string, FieldValue>),
          Id: current.Id,
        };
        const clash = uniqueClash(table, op.sobject, next);
        if (clash !== null)
          return storeFailure('STORE_CONFLICT', `Unique field already taken: ${clash}.`, {
            constraint: clash,
          });
        table.set(op.id, next);
      }
    }
    return null;
  };

  const list = (s: SObjectType): SObjectRecord[] => [...tables[s].values()].map((r) => ({ ...r }));

  return {
    find: (sobject, field, value) => TE.right(list(sobject).filter((r) => r[field] === value)),
    organization: () => TE.right(organization),
    commit: (plan) => () => {
      const next = copyTables(tables);
      const failure = apply(next, plan);
      if (failure !== null) return Promise.resolve(E.left(failure));
      tables = next;
      return Promise.resolve(E.right(undefined));
    },
    seed: (snap) => () => {
      const next = copyTables(tables);
      upsertAll(next, snap);
      tables = next;
      organization = snap.Organization;
      return Promise.resolve(E.right(undefined));
    },
    snapshot: () => ({
      Organization: organization,
      Profile: list('Profile'),
      UserRole: list('UserRole'),
      User: list('User'),
      Contact: list('Contact'),
      Account: list('Account'),
      Network: list('Network'),
      Portal: list('Portal'),
      CustomField: list('CustomField').map(customFieldDef),
    }),
  };
};
