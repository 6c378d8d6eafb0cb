/**
 * One iterative walk over a parsed document that collects everything the signature binding
 * needs: every ID-like attribute (`ID`, `Id`, `id`, in any namespace) with a uniqueness check,
 * every `ds:Signature`, and every SAML `Response`, `Assertion` and `EncryptedAssertion` wherever
 * it hides. Later steps look elements up here instead of searching the document again.
 */
import type { Element, Node } from '@xmldom/xmldom';
import { ELEMENT_NODE } from './dom.js';
import { NS } from './namespaces.js';

export interface TreeIndex {
  /** ID value → the one element carrying it. */
  readonly ids: ReadonlyMap<string, Element>;
  /** The first ID value seen twice, or null. */
  readonly duplicateId: string | null;
  readonly signatures: readonly Element[];
  readonly responses: readonly Element[];
  /** `saml:Assertion` and `saml:EncryptedAssertion` elements, anywhere. */
  readonly assertions: readonly Element[];
}

const isIdName = (local: string | null): boolean => local === 'ID' || local === 'Id' || local === 'id';

/**
 * Walks the subtree rooted at `root` once, depth-first, without recursion.
 * @example
 * const index = indexTree(doc.documentElement)
 * index.duplicateId === null // every ID unique
 */
export const indexTree = (root: Element): TreeIndex => {
  const ids = new Map<string, Element>();
  let duplicateId: string | null = null;
  const signatures: Element[] = [];
  const responses: Element[] = [];
  const assertions: Element[] = [];
  let n: Node | null = root;
  while (n !== null) {
    if (n.nodeType === ELEMENT_NODE) {
      const el = n as Element;
      const attrs = el.attributes;
      for (let i = 0; i < attrs.length; i++) {
        const a = attrs[i];
        if (a === undefined || !isIdName(a.localName) || a.namespaceURI === NS.xmlns) continue;
        if (ids.has(a.value)) duplicateId ??= a.value;
        else ids.set(a.value, el);
      }
      const ns = el.namespaceURI;
      const local = el.localName;
      if (ns === NS.ds) {
        if (local === 'Signature') signatures.push(el);
      } else if (ns === NS.assertion) {
        if (local === 'Assertion' || local === 'EncryptedAssertion') assertions.push(el);
      } else if (ns === NS.protocol && local === 'Response') responses.push(el);
      if (el.firstChild !== null) {
        n = el.firstChild;
        continue;
      }
    }
    // Next in document order, staying inside `root`.
    while (n !== null && n !== root && n.nextSibling === null) n = n.parentNode;
    if (n === null || n === root) break;
    n = n.nextSibling;
  }
  return { ids, duplicateId, signatures, responses, assertions };
};
