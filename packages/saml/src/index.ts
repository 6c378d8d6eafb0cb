/**
 * @saml-jit/saml — hardened SAML 2.0 Response validation: the bytes of a SAMLResponse become the
 * core's `VerifiedAssertion`, or a typed error with an explainable report. Also: trusted
 * certificates and decryption keys, and IdP metadata.
 */

export type { DecryptionKey, TrustedCertificate } from './crypto/certificate.js';
export {
  parseCertificate,
  parseCertificates,
  parsePrivateKey,
  rsaKeyBitsOf,
  rsaKeyShorterThan,
} from './crypto/certificate.js';
export type { IdpMetadata, MetadataOptions } from './metadata/idp-metadata.js';
export { parseIdpMetadata } from './metadata/idp-metadata.js';
export type { CheckVerdict, ReportCheck, SignatureReport, ValidationReport } from './validate/report.js';
export { formatReport } from './validate/report.js';
export type {
  SignaturePolicy,
  ValidatedResponse,
  ValidationDeps,
  ValidationOptions,
  ValidationRejection,
} from './validate/types.js';
export {
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_BYTES,
  DEFAULT_MIN_RSA_KEY_BITS,
  LOWEST_MIN_RSA_KEY_BITS,
} from './validate/types.js';
export { replayKey, validateResponse } from './validate/validate-response.js';
export type { XmlLimits } from './xml/prescan.js';
export { DEFAULT_XML_LIMITS } from './xml/prescan.js';
