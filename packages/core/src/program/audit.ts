/**
 * The audit event of one provisioning, success or failure, and a recorder that never fails the
 * login: a sink that throws or rejects, against its contract, is ignored.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Task } from 'fp-ts/lib/Task.js';
import type { ConfigFailure, JitFailure, StoreFailure } from '../errors/error.js';
import { federationIdOf } from '../jit/identity.js';
import type { ProvisionContext } from '../jit/rules.js';
import type { VerifiedAssertion } from '../model/assertion.js';
import type { AuditEvent } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { ProvisionDeps, ProvisionOutcome } from './types.js';

/** The event for a finished provisioning: its outcome, the user, the code, what was written. */
export const auditEvent = (
  clock: Clock,
  assertion: VerifiedAssertion,
  ctx: ProvisionContext,
  result: E.Either<
    JitFailure | StoreFailure | ConfigFailure,
    { readonly outcome: ProvisionOutcome; readonly written: readonly string[] }
  >,
): AuditEvent => {
  const identity = federationIdOf(assertion, ctx.config);
  const base = {
    type: 'provisioning',
    at: clock.now(),
    federationId: E.isRight(identity) ? identity.right : null,
  } as const;
  return E.isLeft(result)
    ? { ...base, outcome: 'reject', userId: null, code: result.left.code, written: [] }
    : {
        ...base,
        outcome: result.right.outcome.action,
        userId: result.right.outcome.user.Id,
        code: null,
        written: result.right.written,
      };
};

/** Records `event`, swallowing whatever a misbehaving sink throws. */
export const recordAudit =
  (deps: Pick<ProvisionDeps, 'audit'>, event: AuditEvent): Task<void> =>
  async () => {
    try {
      await deps.audit.record(event)();
    } catch {
      // The sink's contract says it never fails a login; hold it to that.
    }
  };
