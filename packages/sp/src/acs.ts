/**
 * The ACS endpoint as one function: form → validated assertion → provisioned user → the
 * application's login answer. Each step hands the next a typed value or ends the login with a
 * typed result: a validation failure a 4xx page (a response to a login started in another
 * browser included), a JIT failure the error redirect, a store failure a 503. A throw anywhere
 * (a defect, the application's callback) is caught at this one boundary and becomes a result
 * too, so no adapter ever sees an exception or answers 500.
 */
import { validateHeaderName, validateHeaderValue } from 'node:http';
import {
  jitErrorRedirect,
  type ProvisionDeps,
  type ProvisionOutcome,
  provision,
  type Session,
  type StoreFailure,
  type VerifiedAssertion,
  validationFailure,
} from '@saml-jit/core';
import { validateResponse } from '@saml-jit/saml';
import * as E from 'fp-ts/lib/Either.js';
import type * as T from 'fp-ts/lib/Task.js';
import { type AcsBody, readAcsForm } from './body.js';
import { checkBrowser } from './browser-binding.js';
import type { Connection } from './connection.js';
import type { SpEnv } from './env.js';
import { internalError, loginCallbackFailed, unknownConnection } from './failures.js';
import { safeRelayState } from './relay-state.js';
import { type Header, redirectReply } from './reply.js';
import { type AcsResult, type LoginResult, statusResult } from './results.js';

/** What an adapter knows of the POST. */
export interface AcsRequest {
  readonly body: AcsBody;
  /** The `Content-Type` header (needed unless `body` holds parsed fields). */
  readonly contentType?: string | null;
  /** The declared `Content-Length`, if any: a stream declared too long is refused unread. */
  readonly contentLength?: number | null;
  /** The raw `Cookie` header: an SP-initiated login's response needs the login cookie. */
  readonly cookie?: string | null;
}

// The HTTP-POST binding carries base64; IdPs may wrap its lines.
const BASE64 = /^[A-Za-z0-9+/=\r\n\t ]+$/;

const headersAreValid = (headers: readonly Header[]): boolean => {
  try {
    for (const [name, value] of headers) {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    }
    return true;
  } catch {
    return false;
  }
};

const newSession = async (
  env: SpEnv,
  conn: Connection,
  user: string,
  sessionEnd: Date | null,
): Promise<E.Either<StoreFailure, Session | null>> => {
  const store = env.stores.sessionStore;
  if (store === undefined) return E.right(null);
  const now = env.clock.now();
  const session: Session = {
    id: env.ids.token(),
    userId: user,
    connection: conn.name,
    createdAt: now,
    // Never beyond the IdP's SessionNotOnOrAfter (the validator refused one already past).
    expiresAt: new Date(
      Math.min(now.getTime() + env.sessionTtlMs, sessionEnd?.getTime() ?? Number.POSITIVE_INFINITY),
    ),
  };
  const saved = await store.save(session)();
  return E.isLeft(saved) ? saved : E.right(session);
};

const login = async (
  env: SpEnv,
  conn: Connection,
  assertion: VerifiedAssertion,
  outcome: ProvisionOutcome,
  requested: string | null,
): Promise<AcsResult> => {
  const session = await newSession(env, conn, outcome.user.Id, assertion.authn.sessionNotOnOrAfter);
  if (E.isLeft(session)) return statusResult(session.left, env.retryAfterSeconds);
  const relayState = safeRelayState(requested, env.relayStatePolicy);
  const redirectTo = relayState ?? '/';
  let answer: Awaited<ReturnType<SpEnv['onLogin']>>;
  try {
    answer = await env.onLogin({
      connection: conn.name,
      outcome,
      user: outcome.user,
      assertion,
      session: session.right,
      relayState,
      redirectTo,
    });
  } catch (cause) {
    return statusResult(loginCallbackFailed(cause), env.retryAfterSeconds);
  }
  const location = answer.location ?? redirectTo;
  const headers = answer.headers ?? [];
  // Node refuses to write a header with CR/LF: catch that here, not as a crash in the adapter.
  if (!headersAreValid([['Location', location], ...headers])) {
    return statusResult(loginCallbackFailed(new TypeError('invalid header')), env.retryAfterSeconds);
  }
  const result: LoginResult = {
    ...redirectReply(303, location, headers),
    type: 'login',
    connection: conn.name,
    outcome,
    user: outcome.user,
    session: session.right,
    location,
  };
  return result;
};

const run = async (env: SpEnv, name: string, request: AcsRequest): Promise<AcsResult> => {
  const conn = env.connections.get(name);
  if (conn === undefined) return statusResult(unknownConnection(name), env.retryAfterSeconds);
  const form = await readAcsForm(
    request.body,
    request.contentType ?? null,
    env.maxBodyBytes,
    request.contentLength ?? null,
  );
  if (E.isLeft(form)) return statusResult(form.left, env.retryAfterSeconds);
  if (!BASE64.test(form.right.samlResponse)) {
    const e = validationFailure('INPUT_ENCODING_INVALID', 'The SAMLResponse field is not base64.');
    return statusResult(e, env.retryAfterSeconds);
  }
  const validated = await validateResponse(form.right.samlResponse, conn.validation, {
    clock: env.clock,
    replayCache: env.stores.replayCache,
    requestStore: env.stores.requestStore,
  })();
  if (E.isLeft(validated)) return statusResult(validated.left.error, env.retryAfterSeconds);
  const { assertion, request: outstanding } = validated.right;
  // Before anything is written: a response to another browser's login signs no one in here.
  const sameBrowser = checkBrowser(outstanding, request.cookie);
  if (E.isLeft(sameBrowser)) return statusResult(sameBrowser.left, env.retryAfterSeconds);
  const deps: ProvisionDeps = {
    directory: env.stores.directory,
    clock: env.clock,
    ids: env.ids,
    audit: env.audit,
    ...(env.handler === null ? {} : { handler: env.handler }),
  };
  const provisioned = await provision(
    assertion,
    { config: conn.jit, ssoProviderId: conn.name, siteId: conn.site },
    deps,
  )();
  if (E.isLeft(provisioned)) {
    const e = provisioned.left;
    if (e.kind !== 'jit') return statusResult(e, env.retryAfterSeconds);
    const location = jitErrorRedirect(e, conn.jit.errorUrl);
    return { ...redirectReply(303, location), type: 'redirect', error: e, location };
  }
  // An SP-initiated login returns where it was started for (kept in our store); an IdP-initiated
  // one may carry its own RelayState. Both pass the policy.
  const requested = outstanding === null ? form.right.relayState : outstanding.relayState;
  return login(env, conn, assertion, provisioned.right, requested);
};

/**
 * Handles one ACS POST. The task never fails and never throws.
 * @example
 * const result = await acs(env)('okta', {
 *   body: req, contentType: req.headers['content-type'], cookie: req.headers.cookie,
 * })();
 */
export const acs =
  (env: SpEnv) =>
  (connection: string, request: AcsRequest): T.Task<AcsResult> =>
  () =>
    run(env, connection, request).catch((cause: unknown) =>
      statusResult(internalError(cause), env.retryAfterSeconds),
    );
