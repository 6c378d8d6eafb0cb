/**
 * What every service-provider call answers: a status, headers and a body that an adapter writes
 * as they are. Each reply carries the security headers itself, so every framework sends the same
 * ones: no caching (a login response is single-use and personal), no MIME sniffing, no referrer
 * (error redirects carry details in the query), and for pages a CSP that allows no script at all.
 */

/** One header; a name may repeat (several `Set-Cookie`). */
export type Header = readonly [name: string, value: string];

export interface HttpReply {
  readonly status: number;
  readonly headers: readonly Header[];
  /** The body text, or null for none (redirects). */
  readonly body: string | null;
}

export const BASE_HEADERS: readonly Header[] = [
  ['Cache-Control', 'no-store'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
];

const PAGE_HEADERS: readonly Header[] = [
  ['Content-Type', 'text/html; charset=utf-8'],
  ['Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"],
  ['X-Frame-Options', 'DENY'],
];

/** An HTML reply with the page headers and any extra ones. */
export const htmlReply = (status: number, html: string, extra: readonly Header[] = []): HttpReply => ({
  status,
  headers: [...BASE_HEADERS, ...PAGE_HEADERS, ...extra],
  body: html,
});

/** A redirect with no body. */
export const redirectReply = (status: 302 | 303, location: string, extra: readonly Header[] = []) => ({
  status,
  headers: [...BASE_HEADERS, ['Location', location] as Header, ...extra],
  body: null,
});

/** A document of the given media type (SP metadata). */
export const documentReply = (contentType: string, body: string): HttpReply => ({
  status: 200,
  headers: [...BASE_HEADERS, ['Content-Type', contentType]],
  body,
});
