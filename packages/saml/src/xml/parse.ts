/**
 * The hardened XML parser: every document the package reads (responses, decrypted assertions,
 * metadata) goes through here. Refuses markup declarations before parsing (no DOCTYPE means no
 * entity expansion, no XXE, no billion laughs), bounds depth/attributes/elements with a linear
 * pre-scan, and treats every parser warning or error as fatal, so there is no "recovered" tree
 * that differs from what the IdP signed.
 */

import type { Document } from '@xmldom/xmldom';
import { DOMParser } from '@xmldom/xmldom';
import * as E from 'fp-ts/lib/Either.js';
import { DEFAULT_XML_LIMITS, prescanXml, type XmlLimits } from './prescan.js';

export type XmlFault =
  | { readonly code: 'XML_DOCTYPE_FORBIDDEN'; readonly detail: string }
  | { readonly code: 'XML_LIMIT_EXCEEDED'; readonly detail: string }
  | { readonly code: 'XML_MALFORMED'; readonly detail: string };

// XML 1.0 `Char`: C0 controls other than tab/LF/CR, U+FFFE/U+FFFF and unpaired surrogates are not
// XML. xmldom accepts them (raw, or as `&#xD800;`), and an unpaired surrogate becomes U+FFFD when
// the canonical form is UTF-8 encoded for the digest: different DOM strings, one signed digest.
const NOT_XML_CHAR =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CHAR_REF = /&#(x[0-9A-Fa-f]+|[0-9]+);/g;

const isXmlChar = (cp: number): boolean =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);

/** True when every character, literal or referenced, is an XML 1.0 `Char`. */
const onlyXmlChars = (text: string): boolean => {
  if (NOT_XML_CHAR.test(text)) return false;
  if (!text.includes('&#')) return true;
  // Also inside comments and CDATA, where `&#…;` is literal text: refusing that is harmless.
  for (const m of text.matchAll(CHAR_REF)) {
    const ref = m[1] as string;
    const cp = ref.length > 9 ? -1 : ref[0] === 'x' ? Number.parseInt(ref.slice(1), 16) : Number(ref);
    if (!isXmlChar(cp)) return false;
  }
  return true;
};

const CR_LINE_END = /\r\n?/g;

/**
 * XML 1.0 end-of-line handling (§2.11): CR LF and a lone CR become LF, nothing else changes.
 * xmldom's default applies XML 1.1's rule, which also turns U+0085, U+2028 and U+2029 into LF;
 * an XML 1.0 signer (libxml2, .NET, Java) keeps them, so a response carrying one in a signed
 * value would canonicalise differently here and be refused. SAML is XML 1.0, and a document
 * declaring 1.1 is read by the 1.0 rule too, as libxml2 does. Most documents have no CR at all.
 */
const normalizeXml10LineEndings = (text: string): string =>
  text.includes('\r') ? text.replace(CR_LINE_END, '\n') : text;

// One parser instance: DOMParser holds only options, parseFromString keeps no state between calls.
// No locator: nothing reads a node's line or column (a parse error keeps only its level), and
// tracking them costs a RegExp scan per text run and two fields on every node.
const parser = new DOMParser({
  locator: false,
  normalizeLineEndings: normalizeXml10LineEndings,
  onError: (level: string) => {
    // Warnings too: xmldom "recovers" from some faults, and a recovered tree is a differential.
    throw new Error(level);
  },
});

/**
 * Parses `text` as one XML document. Never throws.
 * @example
 * parseXml('<a/>') // Right(Document)
 * parseXml('<!DOCTYPE a><a/>') // Left({ code: 'XML_DOCTYPE_FORBIDDEN', … })
 */
export const parseXml = (
  text: string,
  limits: XmlLimits = DEFAULT_XML_LIMITS,
): E.Either<XmlFault, Document> => {
  const fault = prescanXml(text, limits);
  if (fault !== null) {
    return E.left(
      fault.fault === 'doctype'
        ? { code: 'XML_DOCTYPE_FORBIDDEN', detail: 'markup declaration (DOCTYPE/ENTITY) present' }
        : { code: 'XML_LIMIT_EXCEEDED', detail: `${fault.limit} exceeded (${fault.value})` },
    );
  }
  if (!onlyXmlChars(text)) return E.left({ code: 'XML_MALFORMED', detail: 'character not allowed in XML' });
  let doc: Document;
  try {
    doc = parser.parseFromString(text, 'text/xml');
  } catch (e) {
    // The parser's message may quote the input: keep only its level for the details.
    const level = e instanceof Error && /Reporting (warning|error|fatalError)/.exec(e.message)?.[1];
    return E.left({ code: 'XML_MALFORMED', detail: `parser ${level || 'error'}` });
  }
  // Defence in depth: the pre-scan already refused these.
  if (doc.doctype !== null) return E.left({ code: 'XML_DOCTYPE_FORBIDDEN', detail: 'DOCTYPE present' });
  if (doc.documentElement === null) return E.left({ code: 'XML_MALFORMED', detail: 'no root element' });
  return E.right(doc);
};
