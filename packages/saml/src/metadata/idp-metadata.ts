/**
 * IdP metadata: the entityID, the signing certificates (several during a key rollover) and the
 * SSO endpoints of an `md:EntityDescriptor` with an `IDPSSODescriptor`. Parsed with the same
 * hardened parser as responses (a DOCTYPE is refused). The metadata's own signature, if any, is
 * not checked: trust comes from how the operator obtained the file.
 */
import { type ConfigFailure, configFailure } from '@saml-jit/core';
import type { Element } from '@xmldom/xmldom';
import * as E from 'fp-ts/lib/Either.js';
import { parseCertificate, type TrustedCertificate } from '../crypto/certificate.js';
import { attr, childElements, childNamed, childrenNamed, is, textOf } from '../xml/dom.js';
import { NS } from '../xml/namespaces.js';
import { parseXml } from '../xml/parse.js';

export interface IdpMetadata {
  readonly entityId: string;
  readonly signingCertificates: readonly TrustedCertificate[];
  readonly ssoServices: readonly { readonly binding: string; readonly location: string }[];
}

export interface MetadataOptions {
  /** Which entity to read when the file is an EntitiesDescriptor holding several IdPs. */
  readonly entityId?: string;
}

/** Metadata aggregates are much larger than responses; they come from the operator, not the network. */
const METADATA_LIMITS = { maxDepth: 64, maxAttributes: 256, maxElements: 500_000 };

const invalid = (message: string, details: Record<string, string | number | null> = {}) =>
  E.left(configFailure('METADATA_INVALID', message, details));

const idpEntities = (root: Element): Element[] => {
  if (is(root, NS.metadata, 'EntityDescriptor')) return [root];
  if (!is(root, NS.metadata, 'EntitiesDescriptor')) return [];
  const out: Element[] = [];
  for (const c of childElements(root)) {
    if (is(c, NS.metadata, 'EntitiesDescriptor')) out.push(...idpEntities(c));
    else if (
      is(c, NS.metadata, 'EntityDescriptor') &&
      childNamed(c, NS.metadata, 'IDPSSODescriptor') !== null
    )
      out.push(c);
  }
  return out;
};

const signingCertificates = (idp: Element): E.Either<ConfigFailure, TrustedCertificate[]> => {
  const certs: TrustedCertificate[] = [];
  const seen = new Set<string>();
  for (const kd of childrenNamed(idp, NS.metadata, 'KeyDescriptor')) {
    const use = attr(kd, 'use');
    if (use !== null && use !== 'signing') continue;
    const keyInfo = childNamed(kd, NS.ds, 'KeyInfo');
    if (keyInfo === null) continue;
    for (const data of childrenNamed(keyInfo, NS.ds, 'X509Data')) {
      for (const x of childrenNamed(data, NS.ds, 'X509Certificate')) {
        const cert = parseCertificate(textOf(x));
        if (E.isLeft(cert)) return cert;
        if (seen.has(cert.right.sha256Fingerprint)) continue;
        seen.add(cert.right.sha256Fingerprint);
        certs.push(cert.right);
      }
    }
  }
  return E.right(certs);
};

/**
 * Reads IdP metadata. Never throws.
 * @example
 * const md = parseIdpMetadata(readFileSync('okta-metadata.xml', 'utf8'))
 * if (E.isRight(md)) md.right.signingCertificates.length // 1, or 2 during a rollover
 */
export const parseIdpMetadata = (
  xml: string,
  options: MetadataOptions = {},
): E.Either<ConfigFailure, IdpMetadata> => {
  const doc = parseXml(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml, METADATA_LIMITS);
  if (E.isLeft(doc))
    return invalid('The metadata is not well-formed XML or carries a DOCTYPE.', { problem: doc.left.detail });
  const root = doc.right.documentElement as Element;
  const all = idpEntities(root);
  const candidates =
    options.entityId === undefined ? all : all.filter((e) => attr(e, 'entityID') === options.entityId);
  const entity = candidates[0];
  if (entity === undefined)
    return invalid('The metadata holds no matching IdP EntityDescriptor.', { entities: all.length });
  if (candidates.length > 1)
    return invalid('The metadata holds several IdPs: name one with `entityId`.', { entities: all.length });
  const entityId = attr(entity, 'entityID');
  if (entityId === null || entityId === '') return invalid('The EntityDescriptor has no entityID.');
  const idp = childNamed(entity, NS.metadata, 'IDPSSODescriptor');
  if (idp === null) return invalid('The entity has no IDPSSODescriptor.', { entityId });
  const certs = signingCertificates(idp);
  if (E.isLeft(certs)) return certs;
  const ssoServices = childrenNamed(idp, NS.metadata, 'SingleSignOnService').flatMap((s) => {
    const binding = attr(s, 'Binding');
    const location = attr(s, 'Location');
    return binding === null || location === null ? [] : [{ binding, location }];
  });
  return E.right({ entityId, signingCertificates: certs.right, ssoServices });
};
