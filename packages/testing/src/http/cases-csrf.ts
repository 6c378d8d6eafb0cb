/**
 * The HTTP suite's login CSRF cases: an SP-initiated login is bound to the browser that started
 * it by the login cookie. The browser with the cookie logs in; the attacker's own response,
 * posted from a browser without the cookie or with another login's cookie, is refused
 * (`REQUEST_BROWSER_MISMATCH`) and provisions no one; a browser that already has the cookie keeps
 * it, so logins started in two tabs both finish.
 */
import { LOGIN_COOKIE } from '@saml-jit/sp';
import { expect, it } from 'vitest';
import { expectFailurePage, postAcs, samlResponse, startLogin, withCookie } from './client.js';
import type { SuiteContext } from './suite.js';

/** The IdP's answer to request `id`, for `nameId`. */
const answer = (ctx: SuiteContext, id: string, nameId: string) => ({
  SAMLResponse: samlResponse(ctx.world().idp, 'main', nameId, { inResponseTo: id }),
  RelayState: id,
});

const usersNamed = (ctx: SuiteContext, nameId: string) =>
  ctx
    .world()
    .directory.snapshot()
    .User.filter((u) => u.FederationIdentifier === nameId);

/** A refusal of login CSRF: 403, the code, no application cookie, nobody provisioned. */
const expectRefused = async (ctx: SuiteContext, res: Response, nameId: string): Promise<void> => {
  await expectFailurePage(res, 403, 'Subject Confirmation Error', 'REQUEST_BROWSER_MISMATCH');
  expect(res.headers.getSetCookie()).toEqual([]);
  expect(res.headers.get('x-login-action')).toBeNull();
  expect(usersNamed(ctx, nameId)).toEqual([]);
};

export const csrfCases = (ctx: SuiteContext): void => {
  it('login start sets the login cookie (__Host-, HttpOnly, Secure, SameSite=None, the request TTL), and the browser holding it logs in', async () => {
    const started = await startLogin(ctx.baseUrl(), 'main');
    expect(started.setCookie).toMatch(
      new RegExp(`^${LOGIN_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; Max-Age=600; HttpOnly; Secure; SameSite=None$`),
    );
    const res = await postAcs(
      ctx.baseUrl(),
      'main',
      answer(ctx, started.id, 'bound@example.test'),
      withCookie(started.cookie),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('x-login-action')).toBe('create');
    expect(usersNamed(ctx, 'bound@example.test')).toHaveLength(1);
  });

  it('login CSRF: the response to an attacker-started login, posted from a browser without the login cookie, is refused', async () => {
    // The attacker starts a login in their own browser and keeps the IdP's response…
    const attacker = await startLogin(ctx.baseUrl(), 'main');
    expect(attacker.cookie).not.toBeNull();
    // …and makes a victim's browser, which never started a login here, post it.
    const res = await postAcs(ctx.baseUrl(), 'main', answer(ctx, attacker.id, 'attacker@example.test'));
    await expectRefused(ctx, res, 'attacker@example.test');
  });

  it("login CSRF: a response to another browser's request is refused, also from a browser with its own login cookie", async () => {
    const attacker = await startLogin(ctx.baseUrl(), 'main');
    const victim = await startLogin(ctx.baseUrl(), 'main');
    expect(victim.cookie).not.toBeNull();
    expect(victim.cookie).not.toBe(attacker.cookie);
    const forged = answer(ctx, attacker.id, 'attacker2@example.test');
    const res = await postAcs(ctx.baseUrl(), 'main', forged, withCookie(victim.cookie));
    await expectRefused(ctx, res, 'attacker2@example.test');
    // The victim's own login is untouched.
    const own = answer(ctx, victim.id, 'victim@example.test');
    const ok = await postAcs(ctx.baseUrl(), 'main', own, withCookie(victim.cookie));
    expect(ok.status).toBe(303);
  });

  it('a browser that already has the login cookie keeps its nonce: logins started in two tabs both finish', async () => {
    const first = await startLogin(ctx.baseUrl(), 'main');
    const second = await startLogin(ctx.baseUrl(), 'main', { cookie: first.cookie ?? '' });
    expect(second.setCookie).toBe(first.setCookie);
    expect(second.id).not.toBe(first.id);
    for (const [tab, nameId] of [
      [first, 'tab1@example.test'],
      [second, 'tab2@example.test'],
    ] as const) {
      const res = await postAcs(ctx.baseUrl(), 'main', answer(ctx, tab.id, nameId), withCookie(first.cookie));
      expect(res.status, nameId).toBe(303);
    }
  });
};
