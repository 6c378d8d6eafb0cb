/**
 * A custom `SamlJitHandler` as `JitRules`: call `createUser` (no user has the federation ID) or
 * `updateUser` with Salesforce's arguments, bounded in time, with everything it throws caught;
 * then load the rows its answer refers to and check it (`handlerDecision`). The program commits
 * the result atomically, as for every kind of rules. A lost race re-decides, so the handler may be
 * called again for the same login: it must not write anywhere itself.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { type JitFailure, jitFailure, type StoreFailure } from '../errors/error.js';
import { reject } from '../jit/decision.js';
import { text } from '../jit/external-records.js';
import {
  type HandlerAttributes,
  type HandlerServices,
  type SamlJitHandler,
  SFDC_SAML_ASSERTION,
} from '../jit/handler.js';
import {
  type CheckedAnswer,
  checkAnswer,
  type HandlerMethod,
  HandlerStoreError,
  isJitFailure,
  thrownFailure,
} from '../jit/handler-answer.js';
import { type HandlerRows, handlerDecision } from '../jit/handler-result.js';
import { nicknameSought } from '../jit/nickname.js';
import type { JitRules, RulesDeps, RulesRequest } from '../jit/rules.js';
import type { VerifiedAssertion } from '../model/assertion.js';
import type { LookupFields, SObjectRecord, SObjectType } from '../model/records.js';
import type { Directory } from '../ports/directory.js';
import { findAll, findNicknameOwners, guarded } from './load.js';

/** How long one handler call may take by default. */
export const DEFAULT_HANDLER_TIMEOUT_MS = 10_000;

/**
 * The handler's attribute map: the first value of each attribute, and the decrypted assertion
 * under `Sfdc.SamlAssertion` only when it arrived encrypted (an IdP cannot forge that entry).
 * @example
 * handlerAttributes(assertion).get('User.Email') // 'ada@example.com'
 */
export const handlerAttributes = (assertion: VerifiedAssertion): HandlerAttributes => {
  const all = new Map<string, readonly string[]>();
  for (const [name, values] of assertion.attributes)
    if (name !== SFDC_SAML_ASSERTION) all.set(name, [...values]);
  if (assertion.encrypted) all.set(SFDC_SAML_ASSERTION, [assertion.assertionXml]);
  const first = new Map([...all].map(([name, values]) => [name, values[0] as string]));
  return Object.assign(first, { getAll: (name: string): readonly string[] => all.get(name) ?? [] });
};

const services = (directory: Directory, deps: RulesDeps, organization: HandlerServices['organization']) =>
  ({
    find: async <T extends SObjectType>(sobject: T, field: LookupFields[T], value: string) => {
      const rows = await findAll(directory, sobject, field, value)();
      if (E.isLeft(rows)) throw new HandlerStoreError(rows.left);
      return rows.right;
    },
    newId: (sobject) => deps.ids.recordId(sobject),
    organization,
    now: deps.clock.now(),
  }) satisfies HandlerServices;

/** Thrown by `settle` when the handler takes too long. */
class HandlerTimeout extends Error {}

/** Awaits whatever shape the method answered (value, Promise, TaskEither), bounded in time. */
const settle = async (answer: unknown, timeoutMs: number): Promise<unknown> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new HandlerTimeout()), timeoutMs);
  });
  try {
    const value = await Promise.race([Promise.resolve(answer), timeout]);
    if (typeof value !== 'function') return value;
    // A TaskEither: run it, a Left is the handler's refusal.
    const either = (await Promise.race([Promise.resolve((value as () => unknown)()), timeout])) as E.Either<
      unknown,
      unknown
    >;
    if (E.isLeft(either)) throw either.left;
    return either.right;
  } finally {
    clearTimeout(timer);
  }
};

/** Calls the handler method for this login; every failure becomes a Left. */
const callHandler = (
  handler: SamlJitHandler,
  request: RulesRequest,
  svc: HandlerServices,
): TE.TaskEither<JitFailure | StoreFailure, CheckedAnswer> => {
  const method: HandlerMethod = request.existing === null ? 'createUser' : 'updateUser';
  return async () => {
    const { assertion, ctx, federationId } = request;
    const portalId = text(assertion.attributes.get('portal_id')?.[0]);
    const args = [
      ctx.ssoProviderId,
      ctx.siteId,
      portalId,
      federationId,
      handlerAttributes(assertion),
      assertion.responseBase64,
      svc,
    ] as const;
    try {
      const answer =
        request.existing === null
          ? handler.createUser(...args)
          : handler.updateUser(request.existing.Id, ...args);
      const value = await settle(answer, handler.timeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS);
      if (isJitFailure(value)) return E.left(value);
      return checkAnswer(method, value);
    } catch (thrown) {
      return E.left(
        thrown instanceof HandlerTimeout
          ? jitFailure('USER_CREATION_API_ERROR', {
              errorDetails: 'HANDLER_TIMEOUT',
              message: 'The custom JIT handler did not answer in time.',
              details: { handler: method },
            })
          : thrownFailure(method, thrown),
      );
    }
  };
};

const byIds = (
  directory: Directory,
  sobject: 'Profile' | 'UserRole' | 'Contact' | 'Account',
  ids: readonly unknown[],
): TE.TaskEither<StoreFailure, ReadonlyMap<string, SObjectRecord>> =>
  pipe(
    [...new Set(ids.filter((v): v is string => typeof v === 'string' && v !== ''))],
    TE.traverseSeqArray((id) => findAll(directory, sobject, 'Id' as LookupFields[typeof sobject], id)),
    TE.map((rows) => new Map(rows.flat().map((r) => [r.Id, r]))),
  );

/**
 * Every row the answer refers to: the user's profile, role and contact, the writes' targets, and
 * the users that already own the username, the contact or the nickname the answer gives the user.
 */
const loadRows = (
  directory: Directory,
  request: RulesRequest,
  answer: CheckedAnswer,
  organization: HandlerRows['organization'],
): TE.TaskEither<StoreFailure, HandlerRows> => {
  const u = answer.user;
  const ids = (sobject: 'Contact' | 'Account') =>
    answer.writes.filter((w) => w.sobject === sobject).map((w) => (w.op === 'insert' ? w.record.Id : w.id));
  const username = u.Username;
  const contactId = u.ContactId;
  return pipe(
    TE.Do,
    TE.apS('profiles', byIds(directory, 'Profile', [u.ProfileId])),
    TE.apS('roles', byIds(directory, 'UserRole', [u.UserRoleId])),
    TE.apS(
      'contacts',
      byIds(directory, 'Contact', [u.ContactId, request.existing?.ContactId, ...ids('Contact')]),
    ),
    TE.bind('accounts', ({ contacts }) =>
      byIds(directory, 'Account', [
        ...ids('Account'),
        ...[...contacts.values()].map((c) => c.AccountId),
        ...answer.writes.map((w) => (w.op === 'insert' ? w.record.AccountId : w.fields.AccountId)),
      ]),
    ),
    TE.apS(
      'usernameOwners',
      request.existing === null && typeof username === 'string' && username !== ''
        ? findAll(directory, 'User', 'Username', username)
        : TE.right([]),
    ),
    TE.apS(
      'contactOwners',
      typeof contactId === 'string' && contactId !== '' && contactId !== request.existing?.ContactId
        ? findAll(directory, 'User', 'ContactId', contactId)
        : TE.right([]),
    ),
    TE.apS(
      'nicknameOwners',
      findNicknameOwners(directory, nicknameSought(u.CommunityNickname, username, request.existing === null)),
    ),
    TE.map((rows) => ({ ...rows, organization })),
  );
};

/**
 * The rules that delegate to a custom handler.
 * @example
 * const rules = handlerRules(myHandler); // selected when config.provisioningType === 'custom'
 */
export const handlerRules = (handler: SamlJitHandler): JitRules => ({
  kind: 'custom',
  decide: (request, deps) =>
    pipe(
      guarded(() => deps.directory.organization()),
      TE.chainW((organization) =>
        pipe(
          callHandler(handler, request, services(deps.directory, deps, organization)),
          TE.chainW((answer) =>
            pipe(
              loadRows(deps.directory, request, answer, organization),
              TE.map((rows) =>
                handlerDecision({
                  federationId: request.federationId,
                  existing: request.existing,
                  answer,
                  rows,
                  newId: (s) => deps.ids.recordId(s),
                }),
              ),
            ),
          ),
          // A refusal is a decision; a store failure stays a Left.
          TE.orElseW((failure) =>
            failure.kind === 'jit' ? TE.right(reject(failure)) : TE.left<StoreFailure>(failure),
          ),
        ),
      ),
    ),
});
