/**
 * The options of `idp.response()` and their defaults.
 *
 * Every field is optional: the defaults describe a valid, unsolicited, assertion-signed login
 * for `alice@example.test` at the SP in {@link TEST_SP}, valid for five minutes from `now`.
 * Given explicit IDs and times the output is byte-for-byte deterministic (encryption aside,
 * which draws a fresh key and IV).
 */
import { randomBytes } from 'node:crypto';
import type { Document } from '@xmldom/xmldom';
import type {
  DataEncryptionAlgorithmName,
  DigestAlgorithmName,
  KeyTransportAlgorithmName,
  SignatureAlgorithmName,
} from './algorithms.js';

/** The default service provider the test IdP answers. */
export const TEST_SP = {
  entityId: 'https://sp.example.test',
  acsUrl: 'https://sp.example.test/saml/acs',
} as const;

export const DEFAULT_IDP_ENTITY_ID = 'https://idp.example.test';

export const NAMEID_FORMAT = {
  emailAddress: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
} as const;

export const STATUS = {
  success: 'urn:oasis:names:tc:SAML:2.0:status:Success',
  requester: 'urn:oasis:names:tc:SAML:2.0:status:Requester',
  responder: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
  versionMismatch: 'urn:oasis:names:tc:SAML:2.0:status:VersionMismatch',
  authnFailed: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed',
} as const;

/** Which elements carry a signature. */
export type SignWhat = 'assertion' | 'response' | 'both' | 'none';

/** A date, or a string written verbatim (to test odd `xs:dateTime` forms). */
export type Instant = Date | string;

/** A top-level StatusCode, with an optional nested one and a StatusMessage. */
export interface StatusOption {
  readonly code: string;
  readonly subCode?: string;
  readonly message?: string;
}

/** Encrypt the assertion for an SP: `EncryptedAssertion` with the key wrapped for its certificate. */
export interface EncryptForOption {
  readonly certificatePem: string;
  /** Default `aes256-gcm`. */
  readonly dataAlgorithm?: DataEncryptionAlgorithmName;
  /** Default `rsa-oaep-mgf1p` (SHA-1 OAEP digest and MGF1, as deployed IdPs send). */
  readonly keyTransport?: KeyTransportAlgorithmName;
}

/**
 * Emit attributes as `saml:EncryptedAttribute` (SAML core §2.7.3.2) for an SP: each Attribute
 * named in `names` is encrypted on its own, in place, with the same algorithms as `encryptFor`.
 */
export interface EncryptAttributesOption extends EncryptForOption {
  /** The attribute names to encrypt (each must be in `attributes`). */
  readonly names: readonly string[];
}

export interface TestResponseOptions {
  /** Issuer of the Response and the Assertion. Default: the IdP's entity ID. */
  readonly issuer?: string;
  /** Default `alice@example.test`. */
  readonly nameId?: string;
  /** Default emailAddress; `null` omits the Format attribute. */
  readonly nameIdFormat?: string | null;
  /** Attribute name → values, in order; each value becomes one AttributeValue. Default `{}` (no AttributeStatement). */
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
  /** Default `urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified`. */
  readonly attributeNameFormat?: string;
  /** The instant every default time is relative to. Default: the current time. */
  readonly now?: Date;
  /** Default `now`. */
  readonly issueInstant?: Instant;
  /** Conditions NotBefore. Default `now`; `null` omits it. */
  readonly notBefore?: Instant | null;
  /** Conditions NotOnOrAfter. Default `now + validitySeconds`; `null` omits it. */
  readonly notOnOrAfter?: Instant | null;
  /** SubjectConfirmationData NotOnOrAfter. Default: Conditions' NotOnOrAfter (or `now + validitySeconds`). */
  readonly subjectNotOnOrAfter?: Instant | null;
  /** Default 300. */
  readonly validitySeconds?: number;
  /** Default `now`. */
  readonly authnInstant?: Instant;
  /** AuthnStatement SessionNotOnOrAfter. Default: omitted. */
  readonly sessionNotOnOrAfter?: Instant;
  /** AudienceRestriction's Audience(s). Default {@link TEST_SP}`.entityId`; `null` omits the restriction. */
  readonly audience?: string | readonly string[] | null;
  /** Response Destination. Default {@link TEST_SP}`.acsUrl`; `null` omits it. */
  readonly destination?: string | null;
  /** SubjectConfirmationData Recipient. Default: the destination, else {@link TEST_SP}`.acsUrl`; `null` omits it. */
  readonly recipient?: string | null;
  /** On the Response and the SubjectConfirmationData. Default: absent (IdP-initiated). */
  readonly inResponseTo?: string;
  /** Default: a random `_…` ID; `null` omits it. */
  readonly sessionIndex?: string | null;
  /** Default: `urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport`. */
  readonly authnContextClassRef?: string;
  /** Default: a random `_…` ID. */
  readonly assertionId?: string;
  /** Default: a random `_…` ID. */
  readonly responseId?: string;
  /** `omit` leaves the AuthnStatement out. Default: present. */
  readonly authnStatement?: 'omit';
  /** `omit` leaves the Assertion out (as IdPs do for failures). Default: present. */
  readonly assertion?: 'omit';
  /** Default `assertion`. */
  readonly sign?: SignWhat;
  /** Default `rsa-sha256`. */
  readonly signatureAlgorithm?: SignatureAlgorithmName;
  /** Default: the one matching `signatureAlgorithm`. */
  readonly digestAlgorithm?: DigestAlgorithmName;
  /** Encrypt the (signed) assertion for this SP certificate. */
  readonly encryptFor?: EncryptForOption;
  /** Emit these attributes as EncryptedAttribute; the assertion's signature covers the ciphertext. */
  readonly encryptAttributes?: EncryptAttributesOption;
  /** A top-level status code URI or a full status. Default Success. */
  readonly status?: string | StatusOption;
  /** Indent output (`true` = two spaces, or the indent string). Default compact. */
  readonly pretty?: boolean | string;
  /**
   * Edits the unsigned Response document before anything is signed (the edits are signed). The
   * document already holds the `encryptAttributes` EncryptedAttributes.
   */
  readonly beforeSign?: (doc: Document) => void;
  /** Edits the finished document after signing and encryption (e.g. signature wrapping). */
  readonly afterSign?: (doc: Document) => void;
}

/** A random SAML ID: `_` and 40 hex digits (IDs must not start with a digit: xs:ID is an NCName). */
export const randomId = (): string => `_${randomBytes(20).toString('hex')}`;

/** Writes an instant the way IdPs do: ISO 8601 UTC; strings are passed through unchanged. */
export const instant = (value: Instant): string => (typeof value === 'string' ? value : value.toISOString());

export const addSeconds = (d: Date, seconds: number): Date => new Date(d.getTime() + seconds * 1000);
