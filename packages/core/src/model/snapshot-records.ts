/**
 * A directory snapshot as stored records: the one definition every directory adapter (memory,
 * SQLite, PostgreSQL) shares of how a snapshot becomes rows. Custom field declarations have no
 * `Id` in the snapshot format, so they are stored as records keyed `Object.Name`; the other
 * sObjects are taken as they are, in the snapshot's order.
 */
import type { CustomFieldDef, DirectorySnapshot, SObjectRecord, SObjectType } from './records.js';

/**
 * The stored record of a custom field declaration, keyed `Object.Name` (one declaration per
 * field of an sObject).
 * @example
 * customFieldRecord({ Object: 'User', Name: 'Badge__c', Type: 'Text' })
 * // { Id: 'User.Badge__c', Object: 'User', Name: 'Badge__c', Type: 'Text' }
 */
export const customFieldRecord = (f: CustomFieldDef): SObjectRecord => ({
  Id: `${f.Object}.${f.Name}`,
  Object: f.Object,
  Name: f.Name,
  Type: f.Type,
});

/**
 * The declaration a stored custom field record stands for (the inverse of `customFieldRecord`).
 * @example
 * customFieldDef({ Id: 'User.Badge__c', Object: 'User', Name: 'Badge__c', Type: 'Text' })
 * // { Object: 'User', Name: 'Badge__c', Type: 'Text' }
 */
export const customFieldDef = (r: SObjectRecord): CustomFieldDef => ({
  Object: String(r.Object),
  Name: String(r.Name),
  Type: String(r.Type),
});

/**
 * Every record of a snapshot, by sObject, in the snapshot's order (Profile, UserRole, Account,
 * Contact, User, Network, Portal, CustomField), custom fields as `customFieldRecord`s: what
 * `Directory.seed` upserts by `Id`.
 * @example
 * for (const [sobject, records] of snapshotRecords(snapshot)) for (const r of records) upsert(sobject, r);
 */
export const snapshotRecords = (snap: DirectorySnapshot): [SObjectType, readonly SObjectRecord[]][] => [
  ['Profile', snap.Profile],
  ['UserRole', snap.UserRole],
  ['Account', snap.Account],
  ['Contact', snap.Contact],
  ['User', snap.User],
  ['Network', snap.Network],
  ['Portal', snap.Portal],
  ['CustomField', snap.CustomField.map(customFieldRecord)],
];
