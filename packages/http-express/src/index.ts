/**
 * @saml-jit/http-express — the Express 5 adapter: a router with the four SAML routes, each a
 * translation to `@saml-jit/sp` and back. The router reads the ACS body itself (bounded by the
 * service provider), or takes the fields when the application already parsed the form.
 */
import type { HttpReply, ServiceProvider } from '@saml-jit/sp';
import { contentLengthOf } from '@saml-jit/sp';
import { type Request, type Response, Router } from 'express';

const queryOf = (req: Request): string => {
  const at = req.originalUrl.indexOf('?');
  return at === -1 ? '' : req.originalUrl.slice(at + 1);
};

const send = (res: Response, reply: HttpReply): void => {
  res.status(reply.status);
  for (const [name, value] of reply.headers) res.append(name, value);
  res.end(reply.body ?? undefined);
};

/** The body as the service provider takes it: parsed fields, bytes, or the request stream. */
const bodyOf = (req: Request) => {
  const parsed: unknown = req.body;
  if (Buffer.isBuffer(parsed) || typeof parsed === 'string') return parsed;
  if (typeof parsed === 'object' && parsed !== null) return parsed;
  return req;
};

/**
 * An Express router serving `POST /saml/acs/:connection`, `GET /saml/metadata/:connection`,
 * `GET /saml/login/:connection` and `GET /saml/error`. Mount it at the root.
 * @example
 * const app = express();
 * app.use(samlRouter(sp));
 * app.listen(3000);
 */
export const samlRouter = (sp: ServiceProvider): Router => {
  const router = Router();
  router.post('/saml/acs/:connection', async (req, res) => {
    const request = {
      body: bodyOf(req),
      contentType: req.get('content-type') ?? null,
      contentLength: contentLengthOf(req.get('content-length')),
      cookie: req.get('cookie') ?? null,
    };
    send(res, await sp.handleAcs(req.params.connection ?? '', request)());
  });
  router.get('/saml/metadata/:connection', (req, res) => send(res, sp.metadata(req.params.connection ?? '')));
  router.get('/saml/login/:connection', async (req, res) =>
    send(
      res,
      await sp.startLogin(req.params.connection ?? '', {
        query: queryOf(req),
        cookie: req.get('cookie') ?? null,
      })(),
    ),
  );
  router.get('/saml/error', (req, res) => send(res, sp.errorPage(queryOf(req))));
  return router;
};
