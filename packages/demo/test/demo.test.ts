/**
 * The demo over HTTP, without a browser: an SP-initiated login (SP → IdP form → signed response →
 * ACS, with the SP's login cookie) and an IdP-initiated one land as the user the form described,
 * in the SQLite file; the answer to a login started elsewhere, posted without its login cookie,
 * is refused (login CSRF); the demo IdP refuses an AuthnRequest that asks for another ACS URL.
 */
import { deflateRawSync } from 'node:zlib';
import { startLogin } from '@saml-jit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiddenValue, startTestDemo, type TestDemo } from './support.js';

let demo: TestDemo;
beforeAll(async () => {
  demo = await startTestDemo();
});
afterAll(async () => {
  await demo?.stop();
});

const FORM = {
  nameId: 'ada@example.test',
  'User.Username': 'ada@example.test',
  'User.Email': 'ada@example.test',
  'User.FirstName': 'Ada',
  'User.LastName': 'Lovelace',
  'User.ProfileId': 'Standard User',
  'User.UserRoleId': 'Engineer',
};

/**
 * Submits the IdP form, then posts what the auto-submitting page would post, as a browser holding
 * `cookie` (the SP's login cookie of an SP-initiated login); answers the ACS reply.
 */
const signIn = async (fields: Record<string, string>, cookie: string | null = null): Promise<Response> => {
  const page = await (
    await fetch(`${demo.idpUrl}/login`, { method: 'POST', body: new URLSearchParams(fields) })
  ).text();
  const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
  const samlResponse = hiddenValue(page, 'SAMLResponse');
  expect(action).toBe(`${demo.spUrl}/saml/acs/demo`);
  expect(samlResponse).not.toBeNull();
  const relayState = hiddenValue(page, 'RelayState');
  return fetch(action ?? '', {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({
      SAMLResponse: samlResponse ?? '',
      ...(relayState === null ? {} : { RelayState: relayState }),
    }),
    ...(cookie === null ? {} : { headers: { cookie } }),
  });
};

describe('the demo', () => {
  it('SP-initiated: the SP redirects to the IdP form, whose signed response provisions the user', async () => {
    const start = await startLogin(demo.spUrl, 'demo');
    expect(start.res.status).toBe(302);
    const idpForm = await (await fetch(start.location)).text();
    const requestId = hiddenValue(idpForm, 'requestId');
    expect(requestId).toBe(start.id);
    expect(idpForm).toContain('value="ada@example.test"'); // prefilled with working values
    const acs = await signIn({ ...FORM, requestId: requestId ?? '' }, start.cookie);
    expect(acs.status).toBe(303);
    const me = await fetch(`${demo.spUrl}/me`, {
      headers: { cookie: (acs.headers.get('set-cookie') ?? '').split(';')[0] ?? '' },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      FederationIdentifier: 'ada@example.test',
      LastName: 'Lovelace',
      UserRoleId: '00E5g000000ENGRAAA',
    });
    expect(demo.users()).toHaveLength(1);
  });

  it('login CSRF: the answer to a login started in another browser is refused, and provisions no one', async () => {
    const attacker = await startLogin(demo.spUrl, 'demo');
    const who = 'mallory@example.test';
    const fields = { ...FORM, nameId: who, 'User.Username': who, 'User.Email': who, requestId: attacker.id };
    const acs = await signIn(fields); // posted from a browser without the attacker's login cookie
    expect(acs.status).toBe(403);
    expect(await acs.text()).toContain('REQUEST_BROWSER_MISMATCH');
    expect(demo.users()).toHaveLength(1);
  });

  it('IdP-initiated: a changed attribute updates the same user', async () => {
    const acs = await signIn({ ...FORM, 'User.LastName': 'Byron' });
    expect(acs.status).toBe(303);
    expect(demo.users()).toHaveLength(1);
    expect(demo.users()[0]?.LastName).toBe('Byron');
  });

  it.each([
    ['an empty User.Email on a first login', { 'User.Email': '' }, '5', 'REQUIRED_FIELD_MISSING Email'],
    ['an undeclared custom field', { extra: 'User.Badge__c=x' }, '8', null],
    [
      'a profile that does not exist',
      { 'User.ProfileId': 'No Such Profile' },
      '16',
      'PROFILE_NAME_LOOKUP_ERROR',
    ],
  ])('%s ends on the JIT error page with ErrorCode %s', async (_name, change, code, details) => {
    const who = `err-${code}@example.test`;
    const acs = await signIn({ ...FORM, nameId: who, 'User.Username': who, 'User.Email': who, ...change });
    expect(acs.status).toBe(303);
    const location = new URL(acs.headers.get('location') ?? '', demo.spUrl);
    expect(location.pathname).toBe('/saml/error');
    expect(location.searchParams.get('ErrorCode')).toBe(code);
    if (details !== null) expect(location.searchParams.get('ErrorDetails')).toBe(details);
    expect(demo.users()).toHaveLength(1);
  });

  it('the demo IdP refuses an AuthnRequest that asks for another ACS URL (no assertion for a stranger)', async () => {
    const xml =
      '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_evil1" Version="2.0" ' +
      'IssueInstant="2030-01-01T00:00:00Z" AssertionConsumerServiceURL="https://evil.example/acs"/>';
    const r = await fetch(
      `${demo.idpUrl}/sso?SAMLRequest=${encodeURIComponent(deflateRawSync(xml).toString('base64'))}`,
    );
    expect(r.status).toBe(400);
    expect(await r.text()).not.toContain('SAMLResponse');
  });
});
