/**
 * The internal failure shape shared by every validation step, and its conversion to the core's
 * `ValidationFailure`. Steps return `Either<Fault, A>`; the pipeline records the failing check in
 * the report and stops.
 */
import type { ValidationCode } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';

export interface Fault {
  readonly code: ValidationCode;
  readonly message: string;
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

export const fault = (
  code: ValidationCode,
  message: string,
  details: Fault['details'] = {},
): E.Either<Fault, never> => E.left({ code, message, details });

const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** An xs:dateTime attribute; SAML requires UTC, an offset is tolerated, no zone means UTC. */
export const parseInstant = (value: string): Date | null => {
  const m = DATE_TIME.exec(value);
  if (m === null) return null;
  const t = Date.parse(m[2] === undefined ? `${value}Z` : value);
  return Number.isNaN(t) ? null : new Date(t);
};
