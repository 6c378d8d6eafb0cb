/**
 * Trust anchors: IdP certificates and SP decryption keys, parsed once into `KeyObject`s at
 * configuration time so validation never re-parses PEM (re-parsing costs several times the RSA
 * verification itself). Keys come only from here — never from a response's KeyInfo.
 */
import { createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { type ConfigFailure, configFailure } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';

/** A certificate trusted for an IdP's signatures. */
export interface TrustedCertificate {
  /** The certificate as PEM (normalised). */
  readonly pem: string;
  /** Its public key, parsed once and reused for every verification. */
  readonly key: KeyObject;
  /** `AB:CD:…`, upper-case hex. */
  readonly sha1Fingerprint: string;
  readonly sha256Fingerprint: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

const rsaBits = new WeakMap<KeyObject, number | null>();

/**
 * The RSA modulus length of a trusted certificate's key in bits, or null for an EC key. Read from
 * the key once and remembered, so the per-validation key-length policy costs a map lookup.
 * @example
 * rsaKeyBitsOf(cert) // 2048
 */
export const rsaKeyBitsOf = (cert: TrustedCertificate): number | null => {
  const known = rsaBits.get(cert.key);
  if (known !== undefined) return known;
  const bits =
    cert.key.asymmetricKeyType === 'rsa' ? (cert.key.asymmetricKeyDetails?.modulusLength ?? 0) : null;
  rsaBits.set(cert.key, bits);
  return bits;
};

/**
 * Whether the certificate's key is an RSA key shorter than `minBits` (an EC key never is). The one
 * rule behind `minRsaKeyBits`, in validation and at configuration: a `minBits` that is not a
 * number makes every RSA key short (fail closed).
 * @example
 * rsaKeyShorterThan(cert1024, 2048) // true
 */
export const rsaKeyShorterThan = (cert: TrustedCertificate, minBits: number): boolean => {
  const bits = rsaKeyBitsOf(cert);
  return bits !== null && !(bits >= minBits);
};

/** An SP private key for the key transport of `EncryptedAssertion`, `EncryptedID` and `EncryptedAttribute`. */
export interface DecryptionKey {
  readonly key: KeyObject;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const fromDer = (der: Buffer): E.Either<ConfigFailure, TrustedCertificate> => {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der);
  } catch {
    return E.left(configFailure('CERTIFICATE_INVALID', 'The certificate could not be parsed as X.509.'));
  }
  const key = x509.publicKey;
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec') {
    return E.left(
      configFailure('CERTIFICATE_INVALID', 'The certificate key type is not supported (RSA or EC only).', {
        keyType: key.asymmetricKeyType ?? null,
      }),
    );
  }
  const notBefore = new Date(x509.validFrom);
  const notAfter = new Date(x509.validTo);
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) {
    return E.left(configFailure('CERTIFICATE_INVALID', 'The certificate validity dates could not be read.'));
  }
  return E.right({
    pem: x509.toString(),
    key,
    sha1Fingerprint: x509.fingerprint.toUpperCase(),
    sha256Fingerprint: x509.fingerprint256.toUpperCase(),
    notBefore,
    notAfter,
  });
};

const base64Der = (text: string): Buffer | null => {
  const compact = text.replace(/\s+/g, '');
  return compact.length > 0 && compact.length % 4 === 0 && BASE64.test(compact)
    ? Buffer.from(compact, 'base64')
    : null;
};

const looksLikeText = (bytes: Uint8Array): boolean => bytes.length > 0 && bytes[0] !== 0x30;

/**
 * Parses every certificate in `input`: PEM (one or several blocks), DER bytes, or the bare base64
 * of an `X509Certificate` element.
 * @example
 * parseCertificates(readFileSync('idp-bundle.pem', 'utf8')) // Right([current, next])
 */
export const parseCertificates = (
  input: string | Uint8Array,
): E.Either<ConfigFailure, readonly TrustedCertificate[]> => {
  if (typeof input !== 'string') {
    if (!looksLikeText(input)) return E.map((c: TrustedCertificate) => [c])(fromDer(Buffer.from(input)));
    return parseCertificates(Buffer.from(input).toString('latin1'));
  }
  const blocks = [...input.matchAll(PEM_CERT)];
  if (blocks.length > 0) {
    const out: TrustedCertificate[] = [];
    for (const b of blocks) {
      const der = base64Der(b[1] ?? '');
      if (der === null)
        return E.left(configFailure('CERTIFICATE_INVALID', 'A PEM block is not valid base64.'));
      const c = fromDer(der);
      if (E.isLeft(c)) return c;
      out.push(c.right);
    }
    return E.right(out);
  }
  const der = base64Der(input);
  if (der === null) {
    return E.left(
      configFailure(
        'CERTIFICATE_INVALID',
        'Not a certificate: expected PEM, DER, or the base64 of X509Certificate.',
      ),
    );
  }
  return E.map((c: TrustedCertificate) => [c])(fromDer(der));
};

/**
 * Parses one certificate (the first, when PEM holds several).
 * @example
 * const cert = parseCertificate(readFileSync('idp.pem', 'utf8'))
 * if (E.isRight(cert)) cert.right.sha256Fingerprint // 'AB:CD:…'
 */
export const parseCertificate = (input: string | Uint8Array): E.Either<ConfigFailure, TrustedCertificate> =>
  E.flatMap(parseCertificates(input), (certs) => {
    const first = certs[0];
    return first === undefined
      ? E.left(configFailure('CERTIFICATE_INVALID', 'No certificate found.'))
      : E.right(first);
  });

/**
 * Parses the SP's PEM private key (PKCS#1 or PKCS#8, unencrypted) for decryption.
 * @example
 * parsePrivateKey(readFileSync('sp.key', 'utf8')) // Right({ key })
 */
export const parsePrivateKey = (pem: string): E.Either<ConfigFailure, DecryptionKey> => {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    return E.left(
      configFailure('PRIVATE_KEY_INVALID', 'The private key could not be parsed (PEM, unencrypted).'),
    );
  }
  if (key.asymmetricKeyType !== 'rsa') {
    return E.left(
      configFailure(
        'PRIVATE_KEY_INVALID',
        'The decryption key must be an RSA key (RSA-OAEP key transport).',
        {
          keyType: key.asymmetricKeyType ?? null,
        },
      ),
    );
  }
  return E.right({ key });
};
