/**
 * Trust anchors: certificates (PEM, DER, bare base64, bundles), private keys and IdP metadata,
 * parsed once, refusing what is malformed, with the config codes of docs/errors.md.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parseCertificate, parseCertificates, parseIdpMetadata, parsePrivateKey } from '../src/index.js';
import { idp, idpCert, keyPair, nextIdp } from './support/world.js';

const code = (e: E.Either<{ code: string }, unknown>): string => (E.isLeft(e) ? e.left.code : 'OK');
const bare = (pem: string): string => pem.replace(/-----[^-]+-----|\s/g, '');

describe('parseCertificate', () => {
  it('reads PEM, DER bytes and the bare base64 of X509Certificate to the same fingerprints', () => {
    const der = Buffer.from(bare(idp.certificatePem), 'base64');
    for (const input of [
      idp.certificatePem,
      der,
      bare(idp.certificatePem),
      new Uint8Array(der),
      Buffer.from(idp.certificatePem),
    ]) {
      const c = parseCertificate(input);
      if (E.isLeft(c)) throw new Error(c.left.message);
      expect(c.right.sha256Fingerprint).toBe(idpCert.sha256Fingerprint);
      expect(c.right.sha1Fingerprint).toMatch(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/);
      expect(c.right.key.asymmetricKeyType).toBe('rsa');
      expect(c.right.notAfter.getTime()).toBeGreaterThan(c.right.notBefore.getTime());
    }
  });
  it('reads every certificate of a rollover bundle', () => {
    const both = parseCertificates(`${idp.certificatePem}\n${nextIdp.certificatePem}`);
    expect(E.isRight(both) && both.right.length).toBe(2);
  });
  it('refuses garbage, a private key and an empty string → CERTIFICATE_INVALID', () => {
    expect(code(parseCertificate('hello'))).toBe('CERTIFICATE_INVALID');
    expect(code(parseCertificate(idp.privateKeyPem))).toBe('CERTIFICATE_INVALID');
    expect(code(parseCertificate(''))).toBe('CERTIFICATE_INVALID');
    expect(code(parseCertificate(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01])))).toBe('CERTIFICATE_INVALID');
  });
});

describe('parsePrivateKey', () => {
  it('reads an RSA PEM key', () => {
    expect(code(parsePrivateKey(keyPair('sp').privateKeyPem))).toBe('OK');
  });
  it('refuses a certificate, garbage and an EC key → PRIVATE_KEY_INVALID', () => {
    expect(code(parsePrivateKey(idp.certificatePem))).toBe('PRIVATE_KEY_INVALID');
    expect(code(parsePrivateKey('nope'))).toBe('PRIVATE_KEY_INVALID');
    expect(code(parsePrivateKey(keyPair('idp-ec').privateKeyPem))).toBe('PRIVATE_KEY_INVALID');
  });
});

describe('parseIdpMetadata', () => {
  it('reads entityID, signing certificates and SSO services', () => {
    const md = parseIdpMetadata(idp.metadata());
    if (E.isLeft(md)) throw new Error(md.left.message);
    expect(md.right.entityId).toBe(idp.entityId);
    expect(md.right.signingCertificates.map((c) => c.sha256Fingerprint)).toEqual([idpCert.sha256Fingerprint]);
    expect(md.right.ssoServices.length).toBeGreaterThan(0);
  });
  it('reads several signing certificates (rollover) from several KeyDescriptors', () => {
    const second = bare(nextIdp.certificatePem);
    const xml = idp
      .metadata()
      .replace(
        /(<md:KeyDescriptor[\s\S]*?<\/md:KeyDescriptor>)/,
        `$1<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${second}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`,
      );
    const md = parseIdpMetadata(xml);
    expect(E.isRight(md) && md.right.signingCertificates.length).toBe(2);
  });
  it('refuses metadata with a DOCTYPE → METADATA_INVALID', () => {
    expect(
      code(
        parseIdpMetadata(
          `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${idp.metadata().replace(/^<\?xml[^>]*>/, '')}`,
        ),
      ),
    ).toBe('METADATA_INVALID');
  });
  it('refuses malformed metadata and non-metadata → METADATA_INVALID', () => {
    expect(code(parseIdpMetadata('<md:EntityDescriptor'))).toBe('METADATA_INVALID');
    expect(code(parseIdpMetadata('<root/>'))).toBe('METADATA_INVALID');
  });
  it('picks one IdP from an aggregate by entityId, refuses to guess', () => {
    const one = idp.metadata().replace(/^<\?xml[^>]*>/, '');
    const other = one.replace(/entityID="[^"]*"/, 'entityID="https://other.example.test"');
    const agg = `<md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata">${one}${other}</md:EntitiesDescriptor>`;
    expect(code(parseIdpMetadata(agg))).toBe('METADATA_INVALID');
    const picked = parseIdpMetadata(agg, { entityId: 'https://other.example.test' });
    expect(E.isRight(picked) && picked.right.entityId).toBe('https://other.example.test');
  });
});
