/**
 * The HTTP suite's logins: create then update, where the browser lands (RelayState, open-redirect
 * attempts), SP-initiated login end to end, and several connections in one service.
 */
import { createPublicKey, verify } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { parseXml } from '../idp/index.js';
import {
  expectFailurePage,
  expectSecurityHeaders,
  locationOf,
  postAcs,
  samlResponse,
  startLogin,
  userAttributes,
  withCookie,
} from './client.js';
import type { SuiteContext } from './suite.js';
import { acsUrlOf, IDP_SSO_URL, NOW } from './world.js';

const usersWith = (ctx: SuiteContext, federationId: string) =>
  ctx
    .world()
    .directory.snapshot()
    .User.filter((u) => u.FederationIdentifier === federationId);

/** Logs `nameId` in at `main` (IdP-initiated) with this RelayState; returns the reply. */
const loginWithRelayState = (ctx: SuiteContext, nameId: string, relayState: string) =>
  postAcs(ctx.baseUrl(), 'main', {
    SAMLResponse: samlResponse(ctx.world().idp, 'main', nameId),
    RelayState: relayState,
  });

export const loginCases = (ctx: SuiteContext): void => {
  it('creates the user on the first login and updates it on the next (303, the application cookie)', async () => {
    const { idp } = ctx.world();
    const first = await postAcs(ctx.baseUrl(), 'main', {
      SAMLResponse: samlResponse(idp, 'main', 'ada@example.test'),
    });
    expect(first.status).toBe(303);
    expect(locationOf(first)).toBe('/');
    expect(first.headers.get('x-login-action')).toBe('create');
    // Both cookies of the application arrive: an adapter must not fold repeated headers.
    const cookies = first.headers.getSetCookie();
    expect(cookies).toHaveLength(2);
    expect(cookies[0]).toMatch(/^sid=_id\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    expect(cookies[1]).toBe('signed_in=1; Path=/; Secure; SameSite=Lax');
    expectSecurityHeaders(first);
    expect(usersWith(ctx, 'ada@example.test')).toMatchObject([
      { LastName: 'Lovelace', Email: 'ada@example.test' },
    ]);

    const again = samlResponse(idp, 'main', 'ada@example.test', {
      attributes: userAttributes('ada@example.test', { 'User.LastName': ['King'] }),
    });
    const second = await postAcs(ctx.baseUrl(), 'main', { SAMLResponse: again });
    expect(second.status).toBe(303);
    expect(second.headers.get('x-login-action')).toBe('update');
    expect(usersWith(ctx, 'ada@example.test')).toMatchObject([{ LastName: 'King' }]);
  });

  it("the session ends no later than the IdP's SessionNotOnOrAfter", async () => {
    const { idp, sp } = ctx.world();
    const sessionEnd = new Date(NOW.getTime() + 60_000);
    const reply = await postAcs(ctx.baseUrl(), 'main', {
      SAMLResponse: samlResponse(idp, 'main', 'grace@example.test', { sessionNotOnOrAfter: sessionEnd }),
    });
    expect(reply.status).toBe(303);
    const sid = /^sid=([^;]*);/.exec(reply.headers.getSetCookie()[0] ?? '')?.[1] ?? '';
    const found = await sp.sessionUser(sid)();
    expect(found).toMatchObject({
      _tag: 'Right',
      right: { _tag: 'Some', value: { session: { expiresAt: sessionEnd } } },
    });
  });

  it('sends the browser to a same-origin RelayState, or an allow-listed origin', async () => {
    const local = await loginWithRelayState(ctx, 'grace@example.test', '/dashboard?tab=2');
    expect(local.status).toBe(303);
    expect(locationOf(local)).toBe('/dashboard?tab=2');
    const listed = await loginWithRelayState(ctx, 'grace@example.test', 'https://app.example.test/home');
    expect(locationOf(listed)).toBe('https://app.example.test/home');
  });

  for (const attempt of [
    'https://evil.example/phish',
    '//evil.example/phish',
    '/\\evil.example',
    '/\t/evil.example',
    'https://app.example.test@evil.example/',
    'javascript:alert(document.cookie)',
  ]) {
    it(`open-redirect attempt: RelayState ${JSON.stringify(attempt)} lands on / instead`, async () => {
      const res = await loginWithRelayState(ctx, 'mallory@example.test', attempt);
      expect(res.status).toBe(303);
      expect(locationOf(res)).toBe('/');
    });
  }

  it('SP-initiated login: a signed AuthnRequest over HTTP-Redirect, answered at the ACS, lands on its RelayState', async () => {
    const { idp, spSigning } = ctx.world();
    const started = await startLogin(ctx.baseUrl(), 'main', { relayState: '/after?x=1' });
    const { location, id, cookie } = started;
    expect(started.res.status).toBe(302);
    expectSecurityHeaders(started.res);
    expect(`${location.origin}${location.pathname}`).toBe(IDP_SSO_URL);
    const xml = inflateRawSync(
      Buffer.from(location.searchParams.get('SAMLRequest') ?? '', 'base64'),
    ).toString();
    const request = parseXml(xml).documentElement;
    expect(request?.getAttribute('ID')).toBe(id);
    expect(request?.localName).toBe('AuthnRequest');
    expect(request?.getAttribute('Destination')).toBe(IDP_SSO_URL);
    expect(request?.getAttribute('AssertionConsumerServiceURL')).toBe(acsUrlOf('main'));
    // The IdP gets an opaque RelayState (the request ID); the target stays in the request store.
    expect(location.searchParams.get('RelayState')).toBe(id);
    const signed = location.search.slice(1).split('&Signature=')[0] ?? '';
    const signature = Buffer.from(location.searchParams.get('Signature') ?? '', 'base64');
    expect(verify('sha256', Buffer.from(signed), createPublicKey(spSigning.certificatePem), signature)).toBe(
      true,
    );

    // The browser that started the login posts the answer, with the login cookie it was given.
    const answer = samlResponse(idp, 'main', 'sp-init@example.test', { inResponseTo: id });
    const form = { SAMLResponse: answer, RelayState: id };
    const done = await postAcs(ctx.baseUrl(), 'main', form, withCookie(cookie));
    expect(done.status).toBe(303);
    expect(locationOf(done)).toBe('/after?x=1');

    // The request was answered once: a second response to it is refused.
    const late = samlResponse(idp, 'main', 'sp-init@example.test', { inResponseTo: id });
    const refused = await postAcs(ctx.baseUrl(), 'main', { ...form, SAMLResponse: late }, withCookie(cookie));
    await expectFailurePage(refused, 403, 'Subject Confirmation Error', 'IN_RESPONSE_TO_UNKNOWN');
  });

  it('open-redirect attempt at login start: the target is dropped and the login lands on /', async () => {
    const { idp } = ctx.world();
    const { res, location, id, cookie } = await startLogin(ctx.baseUrl(), 'main', {
      relayState: '//evil.example',
    });
    expect(res.status).toBe(302);
    expect(location.searchParams.has('RelayState')).toBe(false);
    const answer = samlResponse(idp, 'main', 'sp-init@example.test', { inResponseTo: id });
    const form = { SAMLResponse: answer, RelayState: '//evil.example' };
    const done = await postAcs(ctx.baseUrl(), 'main', form, withCookie(cookie));
    expect(done.status).toBe(303);
    expect(locationOf(done)).toBe('/');
  });

  it('decrypts an assertion encrypted for the certificate the metadata publishes', async () => {
    const { idp, spSigning } = ctx.world();
    const xml = samlResponse(idp, 'main', 'sealed@example.test', {
      encryptFor: { certificatePem: spSigning.certificatePem, dataAlgorithm: 'aes256-gcm' },
    });
    const res = await postAcs(ctx.baseUrl(), 'main', { SAMLResponse: xml });
    expect(res.status).toBe(303);
    expect(usersWith(ctx, 'sealed@example.test')).toHaveLength(1);
  });

  it('with provisioning off, logs an existing user in without writing, and refuses an unknown one (403)', async () => {
    const { idp } = ctx.world();
    const first = await postAcs(ctx.baseUrl(), 'main', {
      SAMLResponse: samlResponse(idp, 'main', 'known@example.test'),
    });
    expect(first.status).toBe(303);
    const known = await postAcs(ctx.baseUrl(), 'login-only', {
      SAMLResponse: samlResponse(idp, 'login-only', 'known@example.test'),
    });
    expect(known.status).toBe(303);
    expect(known.headers.get('x-login-action')).toBe('login');
    const unknown = await postAcs(ctx.baseUrl(), 'login-only', {
      SAMLResponse: samlResponse(idp, 'login-only', 'stranger@example.test'),
    });
    await expectFailurePage(
      unknown,
      403,
      'Subject Confirmation Error',
      'PROVISIONING_DISABLED_USER_NOT_FOUND',
    );
    expect(usersWith(ctx, 'stranger@example.test')).toHaveLength(0);
  });

  it('serves several connections: each trusts only its own IdP', async () => {
    const { otherIdp } = ctx.world();
    const own = await postAcs(ctx.baseUrl(), 'second', {
      SAMLResponse: samlResponse(otherIdp, 'second', 'second@example.test'),
    });
    expect(own.status).toBe(303);
    const foreign = await postAcs(ctx.baseUrl(), 'main', {
      SAMLResponse: samlResponse(otherIdp, 'main', 'second@example.test'),
    });
    // Keys are pinned per connection: the other IdP's signature is not trusted here.
    await expectFailurePage(foreign, 403, 'Signature Invalid', 'SIGNATURE_UNTRUSTED_KEY');
  });
};
