/**
 * `validateResponse`: the public entry point. Runs the pure checks (pipeline.ts), then the two
 * side effects in this order: one-time use of the assertion through the replay cache, and, only
 * when everything else passed, taking the outstanding request its InResponseTo names. Nothing
 * throws out of here: an unexpected exception becomes a typed rejection (fail closed).
 */
import { createHash } from 'node:crypto';
import {
  type OutstandingRequest,
  type StoreFailure,
  type ValidationCode,
  type ValidationFailure,
  validationFailure,
} from '@saml-jit/core';
import { markVerified } from '@saml-jit/core/verified';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { type Prepared, prepare } from './pipeline.js';
import { ReportBuilder } from './report.js';
import type { ValidatedResponse, ValidationDeps, ValidationOptions, ValidationRejection } from './types.js';

/**
 * The replay-cache key of an assertion: a hash of its Issuer and ID, so two IdPs cannot collide
 * and the store holds no identifier in clear. Fixed length, safe for every store.
 * @example
 * replayKey('https://idp.example.test', '_a1') // 'saml-assertion:3q…' (43 base64url characters)
 */
export const replayKey = (issuer: string, assertionId: string): string =>
  `saml-assertion:${createHash('sha256')
    .update(JSON.stringify([issuer, assertionId]))
    .digest('base64url')}`;

const reject = (
  report: ReportBuilder,
  error: ValidationFailure | StoreFailure,
): E.Either<ValidationRejection, never> => E.left({ error, report: report.finish(error.code) });

const storeFailed = (
  report: ReportBuilder,
  name: string,
  e: StoreFailure,
): E.Either<ValidationRejection, never> => {
  report.fail(name, e.code, { retryable: e.retryable });
  return reject(report, e);
};

const run = async (
  input: string | Uint8Array,
  options: ValidationOptions,
  deps: ValidationDeps,
  report: ReportBuilder,
): Promise<E.Either<ValidationRejection, ValidatedResponse>> => {
  const now = deps.clock.now();
  const prepared: E.Either<{ code: ValidationCode; message: string; details: object }, Prepared> = prepare(
    input,
    options,
    now,
    report,
  );
  if (E.isLeft(prepared)) {
    const f = prepared.left;
    return reject(report, validationFailure(f.code, f.message, f.details as never));
  }
  const { facts, replayExpiresAt } = prepared.right;
  const inResponseTo = facts.inResponseTo;

  // One-time use, kept until the assertion could no longer be accepted anyway.
  const key = replayKey(facts.issuer, facts.assertionId);
  const consumed = await deps.replayCache.consume(key, { now, expiresAt: replayExpiresAt })();
  if (E.isLeft(consumed)) return storeFailed(report, 'replay', consumed.left);
  const replayInputs = { assertionId: facts.assertionId, expiresAt: replayExpiresAt.toISOString() };
  if (consumed.right === 'replayed') {
    report.fail('replay', 'REPLAY_DETECTED', replayInputs);
    return reject(
      report,
      validationFailure('REPLAY_DETECTED', 'This assertion was already used.', replayInputs),
    );
  }
  report.pass('replay', replayInputs);

  // The outstanding request, taken last: a response that fails anything else leaves it in place.
  let request: OutstandingRequest | null = null;
  if (inResponseTo === null) {
    report.pass('inResponseTo', { inResponseTo: null, unsolicited: true });
  } else {
    const taken = await deps.requestStore.take(inResponseTo, now)();
    if (E.isLeft(taken)) return storeFailed(report, 'inResponseTo', taken.left);
    const inputs = { inResponseTo, connection: options.connection };
    if (O.isNone(taken.right)) {
      report.fail('inResponseTo', 'IN_RESPONSE_TO_UNKNOWN', inputs);
      return reject(
        report,
        validationFailure('IN_RESPONSE_TO_UNKNOWN', 'The response answers no outstanding request.', inputs),
      );
    }
    if (taken.right.value.connection !== options.connection) {
      const mismatch = { ...inputs, requestConnection: taken.right.value.connection };
      report.fail('inResponseTo', 'IN_RESPONSE_TO_MISMATCH', mismatch);
      return reject(
        report,
        validationFailure('IN_RESPONSE_TO_MISMATCH', 'The request was sent to another connection.', mismatch),
      );
    }
    request = taken.right.value;
    report.pass('inResponseTo', inputs);
  }
  // The facts object is handed over as is: its lazy getters (assertionXml…) stay lazy.
  const assertion = markVerified(facts);
  return E.right({ assertion, request, report: report.finish(null) });
};

/**
 * Validates a SAMLResponse — raw XML or the base64 HTTP-POST value — into a `VerifiedAssertion`.
 * @example
 * const result = await validateResponse(form.SAMLResponse, {
 *   connection: 'okta', idpEntityId, idpCertificates: [cert], spEntityId, acsUrl,
 * }, { clock: systemClock, replayCache, requestStore })();
 * if (E.isLeft(result)) log(result.left.error.code, formatReport(result.left.report));
 */
export const validateResponse =
  (
    input: string | Uint8Array,
    options: ValidationOptions,
    deps: ValidationDeps,
  ): TE.TaskEither<ValidationRejection, ValidatedResponse> =>
  async () => {
    const report = new ReportBuilder();
    try {
      return await run(input, options, deps, report);
    } catch {
      // A defect, not an input problem: refuse, and say nothing about the input.
      report.fail('internal', 'VALIDATION_INTERNAL_ERROR');
      return reject(
        report,
        validationFailure(
          'VALIDATION_INTERNAL_ERROR',
          'The response could not be validated (internal error).',
        ),
      );
    }
  };
