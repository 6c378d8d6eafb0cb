/**
 * The syntax of an enveloped `ds:Signature`, checked before any cryptography: exact shape (one
 * SignedInfo, one Reference, no ds:Object), the algorithm and transform allow-lists, the
 * Reference bound to the Signature's parent, and DigestValue/SignatureValue read as full text.
 */
import type { Element } from '@xmldom/xmldom';
import * as E from 'fp-ts/lib/Either.js';
import { type Fault, fault } from '../validate/fault.js';
import { attr, childElements, childNamed, hasElementChildren, is, textOf } from '../xml/dom.js';
import { NS } from '../xml/namespaces.js';
import {
  CANONICALIZATIONS,
  DIGEST_ALGORITHMS,
  type DigestAlgorithm,
  SIGNATURE_ALGORITHMS,
  type SignatureAlgorithm,
  TRANSFORM_ENVELOPED,
} from './algorithms.js';
/** A signature-syntax failure: the validation steps' shared `Fault`. */
export type SignatureFault = Fault;

const STRICT_BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Base64 with XML whitespace allowed between characters; null when not base64. */
export const decodeBase64 = (text: string): Buffer | null => {
  const compact = text.replace(/[ \t\r\n]+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !STRICT_BASE64.test(compact)) return null;
  return Buffer.from(compact, 'base64');
};

export interface ParsedSignature {
  readonly signedInfo: Element;
  readonly signatureValue: Buffer;
  readonly c14n: {
    readonly uri: string;
    readonly withComments: boolean;
    readonly prefixes: readonly string[];
  };
  readonly method: SignatureAlgorithm;
  readonly referenceId: string;
  readonly digest: DigestAlgorithm;
  readonly digestValue: Buffer;
  readonly refC14n: { readonly withComments: boolean; readonly prefixes: readonly string[] };
  /** KeyInfo's certificates, decoded on demand: only a failure's explanation reads them. */
  readonly keyInfoCertificates: () => readonly Buffer[];
}

const prefixList = (method: Element): readonly string[] | 'invalid' => {
  const children = childElements(method);
  if (children.length === 0) return [];
  const only = children[0];
  if (children.length > 1 || only === undefined || !is(only, NS.excC14n, 'InclusiveNamespaces'))
    return 'invalid';
  const list = attr(only, 'PrefixList');
  return list === null ? [] : list.split(/[ \t\r\n]+/).filter((p) => p !== '');
};

const sha1Check = (sha1: boolean, allowSha1: boolean, uri: string): E.Either<SignatureFault, void> =>
  sha1 && !allowSha1
    ? fault('SIGNATURE_ALGORITHM_DISALLOWED', 'SHA-1 is not allowed for this connection.', { algorithm: uri })
    : E.right(undefined);

/** Checks the shape and algorithms of a Signature and reads its parts. No cryptography yet. */
export const parseSignature = (
  sig: Element,
  parent: Element,
  allowSha1: boolean,
): E.Either<SignatureFault, ParsedSignature> => {
  const parts = childElements(sig);
  // Schema order: SignedInfo, SignatureValue, KeyInfo?; ds:Object is refused (a hiding place).
  const [signedInfo, signatureValueEl, keyInfo, ...rest] = parts;
  if (
    signedInfo === undefined ||
    !is(signedInfo, NS.ds, 'SignedInfo') ||
    signatureValueEl === undefined ||
    !is(signatureValueEl, NS.ds, 'SignatureValue') ||
    (keyInfo !== undefined && !is(keyInfo, NS.ds, 'KeyInfo')) ||
    rest.length > 0
  ) {
    return fault(
      'SIGNATURE_STRUCTURE_INVALID',
      'The Signature must hold exactly one SignedInfo, one SignatureValue and at most one KeyInfo.',
      { children: parts.map((p) => p.localName).join(',') },
    );
  }
  const info = childElements(signedInfo);
  const [c14nEl, methodEl, referenceEl, ...more] = info;
  if (
    c14nEl === undefined ||
    !is(c14nEl, NS.ds, 'CanonicalizationMethod') ||
    methodEl === undefined ||
    !is(methodEl, NS.ds, 'SignatureMethod') ||
    referenceEl === undefined ||
    !is(referenceEl, NS.ds, 'Reference') ||
    more.length > 0
  ) {
    return fault(
      'SIGNATURE_STRUCTURE_INVALID',
      'SignedInfo must hold CanonicalizationMethod, SignatureMethod and exactly one Reference.',
      { children: info.map((p) => p.localName).join(',') },
    );
  }
  const c14nUri = attr(c14nEl, 'Algorithm') ?? '';
  const c14n = CANONICALIZATIONS.get(c14nUri);
  if (c14n === undefined) {
    return fault('SIGNATURE_ALGORITHM_DISALLOWED', 'The canonicalization algorithm is not allowed.', {
      algorithm: c14nUri,
    });
  }
  const c14nPrefixes = prefixList(c14nEl);
  if (c14nPrefixes === 'invalid') {
    return fault('SIGNATURE_STRUCTURE_INVALID', 'CanonicalizationMethod has unexpected content.');
  }
  const methodUri = attr(methodEl, 'Algorithm') ?? '';
  const method = SIGNATURE_ALGORITHMS.get(methodUri);
  if (method === undefined) {
    return fault('SIGNATURE_ALGORITHM_DISALLOWED', 'The signature algorithm is not allowed.', {
      algorithm: methodUri,
    });
  }
  if (hasElementChildren(methodEl)) {
    return fault(
      'SIGNATURE_STRUCTURE_INVALID',
      'SignatureMethod has unexpected content (HMACOutputLength?).',
    );
  }
  const sha1Method = sha1Check(method.sha1, allowSha1, methodUri);
  if (E.isLeft(sha1Method)) return sha1Method;

  // --- the Reference: bound to the parent, nothing else
  const uri = attr(referenceEl, 'URI');
  const parentId = attr(parent, 'ID');
  if (uri === null || uri === '' || !uri.startsWith('#')) {
    return fault(
      'SIGNATURE_REFERENCE_INVALID',
      'The Reference URI must be "#" + the ID of the signed element.',
      {
        uri,
      },
    );
  }
  if (parentId === null || uri.slice(1) !== parentId) {
    return fault(
      'SIGNATURE_WRAPPING',
      'The Reference does not point at the element that holds the Signature.',
      {
        uri,
        parentId,
      },
    );
  }
  const refParts = childElements(referenceEl);
  let idx = 0;
  let transforms: Element[] = [];
  const first = refParts[0];
  if (first !== undefined && is(first, NS.ds, 'Transforms')) {
    transforms = childElements(first);
    idx = 1;
  }
  const digestMethodEl = refParts[idx];
  const digestValueEl = refParts[idx + 1];
  if (
    digestMethodEl === undefined ||
    !is(digestMethodEl, NS.ds, 'DigestMethod') ||
    digestValueEl === undefined ||
    !is(digestValueEl, NS.ds, 'DigestValue') ||
    refParts.length !== idx + 2
  ) {
    return fault(
      'SIGNATURE_STRUCTURE_INVALID',
      'Reference must hold Transforms, DigestMethod and DigestValue.',
    );
  }
  // Transforms: exactly enveloped-signature then exclusive c14n. Anything else (XPath, XSLT,
  // base64, inclusive c14n, C14N 1.1) is refused.
  const [t1, t2, ...tmore] = transforms;
  const t1Uri = t1 === undefined ? null : attr(t1, 'Algorithm');
  const t2Uri = t2 === undefined ? null : attr(t2, 'Algorithm');
  for (const t of transforms) {
    const a = attr(t, 'Algorithm') ?? '';
    if (!is(t, NS.ds, 'Transform') || (a !== TRANSFORM_ENVELOPED && !CANONICALIZATIONS.has(a))) {
      return fault('SIGNATURE_TRANSFORM_DISALLOWED', 'A Reference transform is not allowed.', {
        algorithm: a,
      });
    }
  }
  const refC14n = t2Uri === null ? undefined : CANONICALIZATIONS.get(t2Uri);
  if (
    t1 === undefined ||
    t2 === undefined ||
    t1Uri !== TRANSFORM_ENVELOPED ||
    refC14n === undefined ||
    tmore.length > 0
  ) {
    return fault(
      'SIGNATURE_TRANSFORM_DISALLOWED',
      'The Reference transforms must be enveloped-signature followed by exclusive c14n.',
      { transforms: transforms.map((t) => attr(t, 'Algorithm') ?? '').join(' ') },
    );
  }
  if (hasElementChildren(t1))
    return fault('SIGNATURE_TRANSFORM_DISALLOWED', 'The enveloped-signature transform has content.');
  const refPrefixes = prefixList(t2);
  if (refPrefixes === 'invalid')
    return fault('SIGNATURE_TRANSFORM_DISALLOWED', 'The c14n transform has unexpected content.');
  const digestUri = attr(digestMethodEl, 'Algorithm') ?? '';
  const digest = DIGEST_ALGORITHMS.get(digestUri);
  if (digest === undefined) {
    return fault('SIGNATURE_ALGORITHM_DISALLOWED', 'The digest algorithm is not allowed.', {
      algorithm: digestUri,
    });
  }
  const sha1Digest = sha1Check(digest.sha1, allowSha1, digestUri);
  if (E.isLeft(sha1Digest)) return sha1Digest;
  // Full text content: a comment inside DigestValue cannot cut the value short.
  if (hasElementChildren(digestValueEl) || hasElementChildren(signatureValueEl)) {
    return fault('SIGNATURE_STRUCTURE_INVALID', 'DigestValue and SignatureValue must hold text only.');
  }
  const digestValue = decodeBase64(textOf(digestValueEl));
  const signatureValue = decodeBase64(textOf(signatureValueEl));
  if (digestValue === null || signatureValue === null) {
    return fault('SIGNATURE_STRUCTURE_INVALID', 'DigestValue or SignatureValue is not base64.');
  }
  return E.right({
    signedInfo,
    signatureValue,
    c14n: { uri: c14nUri, withComments: c14n.withComments, prefixes: c14nPrefixes },
    method,
    referenceId: parentId,
    digest,
    digestValue,
    refC14n: { withComments: refC14n.withComments, prefixes: refPrefixes },
    keyInfoCertificates: () => (keyInfo === undefined ? [] : keyInfoCerts(keyInfo)),
  });
};

/** X509Certificate values in KeyInfo: only to explain a failure, never to verify. */
const keyInfoCerts = (keyInfo: Element): Buffer[] => {
  const out: Buffer[] = [];
  for (const data of childElements(keyInfo)) {
    if (!is(data, NS.ds, 'X509Data')) continue;
    const cert = childNamed(data, NS.ds, 'X509Certificate');
    const der = cert === null ? null : decodeBase64(textOf(cert));
    if (der !== null) out.push(der);
  }
  return out;
};
