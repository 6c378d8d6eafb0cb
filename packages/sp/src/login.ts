/**
 * SP-initiated login: keep a fresh AuthnRequest ID in the request store (with where to return,
 * already checked by the RelayState policy) and redirect the browser to the IdP. The IdP gets the
 * request's own ID as RelayState, never the target itself: the target stays on our side, so it
 * needs no integrity protection and never meets the IdP's 80-byte RelayState limit.
 *
 * With browser binding on (the default), the request is also bound to this browser: the nonce of
 * its login cookie is reused when it has one (so logins started in two tabs both finish), else a
 * new one is minted; the request keeps the nonce's hash and the redirect sets the cookie.
 */
import { configFailure } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import type * as T from 'fp-ts/lib/Task.js';
import { authnRequestXml, redirectUrl } from './authn-request.js';
import { bindingOf, loginCookie, mintNonce, nonceFrom } from './browser-binding.js';
import type { SpEnv } from './env.js';
import { internalError, unknownConnection } from './failures.js';
import { safeRelayState } from './relay-state.js';
import { redirectReply } from './reply.js';
import { type LoginStartResult, statusResult } from './results.js';

export interface LoginStartRequest {
  /** Where to go after the login, checked by the policy. */
  readonly relayState?: string | null;
  /** Or the request's raw query string, whose one `RelayState` parameter is used. */
  readonly query?: string | URLSearchParams;
  /** The request's raw `Cookie` header: a login cookie already there is reused. */
  readonly cookie?: string | null;
}

const requestedTarget = (request: LoginStartRequest): string | null => {
  if (request.relayState !== undefined) return request.relayState;
  if (request.query === undefined) return null;
  const params = typeof request.query === 'string' ? new URLSearchParams(request.query) : request.query;
  const values = params.getAll('RelayState');
  // A repeated parameter is ambiguous (frameworks differ on which one wins): use none.
  return values.length === 1 ? (values[0] ?? null) : null;
};

// An xs:ID is an NCName: it must not start with a digit, whatever the IdGenerator gives.
const asXmlId = (token: string): string => (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(token) ? token : `_${token}`);

const run = async (env: SpEnv, name: string, request: LoginStartRequest): Promise<LoginStartResult> => {
  const conn = env.connections.get(name);
  if (conn === undefined) return statusResult(unknownConnection(name), env.retryAfterSeconds);
  if (conn.idpSsoUrl === null) {
    const e = configFailure('CONFIG_INVALID', 'The connection has no IdP SSO URL for SP-initiated login.', {
      connection: name,
    });
    return statusResult(e, env.retryAfterSeconds);
  }
  const id = asXmlId(env.ids.token());
  const now = env.clock.now();
  const target = safeRelayState(requestedTarget(request), env.relayStatePolicy);
  const nonce = env.browserBinding === 'required' ? E.getOrElse(mintNonce)(nonceFrom(request.cookie)) : null;
  const saved = await env.stores.requestStore.save({
    id,
    connection: name,
    issuedAt: now,
    expiresAt: new Date(now.getTime() + env.requestTtlMs),
    relayState: target,
    browserBinding: nonce === null ? null : bindingOf(nonce),
  })();
  if (E.isLeft(saved)) return statusResult(saved.left, env.retryAfterSeconds);
  const xml = authnRequestXml({
    id,
    issueInstant: now,
    destination: conn.idpSsoUrl,
    acsUrl: conn.acsUrl,
    spEntityId: conn.spEntityId,
    nameIdFormat: conn.nameIdFormat,
    forceAuthn: conn.forceAuthn,
  });
  const location = redirectUrl(conn.idpSsoUrl, xml, {
    relayState: target === null ? null : id,
    signingKey: conn.signingKey,
  });
  const cookies = nonce === null ? [] : [loginCookie(nonce, Math.ceil(env.requestTtlMs / 1000))];
  return { ...redirectReply(302, location, cookies), type: 'idp-redirect', requestId: id, location };
};

/**
 * Starts an SP-initiated login. The task never fails and never throws.
 * @example
 * const result = await startLogin(env)('okta', { relayState: '/orders', cookie: req.headers.cookie })();
 * // result.status 302, result.location 'https://idp…/sso?SAMLRequest=…', a Set-Cookie header
 */
export const startLogin =
  (env: SpEnv) =>
  (connection: string, request: LoginStartRequest = {}): T.Task<LoginStartResult> =>
  () =>
    run(env, connection, request).catch((cause: unknown) =>
      statusResult(internalError(cause), env.retryAfterSeconds),
    );
