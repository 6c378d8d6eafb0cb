/**
 * A running `saml-jit serve`: the service provider built from the checked configuration and the
 * opened stores, its login callback (a session in the shared SessionStore, announced by the
 * session cookie), the HTTP routes, the listening server. The `serve` command and the demo both
 * start it through `startService`.
 */
import {
  type AuditSink,
  type Clock,
  type IdGenerator,
  noAudit,
  randomIds,
  systemClock,
} from '@saml-jit/core';
import { type AcsResult, createServiceProvider, type ServiceProvider } from '@saml-jit/sp';
import * as E from 'fp-ts/lib/Either.js';
import { type CliFailure, cliFailure, EXIT_REJECTED, EXIT_USAGE, type ExitCode } from '../io.js';
import { internalErrorResponse, serveApp } from './app.js';
import { describeConfigFailure, type ServeConfig } from './config.js';
import type { HomeLink } from './home-page.js';
import { type Listening, listen } from './listen.js';
import { sessionCookie } from './session-cookie.js';
import type { ServeStores } from './stores.js';

/** Sessions last a working day unless the configuration says otherwise. */
export const DEFAULT_SESSION_TTL_SECONDS = 8 * 3600;
/** `Retry-After` of a 503 caused by a store that is briefly unreachable. */
export const RETRY_AFTER_SECONDS = 5;

export interface ServiceSettings {
  readonly config: ServeConfig;
  readonly stores: ServeStores;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The home page's heading. Default `saml-jit serve`. */
  readonly title?: string;
  /** Links shown on the home page under the login buttons. */
  readonly links?: readonly HomeLink[];
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly audit?: AuditSink;
  /** One line per ACS request (status, connection, code or action; no personal data). */
  readonly log?: (line: string) => void;
}

/** Why the service did not start, and the exit status that says so (2 configuration, 1 otherwise). */
export interface StartFailure {
  readonly exit: ExitCode;
  readonly failure: CliFailure;
}

export interface RunningService extends Listening {
  readonly sp: ServiceProvider;
}

/** The log line of one ACS request: what an operator needs to see why a login failed. */
export const acsLogLine = (connection: string, r: AcsResult): string => {
  const what =
    r.type === 'login' ? `${r.outcome.action} ${r.user.Id}` : r.type === 'redirect' ? r.error.code : r.code;
  return `acs ${connection.slice(0, 64)} ${r.status} ${what}`;
};

/** Wraps `handleAcs` to log each result. */
const logged = (sp: ServiceProvider, log: (line: string) => void): ServiceProvider => ({
  ...sp,
  handleAcs: (connection, request) => async () => {
    const r = await sp.handleAcs(connection, request)();
    log(acsLogLine(connection, r));
    return r;
  },
});

/**
 * Builds the service provider over `settings.stores` and starts listening.
 * @example
 * const running = await startService({ config, stores, host: '127.0.0.1', port: 3000 });
 * // Right({ url: 'http://127.0.0.1:3000', close, sp })
 */
export const startService = async (
  settings: ServiceSettings,
): Promise<E.Either<StartFailure, RunningService>> => {
  const { config, stores } = settings;
  const ttl = config.sessionTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS;
  const built = createServiceProvider({
    connections: config.connections,
    stores,
    clock: settings.clock ?? systemClock,
    ids: settings.ids ?? randomIds,
    audit: settings.audit ?? noAudit,
    ...(config.baseUrl === null ? {} : { baseUrl: config.baseUrl }),
    allowedRelayStateOrigins: config.allowedRelayStateOrigins,
    ...(config.browserBinding === null ? {} : { browserBinding: config.browserBinding }),
    sessionTtlSeconds: ttl,
    retryAfterSeconds: RETRY_AFTER_SECONDS,
    onLogin: ({ connection, session, redirectTo }) => {
      // Every login of `serve` has a session: the stores always include a SessionStore.
      if (session === null) throw new Error('no session store');
      const secure = config.connections[connection]?.acsUrl.startsWith('https:') ?? true;
      return {
        location: redirectTo,
        headers: [['Set-Cookie', sessionCookie(session.id, { secure, maxAgeSeconds: ttl })]],
      };
    },
  });
  if (E.isLeft(built)) return E.left({ exit: EXIT_USAGE, failure: describeConfigFailure(built.left) });
  const sp = settings.log === undefined ? built.right : logged(built.right, settings.log);
  const app = serveApp({
    sp,
    title: settings.title ?? 'saml-jit serve',
    retryAfterSeconds: RETRY_AFTER_SECONDS,
    links: settings.links ?? [],
  });
  const onError = (cause: unknown): Response => internalErrorResponse(cause, RETRY_AFTER_SECONDS);
  const server = await listen(app.fetch, { host: settings.host, port: settings.port, onError });
  if (E.isLeft(server)) return E.left({ exit: EXIT_REJECTED, failure: cliFailure(server.left) });
  return E.right({ ...server.right, sp });
};
