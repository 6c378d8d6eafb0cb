/**
 * The public types of `validateResponse`: per-connection options, the ports it uses, and its two
 * outcomes, each carrying the explainable report.
 */
import type {
  Clock,
  ConfigFailure,
  OutstandingRequest,
  ReplayCache,
  RequestStore,
  StoreFailure,
  ValidationFailure,
  VerifiedAssertion,
} from '@saml-jit/core';
import type { DecryptionKey, TrustedCertificate } from '../crypto/certificate.js';
import type { ValidationReport } from './report.js';

/** Which signatures a connection requires. `any`: the Response, the Assertion, or both. */
export type SignaturePolicy = 'any' | 'assertion' | 'response' | 'both';

export interface ValidationOptions {
  /** The connection's name; outstanding requests are bound to it. */
  readonly connection: string;
  /** The IdP's entity ID: the expected Issuer of the Response (when present) and the Assertion. */
  readonly idpEntityId: string;
  /** Certificates trusted for the IdP's signatures (several during a key rollover). Empty → refused. */
  readonly idpCertificates: readonly TrustedCertificate[];
  /** This SP's entity ID: the expected Audience. */
  readonly spEntityId: string;
  /** This SP's ACS URL: the expected Destination (when present) and Recipient. Null: not checked. */
  readonly acsUrl: string | null;
  /** SP private keys for EncryptedAssertion, EncryptedID and EncryptedAttribute. */
  readonly decryptionKeys?: readonly DecryptionKey[];
  /** Accept RSA-SHA1 signatures and SHA-1 digests. Default false. */
  readonly allowSha1?: boolean;
  /** Allowed clock skew for every time comparison, in seconds. Default 180. */
  readonly clockSkewSeconds?: number;
  /** Refuse IdP-initiated responses (no InResponseTo). Default false. */
  readonly rejectUnsolicited?: boolean;
  /** Default 'any'. */
  readonly signaturePolicy?: SignaturePolicy;
  /** Maximum size of the decoded XML in bytes, checked before decoding or parsing. Default 1 MiB. */
  readonly maxBytes?: number;
  /**
   * Refuse a signature whose matching certificate is outside its notBefore/notAfter at the
   * clock's time. Default false: trust comes from pinning the certificate, and IdPs commonly
   * keep signing with long-expired self-signed certificates.
   */
  readonly enforceCertificateValidity?: boolean;
  /**
   * The shortest RSA key trusted, in bits (default 2048). A certificate whose RSA key is shorter
   * is not used; when no certificate is left, every response is refused with
   * `NO_TRUSTED_CERTIFICATE`. Lower it (to 1024, never less) only for an IdP that cannot rotate
   * to a 2048-bit key.
   */
  readonly minRsaKeyBits?: number;
}

export interface ValidationDeps {
  readonly clock: Clock;
  readonly replayCache: ReplayCache;
  readonly requestStore: RequestStore;
}

export interface ValidatedResponse {
  readonly assertion: VerifiedAssertion;
  /** The outstanding request this answered (taken from the store), or null when unsolicited. */
  readonly request: OutstandingRequest | null;
  readonly report: ValidationReport;
}

export interface ValidationRejection {
  readonly error: ValidationFailure | StoreFailure | ConfigFailure;
  readonly report: ValidationReport;
}

export const DEFAULT_MAX_BYTES = 1_048_576;
export const DEFAULT_CLOCK_SKEW_SECONDS = 180;
/** The shortest RSA key trusted by default: NIST SP 800-131A disallows shorter ones for signatures. */
export const DEFAULT_MIN_RSA_KEY_BITS = 2048;
/** The lowest `minRsaKeyBits` accepted: a key shorter than 1024 bits is never trusted. */
export const LOWEST_MIN_RSA_KEY_BITS = 1024;
