/**
 * @saml-jit/http-hono — the Hono 4 adapter: an app with the four SAML routes, each a translation
 * to `@saml-jit/sp` and back. The ACS body stream is handed over unread, so the service provider
 * applies its size bound. Serve it with `@hono/node-server` (the service provider needs Node's
 * crypto), alone or mounted with `app.route('/', samlApp(sp))`.
 */
import type { HttpReply, ServiceProvider } from '@saml-jit/sp';
import { contentLengthOf } from '@saml-jit/sp';
import { Hono } from 'hono';

const toResponse = (r: HttpReply): Response => {
  const headers = new Headers();
  for (const [name, value] of r.headers) headers.append(name, value);
  return new Response(r.body, { status: r.status, headers });
};

const queryOf = (url: string): string => new URL(url).search.slice(1);

/**
 * A Hono app serving `POST /saml/acs/:connection`, `GET /saml/metadata/:connection`,
 * `GET /saml/login/:connection` and `GET /saml/error`.
 * @example
 * import { serve } from '@hono/node-server';
 * serve({ fetch: samlApp(sp).fetch, port: 3000 });
 */
export const samlApp = (sp: ServiceProvider): Hono => {
  const app = new Hono();
  app.post('/saml/acs/:connection', async (c) => {
    const result = await sp.handleAcs(c.req.param('connection'), {
      body: c.req.raw.body ?? new Uint8Array(),
      contentType: c.req.header('content-type') ?? null,
      contentLength: contentLengthOf(c.req.header('content-length')),
      cookie: c.req.header('cookie') ?? null,
    })();
    return toResponse(result);
  });
  app.get('/saml/metadata/:connection', (c) => toResponse(sp.metadata(c.req.param('connection'))));
  app.get('/saml/login/:connection', async (c) =>
    toResponse(
      await sp.startLogin(c.req.param('connection'), {
        query: queryOf(c.req.url),
        cookie: c.req.header('cookie') ?? null,
      })(),
    ),
  );
  app.get('/saml/error', (c) => toResponse(sp.errorPage(queryOf(c.req.url))));
  return app;
};
