/**
 * Parses decrypted XML (an Assertion or a NameID) through the same hardened parser as the outer
 * document. The plaintext is an element cut out of a larger document, so it may use prefixes
 * declared on the Response: it is parsed inside a wrapper element that re-declares the namespaces
 * in scope where the encrypted element stood. Exclusive c14n renders only visibly used
 * namespaces, so the wrapper does not change what a signature inside the plaintext covers.
 */
import type { Element } from '@xmldom/xmldom';
import * as E from 'fp-ts/lib/Either.js';
import { childElements, ELEMENT_NODE, TEXT_NODE } from './dom.js';
import { NS } from './namespaces.js';
import { parseXml, type XmlFault } from './parse.js';
import { DEFAULT_XML_LIMITS } from './prescan.js';

const WRAPPER = 'saml-jit-decrypted';
const utf8 = new TextDecoder('utf-8', { fatal: true });

const escapeAttr = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** Namespace declarations in scope at `el`, nearest first wins. */
const inScopeDeclarations = (el: Element): string => {
  const seen = new Map<string, string>();
  for (let n: Element | null = el; n !== null; n = n.parentNode as Element | null) {
    if (n.nodeType !== ELEMENT_NODE) break;
    const attrs = n.attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs[i];
      if (a === undefined || a.namespaceURI !== NS.xmlns) continue;
      const prefix = a.prefix === 'xmlns' ? (a.localName ?? '') : '';
      if (!seen.has(prefix)) seen.set(prefix, a.value);
    }
  }
  let out = '';
  for (const [prefix, uri] of seen)
    out += prefix === '' ? ` xmlns="${escapeAttr(uri)}"` : ` xmlns:${prefix}="${escapeAttr(uri)}"`;
  return out;
};

/**
 * Parses `plaintext` as exactly one element, in the namespace context of `context`.
 * @example
 * parseInContext(decryptedBytes, encryptedAssertion) // Right(<saml:Assertion>)
 */
export const parseInContext = (plaintext: Uint8Array, context: Element): E.Either<XmlFault, Element> => {
  let text: string;
  try {
    text = utf8.decode(plaintext);
  } catch {
    return E.left({ code: 'XML_MALFORMED', detail: 'not UTF-8' });
  }
  // An XML declaration may lead the plaintext; it cannot sit inside the wrapper.
  text = text.replace(/^\uFEFF?<\?xml[^?]*\?>/, '');
  const doc = parseXml(`<${WRAPPER}${inScopeDeclarations(context)}>${text}</${WRAPPER}>`, DEFAULT_XML_LIMITS);
  if (E.isLeft(doc)) return doc;
  const wrapper = doc.right.documentElement;
  if (wrapper === null || wrapper.tagName !== WRAPPER)
    return E.left({ code: 'XML_MALFORMED', detail: 'wrapper' });
  const elements = childElements(wrapper);
  const only = elements[0];
  if (only === undefined || elements.length !== 1)
    return E.left({ code: 'XML_MALFORMED', detail: 'not one element' });
  for (let c = wrapper.firstChild; c !== null; c = c.nextSibling) {
    if (c.nodeType === ELEMENT_NODE) continue;
    if (c.nodeType !== TEXT_NODE || (c as unknown as { data: string }).data.trim() !== '') {
      return E.left({ code: 'XML_MALFORMED', detail: 'content beside the element' });
    }
  }
  return E.right(only);
};
