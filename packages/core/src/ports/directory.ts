/**
 * The directory port: users, contacts, accounts, profiles, roles, sites, portals, custom fields and
 * the organization's defaults, with an all-or-nothing commit.
 *
 * Contract (every adapter MUST, and `@saml-jit/testing`'s directory suite checks it):
 * - `find` matches exactly (case-sensitive byte equality) and returns every matching row, in no
 *   particular order; an empty array when none match. Rows carry every stored field.
 * - `commit` applies the plan's operations in order, atomically: either every operation is
 *   durable, or none is visible to any reader, even if the process or the connection dies midway.
 * - `User.FederationIdentifier` and `User.Username` are unique. A commit that would break that
 *   fails with `STORE_CONFLICT` (retryable, `constraint` naming the field) and writes nothing, so
 *   N concurrent first logins of one identity, across instances, make exactly one user.
 * - `User.ContactId` is unique when it is set (NULL or absent may repeat): a contact has at most
 *   one user, as in Salesforce. A commit that would give a contact a second user fails with
 *   `STORE_CONFLICT`, `constraint: 'User.ContactId'`, and writes nothing, also across instances.
 * - An `update` of a record that does not exist fails with `STORE_CONFLICT` and writes nothing.
 * - `commit` checks the plan's preconditions (`plan.absent`) atomically with its writes: if a row
 *   that existed BEFORE the commit matches an absence (its field equals the value, as `find`
 *   compares), the commit fails with `STORE_CONFLICT` (retryable, `constraint` naming the field,
 *   `Account.AccountNumber`, `Contact.Email` or `User.CommunityNickname`) and writes nothing.
 *   Rows are checked as they were before the commit: a row the plan inserts, or updates to the
 *   value, does not count; a row that already had the value does, even one the plan updates.
 *   Atomic also across instances: of two commits whose plans each hold the same absence and
 *   insert a matching row, one fails. The fields stay non-unique otherwise
 *   (an org may hold duplicates; a plan without the absence may add one).
 * - An unreachable backing store fails with `STORE_UNAVAILABLE` (retryable); any other driver
 *   error with `STORE_UNEXPECTED`. Driver errors never escape; nothing throws.
 * - `seed` upserts a snapshot by `Id` (idempotent: two instances may seed the same file).
 * - Records come back field for field (custom fields, numbers, booleans, nulls). Lookup fields
 *   are matched as text: `find` never finds a non-text value in one, and uniqueness is only
 *   guaranteed among text values.
 * - A connection lost in the middle of a commit leaves nothing written and fails with
 *   `STORE_UNAVAILABLE`; the adapter recovers for the next call.
 */
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { type StoreFailure, storeFailure } from '../errors/error.js';
import type {
  Absence,
  DirectorySnapshot,
  LookupFields,
  Organization,
  SObjectRecord,
  SObjectType,
  WritePlan,
} from '../model/records.js';

export interface Directory {
  /** Every row of `sobject` whose `field` equals `value` exactly. */
  find<T extends SObjectType>(
    sobject: T,
    field: LookupFields[T],
    value: string,
  ): TaskEither<StoreFailure, readonly SObjectRecord[]>;
  /** The organization's defaults. */
  organization(): TaskEither<StoreFailure, Organization>;
  /** Applies every write of the plan, in order, all or nothing. */
  commit(plan: WritePlan): TaskEither<StoreFailure, void>;
  /** Upserts every record of the snapshot by Id, all or nothing. */
  seed(snapshot: DirectorySnapshot): TaskEither<StoreFailure, void>;
}

/**
 * The failure of a commit whose precondition `absence` does not hold (for adapters).
 * @example
 * absenceConflict({ sobject: 'Account', field: 'AccountNumber', value: 'ACME-1' })
 * // { kind: 'store', code: 'STORE_CONFLICT', retryable: true, constraint: 'Account.AccountNumber', … }
 */
export const absenceConflict = (absence: Absence): StoreFailure =>
  storeFailure('STORE_CONFLICT', 'A record the plan expected absent exists now.', {
    constraint: `${absence.sobject}.${absence.field}`,
  });
