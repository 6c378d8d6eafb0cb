/**
 * Finds the one Response and the one assertion a document may hold, by the tree index rather
 * than by search. Exactly one `samlp:Response` (the root) and exactly one `saml:Assertion` or
 * `saml:EncryptedAssertion` in the WHOLE document, as a direct child of the Response: a second
 * assertion anywhere (Extensions, Advice, StatusDetail, a Signature's Object, a nested Response)
 * is refused, so there is no "other" assertion for a consumer to pick by mistake.
 */
import type { Element } from '@xmldom/xmldom';
import * as E from 'fp-ts/lib/Either.js';
import { attr, childNamed, is, textOf } from '../xml/dom.js';
import { NS, STATUS_SUCCESS } from '../xml/namespaces.js';
import type { TreeIndex } from '../xml/tree-index.js';
import { type Fault, fault } from './fault.js';

export const checkRoot = (root: Element, index: TreeIndex): E.Either<Fault, Element> => {
  if (!is(root, NS.protocol, 'Response')) {
    return fault('XML_ROOT_INVALID', 'The document is not a SAML 2.0 protocol Response.', {
      root: root.localName ?? null,
      namespace: root.namespaceURI ?? null,
    });
  }
  if (attr(root, 'Version') !== '2.0') {
    return fault('XML_ROOT_INVALID', 'The Response is not SAML version 2.0.', {
      version: attr(root, 'Version'),
    });
  }
  if (index.responses.length !== 1) {
    return fault('SIGNATURE_WRAPPING', 'The document holds a Response nested inside the Response.', {
      responses: index.responses.length,
    });
  }
  return E.right(root);
};

/** Status must be Success. Trusted to refuse, never to accept, so it may be checked unsigned. */
export const checkStatus = (response: Element): E.Either<Fault, string> => {
  const status = childNamed(response, NS.protocol, 'Status');
  const code = status === null ? null : childNamed(status, NS.protocol, 'StatusCode');
  const value = code === null ? null : attr(code, 'Value');
  if (value !== STATUS_SUCCESS) {
    const sub = code === null ? null : childNamed(code, NS.protocol, 'StatusCode');
    const message = status === null ? null : childNamed(status, NS.protocol, 'StatusMessage');
    return fault('STATUS_NOT_SUCCESS', 'The IdP did not report success.', {
      status: value,
      subStatus: sub === null ? null : attr(sub, 'Value'),
      statusMessage: message === null ? null : textOf(message).slice(0, 200),
    });
  }
  return E.right(value);
};

/** The single assertion (plain or encrypted), a direct child of the Response. */
export const locateAssertion = (response: Element, index: TreeIndex): E.Either<Fault, Element> => {
  const found = index.assertions;
  const only = found[0];
  if (only === undefined) return fault('ASSERTION_MISSING', 'The Response holds no Assertion.');
  if (found.length > 1) {
    return fault('ASSERTION_MULTIPLE', 'The document holds more than one Assertion.', {
      assertions: found.length,
    });
  }
  if (only.parentNode !== response) {
    return fault('SIGNATURE_WRAPPING', 'The Assertion is not a direct child of the Response.', {
      parent: (only.parentNode as Element | null)?.localName ?? null,
    });
  }
  return E.right(only);
};
