/**
 * Randomness, injected: record IDs for what JIT creates and opaque tokens (request IDs, sessions).
 * Record IDs look like Salesforce's: the sObject's key prefix then 15 more characters (18 in all).
 */
import { KEY_PREFIX, type WritableSObject } from '../model/records.js';

export interface IdGenerator {
  /** A new record ID with the sObject's key prefix (`005` User, `003` Contact, `001` Account). */
  recordId(sobject: WritableSObject): string;
  /** An unguessable token of at least 128 bits, URL-safe. Request IDs must not start with a digit. */
  token(): string;
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const randomChars = (n: number): string => {
  const bytes = new Uint8Array(n);
  globalThis.crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
};

/** IDs from the platform's cryptographic random source (Web Crypto). */
export const randomIds: IdGenerator = {
  recordId: (sobject) => KEY_PREFIX[sobject] + randomChars(15),
  token: () => `_${randomChars(32)}`,
};

/** Deterministic IDs for tests and dry runs: `005000000000000001AAA`, … in order. */
export const sequentialIds = (): IdGenerator => {
  let n = 0;
  return {
    recordId: (sobject) => {
      n += 1;
      return `${KEY_PREFIX[sobject]}${String(n).padStart(12, '0')}AAA`;
    },
    token: () => {
      n += 1;
      return `_id${String(n).padStart(8, '0')}`;
    },
  };
};
