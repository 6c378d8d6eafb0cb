/**
 * A custom handler's answer, from `unknown` to typed: handlers are application code, often
 * ported from Apex, so nothing about what they return or throw is trusted. Shapes are checked,
 * field names must be API names, values must be JSON scalars; a thrown value becomes the JIT
 * failure a login redirect carries, without leaking an unexpected error's message.
 */
import * as E from 'fp-ts/lib/Either.js';
import { type JitFailure, jitFailure, type StoreFailure } from '../errors/error.js';
import { JIT_ERRORS, type JitCode } from '../errors/jit-table.js';
import type { Absence, FieldValue } from '../model/records.js';
import type { HandlerFields, HandlerWrite } from './handler.js';

/** A handler answer after checking: the user fields, the related writes and the keys they rely on. */
export interface CheckedAnswer {
  readonly user: HandlerFields;
  readonly writes: readonly HandlerWrite[];
  readonly absent: readonly Absence[];
}

export type HandlerMethod = 'createUser' | 'updateUser';

/** A Salesforce field API name: letters, digits and underscores, starting with a letter. */
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

const invalid = (method: HandlerMethod, errorDetails: string, reason: string): JitFailure =>
  jitFailure('USER_CREATION_API_ERROR', { errorDetails, details: { handler: method, reason } });

const isObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

const isFieldValue = (v: unknown): v is FieldValue =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v));

/** Copies a record's own fields into a fresh object, checking names and values. */
export const checkFields = (method: HandlerMethod, u: unknown): E.Either<JitFailure, HandlerFields> => {
  if (!isObject(u)) return E.left(invalid(method, 'HANDLER_INVALID_RESULT', 'a record is not an object'));
  const out: Record<string, FieldValue> = {};
  for (const [name, value] of Object.entries(u)) {
    if (!FIELD_NAME.test(name))
      return E.left(invalid(method, 'INVALID_FIELD', 'a field name is not an API name'));
    if (!isFieldValue(value))
      return E.left(invalid(method, `INVALID_TYPE_ON_FIELD_IN_RECORD ${name}`, 'a value is not a scalar'));
    out[name] = value;
  }
  return E.right(out);
};

const checkWrite = (method: HandlerMethod, u: unknown): E.Either<JitFailure, HandlerWrite> => {
  if (!isObject(u) || (u.sobject !== 'Contact' && u.sobject !== 'Account'))
    return E.left(invalid(method, 'HANDLER_INVALID_RESULT', 'a write is not a Contact or Account write'));
  const sobject = u.sobject;
  if (u.op === 'insert')
    return E.map((record: HandlerFields) => ({ op: 'insert', sobject, record }) as const)(
      checkFields(method, u.record),
    );
  if (u.op === 'update' && typeof u.id === 'string')
    return E.map((fields: HandlerFields) => ({ op: 'update', sobject, id: u.id as string, fields }) as const)(
      checkFields(method, u.fields),
    );
  return E.left(invalid(method, 'HANDLER_INVALID_RESULT', 'a write is neither an insert nor an update'));
};

/** The keys a plan can state absent: `sobject.field` (the Directory port checks exactly these). */
const ABSENCE_KEYS: ReadonlySet<string> = new Set([
  'Account.AccountNumber',
  'Contact.Email',
  'User.CommunityNickname',
]);

const checkAbsence = (method: HandlerMethod, u: unknown): E.Either<JitFailure, Absence> =>
  isObject(u) &&
  typeof u.sobject === 'string' &&
  typeof u.field === 'string' &&
  ABSENCE_KEYS.has(`${u.sobject}.${u.field}`) &&
  typeof u.value === 'string' &&
  u.value !== ''
    ? E.right({ sobject: u.sobject, field: u.field, value: u.value } as Absence)
    : E.left(
        invalid(
          method,
          'HANDLER_INVALID_RESULT',
          'an absence is not { sobject, field, value } of Account.AccountNumber, Contact.Email or User.CommunityNickname',
        ),
      );

/** Checks every element of the optional list `u` with `check`. */
const checkList = <A>(
  method: HandlerMethod,
  u: unknown,
  name: string,
  check: (method: HandlerMethod, u: unknown) => E.Either<JitFailure, A>,
): E.Either<JitFailure, A[]> => {
  if (u === undefined) return E.right([]);
  if (!Array.isArray(u)) return E.left(invalid(method, 'HANDLER_INVALID_RESULT', `${name} is not an array`));
  const out: A[] = [];
  for (const item of u as unknown[]) {
    const checked = check(method, item);
    if (E.isLeft(checked)) return checked;
    out.push(checked.right);
  }
  return E.right(out);
};

/**
 * Checks what a handler method returned. `createUser` must answer a `user`; `updateUser` may
 * answer nothing (no change).
 * @example
 * checkAnswer('createUser', { user: { Username: 'ada@example.com' } }) // Right({ user: { … }, writes: [], absent: [] })
 */
export const checkAnswer = (method: HandlerMethod, u: unknown): E.Either<JitFailure, CheckedAnswer> => {
  if (u === undefined && method === 'updateUser') return E.right({ user: {}, writes: [], absent: [] });
  if (!isObject(u)) return E.left(invalid(method, 'HANDLER_INVALID_RESULT', 'the answer is not an object'));
  if (u.user === undefined && method === 'createUser')
    return E.left(invalid(method, 'HANDLER_INVALID_RESULT', 'createUser answered no user'));
  const user = u.user === undefined ? E.right({}) : checkFields(method, u.user);
  if (E.isLeft(user)) return user;
  const writes = checkList(method, u.writes, 'writes', checkWrite);
  if (E.isLeft(writes)) return writes;
  const absent = checkList(method, u.absent, 'absent', checkAbsence);
  if (E.isLeft(absent)) return absent;
  return E.right({ user: user.right, writes: writes.right, absent: absent.right });
};

/** A store failure met by `services.find`, rethrown through the handler and recognised here. */
export class HandlerStoreError extends Error {
  constructor(readonly failure: StoreFailure) {
    super(failure.message);
    this.name = 'HandlerStoreError';
  }
}

const isJitCode = (u: unknown): u is JitCode => typeof u === 'string' && Object.hasOwn(JIT_ERRORS, u);

/** True for a `JitFailure` value (returned or thrown by a handler). */
export const isJitFailure = (u: unknown): u is JitFailure =>
  isObject(u) && u.kind === 'jit' && isJitCode(u.code) && typeof u.errorDetails === 'string';

/**
 * What a thrown value means. By shape, not `instanceof`, so a `JitException` from another copy of
 * the package is still recognised.
 * @example
 * thrownFailure('createUser', new JitException('Could not find account')) // 5, ErrorDetails 'Could not find account'
 * thrownFailure('createUser', new TypeError('x is undefined'))            // 5, ErrorDetails 'HANDLER_EXCEPTION'
 */
export const thrownFailure = (method: HandlerMethod, thrown: unknown): JitFailure | StoreFailure => {
  if (thrown instanceof HandlerStoreError) return thrown.failure;
  if (isJitFailure(thrown)) return thrown;
  if (isObject(thrown) && thrown.name === 'JitException' && isJitCode(thrown.code)) {
    const details = typeof thrown.errorDetails === 'string' ? thrown.errorDetails : thrown.code;
    return jitFailure(thrown.code, {
      errorDetails: details,
      message: 'The custom JIT handler refused the login.',
      details: { handler: method },
    });
  }
  // An unexpected error: its message may hold anything (SQL, personal data), so it stays in
  // `details` for operators and out of the redirect.
  const name = thrown instanceof Error ? thrown.name : typeof thrown;
  const message = thrown instanceof Error ? thrown.message.slice(0, 200) : '';
  return jitFailure('USER_CREATION_API_ERROR', {
    errorDetails: 'HANDLER_EXCEPTION',
    message: 'The custom JIT handler failed.',
    details: { handler: method, error: name, cause: message },
  });
};
