/**
 * SP-initiated login: the AuthnRequest document and its HTTP-Redirect binding (SAML Bindings
 * §3.4): raw DEFLATE, base64, URL-encoding, and the optional signature over the exact query
 * string `SAMLRequest=…&RelayState=…&SigAlg=…` (RSA-SHA256). The signature covers the bytes we
 * send, so we build the query once and sign that same text.
 */
import { type KeyObject, sign } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { HTTP_POST_BINDING, PROTOCOL_NS } from './metadata.js';
import { escapeXml, samlInstant } from './xml.js';

export const ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
/** The one signature algorithm the service provider signs AuthnRequests with. */
export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

export interface AuthnRequestInput {
  /** A fresh, unguessable ID (an xs:ID: must not start with a digit). */
  readonly id: string;
  readonly issueInstant: Date;
  /** The IdP's single sign-on URL (the request's `Destination`). */
  readonly destination: string;
  readonly acsUrl: string;
  readonly spEntityId: string;
  /** The NameID format to ask for, or null to let the IdP choose. */
  readonly nameIdFormat: string | null;
  readonly forceAuthn: boolean;
}

/**
 * The AuthnRequest XML, with every value escaped.
 * @example
 * authnRequestXml({ id: '_a1', issueInstant: new Date(0), destination: 'https://idp.test/sso',
 *   acsUrl: 'https://sp.test/saml/acs/idp', spEntityId: 'https://sp.test', nameIdFormat: null, forceAuthn: false })
 */
export const authnRequestXml = (r: AuthnRequestInput): string =>
  `<samlp:AuthnRequest xmlns:samlp="${PROTOCOL_NS}" xmlns:saml="${ASSERTION_NS}"` +
  ` ID="${escapeXml(r.id)}" Version="2.0" IssueInstant="${samlInstant(r.issueInstant)}"` +
  ` Destination="${escapeXml(r.destination)}" AssertionConsumerServiceURL="${escapeXml(r.acsUrl)}"` +
  ` ProtocolBinding="${HTTP_POST_BINDING}"${r.forceAuthn ? ' ForceAuthn="true"' : ''}>` +
  `<saml:Issuer>${escapeXml(r.spEntityId)}</saml:Issuer>` +
  `<samlp:NameIDPolicy${r.nameIdFormat === null ? '' : ` Format="${escapeXml(r.nameIdFormat)}"`} AllowCreate="true"/>` +
  `</samlp:AuthnRequest>`;

/**
 * Appends the HTTP-Redirect query to the IdP's SSO URL. With a key, the query is signed as the
 * binding requires: `SAMLRequest`, then `RelayState` when present, then `SigAlg`, each URL-encoded,
 * joined by `&`, signed with RSA-SHA256, and the base64 signature appended as `Signature`.
 * @example
 * redirectUrl('https://idp.test/sso', xml, { relayState: null, signingKey: null })
 */
export const redirectUrl = (
  ssoUrl: string,
  requestXml: string,
  opts: { readonly relayState: string | null; readonly signingKey: KeyObject | null },
): string => {
  const samlRequest = deflateRawSync(Buffer.from(requestXml, 'utf8')).toString('base64');
  let query = `SAMLRequest=${encodeURIComponent(samlRequest)}`;
  if (opts.relayState !== null) query += `&RelayState=${encodeURIComponent(opts.relayState)}`;
  if (opts.signingKey !== null) {
    query += `&SigAlg=${encodeURIComponent(RSA_SHA256)}`;
    const signature = sign('sha256', Buffer.from(query, 'utf8'), opts.signingKey).toString('base64');
    query += `&Signature=${encodeURIComponent(signature)}`;
  }
  // The IdP's URL may already carry a query (some IdPs put the application ID there).
  const hashAt = ssoUrl.indexOf('#');
  const base = hashAt === -1 ? ssoUrl : ssoUrl.slice(0, hashAt);
  return `${base}${base.includes('?') ? '&' : '?'}${query}`;
};
