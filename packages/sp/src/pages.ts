/**
 * The two pages the service provider renders itself: the short failure page of a refused login
 * (the Login History reason and the stable code, nothing else: no XML, no message, no stack) and
 * the built-in JIT error page that `/saml/error` shows with Salesforce's `ErrorCode`,
 * `ErrorDescription` and `ErrorDetails`. Every value is HTML-escaped; the query values of the
 * error page come from the URL, so they are also cut to a sane length.
 */
import type { ErrorCode, LoginHistoryReason } from '@saml-jit/core';

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and quoted attributes. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] ?? c);

const page = (title: string, body: string): string =>
  `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
  `<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}` +
  `dt{font-weight:600}code{font-size:.95em}</style></head>\n<body><h1>${escapeHtml(title)}</h1>\n${body}</body></html>\n`;

/**
 * The page of a login refused with `code`.
 * @example
 * failurePage('Signature Invalid', 'SIGNATURE_INVALID')
 */
export const failurePage = (reason: LoginHistoryReason, code: ErrorCode): string =>
  page(
    'Single sign-on failed',
    `<p>${escapeHtml(reason)}</p>\n<p>Error code: <code>${escapeHtml(code)}</code></p>\n`,
  );

/** Longest query value the JIT error page shows. */
const MAX_SHOWN = 512;

const cut = (s: string | null): string =>
  s === null ? '' : s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s;

/**
 * The built-in JIT error page, from the redirect's query.
 * @example
 * jitErrorPage(new URLSearchParams('ErrorCode=16&ErrorDescription=Unable+to+map…&ErrorDetails=PROFILE_NAME_LOOKUP_ERROR'))
 */
export const jitErrorPage = (query: URLSearchParams): string =>
  page(
    'Your account could not be set up',
    `<dl>\n<dt>ErrorCode</dt><dd><code>${escapeHtml(cut(query.get('ErrorCode')))}</code></dd>\n` +
      `<dt>ErrorDescription</dt><dd>${escapeHtml(cut(query.get('ErrorDescription')))}</dd>\n` +
      `<dt>ErrorDetails</dt><dd><code>${escapeHtml(cut(query.get('ErrorDetails')))}</code></dd>\n</dl>\n`,
  );
