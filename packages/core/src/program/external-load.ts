/**
 * Reading the directory for a site or portal decision: the contacts, accounts and users the
 * assertion refers to (and the existing user's contact and its account; for a new user, the
 * users already on the contact it may match), then the standard rules' reads (username and
 * nickname owners, profiles, the organization). Reads only what the assertion names; nothing
 * here decides.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { type DecodedAttributes, decodeAttributes } from '../attributes/decode.js';
import type { StoreFailure } from '../errors/error.js';
import { type JitDecision, reject } from '../jit/decision.js';
import { type ExternalRecords, text } from '../jit/external-records.js';
import { nicknameSought } from '../jit/nickname.js';
import type { RulesRequest } from '../jit/rules.js';
import type { LookupFields, Organization, SObjectRecord } from '../model/records.js';
import type { Directory } from '../ports/directory.js';
import { findAll, findByIdOrName, findNicknameOwners, guarded, loadCustomFields } from './load.js';

type Keyed = 'Contact' | 'Account' | 'User';

const distinct = (values: readonly (string | null)[]): string[] => [
  ...new Set(values.filter((v): v is string => v !== null)),
];

/** The rows of `sobject` with each of `ids`, by Id (missing ones are simply absent). */
const byIds = (
  directory: Directory,
  sobject: Keyed,
  ids: readonly (string | null)[],
): TE.TaskEither<StoreFailure, ReadonlyMap<string, SObjectRecord>> =>
  pipe(
    distinct(ids),
    TE.traverseSeqArray((id) => findAll(directory, sobject, 'Id' as LookupFields[Keyed], id)),
    TE.map((rows) => new Map(rows.flat().map((r) => [r.Id, r]))),
  );

/** The users linked to each of `contactIds` (`User.ContactId`), by contact Id. */
const usersOfContacts = (
  directory: Directory,
  contactIds: readonly (string | null)[],
): TE.TaskEither<StoreFailure, ReadonlyMap<string, readonly SObjectRecord[]>> =>
  pipe(
    distinct(contactIds),
    TE.traverseSeqArray((id) =>
      pipe(
        findAll(directory, 'User', 'ContactId', id),
        TE.map((users) => [id, users] as const),
      ),
    ),
    TE.map((entries) => new Map(entries)),
  );

const byKey = <T extends 'Contact' | 'Account'>(
  directory: Directory,
  sobject: T,
  field: LookupFields[T],
  value: string | null,
): TE.TaskEither<StoreFailure, readonly SObjectRecord[] | null> =>
  value === null ? TE.right(null) : findAll(directory, sobject, field, value);

/** What the standard user decision reads, plus the external records. */
export interface ExternalLoad {
  readonly records: ExternalRecords;
  readonly usernameOwners: readonly SObjectRecord[];
  readonly nicknameOwners: readonly SObjectRecord[];
  readonly profiles: readonly SObjectRecord[] | null;
  readonly organization: Organization;
}

/**
 * Loads an external decision's rows. `profile` is the profile value the user will get (the
 * assertion's, or a portal default).
 * @example
 * loadExternal(directory, request, decoded, 'Customer Community User') // TaskEither<StoreFailure, ExternalLoad>
 */
export const loadExternal = (
  directory: Directory,
  request: RulesRequest,
  a: DecodedAttributes,
  profile: string | null,
): TE.TaskEither<StoreFailure, ExternalLoad> => {
  const existing = request.existing;
  const username = text(a.user.Username);
  return pipe(
    TE.Do,
    TE.apS(
      'contactsById',
      byIds(directory, 'Contact', [text(existing?.ContactId), text(a.links.userContact)]),
    ),
    TE.apS('contactsByEmail', byKey(directory, 'Contact', 'Email', text(a.contact.Email))),
    TE.bind('accountsById', ({ contactsById, contactsByEmail }) =>
      byIds(directory, 'Account', [
        text(a.links.contactAccount),
        text(a.links.userAccount),
        ...[...contactsById.values()].map((c) => text(c.AccountId)),
        ...(contactsByEmail?.length === 1 ? contactsByEmail.map((c) => text(c.AccountId)) : []),
      ]),
    ),
    TE.apS('accountsByNumber', byKey(directory, 'Account', 'AccountNumber', text(a.account.AccountNumber))),
    TE.apS('usersById', byIds(directory, 'User', [text(a.links.accountOwner), text(a.links.contactOwner)])),
    TE.bind('usersByContact', ({ contactsByEmail }) =>
      existing === null
        ? usersOfContacts(directory, [
            text(a.links.userContact),
            contactsByEmail?.length === 1 ? (contactsByEmail[0]?.Id ?? null) : null,
          ])
        : TE.right(new Map()),
    ),
    TE.map((records): ExternalRecords => records),
    TE.bindTo('records'),
    TE.apS(
      'usernameOwners',
      existing === null && username !== null
        ? findAll(directory, 'User', 'Username', username)
        : TE.right([]),
    ),
    TE.apS(
      'nicknameOwners',
      findNicknameOwners(
        directory,
        nicknameSought(a.user.CommunityNickname, a.user.Username, existing === null),
      ),
    ),
    TE.apS('profiles', findByIdOrName(directory, 'Profile', profile)),
    TE.apS(
      'organization',
      guarded(() => directory.organization()),
    ),
  );
};

/**
 * Decodes the attributes (checking custom fields against the declared ones), then runs `decide`;
 * a decoding failure is the decision (a rejection), as for the standard rules.
 */
export const withDecoded = <L>(
  directory: Directory,
  request: RulesRequest,
  decide: (a: DecodedAttributes) => TE.TaskEither<L, JitDecision>,
): TE.TaskEither<L | StoreFailure, JitDecision> =>
  pipe(
    loadCustomFields(directory, request.assertion.attributes),
    TE.map((fields) => decodeAttributes(request.assertion.attributes, fields)),
    TE.chainW(
      E.match(
        (failure) => TE.right<L, JitDecision>(reject(failure)),
        (a) => decide(a),
      ),
    ),
  );
