/**
 * Parse, find-by-ID and serialize with @xmldom/xmldom — the same DOM xml-crypto uses, so a
 * document edited here and signed there round-trips byte for byte.
 */
import {
  DOMParser,
  type Document,
  type Element,
  type Node,
  onErrorStopParsing,
  XMLSerializer,
} from '@xmldom/xmldom';

/** Parses a document; any parse error or warning throws (test inputs must be well-formed). */
export const parseXml = (xml: string): Document =>
  new DOMParser({ onError: onErrorStopParsing }).parseFromString(xml, 'text/xml');

export const serializeXml = (node: Node): string => new XMLSerializer().serializeToString(node);

/** Every element (document order) whose `ID` attribute equals `id`. */
export const findAllById = (doc: Document, id: string): Element[] => {
  const found: Element[] = [];
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === child.ELEMENT_NODE) {
        const element = child as Element;
        if (element.getAttribute('ID') === id) found.push(element);
        walk(element);
      }
    }
  };
  walk(doc);
  return found;
};

/** The element children of `parent` with this namespace and local name. */
export const childElements = (parent: Node, namespace: string, localName: string): Element[] => {
  const out: Element[] = [];
  for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType !== child.ELEMENT_NODE) continue;
    const element = child as Element;
    if (element.namespaceURI === namespace && element.localName === localName) out.push(element);
  }
  return out;
};
