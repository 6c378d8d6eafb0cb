/**
 * The `provisioning` object and the JIT error of a `provision` line, exactly as the contract
 * shows: `{"action", "User", "Contact"?, "Account"?}`, where Contact and Account are
 * `{"action", ...record}` and present for site and portal logins; and on a JIT failure
 * `{"reason", "code", "errorCode", "errorDescription", "errorDetails", "redirect"}`.
 */
import {
  type JitFailure,
  jitErrorRedirect,
  type ProvisionOutcome,
  type RecordOutcome,
  type SObjectRecord,
} from '@saml-jit/core';

export interface ProvisioningFields {
  readonly action: ProvisionOutcome['action'];
  readonly User: SObjectRecord;
  readonly Contact?: Readonly<Record<string, unknown>>;
  readonly Account?: Readonly<Record<string, unknown>>;
}

/** `{action, ...record}` with `action` first, whatever fields the record has. */
const withAction = (o: RecordOutcome): Readonly<Record<string, unknown>> =>
  Object.assign({ action: o.action }, o.record, { action: o.action });

/**
 * @example
 * provisioningFields(outcome) // { action: 'create', User: { Id: '005…', … }, Contact: { action: 'create', Id: '003…', … }, … }
 */
export const provisioningFields = (outcome: ProvisionOutcome): ProvisioningFields => ({
  action: outcome.action,
  User: outcome.user,
  ...(outcome.contact === null ? {} : { Contact: withAction(outcome.contact) }),
  ...(outcome.account === null ? {} : { Account: withAction(outcome.account) }),
});

export interface JitErrorFields {
  readonly reason: 'SAML Provision Error';
  readonly code: string;
  readonly errorCode: number;
  readonly errorDescription: string;
  readonly errorDetails: string;
  /** The error URL (or the default error path) with ErrorCode, ErrorDescription and ErrorDetails. */
  readonly redirect: string;
}

/**
 * @example
 * jitErrorFields(jitFailure('PROFILE_NAME_LOOKUP_ERROR'), null).redirect
 * // '/saml/error?ErrorCode=16&ErrorDescription=Unable+to+map+a+unique+profile+ID+for+the+given+profile+name&ErrorDetails=PROFILE_NAME_LOOKUP_ERROR'
 */
export const jitErrorFields = (e: JitFailure, errorUrl: string | null): JitErrorFields => ({
  reason: e.reason,
  code: e.code,
  errorCode: e.errorCode,
  errorDescription: e.errorDescription,
  errorDetails: e.errorDetails,
  redirect: jitErrorRedirect(e, errorUrl),
});
