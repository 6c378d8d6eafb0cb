/**
 * Every stable, fine-grained error code of saml-jit and the Login History reason it maps to.
 * The tables are `Record`s over closed unions, so the compiler refuses a code without a reason.
 * Each code has an entry in docs/errors.md (a test checks that).
 */
import { JIT_CODES, type JitCode } from './jit-table.js';
import type { LoginHistoryReason } from './reasons.js';

/** Failures found while validating a SAML Response (package `@saml-jit/saml`). */
export const VALIDATION_REASONS = {
  // --- input and XML hygiene
  INPUT_TOO_LARGE: 'Assertion Invalid',
  INPUT_ENCODING_INVALID: 'Assertion Invalid',
  /** The response file or standard input could not be read (CLI). */
  INPUT_UNREADABLE: 'Assertion Invalid',
  /** Validation did not finish within its time budget and was cut off (CLI watchdog). */
  VALIDATION_TIMEOUT: 'Assertion Invalid',
  /** The validator failed unexpectedly (a bug, or out of memory): the input is refused, fail closed. */
  VALIDATION_INTERNAL_ERROR: 'Assertion Invalid',
  XML_MALFORMED: 'Assertion Invalid',
  XML_DOCTYPE_FORBIDDEN: 'Assertion Invalid',
  XML_LIMIT_EXCEEDED: 'Assertion Invalid',
  XML_ROOT_INVALID: 'Assertion Invalid',
  /** The ACS POST is not a form with exactly one non-empty SAMLResponse field (HTTP-POST binding). */
  SAML_RESPONSE_MISSING: 'Assertion Invalid',
  // --- structure
  ASSERTION_MISSING: 'Assertion Invalid',
  ASSERTION_MULTIPLE: 'Assertion Invalid',
  DUPLICATE_ID: 'Assertion Invalid',
  STATUS_NOT_SUCCESS: 'Assertion Invalid',
  SUBJECT_MISSING: 'Assertion Invalid',
  AUTHN_STATEMENT_MISSING: 'Assertion Invalid',
  ASSERTION_STRUCTURE_INVALID: 'Assertion Invalid',
  // --- signatures and encryption
  SIGNATURE_MISSING: 'Signature Invalid',
  SIGNATURE_INVALID: 'Signature Invalid',
  SIGNATURE_DIGEST_MISMATCH: 'Signature Invalid',
  SIGNATURE_UNTRUSTED_KEY: 'Signature Invalid',
  SIGNATURE_ALGORITHM_DISALLOWED: 'Signature Invalid',
  SIGNATURE_TRANSFORM_DISALLOWED: 'Signature Invalid',
  SIGNATURE_REFERENCE_INVALID: 'Signature Invalid',
  SIGNATURE_STRUCTURE_INVALID: 'Signature Invalid',
  SIGNATURE_WRAPPING: 'Signature Invalid',
  SIGNATURE_POLICY_UNMET: 'Signature Invalid',
  CERTIFICATE_NOT_VALID_AT_CLOCK: 'Signature Invalid',
  DECRYPTION_FAILED: 'Signature Invalid',
  ENCRYPTION_ALGORITHM_DISALLOWED: 'Signature Invalid',
  // --- protocol checks
  ISSUER_MISMATCH: 'Issuer Mismatched',
  AUDIENCE_MISSING: 'Audience Invalid',
  AUDIENCE_MISMATCH: 'Audience Invalid',
  DESTINATION_MISMATCH: 'Recipient Mismatched',
  RECIPIENT_MISMATCH: 'Recipient Mismatched',
  ASSERTION_NOT_YET_VALID: 'Assertion Expired',
  ASSERTION_EXPIRED: 'Assertion Expired',
  SUBJECT_CONFIRMATION_EXPIRED: 'Assertion Expired',
  BEARER_CONFIRMATION_MISSING: 'Subject Confirmation Error',
  /** A bearer SubjectConfirmation lacks SubjectConfirmationData, Recipient or NotOnOrAfter (Web SSO profile). */
  BEARER_CONFIRMATION_INCOMPLETE: 'Subject Confirmation Error',
  IN_RESPONSE_TO_UNKNOWN: 'Subject Confirmation Error',
  IN_RESPONSE_TO_MISMATCH: 'Subject Confirmation Error',
  UNSOLICITED_RESPONSE_REFUSED: 'Subject Confirmation Error',
  /**
   * The response answers an SP-initiated login started in another browser: the ACS POST lacks
   * the nonce cookie the request is bound to (`@saml-jit/sp`, login CSRF).
   */
  REQUEST_BROWSER_MISMATCH: 'Subject Confirmation Error',
  REPLAY_DETECTED: 'Replay Detected',
  // --- configuration
  DECRYPTION_KEY_MISSING: 'Configuration Error/Perm Disabled',
  NO_TRUSTED_CERTIFICATE: 'Configuration Error/Perm Disabled',
} as const satisfies Record<string, LoginHistoryReason>;

export type ValidationCode = keyof typeof VALIDATION_REASONS;

/** Failures of configuration (an SSO setting Salesforce would refuse, an unknown connection…). */
export const CONFIG_REASONS = {
  CONFIG_INVALID: 'Configuration Error/Perm Disabled',
  JIT_REQUIRES_FEDERATION_ID: 'Configuration Error/Perm Disabled',
  PROVISIONING_DISABLED_USER_NOT_FOUND: 'Subject Confirmation Error',
  UNKNOWN_CONNECTION: 'Configuration Error/Perm Disabled',
  UNKNOWN_SITE: 'Configuration Error/Perm Disabled',
  /** A trusted IdP certificate could not be read (not PEM/DER/base64 X.509, or an unsupported key type). */
  CERTIFICATE_INVALID: 'Configuration Error/Perm Disabled',
  /** The SP's decryption key could not be read (not an unencrypted PEM RSA key). */
  PRIVATE_KEY_INVALID: 'Configuration Error/Perm Disabled',
  /** IdP metadata is malformed, carries a DOCTYPE, or holds no (single) matching IdP entity. */
  METADATA_INVALID: 'Configuration Error/Perm Disabled',
  /** The application's login callback (`onLogin` of `@saml-jit/sp`) threw or rejected. */
  LOGIN_CALLBACK_FAILED: 'Configuration Error/Perm Disabled',
  /** The service provider failed unexpectedly (a defect): the login is refused, never a 500. */
  SP_INTERNAL_ERROR: 'Configuration Error/Perm Disabled',
} as const satisfies Record<string, LoginHistoryReason>;

export type ConfigCode = keyof typeof CONFIG_REASONS;

/**
 * Failures of a port's backing store, translated from driver errors by the adapter. The core
 * never sees a driver error. `STORE_CONFLICT` and `STORE_UNAVAILABLE` are retryable.
 */
export const STORE_REASONS = {
  STORE_CONFLICT: 'SAML Provision Error',
  STORE_UNAVAILABLE: 'Configuration Error/Perm Disabled',
  STORE_UNEXPECTED: 'Configuration Error/Perm Disabled',
} as const satisfies Record<string, LoginHistoryReason>;

export type StoreCode = keyof typeof STORE_REASONS;

export type ErrorCode = ValidationCode | ConfigCode | StoreCode | JitCode;

const JIT_REASONS = Object.fromEntries(JIT_CODES.map((c) => [c, 'SAML Provision Error'])) as Record<
  JitCode,
  'SAML Provision Error'
>;

/** Code → Login History reason, total over every code. */
export const REASON_OF: Readonly<Record<ErrorCode, LoginHistoryReason>> = {
  ...VALIDATION_REASONS,
  ...CONFIG_REASONS,
  ...STORE_REASONS,
  ...JIT_REASONS,
};

export const ALL_ERROR_CODES = Object.keys(REASON_OF) as readonly ErrorCode[];
