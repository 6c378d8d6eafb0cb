/**
 * Security review: characters that are not XML. @xmldom/xmldom accepts character references to
 * surrogate code points (`&#xD800;`) and raw C0 controls, which XML 1.0 forbids. A lone surrogate
 * is encoded as U+FFFD when the canonical form is hashed, so `&#xDE00;&#xD83D;` and a signed
 * `��` share one digest: the signature verifies while the consumed identity is a different
 * string from the one the IdP signed. Such documents are refused before any check reads them.
 */
import { describe, expect, it } from 'vitest';
import { accepted, codeOf, idp, NOW, validate } from './support/world.js';

const signedWithReplacementChars = idp.response({
  now: NOW,
  sign: 'assertion',
  nameId: 'ab\uFFFD\uFFFD@example.test',
});
const asCharRefs = (refs: string): string =>
  signedWithReplacementChars.replace('ab\uFFFD\uFFFD@', `ab${refs}@`);

describe('characters outside XML 1.0 (review)', () => {
  it('lone-surrogate character references aliasing U+FFFD under the digest → XML_MALFORMED', async () => {
    expect(codeOf(await validate(asCharRefs('&#xDE00;&#xD83D;')))).toBe('XML_MALFORMED');
    expect(codeOf(await validate(asCharRefs('&#xD800;&#55296;')))).toBe('XML_MALFORMED');
  });
  it('raw lone surrogates in a string input aliasing U+FFFD → XML_MALFORMED', async () => {
    expect(codeOf(await validate(asCharRefs('\uDE00\uD83D')))).toBe('XML_MALFORMED');
  });
  it('C0 control characters, raw or referenced, and U+FFFE/U+FFFF → XML_MALFORMED', async () => {
    const signed = idp.response({ now: NOW, sign: 'assertion', nameId: 'a\u0001b@example.test' });
    expect(codeOf(await validate(signed))).toBe('XML_MALFORMED');
    const plain = idp.response({ now: NOW, sign: 'assertion', nameId: 'ab@example.test' });
    for (const ref of ['&#0;', '&#x1F;', '&#xFFFE;', '&#x110000;', '&#99999999999;'])
      expect(codeOf(await validate(plain.replace('ab@', `a${ref}b@`)))).toBe('XML_MALFORMED');
  });
  it('legal character references still work: the referenced U+FFFD, an astral pair, tab/CR/LF', async () => {
    // The same DOM as the signed document: accepted with the signed value.
    const ok = accepted(await validate(asCharRefs('&#xFFFD;&#65533;')));
    expect(ok.assertion.nameId?.value).toBe('ab\uFFFD\uFFFD@example.test');
    const astral = idp.response({ now: NOW, sign: 'assertion', nameId: 'a\u{1F600}b@example.test' });
    expect(
      accepted(await validate(astral.replace('a\u{1F600}b', 'a&#x1F600;b'))).assertion.nameId?.value,
    ).toBe('a\u{1F600}b@example.test');
    const pretty = idp.response({ now: NOW, sign: 'assertion', pretty: true });
    expect(pretty).toContain('<saml:Subject>\n');
    expect(codeOf(await validate(pretty.replace('<saml:Subject>\n', '<saml:Subject>&#10;')))).toBe(
      'ACCEPTED',
    );
  });
});
