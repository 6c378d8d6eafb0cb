/**
 * Directory records with Salesforce field API names (`Id`, `FederationIdentifier`, `ProfileId`…).
 * A record may carry any field of its sObject; custom fields end in `__c`.
 */

export type FieldValue = string | number | boolean | null;

/** One sObject row. `Id` is always present; other fields by their API names. */
export interface SObjectRecord {
  readonly Id: string;
  readonly [field: string]: FieldValue;
}

/** The sObjects the directory holds. */
export type SObjectType =
  | 'User'
  | 'Contact'
  | 'Account'
  | 'Profile'
  | 'UserRole'
  | 'Network'
  | 'Portal'
  | 'CustomField';

/** The sObjects provisioning writes. */
export type WritableSObject = 'User' | 'Contact' | 'Account';

/** Salesforce key prefixes of records that JIT creates. */
export const KEY_PREFIX = { User: '005', Contact: '003', Account: '001' } as const satisfies Record<
  WritableSObject,
  string
>;

/**
 * The fields a directory can be searched by, per sObject. Matching is exact and case-sensitive
 * (byte equality), in every adapter. `User.ContactId` finds the user of a contact (a contact has
 * at most one); `User.CommunityNickname` the user with a nickname (JIT keeps nicknames unique).
 */
export interface LookupFields {
  readonly User: 'Id' | 'FederationIdentifier' | 'Username' | 'ContactId' | 'CommunityNickname';
  readonly Contact: 'Id' | 'Email';
  readonly Account: 'Id' | 'AccountNumber';
  readonly Profile: 'Id' | 'Name';
  readonly UserRole: 'Id' | 'Name';
  readonly Network: 'Id';
  readonly Portal: 'Id';
  readonly CustomField: 'Object';
}

/** The organization's defaults that JIT copies onto a new user. */
export interface Organization {
  readonly Id: string;
  readonly DefaultLocaleSidKey: string;
  readonly TimeZoneSidKey: string;
  readonly LanguageLocaleKey: string;
  readonly DefaultCurrencyIsoCode: string;
  readonly EmailEncodingKey: string;
}

/** A custom field the org declares, e.g. `{ Object: 'User', Name: 'Badge__c', Type: 'Text' }`. */
export interface CustomFieldDef {
  readonly Object: string;
  readonly Name: string;
  readonly Type: string;
}

/**
 * The whole directory as data, in the `saml-jit provision --directory` format: by sObject, with
 * Salesforce field names. Used to seed a store and by the dry run.
 */
export interface DirectorySnapshot {
  readonly Organization: Organization;
  readonly Profile: readonly SObjectRecord[];
  readonly UserRole: readonly SObjectRecord[];
  readonly User: readonly SObjectRecord[];
  readonly Contact: readonly SObjectRecord[];
  readonly Account: readonly SObjectRecord[];
  readonly Network: readonly SObjectRecord[];
  readonly Portal: readonly SObjectRecord[];
  readonly CustomField: readonly CustomFieldDef[];
}

/** One write of a provisioning. IDs of inserted records are chosen before the write (IdGenerator). */
export type WriteOp =
  | { readonly op: 'insert'; readonly sobject: WritableSObject; readonly record: SObjectRecord }
  | {
      readonly op: 'update';
      readonly sobject: WritableSObject;
      readonly id: string;
      readonly fields: Readonly<Record<string, FieldValue>>;
    };

/**
 * A precondition of a commit: no record of `sobject` whose `field` is `value` existed before it.
 * JIT matches accounts by `AccountNumber` and contacts by `Email`, which Salesforce does not make
 * unique; a plan that creates one because none matched says so, and a commit that finds one made
 * meanwhile (a concurrent first login of another identity) fails instead of adding a duplicate.
 * A plan that gives a user a `CommunityNickname` no other user had says so too: Salesforce keeps
 * nicknames unique, and two racing first logins must not both take one.
 */
export type Absence =
  | { readonly sobject: 'Account'; readonly field: 'AccountNumber'; readonly value: string }
  | { readonly sobject: 'Contact'; readonly field: 'Email'; readonly value: string }
  | { readonly sobject: 'User'; readonly field: 'CommunityNickname'; readonly value: string };

/**
 * Every write of one provisioning, applied in order, all or nothing; `absent`: what must still
 * not exist when they are applied (checked with the writes, atomically; see the Directory port).
 */
export interface WritePlan {
  readonly ops: readonly WriteOp[];
  readonly absent?: readonly Absence[];
}
