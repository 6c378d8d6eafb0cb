/**
 * Security review: the AES-CBC decryption oracle (Jager & Somorovsky, "How to Break XML
 * Encryption", 2011). Anyone can submit a modified copy of a captured CBC ciphertext; when the
 * Response is not signed, nothing authenticates it before decryption. If a plaintext that does
 * not parse answered DECRYPTION_FAILED while one that parses answered another code (a structure
 * or signature code), the validator would tell an attacker whether the modified plaintext is
 * well-formed XML: enough to decrypt the captured assertion byte by byte. So until the decrypted
 * assertion's own signature has verified, every outcome of a CBC decryption in an unsigned
 * Response is the same DECRYPTION_FAILED (the report still names the real check for operators).
 */
import { constants, createCipheriv, publicEncrypt, randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { encryptedAssertionXml } from './support/encrypt.js';
import { accepted, codeOf, idp, NOW, type Outcome, spKeyPair, validate } from './support/world.js';

/** An EncryptedAssertion with AES-256-CBC content, as an attacker can make for any plaintext. */
const cbcEncryptedAssertion = (plaintext: string): string => {
  const key = randomBytes(32);
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv); // PKCS#7 padding is valid XML Encryption padding
  const body = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]);
  const wrapped = publicEncrypt(
    { key: spKeyPair.certificatePem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
    key,
  );
  return (
    '<saml:EncryptedAssertion><xenc:EncryptedData xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Type="http://www.w3.org/2001/04/xmlenc#Element">' +
    '<xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes256-cbc"/>' +
    '<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><xenc:EncryptedKey>' +
    '<xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"/>' +
    `<xenc:CipherData><xenc:CipherValue>${wrapped.toString('base64')}</xenc:CipherValue></xenc:CipherData>` +
    '</xenc:EncryptedKey></ds:KeyInfo>' +
    `<xenc:CipherData><xenc:CipherValue>${body.toString('base64')}</xenc:CipherValue></xenc:CipherData>` +
    '</xenc:EncryptedData></saml:EncryptedAssertion>'
  );
};

const ASSERTION = /<saml:Assertion[\s\S]*<\/saml:Assertion>/;
const signed = idp.response({ now: NOW, sign: 'assertion', nameId: 'alice@example.test' });
const signedAssertion = ASSERTION.exec(signed)?.[0] ?? '';
const inResponse = (encrypted: string): string => signed.replace(ASSERTION, encrypted);

/** Plaintexts a tampered ciphertext may decrypt to, from "not XML" to "a signed assertion, altered". */
const plaintexts: Record<string, string> = {
  'not UTF-8': '\uFFFF'.repeat(4),
  malformed: signedAssertion.slice(0, -5),
  'well-formed, not an Assertion': '<saml:Foo/>',
  'two elements': '<saml:Assertion/><saml:Assertion/>',
  'a duplicate ID': signedAssertion.replace(
    '<saml:Subject>',
    `<saml:Subject ID="${/ID="([^"]+)"/.exec(signed)?.[1]}">`,
  ),
  'an Assertion with an altered signed value': signedAssertion.replace('alice@', 'admin@'),
  'an Assertion without its signature': signedAssertion.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, ''),
};

const outcome = (o: Outcome): string =>
  E.isLeft(o) ? `${o.left.error.code}|${o.left.error.message}` : 'ACCEPTED';

describe('AES-CBC decryption oracle (review)', () => {
  it('CBC decryption oracle: every plaintext of an unsigned Response fails alike → DECRYPTION_FAILED', async () => {
    const seen = new Map<string, string>();
    for (const [name, plain] of Object.entries(plaintexts)) {
      const o = await validate(inResponse(cbcEncryptedAssertion(plain)));
      seen.set(name, outcome(o));
    }
    for (const [name, o] of seen) expect(`${name}: ${o}`).toMatch(/: DECRYPTION_FAILED\|/);
    expect(new Set(seen.values()).size).toBe(1);
  });
  it('the report still names the real failure for operators', async () => {
    const o = await validate(
      inResponse(cbcEncryptedAssertion(plaintexts['an Assertion with an altered signed value'] ?? '')),
    );
    if (E.isRight(o)) throw new Error('accepted');
    expect(o.left.report.checks.some((c) => c.code === 'SIGNATURE_DIGEST_MISMATCH')).toBe(true);
  });
  it('a CBC-encrypted assertion with a valid signature is still accepted', async () => {
    expect(
      accepted(await validate(inResponse(cbcEncryptedAssertion(signedAssertion)))).assertion.nameId?.value,
    ).toBe('alice@example.test');
  });
  it('AES-GCM (authenticated) keeps the precise codes: an altered signed value → SIGNATURE_DIGEST_MISMATCH', async () => {
    const gcm = encryptedAssertionXml(
      plaintexts['an Assertion with an altered signed value'] ?? '',
      spKeyPair.certificatePem,
    );
    expect(codeOf(await validate(inResponse(gcm)))).toBe('SIGNATURE_DIGEST_MISMATCH');
  });
});
