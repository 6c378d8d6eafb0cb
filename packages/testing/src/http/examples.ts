/**
 * Checks for the framework guides' complete examples: the guide shows the example file's
 * `#region example` verbatim, and the example, started for real, logs a new user in through the
 * test IdP and then knows them at `/` by the session cookie it set. So a guide cannot drift from
 * code that compiles and works.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { createTestIdp, NAMEID_FORMAT } from '../idp/index.js';
import { postAcs, userAttributes } from './client.js';
import type { RunningAdapter } from './suite.js';

/** The base URL the guides' examples are configured with (the IdP addresses it). */
export const EXAMPLE_BASE_URL = 'http://localhost:3000';

const REGION = /\/\/ #region example\n([\s\S]*?)\/\/ #endregion example/;

/** Fails unless `guide` (a Markdown file) contains the example region of `exampleFile` verbatim. */
export const expectGuideShowsExample = (guide: URL, exampleFile: URL): void => {
  const region = REGION.exec(readFileSync(exampleFile, 'utf8'))?.[1];
  expect(region, `${exampleFile.pathname} has no #region example`).toBeTypeOf('string');
  expect(readFileSync(guide, 'utf8')).toContain(region);
};

/**
 * Starts an example with the test IdP's metadata, logs a new user in at connection `okta`, and
 * reads them back at `/` with the cookie; an unknown visitor gets 401.
 */
export const expectExampleLogsIn = async (
  start: (idpMetadataXml: string) => Promise<RunningAdapter>,
): Promise<void> => {
  const idp = createTestIdp({ entityId: 'https://idp.example.test' });
  const running = await start(idp.metadata());
  try {
    expect((await fetch(`${running.baseUrl}/`)).status).toBe(401);
    const nameId = 'example@example.test';
    const login = await postAcs(running.baseUrl, 'okta', {
      SAMLResponse: idp.responseBase64({
        nameId,
        nameIdFormat: NAMEID_FORMAT.unspecified,
        audience: EXAMPLE_BASE_URL,
        destination: `${EXAMPLE_BASE_URL}/saml/acs/okta`,
        attributes: userAttributes(nameId),
      }),
    });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/');
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^sid=_\w+$/);
    const me = await fetch(`${running.baseUrl}/`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ FederationIdentifier: nameId, Username: nameId });
  } finally {
    await running.close();
  }
};
