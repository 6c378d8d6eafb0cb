/**
 * What `createServiceProvider` is given (connections, stores, clock, ids, audit, the login
 * callback, the RelayState allow-list, limits) and what a successful login hands the application.
 * The login callback is the one place where the application decides what a login means: it
 * receives the provisioned user and answers where to go and which headers (cookies) to set.
 */
import type {
  AuditSink,
  Clock,
  Directory,
  IdGenerator,
  ProvisionOutcome,
  ReplayCache,
  RequestStore,
  SamlJitHandler,
  Session,
  SessionStore,
  SObjectRecord,
  VerifiedAssertion,
} from '@saml-jit/core';
import type { BrowserBindingMode } from './browser-binding.js';
import type { ConnectionConfig } from './connection.js';
import type { Header } from './reply.js';

export interface ServiceProviderStores {
  readonly directory: Directory;
  readonly replayCache: ReplayCache;
  readonly requestStore: RequestStore;
  /** When given, every login gets a `Session` saved here and handed to `onLogin`. */
  readonly sessionStore?: SessionStore;
}

/** What the application learns of a successful login. */
export interface LoginContext {
  readonly connection: string;
  /** `create`, `update` or `login` (provisioning off, existing user), with every record written. */
  readonly outcome: ProvisionOutcome;
  /** The User record after provisioning (Salesforce field names). */
  readonly user: SObjectRecord;
  readonly assertion: VerifiedAssertion;
  /** The session saved in the session store, or null when there is none. */
  readonly session: Session | null;
  /** Where RelayState asked to go, when the policy allowed it; else null. */
  readonly relayState: string | null;
  /** The default redirect: `relayState`, or `/`. */
  readonly redirectTo: string;
}

/** The application's answer to a login. */
export interface LoginResponse {
  /** Where to send the browser (303). Default: `redirectTo`. Chosen by the application, so trusted. */
  readonly location?: string;
  /** Extra headers, e.g. `['Set-Cookie', …]`. */
  readonly headers?: readonly Header[];
}

export interface ServiceProviderOptions {
  /** Every IdP connection, by name (the `:connection` of the routes). */
  readonly connections: Readonly<Record<string, ConnectionConfig>>;
  readonly stores: ServiceProviderStores;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly audit: AuditSink;
  /** The custom JIT handler, for connections whose `jit.provisioningType` is `custom`. */
  readonly handler?: SamlJitHandler;
  /** Decides what a login means (session, token) and what to answer. May be async. */
  readonly onLogin: (login: LoginContext) => LoginResponse | Promise<LoginResponse>;
  /** Origins besides `baseUrl`'s an absolute RelayState may point to, e.g. `https://app.example.test`. */
  readonly allowedRelayStateOrigins?: readonly string[];
  /** This service's public URL; its origin is allowed as an absolute RelayState. */
  readonly baseUrl?: string;
  /** Bound on the ACS body. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** How long an SP-initiated login may take at the IdP. Default 600 s. */
  readonly requestTtlSeconds?: number;
  /**
   * `required` (default): an SP-initiated login is bound to the browser that started it by the
   * `__Host-saml-jit-login` cookie, and its response is refused from any other browser
   * (`REQUEST_BROWSER_MISMATCH`). `off`: no cookie, requests saved unbound, for applications
   * that cannot set cookies; logins are then open to login CSRF.
   */
  readonly browserBinding?: BrowserBindingMode;
  /** Lifetime of the sessions saved in the session store. Default 8 h. */
  readonly sessionTtlSeconds?: number;
  /** The `Retry-After` of a 503 for a retryable store failure. Default 5 s. */
  readonly retryAfterSeconds?: number;
}
