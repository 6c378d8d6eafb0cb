/**
 * Where each sObject lives in SQL: its table, and the columns kept beside the JSON record for
 * lookups and uniqueness (every other field lives only in the record). A lookup column holds the
 * field's value when it is text, else NULL: the port matches by string equality, so a number or
 * a boolean can never be found by `find`, exactly as in the in-memory reference.
 */
import type { LookupFields, SObjectRecord, SObjectType } from '@saml-jit/core';

export interface TableLayout {
  readonly table: string;
  /** Field API name → column, for every lookup field the adapter writes (`Id` is always `id`). */
  readonly columns: Readonly<Record<string, string>>;
  /**
   * Lookup columns the database generates from the record (migrations/0002, 0004): searched (and
   * constrained, when an index makes them unique), never written, so rows of any schema version
   * and of older instances agree.
   */
  readonly generated?: Readonly<Record<string, string>>;
}

export const LAYOUT = {
  User: {
    table: 'users',
    columns: { FederationIdentifier: 'federation_identifier', Username: 'username' },
    generated: { ContactId: 'contact_id', CommunityNickname: 'community_nickname' },
  },
  Contact: { table: 'contacts', columns: { Email: 'email' } },
  Account: { table: 'accounts', columns: { AccountNumber: 'account_number' } },
  Profile: { table: 'profiles', columns: { Name: 'name' } },
  UserRole: { table: 'user_roles', columns: { Name: 'name' } },
  Network: { table: 'networks', columns: {} },
  Portal: { table: 'portals', columns: {} },
  CustomField: { table: 'custom_fields', columns: { Object: 'object' } },
} as const satisfies Readonly<Record<SObjectType, TableLayout>>;

type ColumnFields<T extends SObjectType> =
  | keyof (typeof LAYOUT)[T]['columns']
  | ((typeof LAYOUT)[T] extends { readonly generated: infer G } ? keyof G : never);
/** The port's lookup fields without a column here: none, or this file does not compile. */
type Uncovered = { [T in SObjectType]: Exclude<LookupFields[T], 'Id' | ColumnFields<T>> }[SObjectType];
true satisfies [Uncovered] extends [never] ? true : Uncovered;

/** Every lookup column of a table, written or generated: field API name → column. */
const lookupColumns = (layout: TableLayout): Readonly<Record<string, string>> => ({
  ...layout.columns,
  ...layout.generated,
});

/**
 * The column holding `field` of `sobject`. A field that is no lookup field (only an untyped caller
 * can pass one) throws, which the caller's guard turns into `STORE_UNEXPECTED`, rather than a
 * search of another column answering nothing.
 */
export const columnOf = (sobject: SObjectType, field: string): string => {
  if (field === 'Id') return 'id';
  const columns = lookupColumns(LAYOUT[sobject]);
  // Own keys only: `constructor` or `toString` is no lookup field either.
  if (!Object.hasOwn(columns, field)) throw new Error(`${sobject}.${field} is not a lookup field.`);
  return columns[field] as string;
};

/**
 * A constraint or unique index name of the migrations → the port's rule: `users_pkey` →
 * `User.Id`, `users_federation_identifier_key` → `User.FederationIdentifier`,
 * `users_contact_id_key` → `User.ContactId`.
 */
export const constraintNamed = (name: string): string | undefined => {
  for (const [sobject, layout] of Object.entries(LAYOUT)) {
    if (name === `${layout.table}_pkey`) return `${sobject}.Id`;
    for (const [field, column] of Object.entries(lookupColumns(layout)))
      if (name === `${layout.table}_${column}_key`) return `${sobject}.${field}`;
  }
  return undefined;
};

/** The row of `record`: id, each lookup column (text or NULL), then the JSON record. */
export const rowOf = (sobject: SObjectType, record: SObjectRecord): (string | null)[] => [
  record.Id,
  ...Object.keys(LAYOUT[sobject].columns).map((f) => {
    const v = record[f];
    return typeof v === 'string' ? v : null;
  }),
  JSON.stringify(record),
];

/** A record as read from its jsonb column; anything else is a corrupt row. */
export const asRecord = (value: unknown): SObjectRecord => {
  if (typeof value !== 'object' || value === null || typeof (value as { Id?: unknown }).Id !== 'string')
    throw new Error('A stored record is not a JSON object with an Id.');
  return value as SObjectRecord;
};
