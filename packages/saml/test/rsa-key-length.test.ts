/**
 * The shortest RSA key trusted (`minRsaKeyBits`, default 2048, never below 1024). A 1024-bit RSA
 * key is below NIST SP 800-131A's floor for signatures: an IdP still signing with one is refused
 * unless its connection lowers the minimum, and a key shorter than 1024 bits is never trusted.
 */
import { createTestIdp, generateKeyPair } from '@saml-jit/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parseCertificate, rsaKeyBitsOf, type TrustedCertificate } from '../src/index.js';
import { accepted, codeOf, IDP_ENTITY_ID, idp, idpCert, NOW, validate } from './support/world.js';

const idpWithKey = (bits: number) => {
  const keys = generateKeyPair({ modulusLength: bits, commonName: `idp-${bits}` });
  const cert = parseCertificate(keys.certificatePem);
  if (E.isLeft(cert)) throw new Error(cert.left.message);
  return { idp: createTestIdp({ entityId: IDP_ENTITY_ID, keyPair: keys }), cert: cert.right };
};
const short = idpWithKey(1024);
const tiny = idpWithKey(768);
const signedBy = (signer: typeof idp) => signer.response({ now: NOW, sign: 'assertion' });
const trusting = (certs: TrustedCertificate[], minRsaKeyBits?: number) => ({
  idpCertificates: certs,
  ...(minRsaKeyBits === undefined ? {} : { minRsaKeyBits }),
});

describe('minRsaKeyBits', () => {
  it('reads the key length of each certificate', () => {
    expect(rsaKeyBitsOf(short.cert)).toBe(1024);
    expect(rsaKeyBitsOf(idpCert)).toBe(2048);
  });
  it('weak key: an IdP whose only certificate has a 1024-bit RSA key is refused by default → NO_TRUSTED_CERTIFICATE', async () => {
    const r = await validate(signedBy(short.idp), trusting([short.cert]));
    expect(codeOf(r)).toBe('NO_TRUSTED_CERTIFICATE');
    expect(E.isLeft(r) && r.left.error.details).toMatchObject({
      minRsaKeyBits: 2048,
      shortestRsaKeyBits: 1024,
    });
  });
  it('is accepted when the connection lowers the minimum to 1024', async () => {
    accepted(await validate(signedBy(short.idp), trusting([short.cert], 1024)));
  });
  it('weak key: a minimum configured below 1024 still trusts no 768-bit key → NO_TRUSTED_CERTIFICATE', async () => {
    expect(codeOf(await validate(signedBy(tiny.idp), trusting([tiny.cert], 512)))).toBe(
      'NO_TRUSTED_CERTIFICATE',
    );
  });
  it('a minimum that is not a number trusts no RSA key (fail closed)', async () => {
    expect(codeOf(await validate(signedBy(idp), trusting([idpCert], Number.NaN)))).toBe(
      'NO_TRUSTED_CERTIFICATE',
    );
  });
  it('during a rollover the 2048-bit certificate is used and the 1024-bit one is not', async () => {
    accepted(await validate(signedBy(idp), trusting([short.cert, idpCert])));
    const r = await validate(signedBy(short.idp), trusting([short.cert, idpCert]));
    expect(['SIGNATURE_INVALID', 'SIGNATURE_UNTRUSTED_KEY']).toContain(codeOf(r));
    // The report says why the configured 1024-bit certificate was not tried.
    const checks = E.isLeft(r) ? r.left.report.checks : [];
    expect(checks.find((c) => c.name === 'configuration')).toMatchObject({
      verdict: 'pass',
      inputs: { minRsaKeyBits: 2048, ignoredShortRsaKeys: 1 },
    });
  });
});
