/**
 * Verifies one enveloped `ds:Signature` over its parent element, the only shape SAML uses.
 *
 * The Signature must have exactly one SignedInfo with exactly one Reference, whose URI is `#` +
 * the ID of the Signature's own parent; the transforms are exactly enveloped-signature followed
 * by exclusive c14n; every algorithm is on the allow-list. The digest is computed over the parent
 * as parsed (the Signature skipped, nothing cloned or re-serialised), the SignedInfo is
 * canonicalised and verified with node:crypto against each trusted key in turn. KeyInfo is never
 * used to verify: it only helps explain an untrusted-key failure.
 */
import { createHash, timingSafeEqual, verify } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import * as E from 'fp-ts/lib/Either.js';
import { fault } from '../validate/fault.js';
import { excC14n } from '../xml/c14n.js';
import type { SignatureAlgorithm } from './algorithms.js';
import type { TrustedCertificate } from './certificate.js';
import { parseSignature, type SignatureFault } from './signature-syntax.js';

export type { SignatureFault } from './signature-syntax.js';

export interface VerifiedSignature {
  /** The ID the Reference covers (the parent's ID). */
  readonly referenceId: string;
  readonly signatureAlgorithm: string;
  readonly digestAlgorithm: string;
  readonly canonicalization: string;
  /** The trusted certificate whose key verified the SignedInfo. */
  readonly certificate: TrustedCertificate;
}

export interface VerifyOptions {
  readonly certificates: readonly TrustedCertificate[];
  readonly allowSha1: boolean;
}

const verifyWith = (
  cert: TrustedCertificate,
  method: SignatureAlgorithm,
  data: Buffer,
  signature: Buffer,
): boolean => {
  if (cert.key.asymmetricKeyType !== method.keyType) return false;
  try {
    return method.keyType === 'ec'
      ? verify(method.hash, data, { key: cert.key, dsaEncoding: 'ieee-p1363' }, signature)
      : verify(method.hash, data, cert.key, signature);
  } catch {
    return false;
  }
};

/**
 * Verifies `sig`, an enveloped Signature whose parent is `parent`.
 * @example
 * verifyEnvelopedSignature(signature, assertion, { certificates, allowSha1: false })
 */
export const verifyEnvelopedSignature = (
  sig: Element,
  parent: Element,
  opts: VerifyOptions,
): E.Either<SignatureFault, VerifiedSignature> => {
  const parsed = parseSignature(sig, parent, opts.allowSha1);
  if (E.isLeft(parsed)) return parsed;
  const p = parsed.right;
  let canonical: string;
  let signedInfo: string;
  try {
    canonical = excC14n(parent, {
      withComments: p.refC14n.withComments,
      inclusivePrefixes: p.refC14n.prefixes,
      exclude: sig,
    });
    signedInfo = excC14n(p.signedInfo, {
      withComments: p.c14n.withComments,
      inclusivePrefixes: p.c14n.prefixes,
      exclude: null,
    });
  } catch {
    return fault('SIGNATURE_STRUCTURE_INVALID', 'The signed content could not be canonicalized.');
  }
  const actual = createHash(p.digest.hash).update(canonical, 'utf8').digest();
  if (actual.length !== p.digestValue.length || !timingSafeEqual(actual, p.digestValue)) {
    return fault('SIGNATURE_DIGEST_MISMATCH', 'The signed content was altered: its digest does not match.', {
      referenceId: p.referenceId,
    });
  }
  const data = Buffer.from(signedInfo, 'utf8');
  for (const cert of opts.certificates) {
    if (verifyWith(cert, p.method, data, p.signatureValue)) {
      return E.right({
        referenceId: p.referenceId,
        signatureAlgorithm: p.method.uri,
        digestAlgorithm: p.digest.uri,
        canonicalization: p.c14n.uri,
        certificate: cert,
      });
    }
  }
  // Explain, never trust: a KeyInfo certificate that is none of ours means another key signed.
  const trusted = new Set(opts.certificates.map((c) => c.sha256Fingerprint));
  const foreign = p.keyInfoCertificates().find((der) => !trusted.has(fingerprint256(der)));
  if (foreign !== undefined) {
    return fault(
      'SIGNATURE_UNTRUSTED_KEY',
      'The signature was made with a key that is not trusted for this IdP.',
      {
        keyInfoSha256: fingerprint256(foreign),
      },
    );
  }
  return fault('SIGNATURE_INVALID', 'The signature does not verify with any trusted certificate.', {
    trustedCertificates: opts.certificates.length,
  });
};

const fingerprint256 = (der: Buffer): string =>
  createHash('sha256')
    .update(der)
    .digest('hex')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');
