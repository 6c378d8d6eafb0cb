/**
 * Review: end-of-line handling. SAML is XML 1.0, whose parsers turn CR LF and a lone CR into LF
 * and nothing else (§2.11). @xmldom/xmldom's default applies XML 1.1's rule, which also turns
 * U+0085 (NEL), U+2028 and U+2029 into LF. An XML 1.0 signer (libxml2, .NET, Java) digests those
 * characters as they are, so under the 1.1 rule a response with one in a signed value failed its
 * digest here. These are known answers from the XML 1.0 and C14N 1.0 texts, then a response signed
 * over the XML 1.0 canonical form, as an XML 1.0 IdP would sign it.
 */
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { type Element, type Text, XMLSerializer } from '@xmldom/xmldom';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { excC14n } from '../src/xml/c14n.js';
import { parseXml } from '../src/xml/parse.js';
import { accepted, codeOf, first, idp, keyPair, NOW, NS, validate } from './support/world.js';

const PLAIN = { withComments: false, inclusivePrefixes: [], exclude: null } as const;

const rootOf = (xml: string): Element => {
  const doc = parseXml(xml);
  if (E.isLeft(doc)) throw new Error(doc.left.code);
  return doc.right.documentElement as Element;
};

const canonical = (xml: string): string => excC14n(rootOf(xml), PLAIN);

describe('XML 1.0 end-of-line handling (review)', () => {
  it('keeps NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR in text and attribute values', () => {
    expect(canonical('<a b="x\u0085y\u2028z\u2029w">t\u0085u\u2028v\u2029w</a>')).toBe(
      '<a b="x\u0085y\u2028z\u2029w">t\u0085u\u2028v\u2029w</a>',
    );
  });
  it('turns CR LF and a lone CR into LF in text, and into a space in attribute values', () => {
    expect(canonical('<a b="p\r\nq\rr">s\r\nt\ru\r\n</a>')).toBe('<a b="p q r">s\nt\nu\n</a>');
  });
  it('keeps a referenced CR as a CR (canonical form &#xD;)', () => {
    expect(canonical('<a b="p&#13;q">s&#13;t</a>')).toBe('<a b="p&#xD;q">s&#xD;t</a>');
  });
  it('reads a document declaring XML 1.1 by the same rule, as libxml2 does', () => {
    expect(canonical('<?xml version="1.1"?><a>t\u2028u\r\nv</a>')).toBe('<a>t\u2028u\nv</a>');
  });
});

/**
 * A response whose NameID holds U+2028, signed the way an XML 1.0 IdP signs it: the assertion's
 * digest and the SignedInfo's signature computed over the XML 1.0 canonical forms.
 */
const signedByXml10Idp = (nameId: string): string => {
  const marker = 'line.separator@example.test';
  const doc = parseXml(idp.response({ now: NOW, sign: 'assertion', nameId: marker }));
  if (E.isLeft(doc)) throw new Error(doc.left.code);
  const assertion = first(doc.right, NS.saml, 'Assertion');
  const subjectId = first(assertion, NS.saml, 'NameID');
  (subjectId.firstChild as Text).data = nameId;
  const signature = first(assertion, NS.ds, 'Signature');
  const signedInfo = first(signature, NS.ds, 'SignedInfo');
  const digest = createHash('sha256')
    .update(excC14n(assertion, { ...PLAIN, exclude: signature }), 'utf8')
    .digest('base64');
  (first(signedInfo, NS.ds, 'DigestValue').firstChild as Text).data = digest;
  const value = sign(
    'sha256',
    Buffer.from(excC14n(signedInfo, PLAIN)),
    createPrivateKey(keyPair('idp').privateKeyPem),
  );
  (first(signature, NS.ds, 'SignatureValue').firstChild as Text).data = value.toString('base64');
  return new XMLSerializer().serializeToString(doc.right);
};

describe('a value with U+2028 signed by an XML 1.0 IdP (review)', () => {
  it('is accepted, and the NameID keeps the character', async () => {
    const xml = signedByXml10Idp('line\u2028separator@example.test');
    expect(xml).toContain('line\u2028separator');
    const ok = accepted(await validate(xml));
    expect(ok.assertion.nameId?.value).toBe('line\u2028separator@example.test');
  });
  it('the same bytes with the character swapped for LF no longer verify → SIGNATURE_DIGEST_MISMATCH', async () => {
    const xml = signedByXml10Idp('line\u2028separator@example.test').replace('line\u2028', 'line\n');
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_DIGEST_MISMATCH');
  });
});
