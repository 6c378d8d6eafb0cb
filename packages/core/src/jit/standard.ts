/**
 * Standard JIT for internal users (spec §1.4, §2), as a pure function of what the loader found.
 * The order of the checks is part of the contract (docs/jit-rules.md): 2 → update (14, 16, 17) or
 * create (5 required, 16, 17, 5/12 username taken), then 5 (a sent nickname another user holds).
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { DecodedAttributes } from '../attributes/decode.js';
import { type JitFailure, jitFailure } from '../errors/error.js';
import type { JitCode } from '../errors/jit-table.js';
import type { FieldValue, Organization, SObjectRecord, WriteOp } from '../model/records.js';
import { diffUpdate, type JitDecision, reject } from './decision.js';
import { defaultAlias, defaultCommunityNickname, organizationDefaults } from './defaults.js';
import { uniqueRecord } from './lookup.js';
import { claimNickname } from './nickname.js';

/** Everything standard JIT decides on. The loader (`program/`) fills it; nothing here does I/O. */
export interface StandardInput {
  /** From NameID or the identity attribute (`federationIdOf`). */
  readonly federationId: string;
  readonly attributes: DecodedAttributes;
  /** The user whose `FederationIdentifier` is the federation ID, if any. */
  readonly existing: SObjectRecord | null;
  /** Users whose `Username` is `User.Username` (empty when it was not sent). */
  readonly usernameOwners: readonly SObjectRecord[];
  /**
   * Users whose `CommunityNickname` is the one this login would give (`nicknameSought`: the sent
   * `User.CommunityNickname`, else on create the one derived from `User.Username`).
   */
  readonly nicknameOwners: readonly SObjectRecord[];
  /** Profiles whose `Id` or `Name` is `User.ProfileId`; null when it was not sent (or empty). */
  readonly profiles: readonly SObjectRecord[] | null;
  /** Roles whose `Id` or `Name` is `User.UserRoleId`; null when it was not sent (or empty). */
  readonly roles: readonly SObjectRecord[] | null;
  readonly organization: Organization;
  /** The Id a created user gets (drawn by the loader from the IdGenerator). */
  readonly newUserId: string;
}

/** Required on insert, in the order a missing one is reported (spec §2.2). */
export const REQUIRED_ON_CREATE = ['Email', 'LastName', 'ProfileId', 'Username'] as const;

/**
 * The user's decision once its nickname is claimed (`claimNickname`): inserted (`before` null) or
 * updated as it differs from `before`, or refused (5). Only a nickname JIT derived on create may
 * change; a sent one that another user holds is refused.
 */
const withNickname = (
  input: StandardInput,
  user: SObjectRecord,
  before: SObjectRecord | null,
): JitDecision => {
  const derived = before === null && !present(input.attributes.user.CommunityNickname);
  const claim = claimNickname(user, before, input.nicknameOwners, derived);
  if (E.isLeft(claim)) return reject(claim.left);
  const { user: written, absent } = claim.right;
  const op: WriteOp | null =
    before === null
      ? { op: 'insert', sobject: 'User', record: written }
      : diffUpdate('User', before, written);
  const ops = op === null ? [] : [op];
  return {
    _tag: before === null ? 'create' : 'update',
    user: written,
    contact: null,
    account: null,
    plan: absent.length === 0 ? { ops } : { ops, absent },
  };
};

/** Never written from attributes on update (spec §2.4: insert-only), or written after resolution. */
const NOT_COPIED = new Set(['Username', 'FederationIdentifier', 'ProfileId', 'UserRoleId', 'IsActive']);

/**
 * Fields Salesforce requires on every User: sent empty, they keep their default on create and
 * their stored value on update, instead of being cleared.
 */
const NOT_CLEARABLE = new Set([
  ...REQUIRED_ON_CREATE,
  'Alias',
  'CommunityNickname',
  'LocaleSidKey',
  'TimeZoneSidKey',
  'LanguageLocaleKey',
  'EmailEncodingKey',
  'DefaultCurrencyIsoCode',
]);

const present = (v: FieldValue | undefined): v is string | number | boolean => v !== undefined && v !== null;

const resolve = (
  candidates: readonly SObjectRecord[] | null,
  code: JitCode,
  attribute: string,
): E.Either<JitFailure, string | null> =>
  candidates === null
    ? E.right(null)
    : pipe(
        uniqueRecord(candidates),
        E.bimap(
          (matches) => jitFailure(code, { details: { attribute, matches } }),
          (r) => r.Id,
        ),
      );

/** The copied fields: every sent standard field but the special ones, then custom fields. */
const copiedFields = (a: DecodedAttributes): Record<string, FieldValue> => {
  const out: Record<string, FieldValue> = {};
  for (const [field, v] of Object.entries(a.user as Readonly<Record<string, FieldValue>>)) {
    if (NOT_COPIED.has(field)) continue;
    // Sent empty, an optional field is null (cleared); a field Salesforce requires is left to
    // its default (create) or its stored value (update). Create and update agree, so a second
    // login with the same assertion writes nothing.
    if (v === null && NOT_CLEARABLE.has(field)) continue;
    out[field] = v;
  }
  return { ...out, ...a.custom.User };
};

const decideUpdate = (input: StandardInput, existing: SObjectRecord): JitDecision => {
  const u = input.attributes.user;
  if (present(u.Username) && u.Username !== existing.Username)
    return reject(jitFailure('USER_NAME_CHANGE_NOT_ALLOWED', { details: { attribute: 'User.Username' } }));
  const profile = resolve(input.profiles, 'PROFILE_NAME_LOOKUP_ERROR', 'User.ProfileId');
  if (E.isLeft(profile)) return reject(profile.left);
  const role = resolve(input.roles, 'ROLE_NAME_LOOKUP_ERROR', 'User.UserRoleId');
  if (E.isLeft(role)) return reject(role.left);
  const next: SObjectRecord = {
    ...existing,
    ...copiedFields(input.attributes),
    ...(profile.right === null ? {} : { ProfileId: profile.right }),
    // `User.UserRoleId` sent empty clears the role ("no role"); absent leaves it.
    ...(u.UserRoleId === undefined ? {} : { UserRoleId: role.right }),
    // An inactive user stays inactive unless the assertion says `User.IsActive` true; a sent
    // false deactivates, as the generated handler does.
    ...(u.IsActive === undefined ? {} : { IsActive: u.IsActive }),
    Id: existing.Id,
  };
  return withNickname(input, next, existing);
};

const decideCreate = (input: StandardInput): JitDecision => {
  const u = input.attributes.user;
  const missing = REQUIRED_ON_CREATE.find((f) => !present(u[f]));
  if (missing !== undefined)
    return reject(
      jitFailure('USER_CREATION_API_ERROR', {
        errorDetails: `REQUIRED_FIELD_MISSING ${missing}`,
        details: { field: missing },
      }),
    );
  const username = u.Username as string;
  const lastName = u.LastName as string;
  const profile = resolve(input.profiles, 'PROFILE_NAME_LOOKUP_ERROR', 'User.ProfileId');
  if (E.isLeft(profile)) return reject(profile.left);
  const role = resolve(input.roles, 'ROLE_NAME_LOOKUP_ERROR', 'User.UserRoleId');
  if (E.isLeft(role)) return reject(role.left);
  const owner = input.usernameOwners.find((r) => r.Username === username);
  if (owner !== undefined) {
    // The username belongs to a user federated to someone else: the assertion's two identities
    // disagree (12). A user with no federation ID is never linked implicitly (5): that would let
    // an IdP take over a password account by asserting its username.
    const fed = owner.FederationIdentifier;
    return reject(
      typeof fed === 'string' && fed !== '' && fed !== input.federationId
        ? jitFailure('MISMATCH_FEDERATION_ID_AND_USERNAME_ATTRS', { details: { attribute: 'User.Username' } })
        : jitFailure('USER_CREATION_API_ERROR', {
            errorDetails: 'DUPLICATE_USERNAME Username',
            details: { field: 'Username' },
          }),
    );
  }
  const user: SObjectRecord = {
    Id: input.newUserId,
    Username: username,
    FederationIdentifier: input.federationId,
    ...organizationDefaults(input.organization),
    Alias: defaultAlias(u.FirstName, lastName),
    CommunityNickname: defaultCommunityNickname(username),
    IsActive: true,
    ...copiedFields(input.attributes),
    ProfileId: profile.right as string,
    UserRoleId: role.right,
    ...(u.IsActive === undefined ? {} : { IsActive: u.IsActive }),
  };
  return withNickname(input, user, null);
};

/**
 * Standard JIT: the user with the federation ID is updated, or a new one created. A sent
 * `User.FederationIdentifier` that differs from the federation ID is refused with 2
 * `MISMATCH_FEDERATION_ID`, on create and update alike (the spec's "the subject is taken instead"
 * would silently ignore an IdP that is telling us two different identities).
 * @example
 * decideStandard({ federationId: 'ada', attributes, existing: null, usernameOwners: [], profiles: [profile],
 *   roles: null, organization, newUserId: '005000000000001AAA' }) // { _tag: 'create', user: { … }, plan }
 */
export const decideStandard = (input: StandardInput): JitDecision => {
  const fed = input.attributes.user.FederationIdentifier;
  if (present(fed) && fed !== input.federationId)
    return reject(
      jitFailure('MISMATCH_FEDERATION_ID', { details: { attribute: 'User.FederationIdentifier' } }),
    );
  // A concurrent first login of this identity may commit between the loader's read by federation
  // ID and its read by username: the username's owner then carries our federation ID and is the
  // user to update (found by the PostgreSQL conformance suite's concurrent provisionings).
  const existing =
    input.existing ?? input.usernameOwners.find((r) => r.FederationIdentifier === input.federationId) ?? null;
  return existing === null ? decideCreate(input) : decideUpdate(input, existing);
};
