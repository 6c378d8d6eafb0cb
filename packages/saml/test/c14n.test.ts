/**
 * Exclusive c14n: known answers from the W3C recommendation's rules, and a differential property
 * against xml-crypto's ExclusiveCanonicalization on random documents (within the shapes where
 * xml-crypto follows the spec: no default-namespace undeclaration).
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExclusiveCanonicalization, ExclusiveCanonicalizationWithComments } from 'xml-crypto';
import { excC14n } from '../src/xml/c14n.js';

const parse = (xml: string): Element =>
  new DOMParser().parseFromString(xml, 'text/xml').documentElement as Element;
const byLocal = (root: Element, local: string): Element => {
  const el = Array.from(root.getElementsByTagName('*')).find((e) => e.localName === local);
  if (el === undefined) throw new Error(local);
  return el;
};
const c14n = (el: Element, inclusivePrefixes: string[] = [], withComments = false): string =>
  excC14n(el, { withComments, inclusivePrefixes, exclude: null });

describe('exclusive c14n: known answers', () => {
  it('renders only visibly used namespaces, once (W3C exc-c14n example)', () => {
    const root = parse(
      '<n0:local xmlns:n0="foo:bar" xmlns:n3="ftp://example.org"><n1:elem2 xmlns:n1="http://example.net" xml:lang="en"><n3:stuff xmlns:n3="ftp://example.org"/></n1:elem2></n0:local>',
    );
    expect(c14n(byLocal(root, 'elem2'))).toBe(
      '<n1:elem2 xmlns:n1="http://example.net" xml:lang="en"><n3:stuff xmlns:n3="ftp://example.org"></n3:stuff></n1:elem2>',
    );
  });
  it('sorts namespaces by prefix and attributes by namespace URI then local name', () => {
    const root = parse('<e xmlns:b="urn:b" xmlns:a="urn:a" b:x="1" a:y="2" z="3"/>');
    expect(c14n(root)).toBe('<e xmlns:a="urn:a" xmlns:b="urn:b" z="3" a:y="2" b:x="1"></e>');
  });
  it('undeclares the default namespace only when an output ancestor declared one', () => {
    const root = parse('<a xmlns="urn:x"><b xmlns=""><c/></b></a>');
    expect(c14n(root)).toBe('<a xmlns="urn:x"><b xmlns=""><c></c></b></a>');
    expect(c14n(byLocal(root, 'b'))).toBe('<b><c></c></b>');
  });
  it('escapes text and attribute values as the spec says', () => {
    const root = parse('<a t="&quot;&#x9;&#xA;&#xD;&lt;&amp;>">x &gt; y &amp; &lt;z&#xD;</a>');
    expect(c14n(root)).toBe('<a t="&quot;&#x9;&#xA;&#xD;&lt;&amp;>">x &gt; y &amp; &lt;z&#xD;</a>');
  });
  it('renders CDATA as text, drops comments unless WithComments, keeps processing instructions', () => {
    const root = parse('<a><![CDATA[<b>]]><!--c--><?pi data?></a>');
    expect(c14n(root)).toBe('<a>&lt;b&gt;<?pi data?></a>');
    expect(c14n(root, [], true)).toBe('<a>&lt;b&gt;<!--c--><?pi data?></a>');
  });
  it('InclusiveNamespaces PrefixList brings in ancestor declarations', () => {
    const root = parse('<r xmlns:xs="urn:xs" xmlns:u="urn:u"><a><b xmlns:xs="urn:xs"/></a></r>');
    expect(c14n(byLocal(root, 'a'), ['xs'])).toBe('<a xmlns:xs="urn:xs"><b></b></a>');
    expect(c14n(byLocal(root, 'a'))).toBe('<a><b></b></a>');
  });
  it('leaves out the excluded node (the enveloped Signature) without touching the DOM', () => {
    const root = parse('<a ID="x"><s:Signature xmlns:s="urn:s"><s:v/></s:Signature><b/></a>');
    const sig = byLocal(root, 'Signature');
    expect(excC14n(root, { withComments: false, inclusivePrefixes: [], exclude: sig })).toBe(
      '<a ID="x"><b></b></a>',
    );
    expect(sig.parentNode).toBe(root);
  });
});

// --- differential property against xml-crypto

const PREFIXES = ['p', 'q', 'r'] as const;
const NSS = ['urn:ns:aa', 'urn:ns:bb', 'urn:ns:cc'] as const;
const text = fc
  .stringMatching(/^[a-z &<>"'\t\n]{1,8}$/)
  .map((s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
const attrValue = fc
  .stringMatching(/^[a-z &<"\t\n]{0,6}$/)
  .map((s) =>
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/"/g, '&quot;')
      .replace(/\t/g, '&#x9;')
      .replace(/\n/g, '&#xA;'),
  );

interface Node {
  readonly prefix: number | null;
  readonly declare: readonly number[];
  readonly attrs: readonly {
    readonly name: string;
    readonly prefix: number | null;
    readonly value: string;
  }[];
  readonly children: readonly (Node | string)[];
  readonly comment: boolean;
}

const node: fc.Memo<Node> = fc.memo((depth) =>
  fc.record({
    prefix: fc.option(fc.nat({ max: 2 })),
    declare: fc.uniqueArray(fc.nat({ max: 2 }), { maxLength: 3 }),
    attrs: fc.uniqueArray(
      fc.record({
        name: fc.constantFrom('a', 'b', 'c', 'id'),
        prefix: fc.option(fc.nat({ max: 2 })),
        value: attrValue,
      }),
      { maxLength: 3, selector: (a) => `${a.prefix}:${a.name}` },
    ),
    children:
      depth <= 1
        ? fc.array(text, { maxLength: 2 })
        : fc.array(fc.oneof(node(depth - 1), text), { maxLength: 3 }),
    comment: fc.boolean(),
  }),
);

/** Serialises with every prefix it uses declared on the element itself or the root. */
const render = (n: Node, isRoot: boolean): string => {
  const decl = new Set(n.declare);
  if (isRoot) for (let i = 0; i < 3; i++) decl.add(i);
  const name = n.prefix === null ? 'e' : `${PREFIXES[n.prefix]}:e`;
  const ds = [...decl].map((i) => ` xmlns:${PREFIXES[i]}="${NSS[i]}"`).join('');
  const as = n.attrs
    .map((a) => ` ${a.prefix === null ? '' : `${PREFIXES[a.prefix]}:`}${a.name}="${a.value}"`)
    .join('');
  const body = n.children.map((c) => (typeof c === 'string' ? c : render(c, false))).join('');
  return `<${name}${ds}${as}>${n.comment ? '<!--note-->' : ''}${body}</${name}>`;
};

describe('exclusive c14n: differential against xml-crypto', () => {
  it('agrees with xml-crypto on random documents, for the root and for a nested apex', () => {
    fc.assert(
      fc.property(node(4), fc.boolean(), (tree, withComments) => {
        const root = parse(
          `<w xmlns:p="${NSS[0]}" xmlns:q="${NSS[1]}" xmlns:r="${NSS[2]}">${render(tree, true)}</w>`,
        );
        const apexes = [root, ...Array.from(root.getElementsByTagName('*'))];
        for (const apex of apexes) {
          const theirs = (
            withComments ? new ExclusiveCanonicalizationWithComments() : new ExclusiveCanonicalization()
          ).process(apex as never, {});
          expect(excC14n(apex, { withComments, inclusivePrefixes: [], exclude: null })).toBe(String(theirs));
        }
      }),
      { numRuns: 150 },
    );
  });
});
