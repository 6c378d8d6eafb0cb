/**
 * @saml-jit/sp — the service provider as one framework-free object: ACS handling (validate,
 * provision, the application's login callback), SP-initiated login (AuthnRequest over
 * HTTP-Redirect), SP metadata, the JIT error redirect and page, and the error code → HTTP status
 * table. HTTP adapters (`@saml-jit/http-express`, `-fastify`, `-hono`) only translate to it.
 */

export type { AcsRequest } from './acs.js';
export type { AuthnRequestInput } from './authn-request.js';
export { authnRequestXml, RSA_SHA256, redirectUrl } from './authn-request.js';
export type { AcsBody, AcsFields, AcsForm } from './body.js';
export { contentLengthOf, DEFAULT_MAX_BODY_BYTES, readAcsForm } from './body.js';
export type { BrowserBindingMode } from './browser-binding.js';
export { LOGIN_COOKIE } from './browser-binding.js';
export type { Connection, ConnectionConfig, JitSettings } from './connection.js';
export { CONNECTION_NAME, resolveConnection, UNSPECIFIED_NAME_ID } from './connection.js';
export type { LoginStartRequest } from './login.js';
export type { SpMetadataInput } from './metadata.js';
export { HTTP_POST_BINDING, HTTP_REDIRECT_BINDING, spMetadataXml } from './metadata.js';
export type {
  LoginContext,
  LoginResponse,
  ServiceProviderOptions,
  ServiceProviderStores,
} from './options.js';
export { escapeHtml, failurePage, jitErrorPage } from './pages.js';
export type { RelayStatePolicy } from './relay-state.js';
export { MAX_RELAY_STATE_LENGTH, relayStatePolicy, safeRelayState } from './relay-state.js';
export type { Header, HttpReply } from './reply.js';
export type {
  AcsResult,
  DocumentOrStatus,
  DocumentResult,
  ErrorRedirectResult,
  IdpRedirectResult,
  LoginResult,
  LoginStartResult,
  NonJitError,
  StatusResult,
} from './results.js';
export { statusResult } from './results.js';
export type { ServiceProvider } from './service-provider.js';
export { createServiceProvider } from './service-provider.js';
export type { FailureStatus } from './status-table.js';
export { HTTP_STATUS } from './status-table.js';
export { escapeXml } from './xml.js';
