/**
 * fast-check arbitraries for whole directories and for write plans over them. Snapshots keep the
 * directory's invariants (unique Ids; unique FederationIdentifier and Username among users), so a
 * store must accept every one of them.
 */
import type {
  CustomFieldDef,
  DirectorySnapshot,
  FieldValue,
  SObjectRecord,
  WritableSObject,
  WriteOp,
  WritePlan,
} from '@saml-jit/core';
import fc from 'fast-check';
import {
  accountRecordArb,
  contactRecordArb,
  customFieldNameArb,
  fieldValueArb,
  organizationArb,
  recordArb,
  userRecordArb,
} from './records.js';

const sameUser = (a: SObjectRecord, b: SObjectRecord): boolean =>
  a.Id === b.Id || a.FederationIdentifier === b.FederationIdentifier || a.Username === b.Username;

const byId = { selector: (r: SObjectRecord) => r.Id };

const namedArb = (prefix: string) =>
  fc
    .uniqueArray(
      fc.tuple(fc.nat(999_999), fc.constantFrom('Standard User', 'Customer Community User', 'Sales', 'Ops')),
      { maxLength: 3, selector: ([n]) => n },
    )
    .map((rows) =>
      rows.map(([n, name]) => ({ Id: `${prefix}${String(n).padStart(15, '0')}`, Name: `${name} ${n}` })),
    );

const customFieldDefArb: fc.Arbitrary<CustomFieldDef> = fc.record({
  Object: fc.constantFrom('User', 'Contact', 'Account'),
  Name: customFieldNameArb,
  Type: fc.constantFrom('Text', 'Number', 'Checkbox', 'Date'),
});

/**
 * A directory snapshot that satisfies the directory's uniqueness rules.
 * @example
 * fc.assert(fc.asyncProperty(directorySnapshotArb, async (snap) => { await dir.seed(snap)(); … }));
 */
export const directorySnapshotArb: fc.Arbitrary<DirectorySnapshot> = fc.record({
  Organization: organizationArb,
  Profile: namedArb('00e'),
  UserRole: namedArb('00E'),
  User: fc.uniqueArray(userRecordArb, { maxLength: 5, comparator: sameUser }),
  Contact: fc.uniqueArray(contactRecordArb, { maxLength: 5, ...byId }),
  Account: fc.uniqueArray(accountRecordArb, { maxLength: 5, ...byId }),
  Network: fc.constant([]),
  Portal: fc.constant([]),
  CustomField: fc.uniqueArray(customFieldDefArb, {
    maxLength: 3,
    selector: (f) => `${f.Object}.${f.Name}`,
  }),
});

const updatableFields: Record<WritableSObject, readonly string[]> = {
  User: ['LastName', 'FirstName', 'Email', 'Title', 'IsActive', 'Department'],
  Contact: ['LastName', 'Email', 'Phone', 'Title'],
  Account: ['Name', 'Phone', 'Site'],
};

const updateArb = (sobject: WritableSObject, ids: readonly string[]): fc.Arbitrary<WriteOp> =>
  fc
    .record({
      id: fc.constantFrom(...ids),
      fields: fc.dictionary(fc.constantFrom(...updatableFields[sobject]), fieldValueArb, {
        minKeys: 1,
        maxKeys: 3,
      }),
    })
    .map(({ id, fields }) => ({ op: 'update', sobject, id, fields: fields as Record<string, FieldValue> }));

/**
 * A write plan that a directory holding `snapshot` must accept: inserts of new Accounts, Contacts
 * and Users (unique against the snapshot and each other) and updates of existing records' plain
 * (non-unique) fields.
 * @example
 * fc.assert(fc.asyncProperty(writePlanArb(snapshot), async (plan) => { … }));
 */
export const writePlanArb = (snapshot?: DirectorySnapshot): fc.Arbitrary<WritePlan> => {
  const existing = (s: WritableSObject): readonly string[] => (snapshot?.[s] ?? []).map((r) => r.Id);
  const taken = snapshot?.User ?? [];
  const inserts = (sobject: WritableSObject) =>
    fc
      .uniqueArray(recordArb(sobject), { maxLength: 2, comparator: sobject === 'User' ? sameUser : byIdCmp })
      .map((records) =>
        records
          .filter((r) => !existing(sobject).includes(r.Id))
          .filter((r) => sobject !== 'User' || !taken.some((t) => sameUser(t, r)))
          .map((record): WriteOp => ({ op: 'insert', sobject, record })),
      );
  const updates = (['User', 'Contact', 'Account'] as const)
    .filter((s) => existing(s).length > 0)
    .map((s) => fc.array(updateArb(s, existing(s)), { maxLength: 2 }));
  return fc
    .tuple(inserts('Account'), inserts('Contact'), inserts('User'), ...updates)
    .map((groups) => ({ ops: groups.flat() }));
};

const byIdCmp = (a: SObjectRecord, b: SObjectRecord): boolean => a.Id === b.Id;
