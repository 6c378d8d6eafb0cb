/**
 * Dangerous XML and hostile input (saml-security.md root cause 8): DOCTYPE/XXE, billion laughs,
 * oversize, deep nesting, attribute floods, malformed or foreign documents, deflated POSTs.
 * Each is refused with its code, quickly, and before anything is parsed where that is possible.
 */
import { deflateRawSync } from 'node:zlib';
import { parseXml, serializeXml } from '@saml-jit/testing';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { codeOf, first, idp, NOW, NS, validate } from './support/world.js';

const signed = idp.response({ now: NOW, sign: 'assertion' });
const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

describe('DOCTYPE and entities', () => {
  it('XXE: external entity in a DOCTYPE → XML_DOCTYPE_FORBIDDEN', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${signed.replace(/^<\?xml[^>]*>/, '')}`;
    expect(codeOf(await validate(xml))).toBe('XML_DOCTYPE_FORBIDDEN');
  });
  it('billion laughs → XML_DOCTYPE_FORBIDDEN, without expanding anything', async () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const xml = `<!DOCTYPE r [<!ENTITY l0 "lol">${lol}]><r>&l9;</r>`;
    const t0 = performance.now();
    expect(codeOf(await validate(xml))).toBe('XML_DOCTYPE_FORBIDDEN');
    expect(performance.now() - t0).toBeLessThan(100);
  });
  it('DOCTYPE inside base64 → XML_DOCTYPE_FORBIDDEN', async () => {
    expect(codeOf(await validate(b64(`<!DOCTYPE samlp:Response>${signed}`)))).toBe('XML_DOCTYPE_FORBIDDEN');
  });
  it('undeclared entity reference → XML_MALFORMED', async () => {
    expect(codeOf(await validate(signed.replace('alice@example.test', 'alice&evil;')))).toBe('XML_MALFORMED');
  });
});

describe('size and shape limits', () => {
  it('oversize input → INPUT_TOO_LARGE, refused before decoding (10 MB in well under a millisecond per MB)', async () => {
    const huge = 'A'.repeat(10 * 1024 * 1024);
    const t0 = performance.now();
    expect(codeOf(await validate(huge))).toBe('INPUT_TOO_LARGE');
    expect(performance.now() - t0).toBeLessThan(20);
  });
  it('oversize raw XML over a custom maxBytes → INPUT_TOO_LARGE', async () => {
    expect(codeOf(await validate(signed, { maxBytes: 1000 }))).toBe('INPUT_TOO_LARGE');
  });
  it('base64 longer than maxBytes as received → INPUT_TOO_LARGE, though its XML would fit', async () => {
    const encoded = b64(signed);
    expect(encoded.length).toBeGreaterThan(signed.length);
    expect(codeOf(await validate(encoded, { maxBytes: signed.length + 10 }))).toBe('INPUT_TOO_LARGE');
    expect(codeOf(await validate(encoded, { maxBytes: encoded.length }))).not.toBe('INPUT_TOO_LARGE');
  });
  it('an input just over maxBytes is refused on its length as received, not after decoding it', async () => {
    const limit = 1_048_576;
    const justOver = b64(`<!--${'x'.repeat(limit)}-->${signed}`).slice(0, limit + 1);
    const outcome = await validate(justOver);
    expect(codeOf(outcome)).toBe('INPUT_TOO_LARGE');
    // The size reported is the received length: nothing was decoded to learn a decoded size.
    expect(E.isLeft(outcome) && outcome.left.error.details).toEqual({ size: limit + 1, limit });
  });
  it('deep nesting → XML_LIMIT_EXCEEDED, before the DOM parser runs', async () => {
    const deep = `${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`;
    const t0 = performance.now();
    expect(codeOf(await validate(deep))).toBe('XML_LIMIT_EXCEEDED');
    expect(performance.now() - t0).toBeLessThan(200);
  });
  it('attribute flood on one element → XML_LIMIT_EXCEEDED', async () => {
    const attrs = Array.from({ length: 5000 }, (_, i) => `a${i}="1"`).join(' ');
    expect(codeOf(await validate(`<r ${attrs}/>`))).toBe('XML_LIMIT_EXCEEDED');
  });
  it('element flood → XML_LIMIT_EXCEEDED', async () => {
    expect(codeOf(await validate(`<r>${'<e/>'.repeat(50_000)}</r>`))).toBe('XML_LIMIT_EXCEEDED');
  });
});

describe('malformed and foreign input', () => {
  it('two root elements → XML_MALFORMED', async () => {
    expect(codeOf(await validate(`${signed}<x/>`))).toBe('XML_MALFORMED');
  });
  it('truncated document → XML_MALFORMED', async () => {
    expect(codeOf(await validate(signed.slice(0, signed.length / 2)))).toBe('XML_MALFORMED');
  });
  it('bare Assertion instead of a Response → XML_ROOT_INVALID', async () => {
    const assertion = serializeXml(first(parseXml(signed), NS.saml, 'Assertion'));
    expect(codeOf(await validate(assertion))).toBe('XML_ROOT_INVALID');
  });
  it('Response in no namespace (prefixes stripped) → XML_ROOT_INVALID', async () => {
    expect(codeOf(await validate('<Response Version="2.0" ID="_r"/>'))).toBe('XML_ROOT_INVALID');
  });
  it('SAML 1.1 / wrong Version → XML_ROOT_INVALID', async () => {
    expect(codeOf(await validate(signed.replace('Version="2.0"', 'Version="1.1"')))).toBe('XML_ROOT_INVALID');
  });
  it('raw DEFLATE (Redirect-binding encoding) posted as SAMLResponse → INPUT_ENCODING_INVALID', async () => {
    const deflated = deflateRawSync(Buffer.from(signed)).toString('base64');
    expect(codeOf(await validate(deflated))).toBe('INPUT_ENCODING_INVALID');
  });
  it('neither XML nor base64 → INPUT_ENCODING_INVALID', async () => {
    expect(codeOf(await validate('not a saml response!'))).toBe('INPUT_ENCODING_INVALID');
  });
  it('invalid UTF-8 bytes → INPUT_ENCODING_INVALID', async () => {
    const bytes = Buffer.concat([Buffer.from('<r>'), Buffer.from([0xc3, 0x28]), Buffer.from('</r>')]);
    expect(codeOf(await validate(bytes))).toBe('INPUT_ENCODING_INVALID');
  });
  it('empty input → INPUT_ENCODING_INVALID', async () => {
    expect(codeOf(await validate(''))).toBe('INPUT_ENCODING_INVALID');
  });
});
