/**
 * `createServiceProvider`: the service provider as one framework-free object, checked once at
 * start. Every HTTP adapter calls it and writes what it answers; the logic lives here only.
 */
import {
  type ConfigFailure,
  configFailure,
  type Session,
  type SObjectRecord,
  type StoreFailure,
} from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as O from 'fp-ts/lib/Option.js';
import * as R from 'fp-ts/lib/Record.js';
import type * as T from 'fp-ts/lib/Task.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { type AcsRequest, acs } from './acs.js';
import { DEFAULT_MAX_BODY_BYTES } from './body.js';
import type { BrowserBindingMode } from './browser-binding.js';
import { type Connection, resolveConnection } from './connection.js';
import type { SpEnv } from './env.js';
import { unknownConnection } from './failures.js';
import { type LoginStartRequest, startLogin } from './login.js';
import type { ServiceProviderOptions } from './options.js';
import { jitErrorPage } from './pages.js';
import { relayStatePolicy } from './relay-state.js';
import { documentReply, htmlReply } from './reply.js';
import {
  type AcsResult,
  type DocumentOrStatus,
  type DocumentResult,
  type LoginStartResult,
  statusResult,
} from './results.js';

export interface ServiceProvider {
  /** The configured connection names. */
  readonly connections: readonly string[];
  /** The ACS body bound, for adapters that want to refuse early. */
  readonly maxBodyBytes: number;
  /** `POST /saml/acs/:connection`. */
  handleAcs(connection: string, request: AcsRequest): T.Task<AcsResult>;
  /** `GET /saml/login/:connection?RelayState=…`. */
  startLogin(connection: string, request?: LoginStartRequest): T.Task<LoginStartResult>;
  /** `GET /saml/metadata/:connection`. */
  metadata(connection: string): DocumentOrStatus;
  /** `GET /saml/error?ErrorCode=…`: the built-in JIT error page. */
  errorPage(query: URLSearchParams | string): DocumentResult;
  /** The live session with this ID and its user, for the application's own routes. */
  sessionUser(
    sessionId: string,
  ): TE.TaskEither<StoreFailure, O.Option<{ readonly session: Session; readonly user: SObjectRecord }>>;
}

const positive = (
  field: string,
  value: number | undefined,
  fallback: number,
): E.Either<ConfigFailure, number> =>
  value === undefined
    ? E.right(fallback)
    : Number.isFinite(value) && value > 0
      ? E.right(value)
      : E.left(configFailure('CONFIG_INVALID', `${field} must be a positive number.`, { field }));

const bindingMode = (value: unknown): E.Either<ConfigFailure, BrowserBindingMode> =>
  value === undefined || value === 'required' || value === 'off'
    ? E.right(value ?? 'required')
    : E.left(
        configFailure('CONFIG_INVALID', "browserBinding must be 'required' or 'off'.", {
          field: 'browserBinding',
        }),
      );

const resolveAll = (
  options: ServiceProviderOptions,
): E.Either<ConfigFailure, ReadonlyMap<string, Connection>> =>
  pipe(
    options.connections,
    R.traverseWithIndex(E.Applicative)((name, config) => resolveConnection(name, config)),
    E.map((byName) => new Map(Object.entries(byName))),
  );

const toEnv = (options: ServiceProviderOptions): E.Either<ConfigFailure, SpEnv> =>
  pipe(
    E.Do,
    E.bind('connections', () => resolveAll(options)),
    E.bind('relayStatePolicy', () =>
      relayStatePolicy(options.allowedRelayStateOrigins ?? [], options.baseUrl ?? null),
    ),
    E.bind('maxBodyBytes', () => positive('maxBodyBytes', options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES)),
    E.bind('requestTtl', () => positive('requestTtlSeconds', options.requestTtlSeconds, 600)),
    E.bind('sessionTtl', () => positive('sessionTtlSeconds', options.sessionTtlSeconds, 8 * 3600)),
    E.bind('retryAfter', () => positive('retryAfterSeconds', options.retryAfterSeconds, 5)),
    E.bind('browserBinding', () => bindingMode(options.browserBinding)),
    E.map(
      (r): SpEnv => ({
        connections: r.connections,
        stores: options.stores,
        clock: options.clock,
        ids: options.ids,
        audit: options.audit,
        handler: options.handler ?? null,
        onLogin: options.onLogin,
        relayStatePolicy: r.relayStatePolicy,
        maxBodyBytes: Math.floor(r.maxBodyBytes),
        requestTtlMs: r.requestTtl * 1000,
        browserBinding: r.browserBinding,
        sessionTtlMs: r.sessionTtl * 1000,
        retryAfterSeconds: Math.ceil(r.retryAfter),
      }),
    ),
  );

const sessionUser =
  (env: SpEnv) =>
  (sessionId: string): ReturnType<ServiceProvider['sessionUser']> => {
    const store = env.stores.sessionStore;
    if (store === undefined || sessionId === '') return TE.right(O.none);
    return pipe(
      store.get(sessionId, env.clock.now()),
      TE.chain(
        O.match(
          () => TE.right(O.none),
          (session) =>
            pipe(
              env.stores.directory.find('User', 'Id', session.userId),
              TE.map((users) =>
                O.map((user: SObjectRecord) => ({ session, user }))(O.fromNullable(users[0])),
              ),
            ),
        ),
      ),
    );
  };

/**
 * Checks the options and every connection, and builds the service provider.
 * @example
 * const sp = createServiceProvider({
 *   connections: { okta: { idpMetadata, spEntityId: 'https://sp.example.test',
 *     acsUrl: 'https://sp.example.test/saml/acs/okta',
 *     jit: { identityMapping: 'FederationId', identityLocation: 'SubjectNameId', userProvisioning: true } } },
 *   stores: { directory, replayCache, requestStore },
 *   clock: systemClock, ids: randomIds, audit: noAudit,
 *   onLogin: ({ user, redirectTo }) => ({ location: redirectTo, headers: [['Set-Cookie', cookieFor(user)]] }),
 * });
 */
export const createServiceProvider = (
  options: ServiceProviderOptions,
): E.Either<ConfigFailure, ServiceProvider> =>
  pipe(
    E.tryCatch(
      () => toEnv(options),
      (cause) =>
        configFailure('CONFIG_INVALID', 'The service provider options could not be read.', {
          cause: cause instanceof Error ? cause.message : typeof cause,
        }),
    ),
    E.flatten,
    E.map(
      (env): ServiceProvider => ({
        connections: [...env.connections.keys()],
        maxBodyBytes: env.maxBodyBytes,
        handleAcs: acs(env),
        startLogin: startLogin(env),
        metadata: (name) => {
          const conn = env.connections.get(name);
          if (conn === undefined) return statusResult(unknownConnection(name), env.retryAfterSeconds);
          return {
            ...documentReply('application/samlmetadata+xml; charset=utf-8', conn.metadataXml),
            type: 'document',
          };
        },
        errorPage: (query) => ({
          ...htmlReply(200, jitErrorPage(typeof query === 'string' ? new URLSearchParams(query) : query)),
          type: 'document',
        }),
        sessionUser: sessionUser(env),
      }),
    ),
  );
