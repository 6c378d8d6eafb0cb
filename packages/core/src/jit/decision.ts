/**
 * What a JIT decision is: create, update or reject. Standard, site and portal rules (and a custom
 * handler) all produce this one union, so the provisioning program commits and audits them alike.
 * A decision is plain data: the records as they will be after the commit, and the `WritePlan`
 * that makes them so.
 */
import type { JitFailure } from '../errors/error.js';
import type { SObjectRecord, WriteOp, WritePlan } from '../model/records.js';

/** One record touched by a site or portal login: created, updated, or matched unchanged. */
export interface RecordOutcome {
  readonly action: 'create' | 'update' | 'none';
  /** The full record after provisioning. */
  readonly record: SObjectRecord;
}

interface Accepted<A extends 'create' | 'update'> {
  readonly _tag: A;
  /** The full User record after the plan is committed. */
  readonly user: SObjectRecord;
  /** Present for site and portal logins, null for internal users. */
  readonly contact: RecordOutcome | null;
  readonly account: RecordOutcome | null;
  /** Every write, in order; empty when nothing changed (an update with identical values). */
  readonly plan: WritePlan;
}

/** No user had the federation ID: the plan inserts one (and maybe its contact and account). */
export interface JitCreate extends Accepted<'create'> {}
/** The federation ID matched a user: the plan updates it (and maybe its contact and account). */
export interface JitUpdate extends Accepted<'update'> {}
/** Salesforce would refuse this login; nothing may be written. */
export interface JitReject {
  readonly _tag: 'reject';
  readonly failure: JitFailure;
}

export type JitDecision = JitCreate | JitUpdate | JitReject;

/** A rejection. */
export const reject = (failure: JitFailure): JitReject => ({ _tag: 'reject', failure });

/**
 * The update op for the fields of `next` that differ from `current` (none → no op), so a login
 * that changes nothing writes nothing.
 */
export const diffUpdate = (
  sobject: 'User' | 'Contact' | 'Account',
  current: SObjectRecord,
  next: SObjectRecord,
): WriteOp | null => {
  const fields: Record<string, SObjectRecord[string]> = {};
  for (const [k, v] of Object.entries(next)) if (k !== 'Id' && current[k] !== v) fields[k] = v;
  return Object.keys(fields).length === 0 ? null : { op: 'update', sobject, id: current.Id, fields };
};

/**
 * Exhaustive match on a decision.
 * @example
 * matchDecision(d, { create: (c) => c.user.Id, update: (u) => u.user.Id, reject: (r) => r.failure.code })
 */
export const matchDecision = <R>(
  d: JitDecision,
  cases: {
    readonly create: (d: JitCreate) => R;
    readonly update: (d: JitUpdate) => R;
    readonly reject: (d: JitReject) => R;
  },
): R => {
  switch (d._tag) {
    case 'create':
      return cases.create(d);
    case 'update':
      return cases.update(d);
    case 'reject':
      return cases.reject(d);
  }
};
