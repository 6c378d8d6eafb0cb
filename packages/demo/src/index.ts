/** @saml-jit/demo (private) — the demo IdP and service provider, startable from tests. */
export type { DemoOptions, RunningDemo } from './demo.js';
export { DEFAULT_DEMO_OPTIONS, DEMO_CONNECTION, startDemo } from './demo.js';
export type { DemoSpTarget } from './idp/server.js';
export { demoIdpApp } from './idp/server.js';
export { DEMO_SEED } from './seed.js';
