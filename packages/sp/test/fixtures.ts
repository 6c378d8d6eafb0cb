/** Test keys and certificates of `fixtures/` (see its README). */
import { readFileSync } from 'node:fs';

const read = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

export const SIGNING_KEY = read('sp-signing.key.pem');
export const SIGNING_CERT = read('sp-signing.cert.pem');
export const ENCRYPTION_KEY = read('sp-encryption.key.pem');
export const ENCRYPTION_CERT = read('sp-encryption.cert.pem');
export const EC_KEY = read('ec.key.pem');

/** The base64 DER body of a PEM certificate. */
export const derOf = (pem: string): string =>
  pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
export const RSA1024_CERT = read('idp-rsa1024.cert.pem');
