/**
 * The JSON line written for each input, with exactly the contract's fields in the contract's
 * order. Attribute names come from the IdP: they are copied into a null-prototype object with
 * `Object.defineProperty`, so `__proto__` or `constructor` stay ordinary keys of the output
 * instead of changing an object's prototype or being dropped.
 */
import type { VerifiedAssertion } from '@saml-jit/core';

/** Attribute name → values, as a JSON-ready object whose keys cannot be special. */
export const attributesObject = (
  attributes: VerifiedAssertion['attributes'],
): Readonly<Record<string, readonly string[]>> => {
  const out = Object.create(null) as Record<string, readonly string[]>;
  for (const [name, values] of attributes) {
    Object.defineProperty(out, name, {
      value: [...values],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
};

/** The success fields of `verify` (also the head of a `provision` line). */
export interface AcceptedFields {
  readonly file: string;
  readonly ok: true;
  readonly issuer: string;
  readonly nameId: string | null;
  readonly nameIdFormat: string | null;
  readonly sessionIndex: string | null;
  readonly assertionId: string;
  readonly attributes: Readonly<Record<string, readonly string[]>>;
}

/**
 * @example
 * JSON.stringify(acceptedFields('a.xml', assertion))
 * // {"file":"a.xml","ok":true,"issuer":"…","nameId":"alice@example.test",…,"attributes":{…}}
 */
export const acceptedFields = (file: string, a: VerifiedAssertion): AcceptedFields => ({
  file,
  ok: true,
  issuer: a.issuer,
  nameId: a.nameId?.value ?? null,
  nameIdFormat: a.nameId?.format ?? null,
  sessionIndex: a.authn.sessionIndex,
  assertionId: a.assertionId,
  attributes: attributesObject(a.attributes),
});

export interface RejectedFields {
  readonly file: string;
  readonly ok: false;
  readonly error: { readonly reason: string; readonly code: string; readonly message: string };
}

/** `details` stay out: they may hold personal data and are shown only with `--report`. */
export const rejectedFields = (
  file: string,
  error: { readonly reason: string; readonly code: string; readonly message: string },
): RejectedFields => ({
  file,
  ok: false,
  error: { reason: error.reason, code: error.code, message: error.message },
});

/** `--report` appends the validator's report (null when validation never ran) after the contract's fields. */
export const withReport = <T extends object>(
  fields: T,
  report: unknown,
): T & { readonly report: unknown } => ({
  ...fields,
  report: report ?? null,
});
