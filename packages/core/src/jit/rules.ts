/**
 * The seam between the provisioning program and a set of JIT rules. Standard, site and portal
 * rules, and a custom handler, each implement `JitRules`: read what they need through the
 * directory, and answer a `JitDecision`. The program does everything else, the same way for all:
 * the federation-ID lookup before, and the atomic commit, the retry on a lost race and the audit
 * event after.
 */
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { SsoConfig } from '../config/sso-config.js';
import type { ConfigFailure, StoreFailure } from '../errors/error.js';
import type { VerifiedAssertion } from '../model/assertion.js';
import type { SObjectRecord } from '../model/records.js';
import type { Clock } from '../ports/clock.js';
import type { Directory } from '../ports/directory.js';
import type { IdGenerator } from '../ports/id-generator.js';
import type { JitDecision } from './decision.js';

/** Where a login happens. */
export interface ProvisionContext {
  readonly config: SsoConfig;
  /** The connection's name or ID (Salesforce's `samlSsoProviderId`). */
  readonly ssoProviderId: string;
  /** The Experience Cloud site (community) ID the login came through, or null. */
  readonly siteId: string | null;
}

/** One login, as the program hands it to the rules. */
export interface RulesRequest {
  readonly assertion: VerifiedAssertion;
  readonly ctx: ProvisionContext;
  /** From NameID or the identity attribute. */
  readonly federationId: string;
  /** The user whose `FederationIdentifier` is the federation ID (the platform's step 1), or null. */
  readonly existing: SObjectRecord | null;
}

/** What rules may use. Rules MUST NOT call `directory.commit` or `directory.seed`. */
export interface RulesDeps {
  readonly directory: Directory;
  readonly ids: IdGenerator;
  readonly clock: Clock;
}

export type RulesKind = 'standard' | 'site' | 'portal' | 'custom';

export interface JitRules {
  readonly kind: RulesKind;
  /**
   * Decides create, update or reject for one login. A refusal is a `reject` decision (Right);
   * Left is only for a store that failed or a configuration that cannot work.
   */
  decide(request: RulesRequest, deps: RulesDeps): TaskEither<StoreFailure | ConfigFailure, JitDecision>;
}
