/**
 * XML text and attribute escaping for the documents the service provider writes (SP metadata,
 * AuthnRequest). Every value from configuration goes through `escapeXml`, so an entity ID such as
 * `https://sp.test/?a=1&b="2"` cannot break out of its attribute.
 */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#x9;',
  '\n': '&#xA;',
  '\r': '&#xD;',
  '\u0085': '&#x85;',
  '\u2028': '&#x2028;',
  '\u2029': '&#x2029;',
};

/**
 * Escapes text for use in an XML attribute value or text node. Whitespace and line-break characters
 * (including NEL and LINE SEPARATOR, which XML 1.1 parsers treat as line ends, and PARAGRAPH
 * SEPARATOR, which @xmldom/xmldom 0.9 does too) are written as character references, so
 * end-of-line handling and attribute-value normalisation cannot change them.
 * @example
 * escapeXml('a&b"c') // 'a&amp;b&quot;c'
 */
export const escapeXml = (value: string): string =>
  value.replace(/[&<>"'\t\n\r\u0085\u2028\u2029]/g, (c) => ENTITIES[c] ?? c);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `value` holds only characters XML 1.0 allows (a configuration value we put in a document). */
export const isXmlSafe = (value: string): boolean =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters
  !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(value) && !LONE_SURROGATE.test(value);

/** `2026-01-02T03:04:05Z`: xs:dateTime in UTC with second precision, as most IdPs expect. */
export const samlInstant = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, 'Z');
