/**
 * The algorithm allow-lists. Anything not listed here is refused, so a new or exotic URI fails
 * closed. SHA-1 entries are marked and only used when the connection opts in (`allowSha1`).
 * HMAC is deliberately absent: with a public certificate as the "secret", anyone could sign.
 */

export interface SignatureAlgorithm {
  readonly uri: string;
  readonly name: string;
  /** node:crypto digest name for `crypto.verify`. */
  readonly hash: 'sha1' | 'sha256' | 'sha384' | 'sha512';
  /** Which key type may verify it. */
  readonly keyType: 'rsa' | 'ec';
  readonly sha1: boolean;
}

const sig = (uri: string, name: string, hash: SignatureAlgorithm['hash'], keyType: 'rsa' | 'ec') => ({
  uri,
  name,
  hash,
  keyType,
  sha1: hash === 'sha1',
});

export const SIGNATURE_ALGORITHMS: ReadonlyMap<string, SignatureAlgorithm> = new Map(
  [
    sig('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', 'rsa-sha256', 'sha256', 'rsa'),
    sig('http://www.w3.org/2001/04/xmldsig-more#rsa-sha384', 'rsa-sha384', 'sha384', 'rsa'),
    sig('http://www.w3.org/2001/04/xmldsig-more#rsa-sha512', 'rsa-sha512', 'sha512', 'rsa'),
    sig('http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256', 'ecdsa-sha256', 'sha256', 'ec'),
    sig('http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384', 'ecdsa-sha384', 'sha384', 'ec'),
    sig('http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512', 'ecdsa-sha512', 'sha512', 'ec'),
    sig('http://www.w3.org/2000/09/xmldsig#rsa-sha1', 'rsa-sha1', 'sha1', 'rsa'),
  ].map((a) => [a.uri, a]),
);

export interface DigestAlgorithm {
  readonly uri: string;
  readonly name: string;
  readonly hash: 'sha1' | 'sha256' | 'sha384' | 'sha512';
  readonly sha1: boolean;
}

const dig = (uri: string, hash: DigestAlgorithm['hash']): DigestAlgorithm => ({
  uri,
  name: hash,
  hash,
  sha1: hash === 'sha1',
});

export const DIGEST_ALGORITHMS: ReadonlyMap<string, DigestAlgorithm> = new Map(
  [
    dig('http://www.w3.org/2001/04/xmlenc#sha256', 'sha256'),
    dig('http://www.w3.org/2001/04/xmldsig-more#sha384', 'sha384'),
    dig('http://www.w3.org/2001/04/xmlenc#sha512', 'sha512'),
    dig('http://www.w3.org/2000/09/xmldsig#sha1', 'sha1'),
  ].map((a) => [a.uri, a]),
);

export const C14N_EXCLUSIVE = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const C14N_EXCLUSIVE_WITH_COMMENTS = 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments';
export const TRANSFORM_ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** Canonicalization → whether comments are kept. Only exclusive c14n 1.0 is implemented. */
export const CANONICALIZATIONS: ReadonlyMap<string, { readonly withComments: boolean }> = new Map([
  [C14N_EXCLUSIVE, { withComments: false }],
  [C14N_EXCLUSIVE_WITH_COMMENTS, { withComments: true }],
]);

/** Key transport (EncryptedKey) algorithms. RSA 1.5 is refused (Bleichenbacher; Node refuses it too). */
export const KEY_TRANSPORT_OAEP_MGF1P = 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p';
export const KEY_TRANSPORT_OAEP_11 = 'http://www.w3.org/2009/xmlenc11#rsa-oaep';
export const KEY_TRANSPORT_RSA_1_5 = 'http://www.w3.org/2001/04/xmlenc#rsa-1_5';

/** MGF1 digests of xmlenc 1.1 `rsa-oaep` (`xenc11:MGF/@Algorithm`). */
export const MGF1_HASHES: ReadonlyMap<string, 'sha1' | 'sha256' | 'sha384' | 'sha512'> = new Map([
  ['http://www.w3.org/2009/xmlenc11#mgf1sha1', 'sha1'],
  ['http://www.w3.org/2009/xmlenc11#mgf1sha256', 'sha256'],
  ['http://www.w3.org/2009/xmlenc11#mgf1sha384', 'sha384'],
  ['http://www.w3.org/2009/xmlenc11#mgf1sha512', 'sha512'],
]);

export interface ContentAlgorithm {
  readonly uri: string;
  readonly cipher: string;
  readonly keyBytes: number;
  readonly mode: 'cbc' | 'gcm';
}

const content = (uri: string, bits: number, mode: 'cbc' | 'gcm'): ContentAlgorithm => ({
  uri,
  cipher: `aes-${bits}-${mode}`,
  keyBytes: bits / 8,
  mode,
});

export const CONTENT_ALGORITHMS: ReadonlyMap<string, ContentAlgorithm> = new Map(
  [
    content('http://www.w3.org/2009/xmlenc11#aes128-gcm', 128, 'gcm'),
    content('http://www.w3.org/2009/xmlenc11#aes192-gcm', 192, 'gcm'),
    content('http://www.w3.org/2009/xmlenc11#aes256-gcm', 256, 'gcm'),
    content('http://www.w3.org/2001/04/xmlenc#aes128-cbc', 128, 'cbc'),
    content('http://www.w3.org/2001/04/xmlenc#aes192-cbc', 192, 'cbc'),
    content('http://www.w3.org/2001/04/xmlenc#aes256-cbc', 256, 'cbc'),
  ].map((a) => [a.uri, a]),
);
