/**
 * The audit sink: one event per provisioning attempt, success or failure. Recording an event
 * never fails a login (a sink that cannot write must swallow and report through its own means).
 */
import type { Task } from 'fp-ts/lib/Task.js';
import type { ErrorCode } from '../errors/codes.js';

export interface AuditEvent {
  readonly type: 'provisioning';
  readonly at: Date;
  readonly federationId: string | null;
  /** `login`: provisioning disabled, an existing user matched, nothing written. */
  readonly outcome: 'create' | 'update' | 'login' | 'reject';
  /** The provisioned user's Id, when there is one. */
  readonly userId: string | null;
  readonly code: ErrorCode | null;
  /** Which sObjects were written, e.g. `['Account', 'Contact', 'User']`. */
  readonly written: readonly string[];
}

export interface AuditSink {
  record(event: AuditEvent): Task<void>;
}

/** Discards events. */
export const noAudit: AuditSink = { record: () => () => Promise.resolve() };

/** Keeps events in an array, for tests and the dry run. */
export const memoryAudit = (): AuditSink & { readonly events: readonly AuditEvent[] } => {
  const events: AuditEvent[] = [];
  return {
    events,
    record: (event) => () => {
      events.push(event);
      return Promise.resolve();
    },
  };
};
