/**
 * A linear lexical pre-scan of XML text, run before the DOM parser. @xmldom/xmldom costs several
 * microseconds per element and more per nesting level, so a hostile 1 MiB document of nested or
 * attribute-heavy elements could hold a CPU for seconds. This scan bounds depth, attributes per
 * element and element count in a few milliseconds, and refuses any markup declaration
 * (`<!DOCTYPE`, `<!ENTITY`, …) outside comments and CDATA.
 *
 * For well-formed XML the counts are exact (in content `<` always opens markup; in attribute
 * values `<` is forbidden and quotes delimit). For malformed text they may be off, but the parser
 * then refuses the document anyway: the scan only has to be right about what the parser accepts.
 */

export interface XmlLimits {
  /** Maximum element nesting depth (the root is depth 1). */
  readonly maxDepth: number;
  /** Maximum attributes (namespace declarations included) on one element. */
  readonly maxAttributes: number;
  /** Maximum number of elements in the document. */
  readonly maxElements: number;
}

/** Defaults: far above any real SAML Response (depth ~12, ~10 attributes, a few hundred elements). */
export const DEFAULT_XML_LIMITS: XmlLimits = { maxDepth: 64, maxAttributes: 64, maxElements: 20_000 };

export type ScanFault =
  | { readonly fault: 'doctype' }
  | { readonly fault: 'limit'; readonly limit: keyof XmlLimits; readonly value: number };

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const BANG = 33;
const QMARK = 63;
const EQ = 61;
const DQ = 34;
const SQ = 39;

/** Returns the first fault found, or null when the text is within limits. */
export const prescanXml = (text: string, limits: XmlLimits): ScanFault | null => {
  const n = text.length;
  let i = 0;
  let depth = 0;
  let elements = 0;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return null;
    const c = text.charCodeAt(lt + 1);
    if (c === SLASH) {
      depth--;
      const gt = text.indexOf('>', lt + 2);
      if (gt < 0) return null;
      i = gt + 1;
      continue;
    }
    if (c === BANG) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end < 0) return null;
        i = end + 3;
        continue;
      }
      if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end < 0) return null;
        i = end + 3;
        continue;
      }
      // <!DOCTYPE, <!ENTITY, <!ELEMENT, <!ATTLIST, <!NOTATION, or garbage: all refused.
      return { fault: 'doctype' };
    }
    if (c === QMARK) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) return null;
      i = end + 2;
      continue;
    }
    // A start tag: count attributes ('=' outside quotes) up to its closing '>'.
    elements++;
    if (elements > limits.maxElements) return { fault: 'limit', limit: 'maxElements', value: elements };
    let j = lt + 1;
    let attributes = 0;
    while (j < n) {
      const ch = text.charCodeAt(j);
      if (ch === GT) break;
      if (ch === DQ || ch === SQ) {
        const close = text.indexOf(ch === DQ ? '"' : "'", j + 1);
        if (close < 0) return null;
        j = close + 1;
        continue;
      }
      if (ch === EQ) attributes++;
      else if (ch === LT) break; // malformed; the parser will say so
      j++;
    }
    if (attributes > limits.maxAttributes)
      return { fault: 'limit', limit: 'maxAttributes', value: attributes };
    if (text.charCodeAt(j - 1) !== SLASH) {
      depth++;
      if (depth > limits.maxDepth) return { fault: 'limit', limit: 'maxDepth', value: depth };
    }
    i = j + 1;
  }
  return null;
};
