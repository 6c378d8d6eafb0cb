// Helpers for the test-IdP tests: verify signatures the way an SP would, with only the
// certificate (never KeyInfo), using xml-crypto's own checkSignature.
import type { Document, Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { parseXml } from '../src/idp/dom.js';

export const DS = 'http://www.w3.org/2000/09/xmldsig#';
export const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';

/** Every ds:Signature element in document order. */
export const signatures = (root: Document | Element): Element[] =>
  Array.from(root.getElementsByTagNameNS(DS, 'Signature'));

/**
 * Verifies one signature of `xml` with only `certificatePem`. Returns false when xml-crypto
 * rejects the signature, whether it says so or throws.
 */
export const verifies = (xml: string, signature: Element, certificatePem: string): boolean => {
  const verifier = new SignedXml({ publicCert: certificatePem });
  try {
    // xml-crypto types its argument as the global DOM Node; xmldom's Element is the same shape at run time.
    verifier.loadSignature(signature as unknown as Parameters<SignedXml['loadSignature']>[0]);
    return verifier.checkSignature(xml);
  } catch {
    return false;
  }
};

/** Verifies every signature in the document; also returns how many there were. */
export const verifyAll = (xml: string, certificatePem: string): { count: number; ok: boolean } => {
  const sigs = signatures(parseXml(xml));
  return { count: sigs.length, ok: sigs.length > 0 && sigs.every((s) => verifies(xml, s, certificatePem)) };
};

export const only = <T>(items: readonly T[]): T => {
  if (items.length !== 1 || items[0] === undefined)
    throw new Error(`expected exactly one item, got ${items.length}`);
  return items[0];
};

export const text = (root: Document | Element, ns: string, name: string): string[] =>
  Array.from(root.getElementsByTagNameNS(ns, name)).map((e) => e.textContent ?? '');
