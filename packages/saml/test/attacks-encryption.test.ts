/**
 * Encrypted assertions (saml-security.md "Encryption"): RSA 1.5 refused, uniform decryption
 * failures, decrypted XML through the hardened parser, and decryption never standing in for a
 * signature. The Response signature is checked before anything is decrypted.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parsePrivateKey } from '../src/index.js';
import { encryptedAssertionXml } from './support/encrypt.js';
import { accepted, codeOf, edit, first, idp, keyPair, NOW, spKeyPair, validate } from './support/world.js';

const forSp = { certificatePem: spKeyPair.certificatePem };
const attackerKey = parsePrivateKey(keyPair('attacker').privateKeyPem);
if (E.isLeft(attackerKey)) throw new Error('attacker key');

const response = (xml: string, encrypted: string): string =>
  xml.replace(/<saml:Assertion[\s\S]*<\/saml:Assertion>/, encrypted);

describe('encrypted assertions', () => {
  for (const dataAlgorithm of ['aes256-gcm', 'aes128-gcm', 'aes256-cbc', 'aes128-cbc'] as const) {
    it(`decrypts ${dataAlgorithm} with RSA-OAEP and verifies the inner signature`, async () => {
      const xml = idp.response({ now: NOW, sign: 'assertion', encryptFor: { ...forSp, dataAlgorithm } });
      const ok = accepted(await validate(xml));
      expect(ok.assertion.encrypted).toBe(true);
      expect(ok.report.signatures[0]?.insideEncryptedAssertion).toBe(true);
    });
  }
  it('RSA-1_5 key transport → ENCRYPTION_ALGORITHM_DISALLOWED', async () => {
    const xml = idp.response({
      now: NOW,
      sign: 'assertion',
      encryptFor: { ...forSp, keyTransport: 'rsa-1_5' },
    });
    expect(codeOf(await validate(xml))).toBe('ENCRYPTION_ALGORITHM_DISALLOWED');
  });
  it('encrypted assertion without a configured decryption key → DECRYPTION_KEY_MISSING', async () => {
    const xml = idp.response({ now: NOW, sign: 'assertion', encryptFor: forSp });
    expect(codeOf(await validate(xml, { decryptionKeys: [] }))).toBe('DECRYPTION_KEY_MISSING');
  });
  it('encrypted for another key → DECRYPTION_FAILED', async () => {
    const xml = idp.response({ now: NOW, sign: 'assertion', encryptFor: forSp });
    expect(codeOf(await validate(xml, { decryptionKeys: [attackerKey.right] }))).toBe('DECRYPTION_FAILED');
  });
  it('tampered ciphertext, tampered key and wrong key fail identically (code and message)', async () => {
    const xml = idp.response({
      now: NOW,
      sign: 'assertion',
      encryptFor: { ...forSp, dataAlgorithm: 'aes256-cbc' },
    });
    const flip = (which: number) =>
      edit(xml, (doc) => {
        const cv = Array.from(doc.getElementsByTagNameNS('http://www.w3.org/2001/04/xmlenc#', 'CipherValue'))[
          which
        ];
        if (cv === undefined) throw new Error('no CipherValue');
        const bytes = Buffer.from(cv.textContent ?? '', 'base64');
        bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x55;
        while (cv.firstChild !== null) cv.removeChild(cv.firstChild);
        cv.appendChild(doc.createTextNode(bytes.toString('base64')));
      });
    const outcomes = [
      await validate(flip(0)),
      await validate(flip(1)),
      await validate(xml, { decryptionKeys: [attackerKey.right] }),
    ];
    const seen = outcomes.map((o) =>
      E.isLeft(o) ? `${o.left.error.code}|${o.left.error.message}` : 'ACCEPTED',
    );
    expect(new Set(seen).size).toBe(1);
    expect(seen[0]).toMatch(/^DECRYPTION_FAILED\|/);
  });
  it('decryption is no substitute for a signature: encrypted, nothing signed → SIGNATURE_MISSING', async () => {
    const xml = idp.response({ now: NOW, sign: 'none', encryptFor: forSp });
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_MISSING');
  });
  it('a signed Response covering an unsigned EncryptedAssertion is accepted', async () => {
    const xml = idp.response({ now: NOW, sign: 'response', encryptFor: forSp });
    expect(accepted(await validate(xml)).report.signedElements).toEqual(['Response']);
  });
  it('the Response signature is verified before decrypting: altered signed Response → SIGNATURE_DIGEST_MISMATCH, not a decryption code', async () => {
    const xml = idp.response({ now: NOW, sign: 'response', encryptFor: forSp });
    const altered = xml.replace(/Destination="[^"]*"/, 'Destination="https://evil.example.test/acs"');
    expect(codeOf(await validate(altered, { decryptionKeys: [], acsUrl: null }))).toBe(
      'SIGNATURE_DIGEST_MISMATCH',
    );
  });
  it('decrypted XML carrying a DOCTYPE goes through the hardened parser → DECRYPTION_FAILED', async () => {
    const unsigned = idp.response({ now: NOW, sign: 'none' });
    const evil = '<!DOCTYPE a [<!ENTITY x "y">]><saml:Assertion>&x;</saml:Assertion>';
    expect(
      codeOf(await validate(response(unsigned, encryptedAssertionXml(evil, spKeyPair.certificatePem)))),
    ).toBe('DECRYPTION_FAILED');
  });
  it('decrypted XML holding two assertions → DECRYPTION_FAILED (not exactly one element)', async () => {
    const unsigned = idp.response({ now: NOW, sign: 'none' });
    const two = '<saml:Assertion ID="_x1"/><saml:Assertion ID="_x2"/>';
    expect(
      codeOf(await validate(response(unsigned, encryptedAssertionXml(two, spKeyPair.certificatePem)))),
    ).toBe('DECRYPTION_FAILED');
  });
  it('decrypted unsigned assertion in an unsigned Response → SIGNATURE_MISSING', async () => {
    const unsigned = idp.response({ now: NOW, sign: 'none' });
    const inner = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(unsigned)?.[0] ?? '';
    expect(
      codeOf(await validate(response(unsigned, encryptedAssertionXml(inner, spKeyPair.certificatePem)))),
    ).toBe('SIGNATURE_MISSING');
  });
  it('an EncryptedAssertion beside a plain Assertion → ASSERTION_MULTIPLE', async () => {
    const plain = idp.response({ now: NOW, sign: 'assertion' });
    const enc = idp.response({ now: NOW, sign: 'assertion', encryptFor: forSp });
    const ea = /<saml:EncryptedAssertion[\s\S]*<\/saml:EncryptedAssertion>/.exec(enc)?.[0] ?? '';
    const xml = plain.replace('</samlp:Response>', `${ea}</samlp:Response>`);
    expect(codeOf(await validate(xml))).toBe('ASSERTION_MULTIPLE');
  });
  it('unknown content encryption algorithm → ENCRYPTION_ALGORITHM_DISALLOWED', async () => {
    const xml = idp.response({ now: NOW, sign: 'assertion', encryptFor: forSp });
    const odd = edit(xml, (doc) => {
      const data = first(doc, 'http://www.w3.org/2001/04/xmlenc#', 'EncryptedData');
      first(data, 'http://www.w3.org/2001/04/xmlenc#', 'EncryptionMethod').setAttribute(
        'Algorithm',
        'http://www.w3.org/2001/04/xmlenc#tripledes-cbc',
      );
    });
    expect(codeOf(await validate(odd))).toBe('ENCRYPTION_ALGORITHM_DISALLOWED');
  });
});
