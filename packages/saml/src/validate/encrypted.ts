/**
 * The encrypted parts of a Response: the EncryptedAssertion (decrypted, re-parsed by the hardened
 * parser, checked like the outer document: one Assertion, unique IDs, signatures placed on the
 * Assertion only), the Subject's NameID or EncryptedID, and the attributes, plain or
 * EncryptedAttribute. All three encrypted forms go through one path (`decryptToElement`): the
 * same keys, algorithm policy, hardened parser and uniform failure.
 */
import type { Attributes, NameId } from '@saml-jit/core';
import type { Element } from '@xmldom/xmldom';
import * as E from 'fp-ts/lib/Either.js';
import type { ReadonlyNonEmptyArray } from 'fp-ts/lib/ReadonlyNonEmptyArray.js';
import { CONTENT_ALGORITHMS } from '../crypto/algorithms.js';
import { DECRYPTION_FAILED_MESSAGE, decryptElement } from '../crypto/decrypt.js';
import { attr, childElements, childNamed, childrenNamed, is, textOf } from '../xml/dom.js';
import { NS } from '../xml/namespaces.js';
import { parseInContext } from '../xml/parse-fragment.js';
import { indexTree } from '../xml/tree-index.js';
import { readNameId } from './extract.js';
import { type Fault, fault } from './fault.js';
import { placeSignatures } from './signatures.js';
import type { ValidationOptions } from './types.js';

/** True when the EncryptedAssertion's content is AES-CBC (unauthenticated encryption). */
export const isCbcEncrypted = (encrypted: Element): boolean => {
  const data = childNamed(encrypted, NS.xenc, 'EncryptedData');
  const method = data === null ? null : childNamed(data, NS.xenc, 'EncryptionMethod');
  const uri = method === null ? null : attr(method, 'Algorithm');
  return uri !== null && CONTENT_ALGORITHMS.get(uri)?.mode === 'cbc';
};

const decryptionFailed = (): E.Either<Fault, never> => fault('DECRYPTION_FAILED', DECRYPTION_FAILED_MESSAGE);

/**
 * Decrypts `container` (EncryptedAssertion, EncryptedID or EncryptedAttribute) with the SP's keys
 * and parses the plaintext as exactly one element with the hardened parser, in the namespace
 * context of `container`. No key configured → `DECRYPTION_KEY_MISSING` (refused, never skipped);
 * a plaintext that does not parse is reported like every other decryption failure.
 */
const decryptToElement = (
  container: Element,
  options: ValidationOptions,
  what: string,
): E.Either<Fault, Element> => {
  const keys = options.decryptionKeys ?? [];
  if (keys.length === 0)
    return fault('DECRYPTION_KEY_MISSING', `${what} is encrypted but no decryption key is configured.`);
  const plain = decryptElement(container, keys);
  if (E.isLeft(plain)) return E.left(plain.left);
  const parsed = parseInContext(plain.right, container);
  return E.isLeft(parsed) ? decryptionFailed() : E.right(parsed.right);
};

/** The same, and the element must be `saml:<localName>`: anything else is `DECRYPTION_FAILED`. */
const decryptToSaml = (
  container: Element,
  options: ValidationOptions,
  what: string,
  localName: 'NameID' | 'Attribute',
): E.Either<Fault, Element> => {
  const el = decryptToElement(container, options, what);
  return E.isRight(el) && !is(el.right, NS.assertion, localName) ? decryptionFailed() : el;
};

export const decryptAssertion = (
  encrypted: Element,
  options: ValidationOptions,
  outerIds: ReadonlyMap<string, Element>,
): E.Either<Fault, { assertion: Element; signature: Element | null }> => {
  const parsed = decryptToElement(encrypted, options, 'The assertion');
  if (E.isLeft(parsed)) return parsed;
  const assertion = parsed.right;
  if (!is(assertion, NS.assertion, 'Assertion')) {
    return fault('ASSERTION_STRUCTURE_INVALID', 'The EncryptedAssertion does not hold an Assertion.');
  }
  const index = indexTree(assertion);
  if (index.duplicateId !== null)
    return fault('DUPLICATE_ID', 'An ID appears twice in the decrypted assertion.');
  for (const id of index.ids.keys()) {
    if (outerIds.has(id))
      return fault('DUPLICATE_ID', 'The decrypted assertion reuses an ID of the Response.', { id });
  }
  if (index.assertions.length !== 1 || index.responses.length > 0) {
    return fault('ASSERTION_MULTIPLE', 'The decrypted assertion holds another Assertion or Response.');
  }
  const placed = placeSignatures(index.signatures, null, assertion);
  return E.map((p: { assertion: Element | null }) => ({ assertion, signature: p.assertion }))(placed);
};

export const readSubject = (
  assertion: Element,
  options: ValidationOptions,
): E.Either<Fault, { subject: Element; nameId: NameId | null }> => {
  const subject = childNamed(assertion, NS.assertion, 'Subject');
  if (subject === null) return fault('SUBJECT_MISSING', 'The Assertion has no Subject.');
  const nameIdEl = childNamed(subject, NS.assertion, 'NameID');
  if (nameIdEl !== null) return E.map((nameId: NameId) => ({ subject, nameId }))(readNameId(nameIdEl));
  const encryptedId = childNamed(subject, NS.assertion, 'EncryptedID');
  if (encryptedId === null) return E.right({ subject, nameId: null });
  const parsed = decryptToSaml(encryptedId, options, 'The NameID', 'NameID');
  if (E.isLeft(parsed)) return parsed;
  return E.map((nameId: NameId) => ({ subject, nameId }))(readNameId(parsed.right));
};

/** What `readAttributes` read: the attributes, and counts for the validation report. */
export interface AttributesRead {
  readonly attributes: Attributes;
  /** Distinct attribute names, and how many of the Attribute elements came encrypted. */
  readonly read: { readonly attributes: number; readonly encryptedAttributes: number };
}

/**
 * Attribute name → values in document order; same-name Attributes are merged, in document order,
 * whether they came plain or as an EncryptedAttribute (SAML core §2.7.3.2). Each
 * EncryptedAttribute must decrypt to exactly one saml:Attribute: no key is
 * `DECRYPTION_KEY_MISSING`, anything else `DECRYPTION_FAILED` — never skipped, so an attribute
 * the IdP sent (e.g. `User.IsActive=false`) cannot go unseen. Call it only on a verified
 * Assertion (see pipeline.ts). Attributes go into a `Map` (an IdP-chosen name may be `__proto__`).
 */
export const readAttributes = (
  assertion: Element,
  options: ValidationOptions,
): E.Either<Fault, AttributesRead> => {
  const out = new Map<string, string[]>();
  let encrypted = 0;
  for (const statement of childrenNamed(assertion, NS.assertion, 'AttributeStatement')) {
    for (const child of childElements(statement)) {
      let a = child;
      if (is(child, NS.assertion, 'EncryptedAttribute')) {
        const plain = decryptToSaml(child, options, 'An attribute', 'Attribute');
        if (E.isLeft(plain)) return plain;
        a = plain.right;
        encrypted++;
      } else if (!is(child, NS.assertion, 'Attribute')) continue;
      const name = attr(a, 'Name');
      if (name === null) return fault('ASSERTION_STRUCTURE_INVALID', 'An Attribute has no Name.');
      const values = childrenNamed(a, NS.assertion, 'AttributeValue').map(textOf);
      if (values.length === 0) continue;
      const existing = out.get(name);
      if (existing === undefined) out.set(name, values);
      else existing.push(...values);
    }
  }
  return E.right({
    attributes: out as unknown as ReadonlyMap<string, ReadonlyNonEmptyArray<string>>,
    read: { attributes: out.size, encryptedAttributes: encrypted },
  });
};
