/**
 * Binds signatures to the elements the validator consumes. Every `ds:Signature` in a document
 * must be a direct child of the Response or of the one Assertion, at most one each; a Signature
 * anywhere else (inside Extensions, Advice, StatusDetail, KeyInfo, a donor metadata document…)
 * is a wrapping attempt. Each accepted Signature is verified over its own parent, and the report
 * records which element it covered and which trusted key matched.
 */
import type { Element } from '@xmldom/xmldom';
import * as E from 'fp-ts/lib/Either.js';
import type { TrustedCertificate } from '../crypto/certificate.js';
import { type VerifiedSignature, verifyEnvelopedSignature } from '../crypto/verify-signature.js';
import { attr } from '../xml/dom.js';
import { type Fault, fault } from './fault.js';
import type { ReportBuilder } from './report.js';

export interface PlacedSignatures {
  readonly response: Element | null;
  readonly assertion: Element | null;
}

/** Sorts the document's signatures by parent; refuses any other placement. */
export const placeSignatures = (
  signatures: readonly Element[],
  response: Element | null,
  assertion: Element | null,
): E.Either<Fault, PlacedSignatures> => {
  let onResponse: Element | null = null;
  let onAssertion: Element | null = null;
  for (const sig of signatures) {
    const parent = sig.parentNode;
    if (parent !== null && parent === response) {
      if (onResponse !== null)
        return fault('SIGNATURE_STRUCTURE_INVALID', 'The Response carries more than one Signature.');
      onResponse = sig;
    } else if (parent !== null && parent === assertion) {
      if (onAssertion !== null)
        return fault('SIGNATURE_STRUCTURE_INVALID', 'The Assertion carries more than one Signature.');
      onAssertion = sig;
    } else {
      return fault(
        'SIGNATURE_WRAPPING',
        'A Signature sits outside the Response and the Assertion it must cover.',
        {
          parent: parent === null ? null : ((parent as Element).localName ?? null),
        },
      );
    }
  }
  return E.right({ response: onResponse, assertion: onAssertion });
};

export interface SignatureContext {
  readonly certificates: readonly TrustedCertificate[];
  readonly allowSha1: boolean;
  readonly enforceCertificateValidity: boolean;
  readonly now: Date;
}

/** Verifies one placed signature and records it in the report. */
export const checkSignature = (
  sig: Element,
  parent: Element,
  element: 'Response' | 'Assertion',
  insideEncryptedAssertion: boolean,
  ctx: SignatureContext,
  report: ReportBuilder,
): E.Either<Fault, VerifiedSignature> => {
  const name = `signature.${element.toLowerCase()}`;
  const result = verifyEnvelopedSignature(sig, parent, {
    certificates: ctx.certificates,
    allowSha1: ctx.allowSha1,
  });
  const elementId = attr(parent, 'ID');
  if (E.isLeft(result)) {
    report.signatures.push({
      element,
      elementId,
      insideEncryptedAssertion,
      verified: false,
      signatureAlgorithm: null,
      digestAlgorithm: null,
      canonicalization: null,
      matchedCertificate: null,
      code: result.left.code,
    });
    report.fail(name, result.left.code, { elementId, ...result.left.details });
    return result;
  }
  const v = result.right;
  const cert = v.certificate;
  report.signatures.push({
    element,
    elementId,
    insideEncryptedAssertion,
    verified: true,
    signatureAlgorithm: v.signatureAlgorithm,
    digestAlgorithm: v.digestAlgorithm,
    canonicalization: v.canonicalization,
    matchedCertificate: { sha1Fingerprint: cert.sha1Fingerprint, sha256Fingerprint: cert.sha256Fingerprint },
  });
  const inputs = {
    elementId,
    signatureAlgorithm: v.signatureAlgorithm,
    digestAlgorithm: v.digestAlgorithm,
    certificateSha256: cert.sha256Fingerprint,
  };
  if (ctx.enforceCertificateValidity) {
    const t = ctx.now.getTime();
    if (t < cert.notBefore.getTime() || t > cert.notAfter.getTime()) {
      const details = {
        ...inputs,
        notBefore: cert.notBefore.toISOString(),
        notAfter: cert.notAfter.toISOString(),
      };
      report.fail(name, 'CERTIFICATE_NOT_VALID_AT_CLOCK', details);
      return fault(
        'CERTIFICATE_NOT_VALID_AT_CLOCK',
        'The signing certificate is not valid at this time.',
        details,
      );
    }
  }
  report.pass(name, inputs);
  return E.right(v);
};
