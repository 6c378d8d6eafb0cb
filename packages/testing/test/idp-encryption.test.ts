// EncryptedAssertion and EncryptedAttribute output: decrypts with node:crypto and the SP's private
// key, for every content algorithm; a signature made before encryption still verifies after
// decryption, and a signature made after (the Response's over an EncryptedAssertion, the
// Assertion's over its EncryptedAttributes) covers the ciphertext.
import { constants, createDecipheriv, createPrivateKey, privateDecrypt } from 'node:crypto';
import type { Document, Element } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import {
  createTestIdp,
  type DataEncryptionAlgorithmName,
  generateKeyPair,
  parseXml,
} from '../src/idp/index.js';
import { DS, only, SAML, signatures, text, verifies, verifyAll } from './idp-support.js';

const XENC = 'http://www.w3.org/2001/04/xmlenc#';
const idp = createTestIdp();
const sp = generateKeyPair({ commonName: 'sp.example.test' });
const now = new Date('2030-06-01T12:00:00Z');

const byName = (doc: Document | Element, ns: string, name: string): Element[] =>
  Array.from(doc.getElementsByTagNameNS(ns, name));

/** Decrypts the one EncryptedAssertion the way an SP does (RSA-OAEP-MGF1P, then AES). */
const decrypt = (xml: string, privateKeyPem: string): { plaintext: string; dataAlgorithm: string } =>
  decryptData(only(byName(parseXml(xml), XENC, 'EncryptedData')), privateKeyPem);

const decryptData = (data: Element, privateKeyPem: string): { plaintext: string; dataAlgorithm: string } => {
  const dataAlgorithm = byName(data, XENC, 'EncryptionMethod')[0]?.getAttribute('Algorithm') ?? '';
  const encryptedKey = only(byName(data, XENC, 'EncryptedKey'));
  const wrapped = Buffer.from(only(text(encryptedKey, XENC, 'CipherValue')), 'base64');
  const key = privateDecrypt(
    { key: createPrivateKey(privateKeyPem), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
    wrapped,
  );
  const values = byName(data, XENC, 'CipherValue').map((v) => v.textContent ?? '');
  const content = Buffer.from(values[values.length - 1] ?? '', 'base64');
  const [bits, mode] = (dataAlgorithm.split('#')[1] ?? '').replace('aes', '').split('-');
  const cipher = `aes-${bits}-${mode}`;
  if (mode === 'gcm') {
    const decipher = createDecipheriv(cipher as 'aes-256-gcm', key, content.subarray(0, 12));
    decipher.setAuthTag(content.subarray(content.length - 16));
    const body = content.subarray(12, content.length - 16);
    return {
      plaintext: Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8'),
      dataAlgorithm,
    };
  }
  const decipher = createDecipheriv(cipher, key, content.subarray(0, 16));
  return {
    plaintext: Buffer.concat([decipher.update(content.subarray(16)), decipher.final()]).toString('utf8'),
    dataAlgorithm,
  };
};

describe('encryptFor', () => {
  const algorithms: readonly [DataEncryptionAlgorithmName, string][] = [
    ['aes256-gcm', 'http://www.w3.org/2009/xmlenc11#aes256-gcm'],
    ['aes128-gcm', 'http://www.w3.org/2009/xmlenc11#aes128-gcm'],
    ['aes256-cbc', 'http://www.w3.org/2001/04/xmlenc#aes256-cbc'],
    ['aes128-cbc', 'http://www.w3.org/2001/04/xmlenc#aes128-cbc'],
  ];
  for (const [dataAlgorithm, uri] of algorithms) {
    it(`${dataAlgorithm}: decrypts to the signed assertion, whose signature verifies with the IdP certificate`, () => {
      const xml = idp.response({
        now,
        assertionId: '_enc1',
        nameId: 'bob@example.test',
        attributes: { groups: ['a', 'b'] },
        encryptFor: { certificatePem: sp.certificatePem, dataAlgorithm },
      });
      expect(byName(parseXml(xml), SAML, 'Assertion')).toHaveLength(0);
      expect(xml).not.toContain('bob@example.test');
      const { plaintext, dataAlgorithm: written } = decrypt(xml, sp.privateKeyPem);
      expect(written).toBe(uri);
      const assertion = parseXml(plaintext);
      expect(assertion.documentElement?.getAttribute('ID')).toBe('_enc1');
      expect(text(assertion, SAML, 'NameID')).toEqual(['bob@example.test']);
      expect(text(assertion, SAML, 'AttributeValue')).toEqual(['a', 'b']);
      expect(verifyAll(plaintext, idp.certificatePem)).toEqual({ count: 1, ok: true });
    });
  }

  it('defaults to AES-256-GCM with RSA-OAEP-MGF1P, the EncryptedKey inside EncryptedData/KeyInfo', () => {
    const doc = parseXml(idp.response({ now, encryptFor: { certificatePem: sp.certificatePem } }));
    const data = only(byName(doc, XENC, 'EncryptedData'));
    expect(data.getAttribute('Type')).toBe(`${XENC}Element`);
    const keyInfo = only(byName(data, DS, 'KeyInfo'));
    const encryptedKey = only(byName(keyInfo, XENC, 'EncryptedKey'));
    const methods = byName(data, XENC, 'EncryptionMethod').map((m) => m.getAttribute('Algorithm'));
    expect(methods).toEqual(['http://www.w3.org/2009/xmlenc11#aes256-gcm', `${XENC}rsa-oaep-mgf1p`]);
    expect(byName(encryptedKey, DS, 'DigestMethod')[0]?.getAttribute('Algorithm')).toBe(
      'http://www.w3.org/2000/09/xmldsig#sha1',
    );
  });

  it('sign=both: the Response signature covers the EncryptedAssertion and fails if it is swapped', () => {
    const options = { now, sign: 'both', encryptFor: { certificatePem: sp.certificatePem } } as const;
    const xml = idp.response(options);
    const sig = only(signatures(parseXml(xml)));
    expect(verifies(xml, sig, idp.certificatePem)).toBe(true);
    expect(verifyAll(decrypt(xml, sp.privateKeyPem).plaintext, idp.certificatePem).ok).toBe(true);
    // Another encryption of another assertion under the same Response signature must not verify.
    const other = idp.response({ ...options, nameId: 'mallory@example.test' });
    const otherEncrypted = other.slice(
      other.indexOf('<saml:EncryptedAssertion'),
      other.indexOf('</samlp:Response>'),
    );
    const swapped =
      xml.slice(0, xml.indexOf('<saml:EncryptedAssertion')) + otherEncrypted + '</samlp:Response>';
    expect(verifies(swapped, only(signatures(parseXml(swapped))), idp.certificatePem)).toBe(false);
  });

  it('sign=response: the decrypted assertion is unsigned, as such IdPs send it', () => {
    const xml = idp.response({ now, sign: 'response', encryptFor: { certificatePem: sp.certificatePem } });
    expect(verifyAll(decrypt(xml, sp.privateKeyPem).plaintext, idp.certificatePem).count).toBe(0);
  });

  it('rsa-1_5 key transport is written with its own URI (for tests that it is refused)', () => {
    const xml = idp.response({
      now,
      encryptFor: { certificatePem: sp.certificatePem, keyTransport: 'rsa-1_5' },
    });
    const methods = byName(parseXml(xml), XENC, 'EncryptionMethod').map((m) => m.getAttribute('Algorithm'));
    expect(methods[1]).toBe(`${XENC}rsa-1_5`);
    // Node 20 refuses PKCS#1 v1.5 decryption (CVE-2023-46809), so only the shape is checked here:
    // one RSA-2048 block.
    const values = byName(parseXml(xml), XENC, 'CipherValue').map((v) => v.textContent ?? '');
    expect(Buffer.from(values[0] ?? '', 'base64')).toHaveLength(256);
  });

  it('cannot be decrypted with another SP key', () => {
    const xml = idp.response({ now, encryptFor: { certificatePem: sp.certificatePem } });
    expect(() => decrypt(xml, generateKeyPair().privateKeyPem)).toThrow();
  });
});

describe('encryptAttributes', () => {
  const attributes = { 'User.Email': ['bob@example.test'], groups: ['a', 'b'], 'User.IsActive': ['false'] };
  const names = ['groups', 'User.IsActive'];
  const statementChildren = (doc: Document): string[] => {
    const statement = only(byName(doc, SAML, 'AttributeStatement'));
    return byName(statement, SAML, '*')
      .filter((e) => e.parentNode === statement)
      .map((e) => e.localName ?? '');
  };

  for (const dataAlgorithm of ['aes256-gcm', 'aes128-gcm', 'aes256-cbc', 'aes128-cbc'] as const) {
    it(`${dataAlgorithm}: each named Attribute becomes an EncryptedAttribute in place, under the assertion's signature`, () => {
      const xml = idp.response({
        now,
        attributes,
        encryptAttributes: { certificatePem: sp.certificatePem, dataAlgorithm, names },
      });
      const doc = parseXml(xml);
      expect(statementChildren(doc)).toEqual(['Attribute', 'EncryptedAttribute', 'EncryptedAttribute']);
      expect(xml).not.toContain('User.IsActive');
      expect(verifyAll(xml, idp.certificatePem)).toEqual({ count: 1, ok: true });
      const plaintexts = byName(doc, SAML, 'EncryptedAttribute').map((ea) =>
        decryptData(only(byName(ea, XENC, 'EncryptedData')), sp.privateKeyPem),
      );
      expect(plaintexts.map((p) => p.dataAlgorithm)).toEqual([
        expect.stringContaining(dataAlgorithm),
        expect.stringContaining(dataAlgorithm),
      ]);
      // Each plaintext is one Attribute that declares what it uses, so it parses on its own.
      const decrypted = plaintexts.map((p) => parseXml(p.plaintext).documentElement as Element);
      expect(decrypted.map((a) => [a.localName, a.namespaceURI, a.getAttribute('Name')])).toEqual([
        ['Attribute', SAML, 'groups'],
        ['Attribute', SAML, 'User.IsActive'],
      ]);
      expect(decrypted.map((a) => text(a, SAML, 'AttributeValue'))).toEqual([['a', 'b'], ['false']]);
      expect(plaintexts[0]?.plaintext).toContain('xmlns:xs="http://www.w3.org/2001/XMLSchema"');
    });
  }

  it('the assertion signature covers the ciphertext: another EncryptedAttribute swapped in does not verify', () => {
    const options = { now, attributes, encryptAttributes: { certificatePem: sp.certificatePem, names } };
    const xml = idp.response(options);
    const other = idp.response({ ...options, attributes: { ...attributes, 'User.IsActive': ['true'] } });
    const last = (x: string) =>
      x.slice(x.lastIndexOf('<saml:EncryptedAttribute'), x.indexOf('</saml:AttributeStatement>'));
    const swapped = xml.replace(last(xml), last(other));
    expect(swapped).not.toBe(xml);
    expect(verifyAll(swapped, idp.certificatePem).ok).toBe(false);
  });

  it('with encryptFor: the EncryptedAttributes travel inside the EncryptedAssertion, signed', () => {
    const xml = idp.response({
      now,
      attributes,
      encryptAttributes: { certificatePem: sp.certificatePem, names: ['User.IsActive'] },
      encryptFor: { certificatePem: sp.certificatePem, dataAlgorithm: 'aes256-cbc' },
    });
    const assertion = decrypt(xml, sp.privateKeyPem).plaintext;
    expect(statementChildren(parseXml(assertion))).toEqual(['Attribute', 'Attribute', 'EncryptedAttribute']);
    expect(verifyAll(assertion, idp.certificatePem)).toEqual({ count: 1, ok: true });
  });

  it('beforeSign sees the EncryptedAttributes (its edits, and the ciphertext, are signed)', () => {
    let seen: string[] = [];
    idp.response({
      now,
      attributes,
      encryptAttributes: { certificatePem: sp.certificatePem, names },
      beforeSign: (doc) => {
        seen = statementChildren(doc);
      },
    });
    expect(seen).toEqual(['Attribute', 'EncryptedAttribute', 'EncryptedAttribute']);
  });

  it('rsa-1_5 key transport is written with its own URI (for tests that it is refused)', () => {
    const xml = idp.response({
      now,
      attributes,
      encryptAttributes: { certificatePem: sp.certificatePem, keyTransport: 'rsa-1_5', names: ['groups'] },
    });
    const ea = only(byName(parseXml(xml), SAML, 'EncryptedAttribute'));
    expect(byName(ea, XENC, 'EncryptionMethod').map((m) => m.getAttribute('Algorithm'))[1]).toBe(
      `${XENC}rsa-1_5`,
    );
  });

  it('a name that matches no Attribute throws (a mistake in the test)', () => {
    expect(() =>
      idp.response({
        now,
        attributes,
        encryptAttributes: { certificatePem: sp.certificatePem, names: ['nope'] },
      }),
    ).toThrow(/no saml:Attribute named nope/);
  });
});
