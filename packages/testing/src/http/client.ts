/**
 * What the HTTP suite does over the wire: real `fetch` calls against the adapter's listening
 * server (redirects not followed, so their status and `Location` are checked), signed responses
 * from the world's IdPs, and the checks every failure reply must pass.
 */
import { inflateRawSync } from 'node:zlib';
import { LOGIN_COOKIE } from '@saml-jit/sp';
import { expect } from 'vitest';
import { NAMEID_FORMAT, parseXml, type TestIdp, type TestResponseOptions } from '../idp/index.js';
import { acsUrlOf, NOW, SP_ENTITY_ID } from './world.js';

/** The four attributes standard JIT needs to create a user, for `nameId`. */
export const userAttributes = (
  nameId: string,
  overrides: Readonly<Record<string, readonly string[]>> = {},
): Readonly<Record<string, readonly string[]>> => ({
  'User.Email': [nameId],
  'User.LastName': ['Lovelace'],
  'User.ProfileId': ['Standard User'],
  'User.Username': [nameId],
  ...overrides,
});

/** A base64 SAMLResponse from `idp` for `nameId`, addressed to `connection`'s ACS, at the pinned time. */
export const samlResponse = (
  idp: TestIdp,
  connection: string,
  nameId: string,
  opts: TestResponseOptions = {},
): string =>
  idp.responseBase64({
    now: NOW,
    nameId,
    nameIdFormat: NAMEID_FORMAT.unspecified,
    audience: SP_ENTITY_ID,
    destination: acsUrlOf(connection),
    attributes: userAttributes(nameId),
    ...opts,
  });

/** POSTs a form to the ACS of `connection`. */
export const postAcs = (
  baseUrl: string,
  connection: string,
  fields: Readonly<Record<string, string>> | URLSearchParams | string,
  init: RequestInit = {},
): Promise<Response> =>
  fetch(`${baseUrl}/saml/acs/${encodeURIComponent(connection)}`, {
    method: 'POST',
    body: typeof fields === 'string' ? fields : new URLSearchParams(fields),
    redirect: 'manual',
    ...init,
  });

export const get = (baseUrl: string, path: string): Promise<Response> =>
  fetch(`${baseUrl}${path}`, { redirect: 'manual' });

/** A login started at `GET /saml/login/:connection`, as the IdP and the browser see it. */
export interface StartedLogin {
  readonly res: Response;
  /** The redirect to the IdP. */
  readonly location: URL;
  /** The AuthnRequest's ID, which the IdP's response answers (`inResponseTo`). */
  readonly id: string;
  /** The login cookie's `Set-Cookie`, or null when none was set. */
  readonly setCookie: string | null;
  /** What the browser sends back from now on: `__Host-saml-jit-login=<nonce>`, or null. */
  readonly cookie: string | null;
}

/**
 * Starts an SP-initiated login as a browser holding `cookie` (a `Cookie` header), or none.
 * @example
 * const { id, cookie } = await startLogin(baseUrl, 'main', { relayState: '/after' });
 * await postAcs(baseUrl, 'main', { SAMLResponse: answerTo(id) }, { headers: { cookie } });
 */
export const startLogin = async (
  baseUrl: string,
  connection: string,
  opts: { readonly relayState?: string; readonly cookie?: string } = {},
): Promise<StartedLogin> => {
  const query = opts.relayState === undefined ? '' : `?RelayState=${encodeURIComponent(opts.relayState)}`;
  const res = await fetch(`${baseUrl}/saml/login/${encodeURIComponent(connection)}${query}`, {
    redirect: 'manual',
    headers: opts.cookie === undefined ? {} : { cookie: opts.cookie },
  });
  const location = new URL(locationOf(res));
  const deflated = Buffer.from(location.searchParams.get('SAMLRequest') ?? '', 'base64');
  const xml = inflateRawSync(deflated).toString();
  const id = parseXml(xml).documentElement?.getAttribute('ID') ?? '';
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${LOGIN_COOKIE}=`)) ?? null;
  return { res, location, id, setCookie, cookie: setCookie?.split(';')[0] ?? null };
};

/** The request headers of a browser holding `cookie` (none when null). */
export const withCookie = (cookie: string | null): RequestInit =>
  cookie === null ? {} : { headers: { cookie } };

/** Headers every reply of the service provider carries. */
export const expectSecurityHeaders = (res: Response): void => {
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
};

/**
 * A refused login: the status of the table, a short HTML page naming the Login History reason and
 * the code, and nothing an attacker could learn from: no XML, no message, no stack trace.
 */
export const expectFailurePage = async (
  res: Response,
  status: number,
  reason: string,
  code: string,
): Promise<string> => {
  const body = await res.text();
  expect({ status: res.status, body }).toMatchObject({ status });
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expectSecurityHeaders(res);
  expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(body).toContain(reason);
  expect(body).toContain(code);
  expect(body).not.toMatch(/<\/?(saml|samlp|ds|xenc):/i);
  expect(body).not.toMatch(/\bat .+:\d+:\d+\)?/);
  expect(body.length).toBeLessThan(2048);
  return body;
};

/** The query of a redirect `Location`. */
export const locationOf = (res: Response): string => {
  const location = res.headers.get('location');
  expect(location, `status ${res.status} without Location`).not.toBeNull();
  return location ?? '';
};
