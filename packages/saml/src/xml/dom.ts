/**
 * Small, allocation-light DOM helpers over @xmldom/xmldom. Element look-ups are by namespace URI
 * and local name among direct children only: never by tag name, never by a document-wide search,
 * so a look-up can only find what sits where the schema puts it.
 */
import type { Element, Node } from '@xmldom/xmldom';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const CDATA_SECTION_NODE = 4;

export const isElement = (n: Node | null): n is Element => n !== null && n.nodeType === ELEMENT_NODE;

export const is = (el: Element, ns: string, local: string): boolean =>
  el.localName === local && el.namespaceURI === ns;

/** Element children, in document order. */
export const childElements = (el: Element): Element[] => {
  const out: Element[] = [];
  for (let c = el.firstChild; c !== null; c = c.nextSibling)
    if (c.nodeType === ELEMENT_NODE) out.push(c as Element);
  return out;
};

/** Direct children named `{ns}local`. */
export const childrenNamed = (el: Element, ns: string, local: string): Element[] => {
  const out: Element[] = [];
  for (let c = el.firstChild; c !== null; c = c.nextSibling) {
    if (c.nodeType === ELEMENT_NODE && is(c as Element, ns, local)) out.push(c as Element);
  }
  return out;
};

/** The first direct child named `{ns}local`, or null. */
export const childNamed = (el: Element, ns: string, local: string): Element | null => {
  for (let c = el.firstChild; c !== null; c = c.nextSibling) {
    if (c.nodeType === ELEMENT_NODE && is(c as Element, ns, local)) return c as Element;
  }
  return null;
};

/** The only direct child named `{ns}local`: null when absent, 'many' when repeated. */
export const onlyChild = (el: Element, ns: string, local: string): Element | null | 'many' => {
  let found: Element | null = null;
  for (let c = el.firstChild; c !== null; c = c.nextSibling) {
    if (c.nodeType === ELEMENT_NODE && is(c as Element, ns, local)) {
      if (found !== null) return 'many';
      found = c as Element;
    }
  }
  return found;
};

/**
 * The value of the attribute `name` in no namespace, or null. A prefixed `x:ID` is a different
 * attribute and is not returned.
 */
export const attr = (el: Element, name: string): string | null => {
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i];
    if (a !== undefined && a.localName === name && (a.namespaceURI === null || a.namespaceURI === '')) {
      return a.value;
    }
  }
  return null;
};

/**
 * The full text content of an element: every text and CDATA descendant, concatenated. Comments
 * and processing instructions are skipped but never end the value, so
 * `admin@x.test<!---->.evil.test` reads as `admin@x.test.evil.test`, exactly what was signed
 * (exclusive c14n drops comments too). Never trimmed or normalised.
 */
export const textOf = (el: Element): string => {
  const first = el.firstChild;
  // Fast path: one text node, the common case.
  if (first !== null && first.nextSibling === null && first.nodeType === TEXT_NODE) {
    return (first as unknown as { data: string }).data;
  }
  let out = '';
  let n: Node | null = first;
  while (n !== null && n !== el) {
    if (n.nodeType === TEXT_NODE || n.nodeType === CDATA_SECTION_NODE)
      out += (n as unknown as { data: string }).data;
    if (n.nodeType === ELEMENT_NODE && n.firstChild !== null) {
      n = n.firstChild;
      continue;
    }
    while (n !== null && n !== el && n.nextSibling === null) n = n.parentNode;
    if (n === null || n === el) break;
    n = n.nextSibling;
  }
  return out;
};

/** True when the element has element children (an identity value must not). */
export const hasElementChildren = (el: Element): boolean => {
  for (let c = el.firstChild; c !== null; c = c.nextSibling) if (c.nodeType === ELEMENT_NODE) return true;
  return false;
};
