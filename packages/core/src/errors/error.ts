/**
 * The closed union of saml-jit failures: plain tagged values, never thrown across the public API.
 * `kind` says which family a failure belongs to, `code` is its stable UPPER_SNAKE code, `reason`
 * its Salesforce Login History reason. Messages carry no personal data and no XML: anything an
 * operator may need goes in `details`, which applications must treat as sensitive.
 */
import {
  CONFIG_REASONS,
  type ConfigCode,
  STORE_REASONS,
  type StoreCode,
  VALIDATION_REASONS,
  type ValidationCode,
} from './codes.js';
import { JIT_ERRORS, type JitCode, type JitErrorNumber } from './jit-table.js';
import type { LoginHistoryReason } from './reasons.js';

/** Free-form operator details (inputs of the failed check). May hold personal data: log with care. */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

interface Base<K extends string, C extends string> {
  readonly kind: K;
  readonly code: C;
  readonly reason: LoginHistoryReason;
  readonly message: string;
  readonly details?: ErrorDetails;
}

export interface ValidationFailure extends Base<'validation', ValidationCode> {}

export interface ConfigFailure extends Base<'config', ConfigCode> {}

export interface StoreFailure extends Base<'store', StoreCode> {
  /** True when trying the same operation again may succeed (a conflict or a brief outage). */
  readonly retryable: boolean;
  /** For conflicts: which uniqueness rule was hit, e.g. `User.FederationIdentifier`. */
  readonly constraint?: string;
}

export interface JitFailure extends Base<'jit', JitCode> {
  readonly reason: 'SAML Provision Error';
  /** Salesforce's numeric `ErrorCode` URL parameter. */
  readonly errorCode: JitErrorNumber;
  /** Salesforce's `ErrorDescription` URL parameter. */
  readonly errorDescription: string;
  /**
   * Salesforce's `ErrorDetails` URL parameter: the table's token, or, where Salesforce reports the
   * underlying cause instead (code 5: `REQUIRED_FIELD_MISSING Email`), that cause.
   */
  readonly errorDetails: string;
}

export type SamlJitError = ValidationFailure | ConfigFailure | StoreFailure | JitFailure;

const withDetails = <T extends object>(base: T, details: ErrorDetails | undefined): T =>
  details === undefined ? base : { ...base, details };

/** A validation failure with the reason its code maps to. */
export const validationFailure = (
  code: ValidationCode,
  message: string,
  details?: ErrorDetails,
): ValidationFailure =>
  withDetails({ kind: 'validation', code, reason: VALIDATION_REASONS[code], message } as const, details);

export const configFailure = (code: ConfigCode, message: string, details?: ErrorDetails): ConfigFailure =>
  withDetails({ kind: 'config', code, reason: CONFIG_REASONS[code], message } as const, details);

export const storeFailure = (
  code: StoreCode,
  message: string,
  extra: { readonly constraint?: string; readonly details?: ErrorDetails } = {},
): StoreFailure =>
  withDetails(
    {
      kind: 'store',
      code,
      reason: STORE_REASONS[code],
      message,
      retryable: code !== 'STORE_UNEXPECTED',
      ...(extra.constraint === undefined ? {} : { constraint: extra.constraint }),
    } as const,
    extra.details,
  );

/**
 * A JIT failure from Salesforce's table.
 * @example
 * jitFailure('PROFILE_NAME_LOOKUP_ERROR') // errorCode 16, errorDetails 'PROFILE_NAME_LOOKUP_ERROR'
 * jitFailure('USER_CREATION_API_ERROR', { errorDetails: 'REQUIRED_FIELD_MISSING Email' })
 */
export const jitFailure = (
  code: JitCode,
  opts: { readonly errorDetails?: string; readonly message?: string; readonly details?: ErrorDetails } = {},
): JitFailure => {
  const row = JIT_ERRORS[code];
  return withDetails(
    {
      kind: 'jit',
      code,
      reason: 'SAML Provision Error',
      message: opts.message ?? row.description,
      errorCode: row.errorCode,
      errorDescription: row.description,
      errorDetails: opts.errorDetails ?? code,
    } as const,
    opts.details,
  );
};

/** Exhaustive match on the error family. */
export const matchError = <R>(
  e: SamlJitError,
  cases: {
    readonly validation: (e: ValidationFailure) => R;
    readonly config: (e: ConfigFailure) => R;
    readonly store: (e: StoreFailure) => R;
    readonly jit: (e: JitFailure) => R;
  },
): R => {
  switch (e.kind) {
    case 'validation':
      return cases.validation(e);
    case 'config':
      return cases.config(e);
    case 'store':
      return cases.store(e);
    case 'jit':
      return cases.jit(e);
  }
};

export const isSamlJitError = (u: unknown): u is SamlJitError =>
  typeof u === 'object' &&
  u !== null &&
  'kind' in u &&
  'code' in u &&
  'reason' in u &&
  typeof (u as { code: unknown }).code === 'string';
