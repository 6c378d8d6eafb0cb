/**
 * Error code → HTTP status, total over every code of `@saml-jit/core`: a new code that is not
 * given a status here does not compile. The rules, family by family:
 * - validation: 4xx. 413 for a body or document over the size bound, 400 for input that is not a
 *   SAML Response at all, 403 for a Response that was read but is refused (signature, issuer,
 *   audience, time, replay, configuration that trusts nothing).
 * - config: 404 for an unknown connection, 403 when the user may not log in, 503 otherwise: the
 *   service is misconfigured, which is not the client's fault, and saml-jit never answers 500.
 * - store: 503 (with `Retry-After` when the failure is retryable).
 * - jit: 303, the redirect to the error URL with Salesforce's `ErrorCode` parameters.
 */
import {
  type ConfigCode,
  type ErrorCode,
  JIT_CODES,
  type JitCode,
  type StoreCode,
  type ValidationCode,
} from '@saml-jit/core';

/** The statuses the service provider answers failures with. */
export type FailureStatus = 303 | 400 | 403 | 404 | 413 | 503;

const VALIDATION_STATUS: Readonly<Record<ValidationCode, 400 | 403 | 413>> = {
  INPUT_TOO_LARGE: 413,
  INPUT_ENCODING_INVALID: 400,
  INPUT_UNREADABLE: 400,
  VALIDATION_TIMEOUT: 400,
  VALIDATION_INTERNAL_ERROR: 400,
  SAML_RESPONSE_MISSING: 400,
  XML_MALFORMED: 400,
  XML_DOCTYPE_FORBIDDEN: 400,
  XML_LIMIT_EXCEEDED: 413,
  XML_ROOT_INVALID: 400,
  ASSERTION_MISSING: 400,
  ASSERTION_MULTIPLE: 400,
  DUPLICATE_ID: 400,
  STATUS_NOT_SUCCESS: 403,
  SUBJECT_MISSING: 400,
  AUTHN_STATEMENT_MISSING: 400,
  ASSERTION_STRUCTURE_INVALID: 400,
  SIGNATURE_MISSING: 403,
  SIGNATURE_INVALID: 403,
  SIGNATURE_DIGEST_MISMATCH: 403,
  SIGNATURE_UNTRUSTED_KEY: 403,
  SIGNATURE_ALGORITHM_DISALLOWED: 403,
  SIGNATURE_TRANSFORM_DISALLOWED: 403,
  SIGNATURE_REFERENCE_INVALID: 403,
  SIGNATURE_STRUCTURE_INVALID: 403,
  SIGNATURE_WRAPPING: 403,
  SIGNATURE_POLICY_UNMET: 403,
  CERTIFICATE_NOT_VALID_AT_CLOCK: 403,
  DECRYPTION_FAILED: 403,
  ENCRYPTION_ALGORITHM_DISALLOWED: 403,
  ISSUER_MISMATCH: 403,
  AUDIENCE_MISSING: 403,
  AUDIENCE_MISMATCH: 403,
  DESTINATION_MISMATCH: 403,
  RECIPIENT_MISMATCH: 403,
  ASSERTION_NOT_YET_VALID: 403,
  ASSERTION_EXPIRED: 403,
  SUBJECT_CONFIRMATION_EXPIRED: 403,
  BEARER_CONFIRMATION_MISSING: 403,
  BEARER_CONFIRMATION_INCOMPLETE: 403,
  IN_RESPONSE_TO_UNKNOWN: 403,
  IN_RESPONSE_TO_MISMATCH: 403,
  UNSOLICITED_RESPONSE_REFUSED: 403,
  REQUEST_BROWSER_MISMATCH: 403,
  REPLAY_DETECTED: 403,
  DECRYPTION_KEY_MISSING: 403,
  NO_TRUSTED_CERTIFICATE: 403,
};

const CONFIG_STATUS: Readonly<Record<ConfigCode, 403 | 404 | 503>> = {
  CONFIG_INVALID: 503,
  JIT_REQUIRES_FEDERATION_ID: 503,
  PROVISIONING_DISABLED_USER_NOT_FOUND: 403,
  UNKNOWN_CONNECTION: 404,
  UNKNOWN_SITE: 503,
  CERTIFICATE_INVALID: 503,
  PRIVATE_KEY_INVALID: 503,
  METADATA_INVALID: 503,
  LOGIN_CALLBACK_FAILED: 503,
  SP_INTERNAL_ERROR: 503,
};

const STORE_STATUS: Readonly<Record<StoreCode, 503>> = {
  STORE_CONFLICT: 503,
  STORE_UNAVAILABLE: 503,
  STORE_UNEXPECTED: 503,
};

// Every JIT failure is the same redirect; the type still names each code.
const JIT_STATUS = Object.fromEntries(JIT_CODES.map((c) => [c, 303])) as Record<JitCode, 303>;

/**
 * The HTTP status of each error code.
 * @example
 * HTTP_STATUS.SIGNATURE_INVALID // 403
 * HTTP_STATUS.STORE_UNAVAILABLE // 503
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, FailureStatus>> = {
  ...VALIDATION_STATUS,
  ...CONFIG_STATUS,
  ...STORE_STATUS,
  ...JIT_STATUS,
};
