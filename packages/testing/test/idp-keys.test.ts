// generateKeyPair: a usable RSA key and a well-formed self-signed certificate for it.
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestIdp, generateKeyPair } from '../src/idp/index.js';

describe('generateKeyPair', () => {
  const notBefore = new Date('2025-01-01T00:00:00Z');
  const notAfter = new Date('2035-01-01T00:00:00Z');
  const pair = generateKeyPair({ commonName: 'sp.example.test', notBefore, notAfter });
  const cert = new X509Certificate(pair.certificatePem);

  it('makes a self-signed RSA-2048 certificate whose key is the private key', () => {
    expect(cert.subject).toBe('CN=sp.example.test');
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(pair.privateKeyPem))).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(cert.publicKey.asymmetricKeyType).toBe('rsa');
  });

  it('uses the requested validity period', () => {
    expect(new Date(cert.validFrom).getTime()).toBe(notBefore.getTime());
    expect(new Date(cert.validTo).getTime()).toBe(notAfter.getTime());
  });

  it('defaults to a validity window that covers any pinned test clock (2000–2100)', () => {
    const wide = new X509Certificate(generateKeyPair().certificatePem);
    expect(new Date(wide.validFrom).toISOString()).toBe('2000-01-01T00:00:00.000Z');
    // After 2049 the certificate must use GeneralizedTime (RFC 5280 §4.1.2.5); Node reads it back.
    expect(new Date(wide.validTo).toISOString()).toBe('2100-01-01T00:00:00.000Z');
    expect(wide.verify(wide.publicKey)).toBe(true);
  });

  it('gives each pair its own key and serial number', () => {
    const other = new X509Certificate(generateKeyPair().certificatePem);
    expect(other.serialNumber).not.toBe(cert.serialNumber);
    expect(other.publicKey.equals(cert.publicKey)).toBe(false);
  });

  it('is accepted as an IdP key pair, and an unusable one is refused at creation', () => {
    const idp = createTestIdp({ entityId: 'urn:idp', keyPair: pair });
    expect(createPublicKey(idp.certificatePem).equals(cert.publicKey)).toBe(true);
    expect(() =>
      createTestIdp({ keyPair: { certificatePem: 'nope', privateKeyPem: pair.privateKeyPem } }),
    ).toThrow();
    expect(() =>
      createTestIdp({ keyPair: { certificatePem: pair.certificatePem, privateKeyPem: 'nope' } }),
    ).toThrow();
  });
});
