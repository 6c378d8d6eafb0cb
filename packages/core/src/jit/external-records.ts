/**
 * Finding the Contact and the Account of an external (Experience Cloud site or portal) login,
 * spec §3.2 steps 3–7, as pure functions of the rows the loader read. Each answers the record
 * that was found, `null` when one must be created, or the JIT failure Salesforce reports.
 *
 * The one rule behind every check on a *known* record (the user's own contact on a later login,
 * a contact given by ID, the account of a found contact): the assertion's other references must
 * agree with it. A reference that names another record is 23 (contact) or 18 (account); a key
 * shared by several records is 27 or 28. docs/jit-rules.md has the table.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DecodedAttributes } from '../attributes/decode.js';
import { type JitFailure, jitFailure } from '../errors/error.js';
import type { JitCode } from '../errors/jit-table.js';
import type { FieldValue, SObjectRecord } from '../model/records.js';

/** The rows an external decision reads, loaded beforehand (`program/external-load.ts`). */
export interface ExternalRecords {
  /** Contacts by Id: the existing user's contact and the one `User.Contact` names. */
  readonly contactsById: ReadonlyMap<string, SObjectRecord>;
  /** Contacts whose `Email` is `Contact.Email`; null when it was not sent (or empty). */
  readonly contactsByEmail: readonly SObjectRecord[] | null;
  /** Accounts by Id: the one `Contact.Account`/`User.Account` names, and those of the loaded contacts. */
  readonly accountsById: ReadonlyMap<string, SObjectRecord>;
  /** Accounts whose `AccountNumber` is `Account.AccountNumber`; null when it was not sent (or empty). */
  readonly accountsByNumber: readonly SObjectRecord[] | null;
  /** Users by Id: the ones `Account.Owner` and `Contact.Owner` name. */
  readonly usersById: ReadonlyMap<string, SObjectRecord>;
  /**
   * For a new user: the users already linked to each contact the assertion may match
   * (`User.ContactId`), by contact Id. A contact with none may be absent.
   */
  readonly usersByContact: ReadonlyMap<string, readonly SObjectRecord[]>;
}

/** A found record, or null: create one. */
export type Found = E.Either<JitFailure, SObjectRecord | null>;

/** A non-empty string, or null (absent, sent empty, or not text). */
export const text = (v: FieldValue | undefined): string | null =>
  typeof v === 'string' && v !== '' ? v : null;

const fail = (code: JitCode, attribute: string, reason: string): E.Either<JitFailure, never> =>
  E.left(jitFailure(code, { details: { attribute, reason } }));

/** The one record a key matched, null for none, `several` for two and more. */
const single = (rows: readonly SObjectRecord[] | null, several: JitCode, attribute: string): Found => {
  const matches = new Map((rows ?? []).map((r) => [r.Id, r]));
  return matches.size >= 2
    ? E.left(jitFailure(several, { details: { attribute, matches: matches.size } }))
    : E.right([...matches.values()][0] ?? null);
};

/**
 * Checks that the rows a key matched agree with the `known` record: several distinct rows →
 * `several`; one row that is another record → `other`. Zero rows is for the caller to judge.
 */
const agree = (
  known: SObjectRecord,
  matches: readonly SObjectRecord[],
  several: JitCode,
  other: JitCode,
  attribute: string,
): E.Either<JitFailure, number> => {
  const ids = new Set(matches.map((r) => r.Id));
  if (ids.size >= 2) return E.left(jitFailure(several, { details: { attribute, matches: ids.size } }));
  const [only] = ids;
  if (only !== undefined && only !== known.Id) return fail(other, attribute, 'names another record');
  return E.right(ids.size);
};

/** The account ID the assertion gives: `Contact.Account`, or `User.Account` (the generated handler's name). */
export const accountReference = (a: DecodedAttributes): E.Either<JitFailure, string | null> => {
  const viaContact = text(a.links.contactAccount);
  const viaUser = text(a.links.userAccount);
  if (viaContact !== null && viaUser !== null && viaContact !== viaUser)
    return fail('INVALID_ACCOUNT_ID', 'Contact.Account', 'Contact.Account and User.Account differ');
  return E.right(viaContact ?? viaUser);
};

/** `Contact.Email`, when sent, must not lead to another contact than `known` (several → 27, one → 23). */
const emailAgrees = (
  known: SObjectRecord,
  a: DecodedAttributes,
  records: ExternalRecords,
): E.Either<JitFailure, SObjectRecord> =>
  records.contactsByEmail === null || text(a.contact.Email) === null
    ? E.right(known)
    : E.map(() => known)(
        agree(known, records.contactsByEmail, 'MULTIPLE_CONTACTS_FOUND', 'INVALID_CONTACT', 'Contact.Email'),
      );

/**
 * The contact of a user who already exists (a later login): the user's own contact, which every
 * contact reference in the assertion must name. A user without a contact (an internal user) cannot
 * log in through a site or portal: 23.
 */
export const contactOfExistingUser = (
  user: SObjectRecord,
  a: DecodedAttributes,
  records: ExternalRecords,
): E.Either<JitFailure, SObjectRecord> => {
  const id = text(user.ContactId);
  if (id === null) return fail('INVALID_CONTACT', 'User.ContactId', 'the user has no contact');
  const contact = records.contactsById.get(id);
  if (contact === undefined) return fail('INVALID_CONTACT', 'User.ContactId', 'the contact no longer exists');
  const ref = text(a.links.userContact);
  if (ref !== null && ref !== contact.Id)
    return fail('INVALID_CONTACT', 'User.Contact', 'names another contact');
  return emailAgrees(contact, a, records);
};

/**
 * The contact of a new user (steps 3–4): by `User.Contact` (must exist: 23), else by
 * `Contact.Email`, which needs `Contact.LastName` too (24, 25) and matches on the email only
 * (several → 27). Null: no contact matched, create one.
 */
export const contactOfNewUser = (a: DecodedAttributes, records: ExternalRecords): Found => {
  const ref = text(a.links.userContact);
  if (ref !== null) {
    const contact = records.contactsById.get(ref);
    return contact === undefined
      ? fail('INVALID_CONTACT', 'User.Contact', 'no such contact')
      : emailAgrees(contact, a, records);
  }
  if (text(a.contact.Email) === null) return fail('MISSING_CONTACT_EMAIL', 'Contact.Email', 'missing');
  if (text(a.contact.LastName) === null)
    return fail('MISSING_CONTACT_LAST_NAME', 'Contact.LastName', 'missing');
  return single(records.contactsByEmail, 'MULTIPLE_CONTACTS_FOUND', 'Contact.Email');
};

/**
 * A found contact may take a new user only if it has none: Salesforce links a contact to at most
 * one user, and its user insert fails on the second (5, `DUPLICATE_VALUE ContactId`). Linking the
 * new identity to that contact would also give it the other user's contact and account.
 */
export const contactTakesNewUser = (
  contact: SObjectRecord,
  records: ExternalRecords,
): E.Either<JitFailure, SObjectRecord> =>
  (records.usersByContact.get(contact.Id) ?? []).length === 0
    ? E.right(contact)
    : E.left(
        jitFailure('USER_CREATION_API_ERROR', {
          errorDetails: 'DUPLICATE_VALUE ContactId',
          details: { attribute: 'User.ContactId', reason: 'the contact already has a user' },
        }),
      );

/**
 * The account of a contact that exists: the contact's own, which the assertion's account
 * references must name. By ID: that account (else 18). By number: several → 28, another account
 * → 18, and no account with that number → 18 too (the number "no longer resolves": accounts are
 * matched by number, never renumbered by JIT).
 */
export const accountOfContact = (
  contact: SObjectRecord,
  a: DecodedAttributes,
  records: ExternalRecords,
): E.Either<JitFailure, SObjectRecord> => {
  const id = text(contact.AccountId);
  const account = id === null ? undefined : records.accountsById.get(id);
  if (account === undefined)
    return fail('INVALID_ACCOUNT_ID', 'Contact.AccountId', 'the contact has no account');
  const ref = accountReference(a);
  if (E.isLeft(ref)) return ref;
  if (ref.right !== null)
    return ref.right === account.Id
      ? E.right(account)
      : fail('INVALID_ACCOUNT_ID', 'Contact.Account', 'names another account than the contact’s');
  if (records.accountsByNumber === null || text(a.account.AccountNumber) === null) return E.right(account);
  const agreed = agree(
    account,
    records.accountsByNumber,
    'MULTIPLE_ACCOUNTS_FOUND',
    'INVALID_ACCOUNT_ID',
    'Account.AccountNumber',
  );
  if (E.isLeft(agreed)) return agreed;
  return agreed.right === 0
    ? fail('INVALID_ACCOUNT_ID', 'Account.AccountNumber', 'no longer resolves to the contact’s account')
    : E.right(account);
};

/**
 * The account of a new contact (steps 5–7): by `Contact.Account` (must exist: 18), else by
 * `Account.AccountNumber`, which needs `Account.Name` too (20, then 19) and matches on the
 * number only (several → 28). Null: no account matched, create one.
 */
export const accountOfNewContact = (a: DecodedAttributes, records: ExternalRecords): Found => {
  const ref = accountReference(a);
  if (E.isLeft(ref)) return ref;
  if (ref.right !== null) {
    const account = records.accountsById.get(ref.right);
    return account === undefined
      ? fail('INVALID_ACCOUNT_ID', 'Contact.Account', 'no such account')
      : E.right(account);
  }
  if (text(a.account.AccountNumber) === null)
    return fail('MISSING_ACCOUNT_NUMBER', 'Account.AccountNumber', 'missing');
  if (text(a.account.Name) === null) return fail('MISSING_ACCOUNT_NAME', 'Account.Name', 'missing');
  return single(records.accountsByNumber, 'MULTIPLE_ACCOUNTS_FOUND', 'Account.AccountNumber');
};

/**
 * `Account.Owner`: a user that exists, is not inactive and has a role (Salesforce: "the account
 * owner must have a role"), else 30. Required when the account is created; optional otherwise.
 */
export const accountOwner = (
  a: DecodedAttributes,
  records: ExternalRecords,
  required: boolean,
): E.Either<JitFailure, string | null> => {
  const id = text(a.links.accountOwner);
  if (id === null)
    return required ? fail('INVALID_ACCOUNT_OWNER', 'Account.Owner', 'missing') : E.right(null);
  const owner = records.usersById.get(id);
  if (owner === undefined) return fail('INVALID_ACCOUNT_OWNER', 'Account.Owner', 'no such user');
  if (owner.IsActive === false) return fail('INVALID_ACCOUNT_OWNER', 'Account.Owner', 'the user is inactive');
  if (text(owner.UserRoleId) === null)
    return fail('INVALID_ACCOUNT_OWNER', 'Account.Owner', 'the user has no role');
  return E.right(owner.Id);
};

/** `Contact.Owner`: a user that exists, else 26 with the API's cause. */
export const contactOwner = (
  a: DecodedAttributes,
  records: ExternalRecords,
): E.Either<JitFailure, string | null> => {
  const id = text(a.links.contactOwner);
  if (id === null || records.usersById.has(id)) return E.right(id);
  return E.left(
    jitFailure('CONTACT_CREATION_API_ERROR', {
      errorDetails: 'INVALID_CROSS_REFERENCE_KEY OwnerId',
      details: { attribute: 'Contact.Owner' },
    }),
  );
};
