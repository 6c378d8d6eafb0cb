/**
 * The demo IdP: an HTTP server with a login form that signs a SAML Response with a key generated
 * at start (`generateKeyPair` of `@saml-jit/testing/idp`) and posts it to the demo SP's ACS with the
 * HTTP-POST binding. `GET /` starts an IdP-initiated login; `GET /sso?SAMLRequest=…` answers an
 * SP-initiated one; `GET /metadata` is its metadata. It signs whatever the form says: a demo, never
 * an identity provider to deploy.
 */
import { NAMEID_FORMAT, type TestIdp } from '@saml-jit/testing/idp';
import * as E from 'fp-ts/lib/Either.js';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { readAuthnRequest } from './authn-request.js';
import { AUTO_SUBMIT_CSP, FORM_ATTRIBUTES, idpErrorPage, loginForm, postBindingPage } from './pages.js';

/** The service provider the IdP signs for. */
export interface DemoSpTarget {
  readonly spEntityId: string;
  readonly acsUrl: string;
  /** The SP's home page, linked from the IdP-initiated form. */
  readonly spUrl: string;
}

const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};
const FORM_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

/** `Name=value` lines of the form's textarea → attributes (a name may repeat: several values). */
const extraAttributes = (text: string): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    const name = line.slice(0, at).trim();
    if (name === '' || name === '__proto__') continue;
    const values = out[name] ?? [];
    values.push(line.slice(at + 1).trim());
    out[name] = values;
  }
  return out;
};

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * The demo IdP's routes.
 * @example
 * const app = demoIdpApp(createTestIdp(), { spEntityId, acsUrl, spUrl });
 */
export const demoIdpApp = (idp: TestIdp, sp: DemoSpTarget): Hono => {
  const app = new Hono();
  const html = (body: string, status: 200 | 400 = 200, csp = FORM_CSP) =>
    new Response(body, {
      status,
      headers: {
        ...PAGE_HEADERS,
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': csp,
      },
    });
  app.get('/', () => html(loginForm({ requestId: null, relayState: null, spUrl: sp.spUrl })));
  app.get('/sso', (c) => {
    const request = readAuthnRequest(c.req.query('SAMLRequest'), sp.acsUrl);
    if (E.isLeft(request)) return html(idpErrorPage(request.left), 400);
    const relayState = c.req.query('RelayState') ?? null;
    return html(loginForm({ requestId: request.right.id, relayState, spUrl: sp.spUrl }));
  });
  app.get(
    '/metadata',
    () =>
      new Response(idp.metadata(), {
        headers: { ...PAGE_HEADERS, 'Content-Type': 'application/samlmetadata+xml; charset=utf-8' },
      }),
  );
  app.post(
    '/login',
    bodyLimit({ maxSize: 64 * 1024, onError: () => html(idpErrorPage('The form is too large.'), 400) }),
    async (c) => {
      const form = await c.req.parseBody();
      const nameId = text(form.nameId).trim();
      if (nameId === '') return html(idpErrorPage('The federation ID (NameID) is empty.'), 400);
      const attributes: Record<string, string[]> = {};
      for (const [name] of FORM_ATTRIBUTES) {
        const value = text(form[name]).trim();
        if (value !== '') attributes[name] = [value];
      }
      Object.assign(attributes, extraAttributes(text(form.extra)));
      const requestId = text(form.requestId);
      const relayState = text(form.RelayState);
      let samlResponse: string;
      try {
        samlResponse = idp.responseBase64({
          now: new Date(),
          nameId,
          nameIdFormat: NAMEID_FORMAT.unspecified,
          audience: sp.spEntityId,
          destination: sp.acsUrl,
          recipient: sp.acsUrl,
          attributes,
          ...(requestId === '' ? {} : { inResponseTo: requestId }),
        });
      } catch {
        return html(idpErrorPage('The response could not be signed (a value XML cannot carry?).'), 400);
      }
      return html(
        postBindingPage(sp.acsUrl, samlResponse, relayState === '' ? null : relayState),
        200,
        AUTO_SUBMIT_CSP,
      );
    },
  );
  return app;
};
