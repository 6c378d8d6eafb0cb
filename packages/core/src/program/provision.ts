/**
 * The provisioning program: a verified assertion → the provisioned user, through the ports.
 *
 *   federation ID (pure) → user by federation ID → rules decide (reads + pure) → commit the plan
 *   atomically → audit event (always, success or failure)
 *
 * A commit that loses a race (`STORE_CONFLICT` on any rule: a concurrent first login of the same
 * identity created the user first, or another identity took the username or the contact) is
 * decided again from fresh reads, so same-identity losers become updates and the others get the
 * refusal the fresh reads call for; after `MAX_ATTEMPTS` the conflict is returned. Nothing here
 * throws: port calls are guarded.
 */
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { JIT_REQUIRES_FEDERATION_ID_MESSAGE } from '../config/sso-config.js';
import type { ConfigFailure, JitFailure, StoreFailure } from '../errors/error.js';
import { configFailure, storeFailure } from '../errors/error.js';
import type { JitDecision } from '../jit/decision.js';
import { federationIdOf } from '../jit/identity.js';
import type { JitRules, ProvisionContext } from '../jit/rules.js';
import type { VerifiedAssertion } from '../model/assertion.js';
import { auditEvent, recordAudit } from './audit.js';
import { findUnique, guarded } from './load.js';
import { selectRules } from './select-rules.js';
import type { ProvisionDeps, ProvisionOutcome } from './types.js';

export type ProvisionFailure = JitFailure | StoreFailure | ConfigFailure;

/** Decide-and-commit attempts per login: the first, plus up to 3 after lost races. */
export const MAX_ATTEMPTS = 4;

const IDENTITY_FIELD = { FederationId: 'FederationIdentifier', Username: 'Username', UserId: 'Id' } as const;

/** Provisioning disabled: only an existing user may log in; nothing is written. */
const loginOnly = (
  assertion: VerifiedAssertion,
  ctx: ProvisionContext,
  deps: ProvisionDeps,
): TE.TaskEither<ProvisionFailure, Committed> => {
  const notFound = (why: string) =>
    configFailure('PROVISIONING_DISABLED_USER_NOT_FOUND', 'No user matches and provisioning is disabled.', {
      identityMapping: ctx.config.identityMapping,
      reason: why,
    });
  return pipe(
    federationIdOf(assertion, ctx.config),
    E.mapLeft((e) => notFound(e.code)),
    TE.fromEither,
    TE.chainW((identity) =>
      findUnique(deps.directory, 'User', IDENTITY_FIELD[ctx.config.identityMapping], identity),
    ),
    TE.chainW((user) =>
      user === null
        ? TE.left(notFound('no matching user'))
        : TE.right<never, Committed>({
            outcome: { action: 'login', user, contact: null, account: null },
            written: [],
          }),
    ),
  );
};

/** A committed outcome and the sObjects its plan wrote (for the audit event). */
interface Committed {
  readonly outcome: ProvisionOutcome;
  readonly written: readonly string[];
}

const committed = (d: Exclude<JitDecision, { _tag: 'reject' }>): Committed => ({
  outcome: { action: d._tag, user: d.user, contact: d.contact, account: d.account },
  written: [...new Set(d.plan.ops.map((op) => op.sobject))],
});

/** One decide-and-commit attempt; a lost race is retried from fresh reads. */
const attempt = (
  assertion: VerifiedAssertion,
  ctx: ProvisionContext,
  deps: ProvisionDeps,
  rules: JitRules,
  federationId: string,
  n: number,
): TE.TaskEither<ProvisionFailure, Committed> =>
  pipe(
    findUnique(deps.directory, 'User', 'FederationIdentifier', federationId),
    TE.chainW((existing) => rules.decide({ assertion, ctx, federationId, existing }, deps)),
    TE.chainW((decision) =>
      decision._tag === 'reject'
        ? TE.left<ProvisionFailure, Committed>(decision.failure)
        : pipe(
            decision.plan.ops.length === 0
              ? TE.right(undefined)
              : guarded(() => deps.directory.commit(decision.plan)),
            TE.map(() => committed(decision)),
            TE.orElse((failure) =>
              failure.code === 'STORE_CONFLICT' && n < MAX_ATTEMPTS
                ? attempt(assertion, ctx, deps, rules, federationId, n + 1)
                : TE.left<ProvisionFailure, Committed>(failure),
            ),
          ),
    ),
  );

const provisioned = (
  assertion: VerifiedAssertion,
  ctx: ProvisionContext,
  deps: ProvisionDeps,
): TE.TaskEither<ProvisionFailure, Committed> =>
  pipe(
    TE.fromEither(federationIdOf(assertion, ctx.config)),
    TE.bindTo('federationId'),
    TE.bindW('rules', () => TE.fromEither(selectRules(ctx, assertion.attributes, deps.handler))),
    TE.chainW(({ federationId, rules }) => attempt(assertion, ctx, deps, rules, federationId, 1)),
  );

/**
 * The program for the connection's settings. A hand-built `SsoConfig` that enables JIT with
 * another identity type (which `decodeSsoConfig` refuses) is refused here too: fail closed.
 */
const pickProgram = (ctx: ProvisionContext): typeof provisioned => {
  if (!ctx.config.userProvisioning) return loginOnly;
  if (ctx.config.identityMapping !== 'FederationId')
    return () => TE.left(configFailure('JIT_REQUIRES_FEDERATION_ID', JIT_REQUIRES_FEDERATION_ID_MESSAGE));
  return provisioned;
};

/**
 * Provisions the user a verified assertion describes, per the connection's JIT settings.
 * @example
 * const result = await provision(assertion, { config, ssoProviderId: 'okta', siteId: null },
 *   { directory, clock, ids: randomIds, audit: noAudit })();
 * // Right({ action: 'create', user: { Id: '005…', Username: 'ada@example.com', … }, contact: null, account: null })
 */
export const provision = (
  assertion: VerifiedAssertion,
  ctx: ProvisionContext,
  deps: ProvisionDeps,
): TE.TaskEither<ProvisionFailure, ProvisionOutcome> => {
  return async () => {
    let result: E.Either<ProvisionFailure, Committed>;
    try {
      result = await pickProgram(ctx)(assertion, ctx, deps)();
    } catch {
      // Only a bug can get here (ports are guarded); refuse rather than let it escape.
      result = E.left(storeFailure('STORE_UNEXPECTED', 'Provisioning failed unexpectedly.'));
    }
    await recordAudit(deps, auditEvent(deps.clock, assertion, ctx, result))();
    return pipe(
      result,
      E.map((c) => c.outcome),
    );
  };
};
