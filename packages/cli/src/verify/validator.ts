/**
 * What the CLI needs from validation, per input: a verdict. Two implementations share this
 * shape: `inProcessValidator` (calls `validateResponse` directly; used inside the worker and by
 * tools that embed the CLI's pipeline) and `workerValidator` (the same in a worker thread with a
 * per-input time budget: the process `saml-jit` runs). This module does not load the XML stack,
 * so the main thread of `saml-jit` never does: only the worker pays for it.
 */
import type {
  AssertionFacts,
  ConfigFailure,
  ReplayCache,
  RequestStore,
  StoreFailure,
  ValidationFailure,
  VerifiedAssertion,
} from '@saml-jit/core';
import { markVerified } from '@saml-jit/core/verified';
import * as E from 'fp-ts/lib/Either.js';
import type { ResponseInput } from '../input.js';
import type { CliFailure } from '../io.js';

export interface Accepted {
  readonly assertion: VerifiedAssertion;
  /** The validator's report, JSON-safe (`--report`). */
  readonly report: unknown;
}

export interface Rejected {
  readonly error: ValidationFailure | StoreFailure | ConfigFailure;
  /** The validator's report, or null when validation never ran (unreadable input, timeout). */
  readonly report: unknown;
}

export type Verdict = E.Either<Rejected, Accepted>;

export interface FileValidator {
  /**
   * Parses the configuration (certificates, keys, metadata) and gets ready. A Left is a
   * configuration error (exit status 2). Call it, successfully, before `validate`.
   */
  readonly start: () => Promise<E.Either<CliFailure, void>>;
  readonly validate: (input: ResponseInput) => Promise<Verdict>;
  /** Releases what the validator holds (the worker thread). */
  readonly close: () => Promise<void>;
}

export interface ValidatorStores {
  readonly replayCache: ReplayCache;
  readonly requestStore: RequestStore;
}

/** A rejection that is not the validator's own: the input never reached a verdict. */
export const rejectedWithout = (error: ValidationFailure): Verdict => E.left({ error, report: null });

/** The report as JSON-safe data: it crosses a thread and ends in a JSON line. */
export const jsonSafe = (value: unknown): unknown => {
  try {
    return value === undefined ? null : JSON.parse(JSON.stringify(value));
  } catch {
    return null;
  }
};

/**
 * The facts of an assertion as a fresh plain object with exactly `AssertionFacts`' fields, so it
 * survives structured clone whatever else a validator attaches. Only our own worker's verdict is
 * re-marked verified after the clone.
 */
export const factsOf = (a: AssertionFacts): AssertionFacts => ({
  issuer: a.issuer,
  assertionId: a.assertionId,
  issueInstant: a.issueInstant,
  nameId: a.nameId,
  conditions: a.conditions,
  authn: a.authn,
  attributes: a.attributes,
  inResponseTo: a.inResponseTo,
  encrypted: a.encrypted,
  assertionXml: a.assertionXml,
  responseBase64: a.responseBase64,
});

/** Re-marks facts verified after they crossed from our own validation worker. */
export const reverified = (facts: AssertionFacts): VerifiedAssertion => markVerified(facts);
