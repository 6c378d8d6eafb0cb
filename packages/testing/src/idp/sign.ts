/**
 * Enveloped XML signatures over one element, made with xml-crypto's `SignedXml` the way IdPs
 * make them: exclusive c14n, the enveloped-signature transform, a Reference to `#ID`, the
 * Signature placed right after the element's Issuer (SAML core's schema order), and KeyInfo
 * carrying the certificate.
 *
 * Exported on its own so adversarial tests can re-sign any element, e.g. a wrapped copy.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { Element, Node } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import {
  DIGEST_ALGORITHMS,
  type DigestAlgorithmName,
  ENVELOPED_SIGNATURE,
  EXC_C14N,
  NS,
  SIGNATURE_ALGORITHMS,
  type SignatureAlgorithmName,
} from './algorithms.js';
import { childElements, findAllById, parseXml } from './dom.js';

export interface SignXmlOptions {
  /** The `ID` attribute value of the element to sign (without `#`). */
  readonly reference: string;
  readonly privateKeyPem: string;
  /** Published in KeyInfo/X509Data unless `keyInfo` is false. */
  readonly certificatePem?: string;
  /** Default `rsa-sha256`. */
  readonly signatureAlgorithm?: SignatureAlgorithmName;
  /** Default: the one matching the signature algorithm. */
  readonly digestAlgorithm?: DigestAlgorithmName;
  /**
   * Where the Signature goes inside the signed element: `after-issuer` (default; `prepend` when
   * the element has no saml:Issuer child), `prepend` or `append`.
   */
  readonly placement?: 'after-issuer' | 'prepend' | 'append';
  /** Default true (when a certificate is given). */
  readonly keyInfo?: boolean;
}

/**
 * Signs the one element whose `ID` is `options.reference` and returns the whole document with
 * the Signature inserted. Throws when no element, or more than one, has that ID: that is a
 * mistake in the test, not a case to sign (to test duplicate IDs, duplicate after signing).
 *
 * @example
 * const signed = signXml(xml, { reference: '_assertion1', privateKeyPem, certificatePem });
 */
export const signXml = (xml: string, options: SignXmlOptions): string => {
  const id = options.reference;
  const matches = findAllById(parseXml(xml), id);
  const element = matches[0];
  if (element === undefined || matches.length > 1) {
    throw new Error(`signXml: expected exactly one element with ID ${id}, found ${matches.length}`);
  }
  const algorithm = SIGNATURE_ALGORITHMS[options.signatureAlgorithm ?? 'rsa-sha256'];
  // A positional path (`/*[1]/*[3]`) instead of `//*[@ID=…]`: xml-crypto evaluates it with a
  // generic XPath engine, and a descendant search over a 60 KB response triples the signing
  // time. The Reference URI still comes from the element's ID attribute.
  const target = positionalPath(element);
  const signer = new SignedXml({
    privateKey: privateKeyOf(options.privateKeyPem),
    ...(options.keyInfo !== false && options.certificatePem !== undefined
      ? { publicCert: options.certificatePem }
      : {}),
    signatureAlgorithm: algorithm.uri,
    canonicalizationAlgorithm: EXC_C14N,
  });
  signer.addReference({
    xpath: target,
    transforms: [ENVELOPED_SIGNATURE, EXC_C14N],
    digestAlgorithm: DIGEST_ALGORITHMS[options.digestAlgorithm ?? algorithm.digest],
  });
  const placement = options.placement ?? 'after-issuer';
  const issuer = childElements(element, NS.saml, 'Issuer')[0];
  const location =
    placement === 'after-issuer' && issuer !== undefined
      ? { reference: `${target}/*[${elementIndex(issuer)}]`, action: 'after' as const }
      : { reference: target, action: placement === 'append' ? ('append' as const) : ('prepend' as const) };
  signer.computeSignature(xml, { prefix: 'ds', location });
  return signer.getSignedXml();
};

/** 1-based position of an element among its parent's element children. */
const elementIndex = (element: Element): number => {
  let index = 1;
  for (let node = element.previousSibling; node !== null; node = node.previousSibling) {
    if (node.nodeType === node.ELEMENT_NODE) index += 1;
  }
  return index;
};

/** `/*[i]/*[j]/…` from the document root down to `element`. */
const positionalPath = (element: Element): string => {
  const steps: string[] = [];
  for (let node: Element | null = element; node !== null; ) {
    steps.unshift(`/*[${elementIndex(node)}]`);
    const parent: Node | null = node.parentNode;
    node = parent !== null && parent.nodeType === parent.ELEMENT_NODE ? (parent as Element) : null;
  }
  return steps.join('');
};

// Parsing a PEM key costs about as much as the RSA operation; keep the parsed keys of the few
// IdPs a test run uses.
const keyCache = new Map<string, KeyObject>();
const privateKeyOf = (pem: string): KeyObject => {
  let key = keyCache.get(pem);
  if (key === undefined) {
    if (keyCache.size >= 64) keyCache.clear();
    key = createPrivateKey(pem);
    keyCache.set(pem, key);
  }
  return key;
};
