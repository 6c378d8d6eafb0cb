/**
 * The failures the service provider itself reports (the rest come from validation, provisioning
 * and the stores). A defect or an application callback that throws still ends as a typed failure:
 * the cause goes to `details` for the operator, never into the page.
 */
import { type ConfigFailure, configFailure } from '@saml-jit/core';

const describe = (cause: unknown): string =>
  cause instanceof Error ? `${cause.name}: ${cause.message}` : typeof cause;

export const unknownConnection = (connection: string): ConfigFailure =>
  configFailure('UNKNOWN_CONNECTION', 'No connection has this name.', {
    connection: connection.slice(0, 64),
  });

export const internalError = (cause: unknown): ConfigFailure =>
  configFailure('SP_INTERNAL_ERROR', 'The service provider failed unexpectedly.', { cause: describe(cause) });

export const loginCallbackFailed = (cause: unknown): ConfigFailure =>
  configFailure('LOGIN_CALLBACK_FAILED', 'The application login callback failed.', {
    cause: describe(cause),
  });
