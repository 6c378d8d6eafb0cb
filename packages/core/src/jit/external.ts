/**
 * The decision shared by Experience Cloud site and portal logins (spec §3.2, §4): find or create
 * the Account, then the Contact, then create or update the User, all in one `WritePlan`
 * (account, contact, user: the order Salesforce inserts them), so a refusal anywhere writes
 * nothing. The user part is the standard rules' (`decideStandard`), so codes 2, 5, 12, 14 and 16
 * mean the same thing for every kind of login.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { CustomValues, DecodedAttributes } from '../attributes/decode.js';
import { jitFailure } from '../errors/error.js';
import type { Absence, FieldValue, SObjectRecord, WritableSObject, WriteOp } from '../model/records.js';
import { diffUpdate, type JitDecision, type RecordOutcome, reject } from './decision.js';
import {
  accountOfContact,
  accountOfNewContact,
  accountOwner,
  contactOfExistingUser,
  contactOfNewUser,
  contactOwner,
  contactTakesNewUser,
  type ExternalRecords,
  text,
} from './external-records.js';
import { type PortalRoleInput, portalRoleFields } from './portal-role.js';
import { decideStandard, type StandardInput } from './standard.js';

/** Everything an external decision reads. `roles` is absent: external users take no internal role. */
export interface ExternalInput extends Omit<StandardInput, 'roles' | 'newUserId'> {
  readonly records: ExternalRecords;
  /** Draws the Id of a record the decision creates (called once per created record, in plan order). */
  readonly newId: (sobject: WritableSObject) => string;
  /** The portal role to give the user (`User.PortalRole`, or a portal's default on create). */
  readonly portalRole: PortalRoleInput;
}

type Fields = Readonly<Record<string, FieldValue | undefined>>;

/**
 * The sent fields of one object, then its declared custom fields. `keep` fields are never cleared
 * by an empty value (Salesforce requires them, or JIT matches on them); `skip` fields are not
 * written at all.
 */
const copied = (
  values: Fields,
  custom: CustomValues,
  keep: ReadonlySet<string>,
  skip: ReadonlySet<string> = new Set(),
): Record<string, FieldValue> => {
  const out: Record<string, FieldValue> = {};
  for (const [field, v] of Object.entries(values)) {
    if (v === undefined || skip.has(field) || (v === null && keep.has(field))) continue;
    out[field] = v;
  }
  return { ...out, ...custom };
};

/** Contact: `LastName` is required by Salesforce and `Email` is the JIT key: neither is cleared. */
const CONTACT_KEEP = new Set(['LastName', 'Email']);
/** Account: `Name` is required; `AccountNumber` is the JIT key, written on insert only. */
const ACCOUNT_KEEP = new Set(['Name']);
const ACCOUNT_INSERT_ONLY = new Set(['AccountNumber']);

interface Step {
  readonly op: WriteOp | null;
  readonly outcome: RecordOutcome;
}

const step = (sobject: WritableSObject, current: SObjectRecord | null, next: SObjectRecord): Step => {
  if (current === null)
    return { op: { op: 'insert', sobject, record: next }, outcome: { action: 'create', record: next } };
  const op = diffUpdate(sobject, current, next);
  return { op, outcome: { action: op === null ? 'none' : 'update', record: next } };
};

/** The JIT key a write gives its record, when it sets it: the value no other record had. */
const keyWritten = (op: WriteOp | null, field: string): string | null =>
  op === null ? null : text(op.op === 'insert' ? op.record[field] : op.fields[field]);

/**
 * The plan's preconditions: a new account's `AccountNumber` and a new contact's `Email` (created
 * because no record had them), and an `Email` a found contact takes (no other contact had it:
 * `emailAgrees`), must still be unmatched when the plan commits, or a concurrent login of another
 * identity would leave two records with the key (then 28 or 27 on every later login).
 */
const keysTaken = (account: Step, contact: Step): Absence[] => {
  const number = account.op?.op === 'insert' ? keyWritten(account.op, 'AccountNumber') : null;
  const email = keyWritten(contact.op, 'Email');
  return [
    ...(number === null ? [] : [{ sobject: 'Account', field: 'AccountNumber', value: number } as const]),
    ...(email === null ? [] : [{ sobject: 'Contact', field: 'Email', value: email } as const]),
  ];
};

const withoutRole = (a: DecodedAttributes): DecodedAttributes => {
  const { UserRoleId: _ignored, ...user } = a.user;
  return { ...a, user };
};

/**
 * Decides an external login. Checks, in order: 2 (federation ID), 17 (`User.Role` or
 * `User.UserRoleId` sent), the contact (23, 24, 25, 27), the account (18, 20, 19, 28), the
 * owners (30, 26), the portal role (5, 17), then the user (5, 12, 14, 16), and last, as the
 * user insert would fail, a found contact that already has a user (5 `DUPLICATE_VALUE ContactId`).
 * @example
 * decideExternal({ federationId: 'ada', attributes, existing: null, records, newId: ids.recordId,
 *   portalRole: NO_PORTAL_ROLE, usernameOwners: [], nicknameOwners: [], profiles: [profile], organization })
 * // { _tag: 'create', account: { action: 'create', … }, contact: { action: 'create', … }, plan: { ops: [3 inserts] } }
 */
export const decideExternal = (input: ExternalInput): JitDecision => {
  const a = input.attributes;
  const r = input.records;
  const fed = a.user.FederationIdentifier;
  if (fed !== undefined && fed !== null && fed !== input.federationId)
    return reject(
      jitFailure('MISMATCH_FEDERATION_ID', { details: { attribute: 'User.FederationIdentifier' } }),
    );
  for (const [attribute, value] of [
    ['User.Role', a.links.role],
    ['User.UserRoleId', a.user.UserRoleId],
  ] as const)
    if (text(value) !== null)
      return reject(
        jitFailure('ROLE_NAME_LOOKUP_ERROR', {
          details: { attribute, reason: 'external users take User.PortalRole, not an internal role' },
        }),
      );

  const contactFound =
    input.existing === null ? contactOfNewUser(a, r) : contactOfExistingUser(input.existing, a, r);
  if (E.isLeft(contactFound)) return reject(contactFound.left);
  const knownContact = contactFound.right;
  const accountFound =
    knownContact === null ? accountOfNewContact(a, r) : accountOfContact(knownContact, a, r);
  if (E.isLeft(accountFound)) return reject(accountFound.left);
  const knownAccount = accountFound.right;
  const owner = accountOwner(a, r, knownAccount === null);
  if (E.isLeft(owner)) return reject(owner.left);
  const cOwner = contactOwner(a, r);
  if (E.isLeft(cOwner)) return reject(cOwner.left);
  const role = portalRoleFields(input.portalRole);
  if (E.isLeft(role)) return reject(role.left);

  const accountStep =
    knownAccount === null
      ? step('Account', null, {
          Id: input.newId('Account'),
          ...copied(a.account, a.custom.Account, ACCOUNT_KEEP),
          OwnerId: owner.right,
        })
      : step('Account', knownAccount, {
          ...knownAccount,
          ...copied(a.account, a.custom.Account, ACCOUNT_KEEP, ACCOUNT_INSERT_ONLY),
          ...(owner.right === null ? {} : { OwnerId: owner.right }),
          Id: knownAccount.Id,
        });
  const contactFields = {
    ...copied(a.contact, a.custom.Contact, CONTACT_KEEP),
    ...(cOwner.right === null ? {} : { OwnerId: cOwner.right }),
  };
  const contactStep =
    knownContact === null
      ? step('Contact', null, {
          Id: input.newId('Contact'),
          ...contactFields,
          AccountId: accountStep.outcome.record.Id,
        })
      : step('Contact', knownContact, { ...knownContact, ...contactFields, Id: knownContact.Id });

  const user = decideStandard({
    ...input,
    attributes: withoutRole(a),
    roles: null,
    newUserId: input.existing === null ? input.newId('User') : '',
  });
  if (user._tag === 'reject') return user;
  if (input.existing === null && knownContact !== null) {
    const free = contactTakesNewUser(knownContact, r);
    if (E.isLeft(free)) return reject(free.left);
  }
  const userStep =
    input.existing === null
      ? step('User', null, { ...user.user, ...role.right, ContactId: contactStep.outcome.record.Id })
      : step('User', input.existing, { ...user.user, ...role.right, Id: input.existing.Id });
  const ops = [accountStep.op, contactStep.op, userStep.op].filter((op): op is WriteOp => op !== null);
  const absent = [...keysTaken(accountStep, contactStep), ...(user.plan.absent ?? [])];
  return {
    _tag: input.existing === null ? 'create' : 'update',
    user: userStep.outcome.record,
    contact: contactStep.outcome,
    account: accountStep.outcome,
    plan: absent.length === 0 ? { ops } : { ops, absent },
  };
};
