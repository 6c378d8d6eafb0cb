/**
 * What a correct SP must accept, and what it hands on: every signing mode, base64/XML/bytes
 * input, key rollover, ECDSA, the facts of the VerifiedAssertion, and the explainable report.
 */
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { formatReport, parseCertificate } from '../src/index.js';
import { resign, SIG_URI, setAlgorithm } from './support/resign.js';
import { accepted, codeOf, idp, idpCert, NOW, nextCert, nextIdp, SP, validate } from './support/world.js';

const ecCertPem = readFileSync(new URL('./fixtures/keys/idp-ec.cert.pem', import.meta.url), 'utf8');
const ecKeyPem = readFileSync(new URL('./fixtures/keys/idp-ec.key.pem', import.meta.url), 'utf8');

describe('accepted responses', () => {
  for (const sign of ['assertion', 'response', 'both'] as const) {
    it(`accepts a ${sign}-signed response and reports what was signed`, async () => {
      const xml = idp.response({ now: NOW, sign, nameId: 'alice@example.test', assertionId: '_a1' });
      const ok = accepted(await validate(xml));
      expect(ok.assertion.nameId?.value).toBe('alice@example.test');
      expect(ok.report.signedElements).toEqual(
        sign === 'both' ? ['Response', 'Assertion'] : [sign === 'assertion' ? 'Assertion' : 'Response'],
      );
      for (const s of ok.report.signatures)
        expect(s.matchedCertificate?.sha256Fingerprint).toBe(idpCert.sha256Fingerprint);
    });
  }

  it('accepts base64, raw XML and bytes alike', async () => {
    const xml = idp.response({ now: NOW });
    expect(codeOf(await validate(xml))).toBe('ACCEPTED');
    expect(codeOf(await validate(Buffer.from(xml).toString('base64')))).toBe('ACCEPTED');
    expect(codeOf(await validate(new TextEncoder().encode(xml)))).toBe('ACCEPTED');
    expect(codeOf(await validate(Buffer.from(xml).toString('base64').replace(/.{76}/g, '$&\r\n')))).toBe(
      'ACCEPTED',
    );
  });

  it('accepts pretty-printed responses signed after printing', async () => {
    expect(codeOf(await validate(idp.response({ now: NOW, sign: 'both', pretty: true })))).toBe('ACCEPTED');
  });

  it('key rollover: either of two trusted certificates verifies, and the report names the one that matched', async () => {
    const xml = nextIdp.response({ now: NOW });
    const ok = accepted(await validate(xml, { idpCertificates: [idpCert, nextCert] }));
    expect(ok.report.signatures[0]?.matchedCertificate?.sha1Fingerprint).toBe(nextCert.sha1Fingerprint);
  });

  it('accepts ECDSA-SHA256 signatures from a trusted EC certificate', async () => {
    const ec = parseCertificate(ecCertPem);
    if (E.isLeft(ec)) throw new Error('ec cert');
    const xml = resign(
      idp.response({ now: NOW }),
      (si) => setAlgorithm(si, 'SignatureMethod', SIG_URI.ecdsaSha256),
      {
        privateKeyPem: ecKeyPem,
      },
    );
    expect(codeOf(await validate(xml, { idpCertificates: [ec.right] }))).toBe('ACCEPTED');
    // The same signature does not verify with the RSA certificate (key type mismatch).
    expect(codeOf(await validate(xml))).toBe('SIGNATURE_INVALID');
  });

  it('hands on the facts of the verified assertion', async () => {
    const xml = idp.response({
      now: NOW,
      nameId: 'Alice@Example.Test',
      attributes: Object.fromEntries([
        ['User.Email', ['alice@example.test']],
        ['groups', ['a', 'b']],
        ['__proto__', ['x']],
      ]),
      sessionIndex: '_s1',
      assertionId: '_a1',
    });
    const a = accepted(await validate(xml)).assertion;
    expect(a.issuer).toBe(idp.entityId);
    expect(a.assertionId).toBe('_a1');
    expect(a.nameId).toEqual({
      value: 'Alice@Example.Test',
      format: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      nameQualifier: null,
      spNameQualifier: null,
    });
    expect(a.authn.sessionIndex).toBe('_s1');
    expect(a.conditions.audiences).toEqual([SP.entityId]);
    expect(a.attributes.get('groups')).toEqual(['a', 'b']);
    expect(a.attributes.get('__proto__')).toEqual(['x']);
    expect(a.inResponseTo).toBeNull();
    expect(a.encrypted).toBe(false);
    expect(a.assertionXml).toContain('_a1');
    expect(Buffer.from(a.responseBase64, 'base64').toString('utf8')).toBe(xml);
  });
});

describe('the validation report', () => {
  it('lists every check with its inputs and verdict, and the signature with the matched key', async () => {
    const ok = accepted(await validate(idp.response({ now: NOW, sign: 'both' })));
    const names = ok.report.checks.map((c) => c.name);
    for (const n of [
      'parse',
      'status',
      'signature.response',
      'signature.assertion',
      'issuer.assertion',
      'audience',
      'conditions.time',
      'subjectConfirmation',
      'replay',
    ]) {
      expect(names).toContain(n);
    }
    expect(ok.report.checks.every((c) => c.verdict !== 'fail')).toBe(true);
    expect(ok.report.outcome).toBe('accepted');
    expect(formatReport(ok.report)).toContain(idpCert.sha256Fingerprint);
  });
  it('a rejection names the failing check and its code; messages hold no XML', async () => {
    const o = await validate(idp.response({ now: NOW, audience: 'https://other.example.test' }));
    if (E.isRight(o)) throw new Error('accepted');
    expect(o.left.report.code).toBe('AUDIENCE_MISMATCH');
    const failed = o.left.report.checks.find((c) => c.verdict === 'fail');
    expect(failed?.name).toBe('audience');
    expect(failed?.inputs).toMatchObject({ expected: SP.entityId, actual: 'https://other.example.test' });
    expect(o.left.error.message).not.toMatch(/[<>]/);
    expect(o.left.error.reason).toBe('Audience Invalid');
  });
});
