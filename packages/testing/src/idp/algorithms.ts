/**
 * The XML Signature and XML Encryption algorithm identifiers the test IdP can produce.
 *
 * Kept in one table so tests can refer to the same URIs the IdP writes.
 */

/** Signature algorithms; each has a matching digest by default. */
export type SignatureAlgorithmName = 'rsa-sha1' | 'rsa-sha256' | 'rsa-sha512';
/** Digest algorithms for the signature's Reference. */
export type DigestAlgorithmName = 'sha1' | 'sha256' | 'sha512';
/** Content encryption algorithms for `EncryptedData`. */
export type DataEncryptionAlgorithmName = 'aes256-gcm' | 'aes128-gcm' | 'aes256-cbc' | 'aes128-cbc';
/** Key transport algorithms for `EncryptedKey`. `rsa-1_5` exists so tests can check it is refused. */
export type KeyTransportAlgorithmName = 'rsa-oaep-mgf1p' | 'rsa-1_5';

export const SIGNATURE_ALGORITHMS: Readonly<
  Record<SignatureAlgorithmName, { readonly uri: string; readonly digest: DigestAlgorithmName }>
> = {
  'rsa-sha1': { uri: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', digest: 'sha1' },
  'rsa-sha256': { uri: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', digest: 'sha256' },
  'rsa-sha512': { uri: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512', digest: 'sha512' },
};

export const DIGEST_ALGORITHMS: Readonly<Record<DigestAlgorithmName, string>> = {
  sha1: 'http://www.w3.org/2000/09/xmldsig#sha1',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha512: 'http://www.w3.org/2001/04/xmlenc#sha512',
};

export const DATA_ENCRYPTION_ALGORITHMS: Readonly<
  Record<
    DataEncryptionAlgorithmName,
    {
      readonly uri: string;
      readonly cipher: 'aes-128-cbc' | 'aes-256-cbc' | 'aes-128-gcm' | 'aes-256-gcm';
      readonly keyBytes: number;
      readonly ivBytes: number;
    }
  >
> = {
  'aes128-cbc': {
    uri: 'http://www.w3.org/2001/04/xmlenc#aes128-cbc',
    cipher: 'aes-128-cbc',
    keyBytes: 16,
    ivBytes: 16,
  },
  'aes256-cbc': {
    uri: 'http://www.w3.org/2001/04/xmlenc#aes256-cbc',
    cipher: 'aes-256-cbc',
    keyBytes: 32,
    ivBytes: 16,
  },
  // XML Encryption 1.1 §5.2.4: a 96-bit IV and a 128-bit tag, written IV || ciphertext || tag.
  'aes128-gcm': {
    uri: 'http://www.w3.org/2009/xmlenc11#aes128-gcm',
    cipher: 'aes-128-gcm',
    keyBytes: 16,
    ivBytes: 12,
  },
  'aes256-gcm': {
    uri: 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
    cipher: 'aes-256-gcm',
    keyBytes: 32,
    ivBytes: 12,
  },
};

export const KEY_TRANSPORT_ALGORITHMS: Readonly<Record<KeyTransportAlgorithmName, string>> = {
  'rsa-oaep-mgf1p': 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
  'rsa-1_5': 'http://www.w3.org/2001/04/xmlenc#rsa-1_5',
};

export const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const ENVELOPED_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

export const NS = {
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  xenc: 'http://www.w3.org/2001/04/xmlenc#',
  xs: 'http://www.w3.org/2001/XMLSchema',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
} as const;
