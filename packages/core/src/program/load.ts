/**
 * Reading the directory for a decision. Every call is guarded: an adapter that throws or rejects,
 * against its contract, yields `STORE_UNEXPECTED` instead of an exception escaping `provision`.
 * Site and portal rules reuse these loaders.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { type StoreFailure, storeFailure } from '../errors/error.js';
import type { Attributes } from '../model/assertion.js';
import type { CustomFieldDef, LookupFields, SObjectRecord, SObjectType } from '../model/records.js';
import type { Directory } from '../ports/directory.js';

/** Runs a port call so that neither a synchronous throw nor a rejected promise escapes. */
export const guarded =
  <A>(call: () => TE.TaskEither<StoreFailure, A>): TE.TaskEither<StoreFailure, A> =>
  async () => {
    try {
      return await call()();
    } catch {
      return E.left(
        storeFailure('STORE_UNEXPECTED', 'A store adapter threw instead of returning a failure.'),
      );
    }
  };

/** Every row of `sobject` whose `field` is `value`. */
export const findAll = <T extends SObjectType>(
  directory: Directory,
  sobject: T,
  field: LookupFields[T],
  value: string,
): TE.TaskEither<StoreFailure, readonly SObjectRecord[]> =>
  guarded(() => directory.find(sobject, field, value));

/**
 * The one row whose unique `field` is `value`, or null. Several rows break the port's uniqueness
 * contract, so that is a store failure rather than a guess.
 */
export const findUnique = <T extends SObjectType>(
  directory: Directory,
  sobject: T,
  field: LookupFields[T],
  value: string,
): TE.TaskEither<StoreFailure, SObjectRecord | null> =>
  pipe(
    findAll(directory, sobject, field, value),
    TE.chainEitherK((rows) =>
      rows.length <= 1
        ? E.right(rows[0] ?? null)
        : E.left(
            storeFailure('STORE_UNEXPECTED', `Several ${sobject} rows share a unique ${String(field)}.`, {
              constraint: `${sobject}.${String(field)}`,
            }),
          ),
    ),
  );

/** The users holding `nickname` (`nicknameSought`); none to look up when it is null. */
export const findNicknameOwners = (
  directory: Directory,
  nickname: string | null,
): TE.TaskEither<StoreFailure, readonly SObjectRecord[]> =>
  nickname === null ? TE.right([]) : findAll(directory, 'User', 'CommunityNickname', nickname);

/** Rows whose `Id` or `Name` is `value` (for "by ID or unique name"); null when `value` is null. */
export const findByIdOrName = (
  directory: Directory,
  sobject: 'Profile' | 'UserRole',
  value: string | null | undefined,
): TE.TaskEither<StoreFailure, readonly SObjectRecord[] | null> =>
  value === null || value === undefined
    ? TE.right(null)
    : pipe(
        TE.Do,
        TE.apS('byId', findAll(directory, sobject, 'Id', value)),
        TE.apS('byName', findAll(directory, sobject, 'Name', value)),
        TE.map(({ byId, byName }) => [...byId, ...byName]),
      );

const CUSTOM_OBJECTS = ['User', 'Contact', 'Account'] as const;

/**
 * The custom fields declared for the objects the attributes name custom fields of (`User.X__c`…);
 * no query at all for the usual assertion without any.
 */
export const loadCustomFields = (
  directory: Directory,
  attributes: Attributes,
): TE.TaskEither<StoreFailure, readonly CustomFieldDef[]> => {
  const names = [...attributes.keys()];
  const objects = CUSTOM_OBJECTS.filter((o) => names.some((n) => n.startsWith(`${o}.`) && n.endsWith('__c')));
  return pipe(
    objects,
    TE.traverseSeqArray((o) => findAll(directory, 'CustomField', 'Object', o)),
    TE.map((rows) =>
      rows.flat().map((r) => ({ Object: String(r.Object), Name: String(r.Name), Type: String(r.Type) })),
    ),
  );
};
