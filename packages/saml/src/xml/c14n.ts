/**
 * Exclusive XML Canonicalization 1.0 (with or without comments) of one element subtree, as the
 * digest of an enveloped signature needs it: the subtree minus one excluded node (the Signature
 * itself), with an optional InclusiveNamespaces PrefixList.
 *
 * Why not xml-crypto's `ExclusiveCanonicalization`: applying the enveloped-signature transform
 * there means removing the Signature from the DOM (or cloning the element first), and a PrefixList
 * is applied by writing namespace attributes into the document. Here the excluded node is simply
 * skipped and the DOM is never touched, so the tree that was digested is the very tree the
 * validator then reads. Attribute order follows the spec (namespace URI, then local name);
 * the differential test in test/c14n.test.ts compares the output with xml-crypto's.
 */
import type { Attr, Element, Node } from '@xmldom/xmldom';
import { NS } from './namespaces.js';

export interface C14nOptions {
  readonly withComments: boolean;
  /** InclusiveNamespaces PrefixList; `#default` stands for the default namespace. */
  readonly inclusivePrefixes: readonly string[];
  /** A node left out with its subtree (the enveloped Signature). */
  readonly exclude: Node | null;
}

/** Prefix → namespace URI rendered by the output ancestors. Null prototype: prefixes are data. */
type Rendered = Record<string, string>;

const TEXT_RE = /[&<>\r]/;
const ATTR_RE = /[&<"\t\n\r]/;

const escapeText = (s: string): string =>
  TEXT_RE.test(s)
    ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;')
    : s;

const escapeAttr = (s: string): string =>
  ATTR_RE.test(s)
    ? s
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/"/g, '&quot;')
        .replace(/\t/g, '&#x9;')
        .replace(/\n/g, '&#xA;')
        .replace(/\r/g, '&#xD;')
    : s;

const byPrefix = (a: readonly [string, string], b: readonly [string, string]): number =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;

const byNsThenLocal = (a: Attr, b: Attr): number => {
  const an = a.namespaceURI ?? '';
  const bn = b.namespaceURI ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const al = a.localName ?? a.name;
  const bl = b.localName ?? b.name;
  return al < bl ? -1 : al > bl ? 1 : 0;
};

class Canonicalizer {
  out = '';
  constructor(
    private readonly opts: C14nOptions,
    private readonly inclusive: ReadonlySet<string>,
  ) {}

  element(el: Element, parentRendered: Rendered, apex: boolean): void {
    let rendered = parentRendered;
    let decls: [string, string][] | null = null;
    const declare = (prefix: string, uri: string): void => {
      if ((rendered[prefix] ?? '') === uri) return;
      if (rendered === parentRendered) rendered = Object.create(parentRendered) as Rendered;
      rendered[prefix] = uri;
      if (decls === null) decls = [];
      decls.push([prefix, uri]);
    };
    // The element's own namespace is visibly utilized (the default one when it has no prefix).
    declare(el.prefix ?? '', el.namespaceURI ?? '');
    const attrs: Attr[] = [];
    const list = el.attributes;
    for (let i = 0; i < list.length; i++) {
      const a = list[i];
      if (a === undefined) continue;
      if (a.namespaceURI === NS.xmlns) {
        // A declaration: rendered only for PrefixList prefixes (inclusive c14n rules).
        const prefix = a.prefix === 'xmlns' ? (a.localName ?? '') : '';
        if (this.inclusive.has(prefix)) declare(prefix, a.value);
        continue;
      }
      attrs.push(a);
      if (a.prefix && a.prefix !== 'xml') declare(a.prefix, a.namespaceURI ?? '');
    }
    if (apex && this.inclusive.size > 0) {
      // PrefixList namespaces in scope at the apex but declared on its ancestors.
      for (const prefix of this.inclusive) {
        const uri = el.lookupNamespaceURI(prefix === '' ? null : prefix);
        if (uri !== null && uri !== '') declare(prefix, uri);
      }
    }
    let s = '<' + el.tagName;
    if (decls !== null) {
      const d = decls as [string, string][];
      if (d.length > 1) d.sort(byPrefix);
      for (const [prefix, uri] of d)
        s += prefix === '' ? ` xmlns="${escapeAttr(uri)}"` : ` xmlns:${prefix}="${escapeAttr(uri)}"`;
    }
    if (attrs.length > 1) attrs.sort(byNsThenLocal);
    for (const a of attrs) s += ` ${a.name}="${escapeAttr(a.value)}"`;
    this.out += s + '>';
    for (let c = el.firstChild; c !== null; c = c.nextSibling) this.node(c, rendered);
    this.out += `</${el.tagName}>`;
  }

  node(n: Node, rendered: Rendered): void {
    if (n === this.opts.exclude) return;
    switch (n.nodeType) {
      case 1:
        this.element(n as Element, rendered, false);
        return;
      case 3:
      case 4:
        this.out += escapeText((n as unknown as { data: string }).data);
        return;
      case 7: {
        const pi = n as unknown as { target: string; data: string };
        this.out += pi.data === '' ? `<?${pi.target}?>` : `<?${pi.target} ${pi.data}?>`;
        return;
      }
      case 8:
        if (this.opts.withComments) this.out += `<!--${(n as unknown as { data: string }).data}-->`;
        return;
      default:
        // Entity references and the like cannot occur: the parser refuses DOCTYPEs.
        throw new Error(`c14n: unexpected node type ${n.nodeType}`);
    }
  }
}

/**
 * Exclusive c14n of `apex` and its descendants, minus `opts.exclude`.
 * @example
 * excC14n(assertion, { withComments: false, inclusivePrefixes: [], exclude: signature })
 */
export const excC14n = (apex: Element, opts: C14nOptions): string => {
  const inclusive = new Set(opts.inclusivePrefixes.map((p) => (p === '#default' ? '' : p)));
  const c = new Canonicalizer(opts, inclusive);
  c.element(apex, Object.create(null) as Rendered, true);
  return c.out;
};
