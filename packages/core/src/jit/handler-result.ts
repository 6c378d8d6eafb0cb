/**
 * From a custom handler's checked answer to a `JitDecision`: the platform's part of Salesforce's
 * "the class creates the user; the platform inserts it". What a database would refuse is refused
 * here, before anything is written, with the code Salesforce's API error would give (5 User,
 * 26 Contact, 22 Account; `ErrorDetails` `<STATUS_CODE> <Field>`), and the platform's own rules
 * hold whatever the handler says: a new user carries the login's federation ID (else the next
 * login would not find it), `Username` and `FederationIdentifier` never change (14, 2).
 */
import * as E from 'fp-ts/lib/Either.js';
import { type JitFailure, jitFailure } from '../errors/error.js';
import type { JitCode } from '../errors/jit-table.js';
import {
  type Absence,
  type FieldValue,
  KEY_PREFIX,
  type Organization,
  type SObjectRecord,
  type WritableSObject,
  type WriteOp,
} from '../model/records.js';
import { diffUpdate, type JitDecision, type RecordOutcome, reject } from './decision.js';
import { defaultAlias, defaultCommunityNickname, organizationDefaults } from './defaults.js';
import { text } from './external-records.js';
import type { HandlerFields } from './handler.js';
import type { CheckedAnswer } from './handler-answer.js';
import { claimNickname } from './nickname.js';
import { REQUIRED_ON_CREATE } from './standard.js';

/** The rows an answer refers to, loaded by Id (`program/handler-rules.ts`). */
export interface HandlerRows {
  readonly profiles: ReadonlyMap<string, SObjectRecord>;
  readonly roles: ReadonlyMap<string, SObjectRecord>;
  readonly contacts: ReadonlyMap<string, SObjectRecord>;
  readonly accounts: ReadonlyMap<string, SObjectRecord>;
  /** Users whose `Username` is the new user's (create only). */
  readonly usernameOwners: readonly SObjectRecord[];
  /** Users already linked to the contact the answer gives the user (when it sets a new one). */
  readonly contactOwners: readonly SObjectRecord[];
  /** Users whose `CommunityNickname` is the one the user would get (`nicknameSought`). */
  readonly nicknameOwners: readonly SObjectRecord[];
  readonly organization: Organization;
}

export interface HandlerResultInput {
  readonly federationId: string;
  readonly existing: SObjectRecord | null;
  readonly answer: CheckedAnswer;
  readonly rows: HandlerRows;
  readonly newId: (sobject: WritableSObject) => string;
}

const API_ERROR: Readonly<Record<WritableSObject, JitCode>> = {
  User: 'USER_CREATION_API_ERROR',
  Contact: 'CONTACT_CREATION_API_ERROR',
  Account: 'ACCOUNT_CREATION_API_ERROR',
};

const apiError = (sobject: WritableSObject, status: string, field: string): JitFailure =>
  jitFailure(API_ERROR[sobject], { errorDetails: `${status} ${field}`, details: { sobject, field } });

type Table = Map<string, SObjectRecord>;

/** The Contact and Account tables as the writes leave them, and what each write did. */
interface Applied {
  readonly tables: Readonly<Record<'Contact' | 'Account', Table>>;
  readonly created: ReadonlySet<string>;
  readonly ops: readonly WriteOp[];
}

/**
 * The handler's absences, but those that the login's own user, or a record its writes update,
 * already holds: an absence means "no *other* record has it", and the store checks the rows as
 * they were before the commit, so stating one's own key would make every such login conflict.
 */
const statedAbsences = (input: HandlerResultInput): readonly Absence[] => {
  const own: [WritableSObject, SObjectRecord][] = input.existing === null ? [] : [['User', input.existing]];
  for (const w of input.answer.writes) {
    const before =
      w.op === 'update' ? input.rows[w.sobject === 'Contact' ? 'contacts' : 'accounts'].get(w.id) : undefined;
    if (before !== undefined) own.push([w.sobject, before]);
  }
  return input.answer.absent.filter((a) => !own.some(([s, r]) => s === a.sobject && r[a.field] === a.value));
};

/** `absences` without repeats (a handler may state the nickname the platform states too). */
const distinctAbsences = (absences: readonly Absence[]): Absence[] => {
  const seen = new Set<string>();
  return absences.filter((a) => {
    const key = JSON.stringify([a.sobject, a.field, a.value]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

const isId = (sobject: WritableSObject, id: string): boolean =>
  id.startsWith(KEY_PREFIX[sobject]) && (id.length === 15 || id.length === 18) && /^[A-Za-z0-9]+$/.test(id);

/** A Contact's account must exist; a required field must not be empty. */
const recordProblem = (
  sobject: 'Contact' | 'Account',
  record: SObjectRecord,
  accounts: Table,
): JitFailure | null => {
  const required = sobject === 'Contact' ? 'LastName' : 'Name';
  if (text(record[required]) === null) return apiError(sobject, 'REQUIRED_FIELD_MISSING', required);
  const accountId = record.AccountId;
  if (
    sobject === 'Contact' &&
    accountId !== undefined &&
    accountId !== null &&
    !accounts.has(String(accountId))
  )
    return apiError('Contact', 'INVALID_CROSS_REFERENCE_KEY', 'AccountId');
  return null;
};

const applyWrites = (input: HandlerResultInput): E.Either<JitFailure, Applied> => {
  const tables = { Contact: new Map(input.rows.contacts), Account: new Map(input.rows.accounts) };
  const created = new Set<string>();
  const ops: WriteOp[] = [];
  for (const w of input.answer.writes) {
    const table = tables[w.sobject];
    let next: SObjectRecord;
    if (w.op === 'insert') {
      const given = w.record.Id;
      const id = given === undefined || given === null ? input.newId(w.sobject) : String(given);
      if (!isId(w.sobject, id)) return E.left(apiError(w.sobject, 'MALFORMED_ID', 'Id'));
      if (table.has(id)) return E.left(apiError(w.sobject, 'DUPLICATE_VALUE', 'Id'));
      next = { ...w.record, Id: id };
      created.add(id);
    } else {
      const current = table.get(w.id);
      if (current === undefined) return E.left(apiError(w.sobject, 'INVALID_CROSS_REFERENCE_KEY', 'Id'));
      if (w.fields.Id !== undefined && w.fields.Id !== w.id)
        return E.left(apiError(w.sobject, 'INVALID_FIELD_FOR_INSERT_UPDATE', 'Id'));
      next = { ...current, ...w.fields, Id: current.Id };
    }
    const problem = recordProblem(w.sobject, next, tables.Account);
    if (problem !== null) return E.left(problem);
    const op: WriteOp | null =
      w.op === 'insert'
        ? { op: 'insert', sobject: w.sobject, record: next }
        : diffUpdate(w.sobject, table.get(w.id) as SObjectRecord, next);
    if (op !== null) ops.push(op);
    table.set(next.Id, next);
  }
  return E.right({ tables, created, ops });
};

/** Profile, role and contact references of the user must resolve, as the insert's foreign keys. */
const userReferences = (user: SObjectRecord, rows: HandlerRows, contacts: Table): JitFailure | null => {
  const checks: readonly [string, ReadonlyMap<string, SObjectRecord>][] = [
    ['ProfileId', rows.profiles],
    ['UserRoleId', rows.roles],
    ['ContactId', contacts],
  ];
  for (const [field, table] of checks) {
    const v = user[field];
    if (v !== undefined && v !== null && !table.has(String(v)))
      return apiError('User', 'INVALID_CROSS_REFERENCE_KEY', field);
  }
  return null;
};

const createdUser = (
  input: HandlerResultInput,
  fields: HandlerFields,
): E.Either<JitFailure, SObjectRecord> => {
  if (fields.Id !== undefined) return E.left(apiError('User', 'INVALID_FIELD_FOR_INSERT_UPDATE', 'Id'));
  const fed = fields.FederationIdentifier;
  if (fed !== undefined && fed !== null && fed !== input.federationId)
    return E.left(jitFailure('MISMATCH_FEDERATION_ID', { details: { field: 'FederationIdentifier' } }));
  const missing = REQUIRED_ON_CREATE.find((f) => text(fields[f]) === null);
  if (missing !== undefined) return E.left(apiError('User', 'REQUIRED_FIELD_MISSING', missing));
  if (input.rows.usernameOwners.length > 0) return E.left(apiError('User', 'DUPLICATE_USERNAME', 'Username'));
  const username = String(fields.Username);
  const firstName = text(fields.FirstName);
  return E.right({
    ...organizationDefaults(input.rows.organization),
    Alias: defaultAlias(firstName, String(fields.LastName)),
    CommunityNickname: defaultCommunityNickname(username),
    IsActive: true,
    ...fields,
    Id: input.newId('User'),
    FederationIdentifier: input.federationId,
  });
};

const updatedUser = (existing: SObjectRecord, fields: HandlerFields): E.Either<JitFailure, SObjectRecord> => {
  if (fields.Id !== undefined && fields.Id !== existing.Id)
    return E.left(apiError('User', 'INVALID_FIELD_FOR_INSERT_UPDATE', 'Id'));
  if (fields.Username !== undefined && fields.Username !== existing.Username)
    return E.left(jitFailure('USER_NAME_CHANGE_NOT_ALLOWED', { details: { field: 'Username' } }));
  if (
    fields.FederationIdentifier !== undefined &&
    fields.FederationIdentifier !== existing.FederationIdentifier
  )
    return E.left(jitFailure('MISMATCH_FEDERATION_ID', { details: { field: 'FederationIdentifier' } }));
  const cleared = REQUIRED_ON_CREATE.find((f) => f in fields && text(fields[f]) === null);
  if (cleared !== undefined) return E.left(apiError('User', 'REQUIRED_FIELD_MISSING', cleared));
  return E.right({ ...existing, ...fields, Id: existing.Id });
};

const outcomeOf = (
  id: FieldValue | undefined,
  table: Table,
  original: ReadonlyMap<string, SObjectRecord>,
  created: ReadonlySet<string>,
): RecordOutcome | null => {
  const record = typeof id === 'string' ? table.get(id) : undefined;
  if (record === undefined) return null;
  if (created.has(record.Id)) return { action: 'create', record };
  const before = original.get(record.Id);
  return {
    action: before === undefined || diffUpdate('Contact', before, record) === null ? 'none' : 'update',
    record,
  };
};

/**
 * The decision a handler's answer makes: its writes, then the user's insert or update, in one
 * plan. `contact`/`account` describe the user's contact and its account when it has one.
 * @example
 * handlerDecision({ federationId: 'ada', existing: null, answer, rows, newId: ids.recordId })
 * // { _tag: 'create', user: { Id: '005…', FederationIdentifier: 'ada', … }, plan: { ops: [...] } }
 */
export const handlerDecision = (input: HandlerResultInput): JitDecision => {
  const applied = applyWrites(input);
  if (E.isLeft(applied)) return reject(applied.left);
  const { tables, created } = applied.right;
  const user =
    input.existing === null
      ? createdUser(input, input.answer.user)
      : updatedUser(input.existing, input.answer.user);
  if (E.isLeft(user)) return reject(user.left);
  const changed = (f: string) => input.existing === null || input.existing[f] !== user.right[f];
  const refs = userReferences(
    Object.fromEntries(Object.entries(user.right).filter(([f]) => changed(f))) as SObjectRecord,
    input.rows,
    tables.Contact,
  );
  if (refs !== null) return reject(refs);
  // A contact has at most one user: the insert or update would fail on the unique ContactId, as
  // Salesforce's does (5, `DUPLICATE_VALUE ContactId`), and a retry would only fail again.
  if (changed('ContactId') && input.rows.contactOwners.some((u) => u.Id !== user.right.Id))
    return reject(apiError('User', 'DUPLICATE_VALUE', 'ContactId'));
  // A nickname the handler chose that another user holds fails as the insert would (5); one the
  // platform derived is made unique.
  const derived = input.existing === null && text(input.answer.user.CommunityNickname) === null;
  const claim = claimNickname(user.right, input.existing, input.rows.nicknameOwners, derived);
  if (E.isLeft(claim)) return reject(claim.left);
  const { user: written } = claim.right;
  const absent = distinctAbsences([...statedAbsences(input), ...claim.right.absent]);
  const userOp: WriteOp | null =
    input.existing === null
      ? { op: 'insert', sobject: 'User', record: written }
      : diffUpdate('User', input.existing, written);
  const ops = userOp === null ? applied.right.ops : [...applied.right.ops, userOp];
  const contact = outcomeOf(written.ContactId, tables.Contact, input.rows.contacts, created);
  const account =
    contact === null
      ? null
      : outcomeOf(contact.record.AccountId, tables.Account, input.rows.accounts, created);
  return {
    _tag: input.existing === null ? 'create' : 'update',
    user: written,
    contact,
    account: contact === null ? null : account,
    plan: absent.length === 0 ? { ops } : { ops, absent },
  };
};
