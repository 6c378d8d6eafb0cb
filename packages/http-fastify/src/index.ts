/**
 * @saml-jit/http-fastify — the Fastify 5 adapter: a plugin with the four SAML routes, each a
 * translation to `@saml-jit/sp` and back. Inside the plugin's own context every body is handed
 * over unread, so the service provider applies its size bound and form rules the same way as in
 * every other framework (Fastify's own parsers stay untouched outside it).
 */
import type { HttpReply, ServiceProvider } from '@saml-jit/sp';
import { contentLengthOf } from '@saml-jit/sp';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

export interface SamlPluginOptions {
  readonly sp: ServiceProvider;
}

type WithConnection = FastifyRequest<{ Params: { connection: string } }>;

const queryOf = (request: FastifyRequest): string => {
  const url = request.raw.url ?? '';
  const at = url.indexOf('?');
  return at === -1 ? '' : url.slice(at + 1);
};

const send = (reply: FastifyReply, r: HttpReply): FastifyReply => {
  reply.code(r.status);
  for (const [name, value] of r.headers) reply.header(name, value);
  return reply.send(r.body ?? '');
};

/**
 * Registers `POST /saml/acs/:connection`, `GET /saml/metadata/:connection`,
 * `GET /saml/login/:connection` and `GET /saml/error`.
 * @example
 * const app = Fastify();
 * await app.register(samlPlugin, { sp });
 * await app.listen({ port: 3000 });
 */
export const samlPlugin: FastifyPluginAsync<SamlPluginOptions> = async (fastify, { sp }) => {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  fastify.post('/saml/acs/:connection', async (request: WithConnection, reply) => {
    const body = (request.body ?? new Uint8Array()) as AsyncIterable<Uint8Array> | Uint8Array;
    const result = await sp.handleAcs(request.params.connection, {
      body,
      contentType: request.headers['content-type'] ?? null,
      contentLength: contentLengthOf(request.headers['content-length']),
      cookie: request.headers.cookie ?? null,
    })();
    return send(reply, result);
  });
  fastify.get('/saml/metadata/:connection', async (request: WithConnection, reply) =>
    send(reply, sp.metadata(request.params.connection)),
  );
  fastify.get('/saml/login/:connection', async (request: WithConnection, reply) =>
    send(
      reply,
      await sp.startLogin(request.params.connection, {
        query: queryOf(request),
        cookie: request.headers.cookie ?? null,
      })(),
    ),
  );
  fastify.get('/saml/error', async (request, reply) => send(reply, sp.errorPage(queryOf(request))));
};
