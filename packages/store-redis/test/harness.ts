/**
 * Test harness for the Redis stores, against the real server (127.0.0.1:6379;
 * `SAML_JIT_REDIS_URL` overrides): a fresh key prefix per test, whose keys are deleted
 * afterwards; a raw client as the backdoor (SCAN over the prefix: expired keys are not listed);
 * a second client as the second instance; a client on a closed port as the unreachable store.
 */
import * as E from 'fp-ts/lib/Either.js';
import { Redis } from 'ioredis';
import { type RedisStores, redisStores } from '../src/index.js';

export const REDIS_URL = process.env.SAML_JIT_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The backdoor's own client; it does not reconnect, so a missing server fails fast. */
export const admin = new Redis(REDIS_URL, {
  lazyConnect: true,
  maxRetriesPerRequest: 0,
  retryStrategy: () => null,
});
admin.on('error', () => undefined);

export const ping = async (): Promise<void> => {
  await admin.ping();
};

let counter = 0;

export interface RedisHarness extends RedisStores {
  readonly prefix: string;
}

const open = (prefix: string, url = REDIS_URL): RedisStores => {
  const r = redisStores({ url, prefix });
  if (E.isLeft(r)) throw new Error(r.left.code);
  return r.right;
};

/** Escapes Redis glob metacharacters so a prefix matches itself only. */
const glob = (s: string): string => s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

/** Every key under `pattern`'s prefix, via SCAN (which skips keys that have expired). */
const keys = async (prefix: string): Promise<string[]> => {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await admin.scan(cursor, 'MATCH', `${glob(prefix)}*`, 'COUNT', 1000);
    cursor = next;
    out.push(...batch);
  } while (cursor !== '0');
  return out;
};

/** Stores under a new prefix; closing deletes its keys. */
export const makeRedis = async (): Promise<RedisHarness> => {
  counter += 1;
  const prefix = `saml-jit-test:${process.pid}:${Date.now().toString(36)}:${counter}:`;
  const stores = open(prefix);
  return {
    ...stores,
    prefix,
    close: async () => {
      await stores.close();
      const left = await keys(prefix);
      if (left.length > 0) await admin.del(...left);
    },
  };
};

/** Counts the live keys of one store (`replay:`, `request:`, `session:`). */
export const count = (h: RedisHarness, kind: string) => async (): Promise<number> =>
  (await keys(`${h.prefix}${kind}:`)).length;

export const secondInstance = async (first: RedisHarness): Promise<RedisStores> => open(first.prefix);

/** Stores whose server does not exist (nothing listens on port 1). */
export const unreachable = async (): Promise<RedisStores> =>
  open('saml-jit-test:unreachable:', 'redis://127.0.0.1:1');
