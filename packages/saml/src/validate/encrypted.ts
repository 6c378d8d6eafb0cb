/**
 * The encrypted parts of a Response: the EncryptedAssertion (decrypted, re-parsed by the hardened
 * parser, checked like the outer document: one Assertion, unique IDs, signatures placed on the
 * Assertion only) and the Subject's NameID or EncryptedID.
 */
import type { NameId } from '@saml-jit/core';
import type { Element } from '@xmldom/xmldom';
import * as E from 'fp-ts/lib/Either.js';
import { CONTENT_ALGORITHMS } from '../crypto/algorithms.js';
import { decryptElement } from '../crypto/decrypt.js';
import { attr, childNamed, is } from '../xml/dom.js';
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

export const decryptAssertion = (
  encrypted: Element,
  options: ValidationOptions,
  outerIds: ReadonlyMap<string, Element>,
): E.Either<Fault, { assertion: Element; signature: Element | null }> => {
  const keys = options.decryptionKeys ?? [];
  if (keys.length === 0) {
    return fault('DECRYPTION_KEY_MISSING', 'The assertion is encrypted but no decryption key is configured.');
  }
  const plain = decryptElement(encrypted, keys);
  if (E.isLeft(plain)) return E.left(plain.left);
  const parsed = parseInContext(plain.right, encrypted);
  // A plaintext that does not parse is reported like every other decryption failure.
  if (E.isLeft(parsed)) return fault('DECRYPTION_FAILED', 'The encrypted content could not be decrypted.');
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
  const keys = options.decryptionKeys ?? [];
  if (keys.length === 0)
    return fault('DECRYPTION_KEY_MISSING', 'The NameID is encrypted but no decryption key is configured.');
  const plain = decryptElement(encryptedId, keys);
  if (E.isLeft(plain)) return E.left(plain.left);
  const parsed = parseInContext(plain.right, encryptedId);
  if (E.isLeft(parsed) || !is(parsed.right, NS.assertion, 'NameID')) {
    return fault('DECRYPTION_FAILED', 'The encrypted content could not be decrypted.');
  }
  return E.map((nameId: NameId) => ({ subject, nameId }))(readNameId(parsed.right));
};
