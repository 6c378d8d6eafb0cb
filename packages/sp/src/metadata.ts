/**
 * SP metadata (SAML Metadata 2.0, `md:EntityDescriptor`) generated from one connection: the
 * entity ID, the ACS endpoint with the HTTP-POST binding, the signing certificate (for signed
 * AuthnRequests) and the encryption certificates (for encrypted assertions) as KeyDescriptors, and
 * the NameID format. Every configured value is XML-escaped; certificates were parsed when the
 * connection was resolved, so only their base64 DER reaches the document.
 */
import { escapeXml } from './xml.js';

export const MD_NS = 'urn:oasis:names:tc:SAML:2.0:metadata';
export const DS_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const HTTP_POST_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
export const HTTP_REDIRECT_BINDING = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

/** What the metadata document describes. */
export interface SpMetadataInput {
  readonly spEntityId: string;
  readonly acsUrl: string;
  readonly nameIdFormat: string;
  /** Base64 DER of the certificate that signs AuthnRequests, if they are signed. */
  readonly signingCertificate: string | null;
  /** Base64 DER of each certificate IdPs may encrypt assertions to (several during a rollover). */
  readonly encryptionCertificates: readonly string[];
  /** True when the connection's signature policy requires a signed Assertion. */
  readonly wantAssertionsSigned: boolean;
}

/** Base64 wrapped at 64 columns, as PEM and most metadata tools write it. */
const wrap = (base64: string): string => base64.replace(/(.{64})(?=.)/g, '$1\n');

const keyDescriptor = (use: 'signing' | 'encryption', base64Der: string): string =>
  `    <md:KeyDescriptor use="${use}">\n` +
  `      <ds:KeyInfo xmlns:ds="${DS_NS}">\n` +
  `        <ds:X509Data>\n` +
  `          <ds:X509Certificate>${wrap(base64Der)}</ds:X509Certificate>\n` +
  `        </ds:X509Data>\n` +
  `      </ds:KeyInfo>\n` +
  `    </md:KeyDescriptor>\n`;

/**
 * The metadata XML of one connection.
 * @example
 * spMetadataXml({ spEntityId: 'https://sp.example.test', acsUrl: 'https://sp.example.test/saml/acs/okta',
 *   nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
 *   signingCertificate: null, encryptionCertificates: [], wantAssertionsSigned: false })
 */
export const spMetadataXml = (input: SpMetadataInput): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n` +
  `<md:EntityDescriptor xmlns:md="${MD_NS}" entityID="${escapeXml(input.spEntityId)}">\n` +
  `  <md:SPSSODescriptor protocolSupportEnumeration="${PROTOCOL_NS}" ` +
  `AuthnRequestsSigned="${input.signingCertificate === null ? 'false' : 'true'}" WantAssertionsSigned="${String(input.wantAssertionsSigned)}">\n` +
  (input.signingCertificate === null ? '' : keyDescriptor('signing', input.signingCertificate)) +
  input.encryptionCertificates.map((c) => keyDescriptor('encryption', c)).join('') +
  `    <md:NameIDFormat>${escapeXml(input.nameIdFormat)}</md:NameIDFormat>\n` +
  `    <md:AssertionConsumerService Binding="${HTTP_POST_BINDING}" ` +
  `Location="${escapeXml(input.acsUrl)}" index="0" isDefault="true"/>\n` +
  `  </md:SPSSODescriptor>\n` +
  `</md:EntityDescriptor>\n`;
