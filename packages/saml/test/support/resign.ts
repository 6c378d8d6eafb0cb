/**
 * Re-signing helpers for signature-syntax attacks: rewrite a SignedInfo (algorithm, transforms)
 * and recompute its SignatureValue with a chosen key, so a test reaches exactly the check it
 * names instead of failing earlier on a broken signature value.
 */
import { createHmac, createPrivateKey, sign } from 'node:crypto';
import { parseXml, serializeXml } from '@saml-jit/testing';
import type { Document, Element } from '@xmldom/xmldom';
import { excC14n } from '../../src/xml/c14n.js';
import { first, NS } from './world.js';

export const SIG_URI = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  ecdsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
  hmacSha1: 'http://www.w3.org/2000/09/xmldsig#hmac-sha1',
  rsaMd5: 'http://www.w3.org/2001/04/xmldsig-more#rsa-md5',
} as const;

const signedInfoOf = (doc: Document, index: number): Element => {
  const all = Array.from(doc.getElementsByTagNameNS(NS.ds, 'SignedInfo'));
  const si = all[index];
  if (si === undefined) throw new Error('no SignedInfo');
  return si;
};

const setSignatureValue = (signedInfo: Element, value: Buffer): void => {
  const sig = signedInfo.parentNode as Element;
  const sv = first(sig, NS.ds, 'SignatureValue');
  while (sv.firstChild !== null) sv.removeChild(sv.firstChild);
  sv.appendChild(sv.ownerDocument!.createTextNode(value.toString('base64')));
};

const canonical = (si: Element): Buffer =>
  Buffer.from(excC14n(si, { withComments: false, inclusivePrefixes: [], exclude: null }), 'utf8');

/**
 * Edits the `index`-th SignedInfo with `change`, then signs it again with `privateKeyPem`
 * (RSA PKCS#1 v1.5 or ECDSA in XML DSig's r||s form, by the key type).
 */
export const resign = (
  xml: string,
  change: (signedInfo: Element) => void,
  key: { privateKeyPem: string; hash?: string; index?: number },
): string => {
  const doc = parseXml(xml);
  const si = signedInfoOf(doc, key.index ?? 0);
  change(si);
  const pk = createPrivateKey(key.privateKeyPem);
  const hash = key.hash ?? 'sha256';
  const value =
    pk.asymmetricKeyType === 'ec'
      ? sign(hash, canonical(si), { key: pk, dsaEncoding: 'ieee-p1363' })
      : sign(hash, canonical(si), pk);
  setSignatureValue(si, value);
  return serializeXml(doc);
};

/** Rewrites the SignatureMethod to HMAC-SHA1 keyed with `secret` (e.g. the IdP's public cert). */
export const hmacResign = (xml: string, secret: string): string => {
  const doc = parseXml(xml);
  const si = signedInfoOf(doc, 0);
  first(si, NS.ds, 'SignatureMethod').setAttribute('Algorithm', SIG_URI.hmacSha1);
  setSignatureValue(si, createHmac('sha1', secret).update(canonical(si)).digest());
  return serializeXml(doc);
};

export const setAlgorithm = (
  si: Element,
  local: 'SignatureMethod' | 'CanonicalizationMethod',
  uri: string,
): void => {
  first(si, NS.ds, local).setAttribute('Algorithm', uri);
};
