/**
 * The service provider's checked settings, shared by its calls: the resolved connections, the
 * RelayState policy, the ports, and the limits with their defaults applied.
 */
import type { AuditSink, Clock, IdGenerator, SamlJitHandler } from '@saml-jit/core';
import type { BrowserBindingMode } from './browser-binding.js';
import type { Connection } from './connection.js';
import type { LoginContext, LoginResponse, ServiceProviderStores } from './options.js';
import type { RelayStatePolicy } from './relay-state.js';

export interface SpEnv {
  readonly connections: ReadonlyMap<string, Connection>;
  readonly stores: ServiceProviderStores;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly audit: AuditSink;
  readonly handler: SamlJitHandler | null;
  readonly onLogin: (login: LoginContext) => LoginResponse | Promise<LoginResponse>;
  readonly relayStatePolicy: RelayStatePolicy;
  readonly maxBodyBytes: number;
  readonly requestTtlMs: number;
  readonly browserBinding: BrowserBindingMode;
  readonly sessionTtlMs: number;
  readonly retryAfterSeconds: number;
}
