/**
 * Login CSRF defence: an SP-initiated login is bound to the browser that started it. The login
 * start keeps (or mints) a random nonce in a cookie and saves its SHA-256 with the outstanding
 * request; the ACS refuses a response to a bound request unless the POST carries that nonce. An
 * attacker who starts a login in their own browser cannot make a victim's browser send their
 * nonce, so their response, posted from the victim's browser, signs no one in.
 *
 * The cookie is `__Host-` (Secure, Path=/, no Domain: a sibling subdomain cannot set or replace
 * it), HttpOnly, and `SameSite=None`, because the IdP's POST to the ACS is a cross-site request
 * and a Lax or Strict cookie would not be sent with it. Only its hash is stored, so a reader of
 * the request store cannot forge it.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { type OutstandingRequest, type ValidationFailure, validationFailure } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import type { Header } from './reply.js';

/** Whether SP-initiated logins are bound to the browser that started them. */
export type BrowserBindingMode = 'required' | 'off';

/** The name of the cookie that holds the browser's login nonce. */
export const LOGIN_COOKIE = '__Host-saml-jit-login';

/** 32 random bytes in base64url: the only shape of nonce we mint, and the only one we read. */
const NONCE = /^[A-Za-z0-9_-]{43}$/;

type Unusable = 'missing' | 'malformed';

/**
 * The nonce of a `Cookie` header: our cookie, present exactly once, with a value we could have
 * minted. A repeated cookie is ambiguous (a `__Host-` cookie cannot legitimately repeat): none.
 */
export const nonceFrom = (cookieHeader: string | null | undefined): E.Either<Unusable, string> => {
  const values: string[] = [];
  for (const pair of (cookieHeader ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at !== -1 && pair.slice(0, at).trim() === LOGIN_COOKIE) values.push(pair.slice(at + 1).trim());
  }
  if (values.length === 0) return E.left('missing');
  const [value] = values;
  return values.length === 1 && value !== undefined && NONCE.test(value)
    ? E.right(value)
    : E.left('malformed');
};

/** A fresh nonce: 256 bits from the platform's cryptographic random source. */
export const mintNonce = (): string => randomBytes(32).toString('base64url');

/** What the request store keeps of a nonce: its SHA-256, base64url. */
export const bindingOf = (nonce: string): string => createHash('sha256').update(nonce).digest('base64url');

/** The `Set-Cookie` of the login start: the nonce, for as long as a login may take at the IdP. */
export const loginCookie = (nonce: string, maxAgeSeconds: number): Header => [
  'Set-Cookie',
  `${LOGIN_COOKIE}=${nonce}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; Secure; SameSite=None`,
];

const sameBinding = (nonce: string, binding: string): boolean => {
  const got = createHash('sha256').update(nonce).digest();
  const want = Buffer.from(binding, 'base64url');
  return got.length === want.length && timingSafeEqual(got, want);
};

/**
 * The browser check of the ACS: a request saved with a binding is answered only from a browser
 * whose cookie holds the nonce it was bound to. An IdP-initiated response (no request) and a
 * request saved unbound pass: the request carries its own rule, whichever instance started it.
 */
export const checkBrowser = (
  request: OutstandingRequest | null,
  cookieHeader: string | null | undefined,
): E.Either<ValidationFailure, void> => {
  if (request === null || request.browserBinding === null) return E.right(undefined);
  const nonce = nonceFrom(cookieHeader);
  const found = E.isRight(nonce) && sameBinding(nonce.right, request.browserBinding);
  if (found) return E.right(undefined);
  return E.left(
    validationFailure(
      'REQUEST_BROWSER_MISMATCH',
      'The response answers a login started in another browser (the login cookie does not match).',
      { requestId: request.id, cookie: E.isLeft(nonce) ? nonce.left : 'mismatch' },
    ),
  );
};
