/**
 * Enveloped XML signatures over one element, made with xml-crypto's `SignedXml` the way IdPs
 * make them: exclusive c14n, the enveloped-signature transform, a Reference to `#ID`, the
 * Signature placed right after the element's Issuer (SAML core's schema order), and KeyInfo
 * carrying the certificate.
 *
 * Exported on its own so adversarial tests can re-sign any element, e.g. a wrapped copy.
 */
import { SignedXml } from 'xml-crypto';
import {
  DIGEST_ALGORITHMS,
  type DigestAlgorithmName,
  ENVELOPED_SIGNATURE,
  EXC_C14N,
  NS,
  SIGNATURE_ALGORITHMS,
  type SignatureAlgorithmName,
} from './algorithms.js';
import { childElements, findAllById, parseXml } from './dom.js';

export interface SignXmlOptions {
  /** The `ID` attribute value of the element to sign (without `#`). */
  readonly reference: string;
  readonly privateKeyPem: string;
  /** Published in KeyInfo/X509Data unless `keyInfo` is false. */
  readonly certificatePem?: string;
  /** Default `rsa-sha256`. */
  readonly signatureAlgorithm?: SignatureAlgorithmName;
  /** Default: the one matching the signature algorithm. */
  readonly digestAlgorithm?: DigestAlgorithmName;
  /**
   * Where the Signature goes inside the signed element: `after-issuer` (default; `prepend` when
   * the element has no saml:Issuer child), `prepend` or `append`.
   */
  readonly placement?: 'after-issuer' | 'prepend' | 'append';
  /** Default true (when a certificate is given). */
  readonly keyInfo?: boolean;
}

/**
 * Signs the one element whose `ID` is `options.reference` and returns the whole document with
 * the Signature inserted. Throws when no element, or more than one, has that ID: that is a
 * mistake in the test, not a case to sign (to test duplicate IDs, duplicate after signing).
 *
 * @example
 * const signed = signXml(xml, { reference: '_assertion1', privateKeyPem, certificatePem });
 */
export const signXml = (xml: string, options: SignXmlOptions): string => {
  const id = options.reference;
  if (id === '' || id.includes("'")) throw new Error(`signXml: unusable reference ${JSON.stringify(id)}`);
  const matches = findAllById(parseXml(xml), id);
  const element = matches[0];
  if (element === undefined || matches.length > 1) {
    throw new Error(`signXml: expected exactly one element with ID ${id}, found ${matches.length}`);
  }
  const algorithm = SIGNATURE_ALGORITHMS[options.signatureAlgorithm ?? 'rsa-sha256'];
  const target = `//*[@ID='${id}']`;
  const signer = new SignedXml({
    privateKey: options.privateKeyPem,
    ...(options.keyInfo !== false && options.certificatePem !== undefined
      ? { publicCert: options.certificatePem }
      : {}),
    signatureAlgorithm: algorithm.uri,
    canonicalizationAlgorithm: EXC_C14N,
  });
  signer.addReference({
    xpath: target,
    transforms: [ENVELOPED_SIGNATURE, EXC_C14N],
    digestAlgorithm: DIGEST_ALGORITHMS[options.digestAlgorithm ?? algorithm.digest],
  });
  const placement = options.placement ?? 'after-issuer';
  const afterIssuer = placement === 'after-issuer' && childElements(element, NS.saml, 'Issuer').length > 0;
  const location = afterIssuer
    ? {
        reference: `${target}/*[local-name()='Issuer' and namespace-uri()='${NS.saml}']`,
        action: 'after' as const,
      }
    : { reference: target, action: placement === 'append' ? ('append' as const) : ('prepend' as const) };
  signer.computeSignature(xml, { prefix: 'ds', location });
  return signer.getSignedXml();
};
