/**
 * better-sqlite3 errors → port-level store failures. A unique violation is `STORE_CONFLICT`
 * naming the rule (`User.FederationIdentifier`); a locked, busy, closed or failing database is
 * `STORE_UNAVAILABLE` (retryable; the caller fails closed); anything else `STORE_UNEXPECTED`.
 * Messages are fixed strings: the driver's text may quote the offending value (personal data).
 */
import { type StoreFailure, storeFailure } from '@saml-jit/core';
import { constraintOf } from './layout.js';

/** Thrown inside a transaction to roll it back with a port-level failure. */
export class PlanRejected extends Error {
  constructor(readonly failure: StoreFailure) {
    super(failure.message);
  }
}

const UNAVAILABLE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|READONLY|PROTOCOL|NOLFS)/;

const codeOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
    ? (e as { code: string }).code
    : undefined;

/** Translates anything thrown by better-sqlite3 (or by our own transaction code). */
export const translate = (e: unknown): StoreFailure => {
  if (e instanceof PlanRejected) return e.failure;
  const code = codeOf(e);
  const message = e instanceof Error ? e.message : '';
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    // "UNIQUE constraint failed: users.federation_identifier"
    const m = /constraint failed: (\w+)\.(\w+)/.exec(message);
    const constraint = m === null ? undefined : constraintOf(m[1]!, m[2]!);
    return storeFailure('STORE_CONFLICT', 'A unique field is already taken.', {
      ...(constraint === undefined ? {} : { constraint }),
      details: { driverCode: code },
    });
  }
  if (code !== undefined && UNAVAILABLE_CODES.test(code))
    return storeFailure('STORE_UNAVAILABLE', 'The SQLite database cannot be used right now.', {
      details: { driverCode: code },
    });
  if (e instanceof TypeError && /not open|does not exist|directory/i.test(message))
    return storeFailure('STORE_UNAVAILABLE', 'The SQLite database is closed or cannot be opened.');
  return storeFailure('STORE_UNEXPECTED', 'The SQLite database failed unexpectedly.', {
    details: { driverCode: code ?? 'none' },
  });
};
