/**
 * SAML metadata for the test IdP (an EntityDescriptor with one IDPSSODescriptor), so tests and
 * the demo can configure an SP from metadata instead of a loose certificate.
 */
import { NS } from './algorithms.js';
import { NAMEID_FORMAT } from './options.js';
import { el, serialize } from './xml-tree.js';

export interface TestIdpMetadataOptions {
  /** Default `<entityId>/sso` (HTTP-Redirect and HTTP-POST). */
  readonly ssoUrl?: string;
  /** Extra signing certificates (PEM) published after the IdP's own, e.g. for rollover tests. */
  readonly extraCertificates?: readonly string[];
  /** Indent output. Default compact. */
  readonly pretty?: boolean;
}

const BINDINGS = [
  'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
  'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
] as const;

/** The base64 body of a PEM certificate, as X509Certificate elements carry it. */
export const pemBody = (pem: string): string =>
  pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');

export const metadataXml = (entityId: string, certificatePem: string, o: TestIdpMetadataOptions): string => {
  const ssoUrl = o.ssoUrl ?? `${entityId.replace(/\/$/, '')}/sso`;
  const keyDescriptor = (pem: string) =>
    el('md:KeyDescriptor', { use: 'signing' }, [
      el('ds:KeyInfo', { 'xmlns:ds': NS.ds }, [
        el('ds:X509Data', {}, [el('ds:X509Certificate', {}, [pemBody(pem)])]),
      ]),
    ]);
  const tree = el('md:EntityDescriptor', { 'xmlns:md': NS.md, entityID: entityId }, [
    el('md:IDPSSODescriptor', { protocolSupportEnumeration: NS.samlp }, [
      ...[certificatePem, ...(o.extraCertificates ?? [])].map(keyDescriptor),
      el('md:NameIDFormat', {}, [NAMEID_FORMAT.emailAddress]),
      ...BINDINGS.map((binding) => el('md:SingleSignOnService', { Binding: binding, Location: ssoUrl })),
    ]),
  ]);
  return serialize(tree, o.pretty === true ? '  ' : '');
};
