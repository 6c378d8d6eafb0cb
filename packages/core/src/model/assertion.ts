/**
 * The assertion model: the facts the rest of saml-jit consumes once a SAML Response has been
 * validated. A `VerifiedAssertion` is branded: only a validator (package `@saml-jit/saml`, or the
 * test IdP of `@saml-jit/testing`) produces one, through `markVerified` from the
 * `@saml-jit/core/verified` subpath, so unverified data cannot reach provisioning by accident.
 */
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js';

export interface NameId {
  /** The exact text content of `Subject/NameID`: never trimmed, case-folded or normalised. */
  readonly value: string;
  readonly format: string | null;
  readonly nameQualifier: string | null;
  readonly spNameQualifier: string | null;
}

export interface Conditions {
  readonly notBefore: Date | null;
  readonly notOnOrAfter: Date | null;
  /** Every `AudienceRestriction/Audience`, in document order. */
  readonly audiences: readonly string[];
}

export interface AuthnStatement {
  readonly authnInstant: Date;
  readonly sessionIndex: string | null;
  readonly sessionNotOnOrAfter: Date | null;
  readonly authnContextClassRef: string | null;
}

/**
 * Attribute name → its values in document order; two `Attribute` elements with the same Name are
 * merged. A `Map`, not an object: names come from the IdP and may be `__proto__`.
 */
export type Attributes = ReadonlyMap<string, ReadonlyNonEmptyArray<string>>;

export interface AssertionFacts {
  /** `Assertion/Issuer`, already checked against the connection's IdP entity ID. */
  readonly issuer: string;
  /** `Assertion/@ID`, already consumed once in the replay cache. */
  readonly assertionId: string;
  readonly issueInstant: Date;
  /** `Subject/NameID`, or null when the subject carries none (identity then comes from an attribute). */
  readonly nameId: NameId | null;
  readonly conditions: Conditions;
  readonly authn: AuthnStatement;
  readonly attributes: Attributes;
  /** The request this answers, or null for an IdP-initiated (unsolicited) response. */
  readonly inResponseTo: string | null;
  /** True when the assertion arrived as an `EncryptedAssertion`. */
  readonly encrypted: boolean;
  /** The verified `Assertion` element as XML text (after decryption when it was encrypted). */
  readonly assertionXml: string;
  /** The SAMLResponse as received, base64: what Salesforce hands a custom JIT handler as `assertion`. */
  readonly responseBase64: string;
}

declare const verifiedBrand: unique symbol;

/** Facts that passed every check of the validating package. */
export type VerifiedAssertion = AssertionFacts & { readonly [verifiedBrand]: true };
