/**
 * The complete example of docs/guides/express.md, type-checked and run by example.test.ts. The
 * guide shows the region below verbatim (a test checks that).
 */
// #region example
import {
  memoryDirectory,
  memoryReplayCache,
  memoryRequestStore,
  memorySessionStore,
  noAudit,
  randomIds,
  systemClock,
} from '@saml-jit/core';
import { samlRouter } from '@saml-jit/http-express';
import { createServiceProvider } from '@saml-jit/sp';
import express from 'express';

export const createApp = (idpMetadataXml: string, baseUrl = 'http://localhost:3000') => {
  const created = createServiceProvider({
    baseUrl,
    connections: {
      okta: {
        idpMetadata: idpMetadataXml, // entity ID, signing certificate(s), SSO URL
        spEntityId: baseUrl,
        acsUrl: `${baseUrl}/saml/acs/okta`,
        jit: { identityMapping: 'FederationId', identityLocation: 'SubjectNameId', userProvisioning: true },
      },
    },
    stores: {
      directory: memoryDirectory({ Profile: [{ Id: '00e000000000001AAA', Name: 'Standard User' }] }),
      replayCache: memoryReplayCache(),
      requestStore: memoryRequestStore(),
      sessionStore: memorySessionStore(),
    },
    clock: systemClock,
    ids: randomIds,
    audit: noAudit,
    // The one place the application decides what a login means: here, a session cookie.
    onLogin: ({ session, redirectTo }) => ({
      location: redirectTo,
      headers: [['Set-Cookie', `sid=${session?.id}; Path=/; HttpOnly; Secure; SameSite=Lax`]],
    }),
  });
  if (created._tag === 'Left') throw new Error(`configuration: ${created.left.code} ${created.left.message}`);
  const sp = created.right;

  const app = express();
  app.use(samlRouter(sp)); // POST /saml/acs/:connection, GET /saml/metadata|login/:connection, GET /saml/error
  app.get('/', async (req, res) => {
    const sid = /(?:^|;\s*)sid=([^;]+)/.exec(req.get('cookie') ?? '')?.[1] ?? '';
    const found = await sp.sessionUser(sid)();
    if (found._tag === 'Right' && found.right._tag === 'Some') res.json(found.right.value.user);
    else res.status(401).send('Not signed in: <a href="/saml/login/okta">sign in</a>');
  });
  return app;
};
// #endregion example
