/**
 * `saml:EncryptedAttribute` (SAML core §2.7.3.2). An attribute the IdP sent encrypted is read
 * like a plain one, never skipped: skipping would let an encrypted `User.IsActive=false` go
 * unseen. Each one must decrypt with the SP's keys to exactly one saml:Attribute; no key is
 * DECRYPTION_KEY_MISSING, anything else the uniform DECRYPTION_FAILED. The ciphertext sits inside
 * the signed Assertion (or Response), so an altered one fails the signature before anything is
 * decrypted. Every fixture comes from the test IdP (encrypt, then sign, as IdPs do), clock pinned.
 */
import { encryptedElementXml, parseXml, type TestResponseOptions } from '@saml-jit/testing';
import type { Document, Element } from '@xmldom/xmldom';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parsePrivateKey } from '../src/index.js';
import {
  accepted,
  all,
  codeOf,
  first,
  idp,
  keyPair,
  NOW,
  NS,
  type Outcome,
  spKeyPair,
  validate,
} from './support/world.js';

const XENC = 'http://www.w3.org/2001/04/xmlenc#';
const SAML_NS = `xmlns:saml="${NS.saml}"`;
const DATA_ALGORITHMS = ['aes256-gcm', 'aes128-gcm', 'aes256-cbc', 'aes128-cbc'] as const;
type DataAlgorithm = (typeof DATA_ALGORITHMS)[number];

const forSp = { certificatePem: spKeyPair.certificatePem };
const attacker = keyPair('attacker');
const attackerKey = parsePrivateKey(attacker.privateKeyPem);
if (E.isLeft(attackerKey)) throw new Error('attacker key');

const ATTRIBUTES = {
  'User.Email': ['alice@example.test'],
  groups: ['a', 'b'],
  'User.IsActive': ['false'],
};

/** A response whose `groups` and `User.IsActive` come as EncryptedAttributes. */
const encryptedResponse = (dataAlgorithm: DataAlgorithm, more: TestResponseOptions = {}): string =>
  idp.response({
    now: NOW,
    attributes: ATTRIBUTES,
    encryptAttributes: { ...forSp, dataAlgorithm, names: ['groups', 'User.IsActive'] },
    ...more,
  });

const statementOf = (doc: Document): Element => first(doc, NS.saml, 'AttributeStatement');

/** Parses `xml` (one element) into `doc`, ready to insert. */
const imported = (doc: Document, xml: string): Element =>
  doc.importNode(parseXml(xml).documentElement as Element, true) as Element;

const plainAttribute = (name: string, value: string): string =>
  `<saml:Attribute ${SAML_NS} Name="${name}"><saml:AttributeValue>${value}</saml:AttributeValue></saml:Attribute>`;

/** beforeSign: replace every EncryptedAttribute with one holding `plaintext` (signed after). */
const withPlaintext =
  (plaintext: string, dataAlgorithm: DataAlgorithm) =>
  (doc: Document): void => {
    for (const ea of all(doc, NS.saml, 'EncryptedAttribute')) {
      const evil = encryptedElementXml('saml:EncryptedAttribute', plaintext, { ...forSp, dataAlgorithm });
      ea.parentNode?.replaceChild(imported(doc, evil), ea);
    }
  };

/** Flips a bit of the `which`-th CipherValue (0: the EncryptedKey's, 1: the content's). */
const flipCipherValue = (doc: Document, which: number): void => {
  const cv = all(first(doc, NS.saml, 'EncryptedAttribute'), XENC, 'CipherValue')[which];
  if (cv === undefined) throw new Error('no CipherValue');
  const bytes = Buffer.from(cv.textContent ?? '', 'base64');
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
  while (cv.firstChild !== null) cv.removeChild(cv.firstChild);
  cv.appendChild(doc.createTextNode(bytes.toString('base64')));
};

const outcome = (o: Outcome): string =>
  E.isLeft(o) ? `${o.left.error.code}|${o.left.error.message}` : 'ACCEPTED';

const checkNamed = (o: Outcome, name: string) =>
  (E.isLeft(o) ? o.left.report : o.right.report).checks.find((c) => c.name === name);

describe('EncryptedAttribute: decrypted and read like a plain Attribute', () => {
  for (const dataAlgorithm of DATA_ALGORITHMS) {
    it(`${dataAlgorithm}: accepted, merged by name in document order with plain Attributes`, async () => {
      const xml = encryptedResponse(dataAlgorithm, {
        // A plain `groups` before and after the encrypted one (the IdP signs these edits).
        beforeSign: (doc) => {
          const statement = statementOf(doc);
          statement.insertBefore(imported(doc, plainAttribute('groups', 'z')), statement.firstChild);
          statement.appendChild(imported(doc, plainAttribute('groups', 'c')));
        },
      });
      expect(xml).not.toContain('User.IsActive');
      const ok = accepted(await validate(xml));
      expect([...ok.assertion.attributes.entries()]).toEqual([
        ['groups', ['z', 'a', 'b', 'c']],
        ['User.Email', ['alice@example.test']],
        ['User.IsActive', ['false']],
      ]);
      expect(checkNamed(E.right(ok), 'attributes')).toMatchObject({
        verdict: 'pass',
        inputs: { attributes: 3, encryptedAttributes: 2 },
      });
    });
  }
  for (const sign of ['response', 'both'] as const) {
    it(`sign=${sign}: accepted (the Response signature covers the EncryptedAttribute too)`, async () => {
      const ok = accepted(await validate(encryptedResponse('aes256-cbc', { sign })));
      expect(ok.assertion.attributes.get('User.IsActive')).toEqual(['false']);
    });
  }
  for (const dataAlgorithm of ['aes256-gcm', 'aes128-cbc'] as const) {
    it(`inside an EncryptedAssertion (${dataAlgorithm}): both layers decrypted, attributes read`, async () => {
      const xml = encryptedResponse(dataAlgorithm, { encryptFor: { ...forSp, dataAlgorithm } });
      const ok = accepted(await validate(xml));
      expect(ok.assertion.encrypted).toBe(true);
      expect(ok.assertion.attributes.get('groups')).toEqual(['a', 'b']);
      expect(ok.assertion.attributes.get('User.IsActive')).toEqual(['false']);
    });
  }
  it('the fixture is what it claims: two EncryptedAttributes, one plain Attribute, no plaintext', () => {
    const xml = encryptedResponse('aes256-gcm');
    const doc = parseXml(xml);
    expect(all(doc, NS.saml, 'EncryptedAttribute')).toHaveLength(2);
    expect(all(doc, NS.saml, 'Attribute').map((a) => a.getAttribute('Name'))).toEqual(['User.Email']);
    expect(xml).not.toContain('IsActive');
  });
  it('a plain report line says how many attributes were read and how many came encrypted', async () => {
    const o = await validate(idp.response({ now: NOW, attributes: ATTRIBUTES }));
    expect(checkNamed(o, 'attributes')?.inputs).toEqual({ attributes: 3, encryptedAttributes: 0 });
  });
});

describe('EncryptedAttribute: fail closed', () => {
  it('an encrypted User.IsActive=false is not skipped by an SP without a decryption key → DECRYPTION_KEY_MISSING', async () => {
    const o = await validate(encryptedResponse('aes256-gcm'), { decryptionKeys: [] });
    expect(codeOf(o)).toBe('DECRYPTION_KEY_MISSING');
    expect(checkNamed(o, 'attributes')).toMatchObject({ verdict: 'fail', code: 'DECRYPTION_KEY_MISSING' });
  });
  it('encrypted for another SP key (signed by the IdP as sent) → DECRYPTION_FAILED', async () => {
    const o = await validate(encryptedResponse('aes256-gcm'), { decryptionKeys: [attackerKey.right] });
    expect(codeOf(o)).toBe('DECRYPTION_FAILED');
  });
  it('RSA-1_5 key transport is refused as for an EncryptedAssertion → ENCRYPTION_ALGORITHM_DISALLOWED', async () => {
    const xml = idp.response({
      now: NOW,
      attributes: ATTRIBUTES,
      encryptAttributes: { ...forSp, keyTransport: 'rsa-1_5', names: ['groups'] },
    });
    expect(codeOf(await validate(xml))).toBe('ENCRYPTION_ALGORITHM_DISALLOWED');
  });
});

describe('EncryptedAttribute: altered after signing, the signature fails first', () => {
  for (const dataAlgorithm of ['aes256-gcm', 'aes256-cbc'] as const) {
    for (const [which, what] of [
      [0, 'EncryptedKey'],
      [1, 'content'],
    ] as const) {
      it(`padding-oracle probe: a bit flipped in the ${what} ciphertext (${dataAlgorithm}) → SIGNATURE_DIGEST_MISMATCH, nothing decrypted`, async () => {
        const xml = encryptedResponse(dataAlgorithm, { afterSign: (doc) => flipCipherValue(doc, which) });
        const o = await validate(xml);
        expect(codeOf(o)).toBe('SIGNATURE_DIGEST_MISMATCH');
        expect(checkNamed(o, 'attributes')).toBeUndefined();
      });
    }
  }
  it('substitution: an attacker re-encrypts User.IsActive=true for the SP after signing → SIGNATURE_DIGEST_MISMATCH', async () => {
    const xml = encryptedResponse('aes256-gcm', {
      afterSign: withPlaintext(plainAttribute('User.IsActive', 'true'), 'aes256-gcm'),
    });
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_DIGEST_MISMATCH');
  });
  it('substitution under a Response-only signature: the EncryptedAttribute re-encrypted after signing → SIGNATURE_DIGEST_MISMATCH', async () => {
    const xml = encryptedResponse('aes256-cbc', {
      sign: 'response',
      afterSign: withPlaintext(plainAttribute('User.IsActive', 'true'), 'aes256-cbc'),
    });
    const o = await validate(xml);
    expect(codeOf(o)).toBe('SIGNATURE_DIGEST_MISMATCH');
    expect(checkNamed(o, 'attributes')).toBeUndefined();
  });
});

describe('EncryptedAttribute: signed by the IdP, but not one saml:Attribute inside', () => {
  const hostile: Record<string, string> = {
    'a NameID (element confusion)': `<saml:NameID ${SAML_NS}>admin@example.test</saml:NameID>`,
    'two Attributes (smuggling a second attribute)':
      plainAttribute('User.IsActive', 'true') + plainAttribute('User.ProfileId', 'System Administrator'),
    'a nested EncryptedAttribute (no recursive decryption)': encryptedElementXml(
      'saml:EncryptedAttribute',
      plainAttribute('User.IsActive', 'true'),
      forSp,
    ),
    'an Attribute in another namespace': '<Attribute xmlns="urn:example:other" Name="User.IsActive"/>',
    'a DOCTYPE (XXE through the plaintext)': `<!DOCTYPE a [<!ENTITY x "true">]>${plainAttribute('User.IsActive', '&x;')}`,
    'not XML': 'User.IsActive=true',
  };
  for (const dataAlgorithm of ['aes256-gcm', 'aes128-cbc'] as const) {
    for (const [what, plaintext] of Object.entries(hostile)) {
      it(`${what} (${dataAlgorithm}) → DECRYPTION_FAILED`, async () => {
        const xml = encryptedResponse(dataAlgorithm, { beforeSign: withPlaintext(plaintext, dataAlgorithm) });
        expect(codeOf(await validate(xml))).toBe('DECRYPTION_FAILED');
      });
    }
    it(`inside an EncryptedAssertion, a NameID or two Attributes (${dataAlgorithm}) → DECRYPTION_FAILED`, async () => {
      for (const plaintext of [
        hostile['a NameID (element confusion)'],
        hostile['two Attributes (smuggling a second attribute)'],
      ]) {
        const xml = encryptedResponse(dataAlgorithm, {
          beforeSign: withPlaintext(plaintext ?? '', dataAlgorithm),
          encryptFor: { ...forSp, dataAlgorithm },
        });
        expect(codeOf(await validate(xml))).toBe('DECRYPTION_FAILED');
      }
    });
  }
  it('a ciphertext the IdP signed but that does not decrypt (tampered before signing) → DECRYPTION_FAILED', async () => {
    for (const dataAlgorithm of ['aes256-gcm', 'aes256-cbc'] as const) {
      const xml = encryptedResponse(dataAlgorithm, { beforeSign: (doc) => flipCipherValue(doc, 1) });
      expect(codeOf(await validate(xml))).toBe('DECRYPTION_FAILED');
    }
  });
  it('every failure looks the same: wrong key, bad ciphertext, NameID, two Attributes (code and message)', async () => {
    const seen = new Set([
      outcome(await validate(encryptedResponse('aes256-cbc'), { decryptionKeys: [attackerKey.right] })),
      outcome(
        await validate(encryptedResponse('aes256-cbc', { beforeSign: (doc) => flipCipherValue(doc, 1) })),
      ),
      outcome(
        await validate(encryptedResponse('aes256-cbc', { beforeSign: (doc) => flipCipherValue(doc, 0) })),
      ),
      ...(await Promise.all(
        Object.values(hostile).map(async (p) =>
          outcome(
            await validate(encryptedResponse('aes256-cbc', { beforeSign: withPlaintext(p, 'aes256-cbc') })),
          ),
        ),
      )),
    ]);
    expect([...seen]).toEqual(['DECRYPTION_FAILED|The encrypted content could not be decrypted.']);
  });
  it('a decrypted Attribute without a Name → ASSERTION_STRUCTURE_INVALID, as for a plain one', async () => {
    const nameless = `<saml:Attribute ${SAML_NS}><saml:AttributeValue>x</saml:AttributeValue></saml:Attribute>`;
    const xml = encryptedResponse('aes256-gcm', { beforeSign: withPlaintext(nameless, 'aes256-gcm') });
    expect(codeOf(await validate(xml))).toBe('ASSERTION_STRUCTURE_INVALID');
  });
});
