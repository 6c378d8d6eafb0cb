/**
 * The browser binding's parts: reading our nonce from a Cookie header (exactly once, well formed),
 * minting and hashing nonces, and the ACS check, which refuses a bound request unless the cookie
 * holds its nonce, passes unbound and IdP-initiated ones, and never throws on any header.
 */
import { createHash } from 'node:crypto';
import type { OutstandingRequest } from '@saml-jit/core';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { bindingOf, checkBrowser, LOGIN_COOKIE, mintNonce, nonceFrom } from '../src/browser-binding.js';

const NONCE = mintNonce();
const OTHER = mintNonce();
const request = (browserBinding: string | null): OutstandingRequest => ({
  id: '_r1',
  connection: 'okta',
  issuedAt: new Date('2026-01-15T10:00:00Z'),
  expiresAt: new Date('2026-01-15T10:10:00Z'),
  relayState: null,
  browserBinding,
});
const codeOf = (r: ReturnType<typeof checkBrowser>) => (E.isLeft(r) ? r.left.code : 'passed');
const cookieDetail = (r: ReturnType<typeof checkBrowser>) => (E.isLeft(r) ? r.left.details?.cookie : null);

describe('nonceFrom', () => {
  it('reads our cookie among others, with or without spaces', () => {
    expect(nonceFrom(`${LOGIN_COOKIE}=${NONCE}`)).toEqual(E.right(NONCE));
    expect(nonceFrom(`a=1; ${LOGIN_COOKIE}=${NONCE}; b=2`)).toEqual(E.right(NONCE));
    expect(nonceFrom(`a=1;${LOGIN_COOKIE} = ${NONCE} ;b=2`)).toEqual(E.right(NONCE));
  });

  it('is missing without our cookie, and malformed when repeated or not a nonce we could mint', () => {
    for (const header of [null, undefined, '', 'a=1', `x${LOGIN_COOKIE}=${NONCE}`, LOGIN_COOKIE])
      expect(nonceFrom(header), String(header)).toEqual(E.left('missing'));
    for (const value of ['', 'short', `"${NONCE}"`, `${NONCE}x`, `${NONCE.slice(1)}=`, `${NONCE.slice(1)}+`])
      expect(nonceFrom(`${LOGIN_COOKIE}=${value}`), value).toEqual(E.left('malformed'));
    expect(nonceFrom(`${LOGIN_COOKIE}=${NONCE}; ${LOGIN_COOKIE}=${NONCE}`)).toEqual(E.left('malformed'));
  });
});

describe('mintNonce and bindingOf', () => {
  it('mints 256-bit base64url nonces, each new', () => {
    const nonces = new Set(Array.from({ length: 100 }, mintNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(nonceFrom(`${LOGIN_COOKIE}=${n}`)).toEqual(E.right(n));
  });

  it('keeps the SHA-256 of the nonce, base64url', () => {
    expect(bindingOf(NONCE)).toBe(createHash('sha256').update(NONCE).digest('base64url'));
    expect(bindingOf(NONCE)).not.toContain(NONCE);
  });
});

describe('checkBrowser', () => {
  it('passes an IdP-initiated response and a request saved unbound, cookie or not', () => {
    expect(codeOf(checkBrowser(null, null))).toBe('passed');
    expect(codeOf(checkBrowser(request(null), null))).toBe('passed');
    expect(codeOf(checkBrowser(request(null), `${LOGIN_COOKIE}=${OTHER}`))).toBe('passed');
  });

  it('passes a bound request only from the browser whose cookie holds its nonce', () => {
    const bound = request(bindingOf(NONCE));
    expect(codeOf(checkBrowser(bound, `${LOGIN_COOKIE}=${NONCE}`))).toBe('passed');
    const missing = checkBrowser(bound, 'a=1');
    expect(codeOf(missing)).toBe('REQUEST_BROWSER_MISMATCH');
    expect(cookieDetail(missing)).toBe('missing');
    expect(cookieDetail(checkBrowser(bound, `${LOGIN_COOKIE}=nope`))).toBe('malformed');
    const other = checkBrowser(bound, `${LOGIN_COOKIE}=${OTHER}`);
    expect(other).toMatchObject({
      left: { kind: 'validation', code: 'REQUEST_BROWSER_MISMATCH', reason: 'Subject Confirmation Error' },
    });
    expect(cookieDetail(other)).toBe('mismatch');
    expect(JSON.stringify(other)).not.toContain(OTHER);
  });

  it('refuses, never throws, when the stored binding is not a SHA-256 (a corrupted row)', () => {
    for (const binding of ['', 'short', '!!!', bindingOf(NONCE).repeat(2)])
      expect(codeOf(checkBrowser(request(binding), `${LOGIN_COOKIE}=${NONCE}`)), binding).toBe(
        'REQUEST_BROWSER_MISMATCH',
      );
  });

  it('property: any Cookie header is answered, never thrown at, and passes only with the nonce', () => {
    const bound = request(bindingOf(NONCE));
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (header) => {
        const r = checkBrowser(bound, header);
        if (E.isRight(r)) expect(nonceFrom(header)).toEqual(E.right(NONCE));
      }),
      { numRuns: 500 },
    );
  });
});
