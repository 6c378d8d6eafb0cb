/**
 * node-postgres errors → port-level store failures. 23505 (unique violation) is `STORE_CONFLICT`
 * naming the rule; a serialization failure or deadlock is `STORE_CONFLICT` too (retry it); a
 * refused, dropped or timed-out connection, a server shutting down or out of connections is
 * `STORE_UNAVAILABLE`; anything else `STORE_UNEXPECTED`. Messages are fixed strings: the
 * server's detail ("Key (username)=(ada@…) already exists") is personal data and is dropped.
 */
import { type StoreFailure, storeFailure } from '@saml-jit/core';
import { constraintNamed } from './layout.js';

/** Thrown inside a transaction to roll it back with a port-level failure. */
export class PlanRejected extends Error {
  constructor(readonly failure: StoreFailure) {
    super(failure.message);
  }
}

/** SQLSTATEs (or classes) that mean the server cannot serve us right now. */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[1-4]|57014|58)/;
/** Node socket errors: nothing listens, the peer went away, the network is down. */
const UNAVAILABLE_SYSCALL = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);
/** node-postgres' own messages for a dead or closed connection (these carry no code). */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|Client was closed|not queryable|Query read timeout|connection timeout/i;

const field = (e: unknown, name: string): string | undefined => {
  const v = typeof e === 'object' && e !== null ? (e as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v : undefined;
};

/** Translates anything thrown by node-postgres (or by our own transaction code). */
export const translate = (e: unknown): StoreFailure => {
  if (e instanceof PlanRejected) return e.failure;
  const code = field(e, 'code');
  if (code === '23505') {
    const constraint = constraintNamed(field(e, 'constraint') ?? '');
    return storeFailure('STORE_CONFLICT', 'A unique field is already taken.', {
      ...(constraint === undefined ? {} : { constraint }),
      details: { sqlstate: code },
    });
  }
  if (code === '40001' || code === '40P01')
    return storeFailure('STORE_CONFLICT', 'A concurrent transaction conflicted; try again.', {
      details: { sqlstate: code },
    });
  if (code !== undefined && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SYSCALL.has(code)))
    return storeFailure('STORE_UNAVAILABLE', 'PostgreSQL cannot be reached right now.', {
      details: { driverCode: code },
    });
  if (e instanceof Error && code === undefined && UNAVAILABLE_MESSAGE.test(e.message))
    return storeFailure('STORE_UNAVAILABLE', 'The connection to PostgreSQL was lost or closed.');
  return storeFailure('STORE_UNEXPECTED', 'PostgreSQL failed unexpectedly.', {
    details: { driverCode: code ?? 'none' },
  });
};
