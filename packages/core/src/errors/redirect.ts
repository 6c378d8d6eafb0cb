/**
 * The JIT error redirect: Salesforce sends the browser to the custom error URL (or its default
 * error page) with `ErrorCode`, `ErrorDescription` and `ErrorDetails`, form-encoded (`+` for space).
 */
import type { JitFailure } from './error.js';

/** Where JIT errors go when the connection has no `errorUrl`. Relative to the service's origin. */
export const DEFAULT_JIT_ERROR_PATH = '/saml/error';

/**
 * Builds the error redirect URL. An absolute `errorUrl` keeps its own origin and query; a relative
 * one stays relative. Existing `ErrorCode`/`ErrorDescription`/`ErrorDetails` parameters are replaced.
 * @example
 * jitErrorRedirect(jitFailure('PROFILE_NAME_LOOKUP_ERROR'), null)
 * // '/saml/error?ErrorCode=16&ErrorDescription=Unable+to+map+a+unique+profile+ID+for+the+given+profile+name&ErrorDetails=PROFILE_NAME_LOOKUP_ERROR'
 */
export const jitErrorRedirect = (e: JitFailure, errorUrl: string | null): string => {
  const target = errorUrl === null || errorUrl === '' ? DEFAULT_JIT_ERROR_PATH : errorUrl;
  const hashAt = target.indexOf('#');
  const withoutHash = hashAt === -1 ? target : target.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : target.slice(hashAt);
  const queryAt = withoutHash.indexOf('?');
  const path = queryAt === -1 ? withoutHash : withoutHash.slice(0, queryAt);
  const params = new URLSearchParams(queryAt === -1 ? '' : withoutHash.slice(queryAt + 1));
  params.set('ErrorCode', String(e.errorCode));
  params.set('ErrorDescription', e.errorDescription);
  params.set('ErrorDetails', e.errorDetails);
  return `${path}?${params.toString()}${hash}`;
};
