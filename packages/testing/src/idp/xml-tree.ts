/**
 * A minimal XML element tree and its serializer, compact or indented.
 *
 * Building from a tree (not string templates) keeps escaping in one place and makes the
 * pretty/compact choice a serialization detail. Text-only elements stay on one line when
 * indented, so indentation never changes a NameID or an attribute value.
 */

/** An element: a qualified name, ordered attributes, and children (elements or text). */
export interface XmlElement {
  readonly name: string;
  readonly attrs: readonly (readonly [string, string])[];
  readonly children: readonly XmlChild[];
}
export type XmlChild = XmlElement | string;

/** Builds an element, dropping attributes whose value is `undefined` (absent, not empty). */
export const el = (
  name: string,
  attrs: Readonly<Record<string, string | undefined>> = {},
  children: readonly XmlChild[] = [],
): XmlElement => ({
  name,
  attrs: Object.entries(attrs).flatMap(([k, v]) => (v === undefined ? [] : [[k, v] as const])),
  children,
});

/** Escapes text content the way @xmldom/xmldom serializes it, so a parse/serialize round trip is stable. */
export const escapeText = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Escapes an attribute value (double-quoted). */
export const escapeAttr = (s: string): string =>
  escapeText(s)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');

/**
 * Serializes a tree. With `indent` (e.g. `'  '`) elements that hold other elements put each
 * child on its own line; text-only elements are written inline.
 */
export const serialize = (node: XmlElement, indent = '', depth = 0): string => {
  const attrs = node.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
  if (node.children.length === 0) return `<${node.name}${attrs}/>`;
  const open = `<${node.name}${attrs}>`;
  const close = `</${node.name}>`;
  const hasElements = node.children.some((c) => typeof c !== 'string');
  if (indent === '' || !hasElements) {
    return `${open}${node.children.map((c) => (typeof c === 'string' ? escapeText(c) : serialize(c, indent, depth + 1))).join('')}${close}`;
  }
  const pad = `\n${indent.repeat(depth + 1)}`;
  const body = node.children
    .map((c) => pad + (typeof c === 'string' ? escapeText(c) : serialize(c, indent, depth + 1)))
    .join('');
  return `${open}${body}\n${indent.repeat(depth)}${close}`;
};
