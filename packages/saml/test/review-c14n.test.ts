/**
 * Security review of the canonicalizer. A c14n that serialises differently from the signer's
 * either rejects good responses or, worse, maps two different trees to one digest. Two checks:
 * known answers computed with libxml2 (lxml 4.9, `exclusive=True`) for the InclusiveNamespaces
 * PrefixList, `xml:` attributes, CR/tab escaping, CDATA and processing instructions, where
 * xml-crypto deviates from the spec and cannot be the oracle; and a differential against
 * xml-crypto on random trees with default-namespace changes, `xml:` attributes and CR in text and
 * attributes (the shapes where xml-crypto follows the spec).
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExclusiveCanonicalization } from 'xml-crypto';
import { excC14n } from '../src/xml/c14n.js';

const parse = (xml: string): Element =>
  new DOMParser().parseFromString(xml, 'text/xml').documentElement as Element;
const nth = (root: Element, i: number): Element => {
  const el = [root, ...Array.from(root.getElementsByTagName('*'))][i];
  if (el === undefined) throw new Error(String(i));
  return el;
};

const NESTED =
  '<w xmlns:p="urn:ns:aa" xmlns:q="urn:ns:bb" xmlns="urn:ns:top"><q:e xmlns:r="urn:ns:cc" p:a="1">' +
  '<e xmlns:q="urn:ns:dd" q:b="&#13;&#9;"><r:e xmlns="">t&#13;x &gt;</r:e></e></q:e></w>';

describe('exclusive c14n: known answers from libxml2 (review)', () => {
  it('PrefixList renders in-scope ancestor declarations at the apex only, and xmlns="" only when needed', () => {
    expect(
      excC14n(nth(parse(NESTED), 1), { withComments: false, inclusivePrefixes: ['p', 'r'], exclude: null }),
    ).toBe(
      '<q:e xmlns:p="urn:ns:aa" xmlns:q="urn:ns:bb" xmlns:r="urn:ns:cc" p:a="1"><e xmlns="urn:ns:top" xmlns:q="urn:ns:dd" q:b="&#xD;&#x9;"><r:e>t&#xD;x &gt;</r:e></e></q:e>',
    );
    expect(
      excC14n(nth(parse(NESTED), 2), { withComments: false, inclusivePrefixes: ['q'], exclude: null }),
    ).toBe(
      '<e xmlns="urn:ns:top" xmlns:q="urn:ns:dd" q:b="&#xD;&#x9;"><r:e xmlns:r="urn:ns:cc">t&#xD;x &gt;</r:e></e>',
    );
    expect(
      excC14n(nth(parse(NESTED), 1), { withComments: false, inclusivePrefixes: [], exclude: null }),
    ).toBe(
      '<q:e xmlns:p="urn:ns:aa" xmlns:q="urn:ns:bb" p:a="1"><e xmlns="urn:ns:top" xmlns:q="urn:ns:dd" q:b="&#xD;&#x9;"><r:e xmlns:r="urn:ns:cc">t&#xD;x &gt;</r:e></e></q:e>',
    );
  });
  it('xml: attributes are not inherited, attributes sort by namespace URI, CDATA becomes escaped text', () => {
    const root = parse(
      '<w xmlns:p="urn:ns:aa" xmlns:q="urn:ns:bb" xml:lang="en"><p:e xml:space="preserve" b="&quot;&lt;&gt;" a="2" q:a="3"><!--c--><![CDATA[<&>]]></p:e></w>',
    );
    expect(excC14n(nth(root, 1), { withComments: true, inclusivePrefixes: ['q'], exclude: null })).toBe(
      '<p:e xmlns:p="urn:ns:aa" xmlns:q="urn:ns:bb" a="2" b="&quot;&lt;>" xml:space="preserve" q:a="3"><!--c-->&lt;&amp;&gt;</p:e>',
    );
  });
});

// --- differential against xml-crypto, wider than c14n.test.ts: default namespaces, xml:, CR
const PREFIXES = ['p', 'q', 'r'] as const;
const NSS = ['urn:ns:aa', 'urn:ns:bb', 'urn:ns:cc', 'urn:ns:dd'] as const;
const escText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
const escAttr = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');
const text = fc.stringMatching(/^[a-z &<>"'\t\n\r]{1,8}$/).map(escText);
const attrValue = fc.stringMatching(/^[a-z &<>"\t\n\r]{0,6}$/).map(escAttr);

interface Tree {
  readonly prefix: number | null; // 3: the default namespace
  readonly declare: readonly { readonly p: number; readonly u: number }[];
  readonly attrs: readonly {
    readonly name: string;
    readonly prefix: number | null;
    readonly value: string;
  }[];
  readonly children: readonly (Tree | string)[];
}
const tree: fc.Memo<Tree> = fc.memo((depth) =>
  fc.record({
    prefix: fc.option(fc.nat({ max: 3 })),
    declare: fc.uniqueArray(fc.record({ p: fc.nat({ max: 3 }), u: fc.nat({ max: 3 }) }), {
      maxLength: 3,
      selector: (d) => d.p,
    }),
    attrs: fc.uniqueArray(
      fc.record({
        name: fc.constantFrom('a', 'b', 'lang', 'space'),
        prefix: fc.option(fc.nat({ max: 3 })),
        value: attrValue,
      }),
      { maxLength: 3, selector: (a) => `${a.prefix}:${a.name}` },
    ),
    children:
      depth <= 1
        ? fc.array(text, { maxLength: 2 })
        : fc.array(fc.oneof(tree(depth - 1), text), { maxLength: 3 }),
  }),
);
const render = (n: Tree): string => {
  const name = n.prefix === null || n.prefix === 3 ? 'e' : `${PREFIXES[n.prefix]}:e`;
  const ds = n.declare
    .map((d) => (d.p === 3 ? ` xmlns="${NSS[d.u]}"` : ` xmlns:${PREFIXES[d.p]}="${NSS[d.u]}"`))
    .join('');
  // prefix 3 on an attribute stands for xml: (xml:lang, xml:space)
  const as = n.attrs
    .map(
      (a) =>
        ` ${a.prefix === null ? '' : a.prefix === 3 ? 'xml:' : `${PREFIXES[a.prefix]}:`}${a.name}="${a.value}"`,
    )
    .join('');
  return `<${name}${ds}${as}>${n.children.map((c) => (typeof c === 'string' ? c : render(c))).join('')}</${name}>`;
};

describe('exclusive c14n: wider differential against xml-crypto (review)', () => {
  it('agrees on random trees with default-namespace changes, xml: attributes and CR', () => {
    fc.assert(
      fc.property(tree(4), (t) => {
        const root = parse(
          `<w xmlns:p="${NSS[0]}" xmlns:q="${NSS[1]}" xmlns:r="${NSS[2]}" xmlns="urn:ns:top">${render(t)}</w>`,
        );
        for (const apex of [root, ...Array.from(root.getElementsByTagName('*'))]) {
          const theirs = String(new ExclusiveCanonicalization().process(apex.cloneNode(true) as never, {}));
          expect(excC14n(apex, { withComments: false, inclusivePrefixes: [], exclude: null })).toBe(theirs);
        }
      }),
      { numRuns: 200 },
    );
  });
});
