/**
 * The typed results of the service provider's calls. Each is an `HttpReply` an adapter writes as it
 * is, plus what the application may want to log or test (`type`, the error, the user). Failures
 * become `status` results through one function, so every code answers the status of the table, the
 * same page, and `Retry-After` exactly when a retry can help.
 */
import type {
  ErrorCode,
  JitFailure,
  LoginHistoryReason,
  ProvisionOutcome,
  SamlJitError,
  Session,
  SObjectRecord,
} from '@saml-jit/core';
import { failurePage } from './pages.js';
import { type Header, type HttpReply, htmlReply } from './reply.js';
import { HTTP_STATUS } from './status-table.js';

export interface LoginResult extends HttpReply {
  readonly type: 'login';
  readonly connection: string;
  readonly outcome: ProvisionOutcome;
  readonly user: SObjectRecord;
  readonly session: Session | null;
  readonly location: string;
}

export interface ErrorRedirectResult extends HttpReply {
  readonly type: 'redirect';
  readonly error: JitFailure;
  readonly location: string;
}

/** Every failure but a JIT one (those redirect). */
export type NonJitError = Exclude<SamlJitError, JitFailure>;

export interface StatusResult extends HttpReply {
  readonly type: 'status';
  readonly code: ErrorCode;
  readonly reason: LoginHistoryReason;
  /** The failure, with its operator details: log it, never show it. */
  readonly error: NonJitError;
}

/** What an ACS POST comes to. */
export type AcsResult = LoginResult | ErrorRedirectResult | StatusResult;

export interface IdpRedirectResult extends HttpReply {
  readonly type: 'idp-redirect';
  /** The AuthnRequest's ID, kept in the request store. */
  readonly requestId: string;
  readonly location: string;
}

/** What a login start comes to. */
export type LoginStartResult = IdpRedirectResult | StatusResult;

export interface DocumentResult extends HttpReply {
  readonly type: 'document';
}

/** Metadata and the error page. */
export type DocumentOrStatus = DocumentResult | StatusResult;

/**
 * The status result of a failure: the table's status, the failure page, and `Retry-After` when
 * the failure is a retryable store failure.
 */
export const statusResult = (error: NonJitError, retryAfterSeconds: number): StatusResult => {
  const status = HTTP_STATUS[error.code];
  const extra: Header[] = [];
  if (error.kind === 'store' && error.retryable) extra.push(['Retry-After', String(retryAfterSeconds)]);
  // A body over the bound is not read to its end: closing the connection stops the upload.
  if (status === 413) extra.push(['Connection', 'close']);
  return {
    ...htmlReply(status, failurePage(error.reason, error.code), extra),
    type: 'status',
    code: error.code,
    reason: error.reason,
    error,
  };
};
