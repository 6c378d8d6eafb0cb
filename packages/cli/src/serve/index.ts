/**
 * `@saml-jit/cli/serve` — the building blocks of `saml-jit serve`, for tools that run the service
 * in their own process (the demo, the HTTP benchmark): the configuration and seed readers, the
 * stores by URL, the Hono application, and `startService`, which listens and answers a handle to
 * close it.
 */
export type { ServeAppOptions } from './app.js';
export { serveApp } from './app.js';
export type { ServeConfig } from './config.js';
export { decodeServeConfig, loadServeConfig } from './config.js';
export type { HomeLink } from './home-page.js';
export { homePage } from './home-page.js';
export type { Listening } from './listen.js';
export { listen, SHUTDOWN_GRACE_MS } from './listen.js';
export { DEFAULT_HOST, DEFAULT_PORT, parsePort, SERVE_OPTIONS } from './options.js';
export { loadSnapshot } from './seed.js';
export type { RunningService, ServiceSettings, StartFailure } from './service.js';
export { acsLogLine, DEFAULT_SESSION_TTL_SECONDS, RETRY_AFTER_SECONDS, startService } from './service.js';
export { SESSION_COOKIE, sessionCookie, sessionIdFrom } from './session-cookie.js';
export type { StateSpec, StoreSpec } from './store-url.js';
export { DEFAULT_STORE, parseState, parseStore } from './store-url.js';
export type { LoginState, ServeStores } from './stores.js';
export { openServeStores } from './stores.js';
