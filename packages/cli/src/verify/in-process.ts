/**
 * Validation in the calling thread: `validateResponse` with the run's stores, every throw turned
 * into a refusal. The validation worker runs this; so can tools that embed the CLI's pipeline
 * and accept that a pathological input is not cut off at a time budget.
 */
import { validationFailure } from '@saml-jit/core';
import { validateResponse } from '@saml-jit/saml';
import * as E from 'fp-ts/lib/Either.js';
import { type ResolvedVerify, resolveVerifySettings } from './resolve.js';
import type { VerifySettings } from './settings.js';
import { type FileValidator, jsonSafe, rejectedWithout, type ValidatorStores } from './validator.js';

/**
 * Never rejects: a throw from the validator (a bug) becomes a `VALIDATION_INTERNAL_ERROR`
 * rejection, so the input is refused and the run goes on.
 * @example
 * const v = inProcessValidator(settings, { replayCache: memoryReplayCache(), requestStore: memoryRequestStore() });
 * if (E.isRight(await v.start())) await v.validate(xml); // Right({ assertion, report }) | Left({ error, report })
 */
export const inProcessValidator = (settings: VerifySettings, stores: ValidatorStores): FileValidator => {
  let resolved: ResolvedVerify | null = null;
  return {
    start: async () => {
      const r = resolveVerifySettings(settings);
      if (E.isRight(r)) resolved = r.right;
      return E.map(() => undefined)(r);
    },
    validate: async (input) => {
      if (resolved === null) {
        return rejectedWithout(
          validationFailure('VALIDATION_INTERNAL_ERROR', 'The validator was not started.'),
        );
      }
      try {
        const result = await validateResponse(input, resolved.options, {
          clock: resolved.clock,
          ...stores,
        })();
        return E.isRight(result)
          ? E.right({ assertion: result.right.assertion, report: jsonSafe(result.right.report) })
          : E.left({ error: result.left.error, report: jsonSafe(result.left.report) });
      } catch {
        return rejectedWithout(
          validationFailure(
            'VALIDATION_INTERNAL_ERROR',
            'The validator failed unexpectedly; the input is refused.',
          ),
        );
      }
    },
    close: () => Promise.resolve(),
  };
};
