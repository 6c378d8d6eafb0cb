/**
 * The provisioning program's inputs and result (the agreed API in /docs/architecture.md).
 */
import type { RecordOutcome } from '../jit/decision.js';
import type { SamlJitHandler } from '../jit/handler.js';
import type { SObjectRecord } from '../model/records.js';
import type { AuditSink } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { Directory } from '../ports/directory.js';
import type { IdGenerator } from '../ports/id-generator.js';

export interface ProvisionDeps {
  readonly directory: Directory;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly audit: AuditSink;
  /** The custom handler, used when `config.provisioningType` is `custom`. */
  readonly handler?: SamlJitHandler;
}

export interface ProvisionOutcome {
  /** `login`: provisioning is disabled, an existing user matched, nothing was written. */
  readonly action: 'create' | 'update' | 'login';
  /** The full User record after provisioning. */
  readonly user: SObjectRecord;
  /** Present for site and portal logins. */
  readonly contact: RecordOutcome | null;
  readonly account: RecordOutcome | null;
}
