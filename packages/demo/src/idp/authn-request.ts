/**
 * The demo IdP's reading of an SP-initiated login: the HTTP-Redirect binding's `SAMLRequest`
 * (base64 of raw DEFLATE) → the AuthnRequest's ID and ACS URL. Inflation is bounded (a small
 * request that inflates to gigabytes is refused), and the ACS URL must be the one the demo SP
 * registered: an IdP that posts assertions wherever a request asks is an assertion-theft oracle.
 */
import { inflateRawSync } from 'node:zlib';
import { parseXml } from '@saml-jit/testing/idp';
import * as E from 'fp-ts/lib/Either.js';

/** An AuthnRequest is a few hundred bytes; anything near this bound is not one. */
const MAX_INFLATED_BYTES = 64 * 1024;

export interface AuthnRequestInfo {
  readonly id: string;
  readonly acsUrl: string;
}

const isNcName = (id: string): boolean => /^[A-Za-z_][\w.-]{0,255}$/.test(id);

/**
 * Decodes and checks a `SAMLRequest` query value against the SP's ACS URL.
 * @example
 * readAuthnRequest(url.searchParams.get('SAMLRequest'), 'http://127.0.0.1:3000/saml/acs/demo')
 */
export const readAuthnRequest = (
  samlRequest: string | undefined,
  expectedAcsUrl: string,
): E.Either<string, AuthnRequestInfo> => {
  if (samlRequest === undefined || samlRequest === '') return E.left('The request carries no SAMLRequest.');
  let xml: string;
  try {
    xml = inflateRawSync(Buffer.from(samlRequest, 'base64'), {
      maxOutputLength: MAX_INFLATED_BYTES,
    }).toString('utf8');
  } catch {
    return E.left('The SAMLRequest is not a deflated, base64-encoded document.');
  }
  if (/<!DOCTYPE/i.test(xml)) return E.left('The AuthnRequest carries a DOCTYPE.');
  let root: ReturnType<typeof parseXml>['documentElement'];
  try {
    root = parseXml(xml).documentElement;
  } catch {
    return E.left('The SAMLRequest is not well-formed XML.');
  }
  if (root === null || root.localName !== 'AuthnRequest')
    return E.left('The SAMLRequest is not an AuthnRequest.');
  const id = root.getAttribute('ID') ?? '';
  const acsUrl = root.getAttribute('AssertionConsumerServiceURL') ?? expectedAcsUrl;
  if (!isNcName(id)) return E.left('The AuthnRequest has no usable ID.');
  if (acsUrl !== expectedAcsUrl)
    return E.left('The AuthnRequest asks for an ACS URL this IdP does not know.');
  return E.right({ id, acsUrl });
};
