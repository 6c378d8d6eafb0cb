/**
 * ioredis errors → port-level store failures. Anything that is not a server reply (refused or
 * closed connection, retries exhausted, our own timeout) means the server cannot be reached:
 * `STORE_UNAVAILABLE`. A reply saying the server is loading, read-only, out of memory or failing
 * over is `STORE_UNAVAILABLE` too; any other reply (`WRONGTYPE`, `NOAUTH`…) `STORE_UNEXPECTED`.
 */
import { type StoreFailure, storeFailure } from '@saml-jit/core';

const TRANSIENT_REPLY = /^(LOADING|BUSY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|READONLY|NOREPLICAS|OOM)\b/;

/** Translates anything an ioredis call rejected with. */
export const translate = (e: unknown): StoreFailure => {
  const name = e instanceof Error ? e.name : '';
  const message = e instanceof Error ? e.message : '';
  if (name === 'ReplyError') {
    const word = message.split(' ')[0] ?? '';
    return TRANSIENT_REPLY.test(message)
      ? storeFailure('STORE_UNAVAILABLE', 'Redis cannot serve requests right now.', {
          details: { reply: word },
        })
      : storeFailure('STORE_UNEXPECTED', 'Redis refused the command.', { details: { reply: word } });
  }
  if (e instanceof Error)
    return storeFailure('STORE_UNAVAILABLE', 'Redis cannot be reached.', { details: { error: name } });
  return storeFailure('STORE_UNEXPECTED', 'Redis failed unexpectedly.');
};
