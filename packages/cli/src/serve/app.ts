/**
 * `serve`'s HTTP routes, on Hono: the four SAML routes of `@saml-jit/http-hono` (ACS, metadata,
 * login start, the JIT error page) plus `GET /me` (the signed-in user's User record as JSON, or
 * 401) and `GET /` (the same user as a page, with login buttons). A store that fails while reading
 * the session answers 503 with `Retry-After` when a retry can help; an exception anywhere answers
 * the service provider's own 503 page. Nothing here answers 500.
 */
import { configFailure, type Session, type SObjectRecord, type StoreFailure } from '@saml-jit/core';
import { samlApp } from '@saml-jit/http-hono';
import { type HttpReply, type ServiceProvider, statusResult } from '@saml-jit/sp';
import * as E from 'fp-ts/lib/Either.js';
import * as O from 'fp-ts/lib/Option.js';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { type HomeLink, homePage } from './home-page.js';
import { sessionIdFrom } from './session-cookie.js';

export interface ServeAppOptions {
  readonly sp: ServiceProvider;
  /** The heading of the home page. */
  readonly title: string;
  /** `Retry-After` seconds of a 503 the service may recover from. */
  readonly retryAfterSeconds: number;
  /** Links shown on the home page. */
  readonly links?: readonly HomeLink[];
}

/** Personal data, never cached, never sniffed. */
const PRIVATE_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

const PAGE_HEADERS = {
  ...PRIVATE_HEADERS,
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
} as const;

const toResponse = (r: HttpReply): Response => {
  const headers = new Headers();
  for (const [name, value] of r.headers) headers.append(name, value);
  return new Response(r.body, { status: r.status, headers });
};

/** The service provider's 503 page for a defect: the cause's type is logged, never shown. */
export const internalErrorResponse = (cause: unknown, retryAfterSeconds: number): Response =>
  toResponse(
    statusResult(
      configFailure('SP_INTERNAL_ERROR', 'The service failed unexpectedly.', {
        cause: cause instanceof Error ? cause.name : typeof cause,
      }),
      retryAfterSeconds,
    ),
  );

type SessionLookup = E.Either<
  StoreFailure,
  O.Option<{ readonly session: Session; readonly user: SObjectRecord }>
>;

const lookup = async (sp: ServiceProvider, c: Context): Promise<SessionLookup> => {
  const id = sessionIdFrom(c.req.header('cookie'));
  return id === null ? E.right(O.none) : sp.sessionUser(id)();
};

/**
 * The whole `serve` application.
 * @example
 * import { serve } from '@hono/node-server';
 * serve({ fetch: serveApp({ sp, title: 'saml-jit serve', retryAfterSeconds: 5 }).fetch, port: 3000 });
 */
export const serveApp = (opts: ServeAppOptions): Hono => {
  const { sp } = opts;
  const app = new Hono();
  app.route('/', samlApp(sp));
  app.get('/me', async (c) => {
    const found = await lookup(sp, c);
    if (E.isLeft(found)) {
      const reply = statusResult(found.left, opts.retryAfterSeconds);
      const retry = reply.headers.filter(([n]) => n === 'Retry-After');
      return c.json({ error: { code: reply.code, reason: reply.reason } }, 503, {
        ...PRIVATE_HEADERS,
        ...Object.fromEntries(retry),
      });
    }
    if (O.isNone(found.right)) return c.json({ error: { code: 'NOT_SIGNED_IN' } }, 401, PRIVATE_HEADERS);
    return c.json(found.right.value.user, 200, PRIVATE_HEADERS);
  });
  app.get('/', async (c) => {
    const found = await lookup(sp, c);
    if (E.isLeft(found)) return toResponse(statusResult(found.left, opts.retryAfterSeconds));
    const user = O.isSome(found.right) ? found.right.value.user : null;
    return c.body(
      homePage({ title: opts.title, user, connections: sp.connections, links: opts.links ?? [] }),
      200,
      PAGE_HEADERS,
    );
  });
  app.notFound((c) => c.text('Not found', 404, PRIVATE_HEADERS));
  app.onError((cause) => internalErrorResponse(cause, opts.retryAfterSeconds));
  return app;
};
