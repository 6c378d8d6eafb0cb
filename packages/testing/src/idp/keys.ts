/**
 * RSA key pairs with self-signed X.509 certificates, made at run time.
 *
 * Node can generate keys and sign bytes but cannot build a certificate, so the certificate's
 * ASN.1 structure comes from `@peculiar/asn1-x509` (the ASN.1 layer of `@peculiar/x509`) and is
 * signed with `node:crypto`. Both steps are synchronous, which keeps `createTestIdp` synchronous.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  Certificate,
  Name,
  RelativeDistinguishedName,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';

/** A PEM certificate and its PEM (PKCS#8) private key. */
export interface KeyPair {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

/** Options of {@link generateKeyPair}; every field has a default. */
export interface GenerateKeyPairOptions {
  /** Subject and issuer common name. Default `saml-jit test IdP`. */
  readonly commonName?: string;
  /** RSA modulus size in bits. Default 2048. */
  readonly modulusLength?: number;
  /** Start of validity. Default 2000-01-01T00:00:00Z. */
  readonly notBefore?: Date;
  /** End of validity. Default 2100-01-01T00:00:00Z. */
  readonly notAfter?: Date;
}

const OID_SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const OID_COMMON_NAME = '2.5.4.3';
const DEFAULT_NOT_BEFORE = new Date('2000-01-01T00:00:00Z');
const DEFAULT_NOT_AFTER = new Date('2100-01-01T00:00:00Z');

/**
 * Generates an RSA key and a self-signed certificate for it (SHA-256 with RSA).
 * Use it for an IdP's signing key or an SP's encryption key (`encryptFor`).
 *
 * @example
 * const sp = generateKeyPair({ commonName: 'sp.example.test' });
 * idp.response({ encryptFor: { certificatePem: sp.certificatePem } });
 */
export const generateKeyPair = (options: GenerateKeyPairOptions = {}): KeyPair => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: options.modulusLength ?? 2048,
  });
  // A wide default window: tests pin their clocks anywhere (past or future), and a validator that
  // checks certificate validity must not fail them by accident. Expired-certificate tests pass dates.
  const notBefore = options.notBefore ?? DEFAULT_NOT_BEFORE;
  const notAfter = options.notAfter ?? DEFAULT_NOT_AFTER;
  const name = commonName(options.commonName ?? 'saml-jit test IdP');
  // RSA algorithm identifiers carry an explicit NULL parameter (RFC 4055 §5).
  const algorithm = new AlgorithmIdentifier({ algorithm: OID_SHA256_WITH_RSA, parameters: null });
  const tbsCertificate = new TBSCertificate({
    version: Version.v3,
    serialNumber: positiveSerial(),
    signature: algorithm,
    issuer: name,
    validity: new Validity({ notBefore, notAfter }),
    subject: name,
    subjectPublicKeyInfo: AsnConvert.parse(
      publicKey.export({ format: 'der', type: 'spki' }),
      SubjectPublicKeyInfo,
    ),
  });
  const tbs = Buffer.from(AsnConvert.serialize(tbsCertificate));
  const certificate = new Certificate({
    tbsCertificate,
    signatureAlgorithm: algorithm,
    signatureValue: toArrayBuffer(sign('sha256', tbs, privateKey)),
  });
  const der = Buffer.from(AsnConvert.serialize(certificate));
  return {
    certificatePem: toPem('CERTIFICATE', der),
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
};

/** Checks that a private key PEM parses; used to fail early on a bad `keyPair`. */
export const assertPrivateKey = (pem: string): void => {
  createPrivateKey(pem);
};

const commonName = (cn: string): Name =>
  new Name([
    new RelativeDistinguishedName([
      new AttributeTypeAndValue({ type: OID_COMMON_NAME, value: new AttributeValue({ utf8String: cn }) }),
    ]),
  ]);

/** A 16-byte serial with the top bit clear, so the DER INTEGER is positive (RFC 5280 §4.1.2.2). */
const positiveSerial = (): ArrayBuffer => {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return toArrayBuffer(bytes);
};

const toArrayBuffer = (buf: Buffer): ArrayBuffer => {
  const out = new ArrayBuffer(buf.length);
  new Uint8Array(out).set(buf);
  return out;
};

const toPem = (label: string, der: Buffer): string => {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
};
