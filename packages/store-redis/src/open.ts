/**
 * Creating the Redis stores: a client (yours, or one made from a URL with fail-fast defaults), a
 * key prefix, a per-command timeout, and the three adapters over them. Never throws.
 */
import {
  type ConfigFailure,
  configFailure,
  type ReplayCache,
  type RequestStore,
  type SessionStore,
} from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import { type RedisOptions as ClientOptions, Redis } from 'ioredis';
import type { Conn } from './run.js';
import { redisReplayCache, redisRequestStore, redisSessionStore } from './stores.js';

export interface RedisStoreOptions {
  /** A client you manage; `close()` then leaves it connected. Give this or `url`. */
  readonly client?: Redis;
  /** `redis://host:6379/0`: a client is made with saml-jit's defaults, overridden by `clientOptions`. */
  readonly url?: string;
  readonly clientOptions?: ClientOptions;
  /** Prepended to every key (default `saml-jit:`), so one Redis can serve several apps. */
  readonly prefix?: string;
  /** A command without an answer by then fails with `STORE_UNAVAILABLE` (default 2000 ms). */
  readonly timeoutMs?: number;
}

export interface RedisStores {
  readonly replayCache: ReplayCache;
  readonly requestStore: RequestStore;
  readonly sessionStore: SessionStore;
  /** Disconnects the client (if these stores made it); later calls fail with `STORE_UNAVAILABLE`. */
  close(): Promise<void>;
}

/**
 * ioredis 6's constructor overloads reject its own `RedisOptions` under
 * `exactOptionalPropertyTypes` (its `replyMapping?` is not `| undefined`); this is the overload
 * we call, typed with the options type ioredis exports.
 */
const RedisClient = Redis as unknown as new (url: string, options: ClientOptions) => Redis;

/** Fail fast: give up a command after one reconnection attempt instead of queueing it forever. */
const DEFAULT_CLIENT: ClientOptions = { maxRetriesPerRequest: 1, connectTimeout: 2_000 };

/**
 * The Redis stores.
 * @example
 * const stores = redisStores({ url: 'redis://127.0.0.1:6379', prefix: 'myapp:saml:' });
 * if (E.isRight(stores)) { const { replayCache, requestStore, sessionStore } = stores.right; }
 */
export const redisStores = (options: RedisStoreOptions): E.Either<ConfigFailure, RedisStores> => {
  const timeoutMs = options.timeoutMs ?? 2_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
    return E.left(configFailure('CONFIG_INVALID', 'timeoutMs must be a positive number.'));
  if (options.client === undefined && options.url === undefined)
    return E.left(configFailure('CONFIG_INVALID', 'redisStores needs a client or a url.'));
  let client: Redis;
  try {
    const clientOptions: ClientOptions = { ...DEFAULT_CLIENT, ...options.clientOptions };
    client = options.client ?? new RedisClient(options.url ?? '', clientOptions);
  } catch {
    return E.left(configFailure('CONFIG_INVALID', 'The Redis client settings were refused.'));
  }
  const owned = options.client === undefined;
  // Connection errors are reported per command; unhandled 'error' events would only be logged.
  if (owned) client.on('error', () => undefined);
  let closed = false;
  const conn: Conn = { client, prefix: options.prefix ?? 'saml-jit:', timeoutMs, closed: () => closed };
  return E.right({
    replayCache: redisReplayCache(conn),
    requestStore: redisRequestStore(conn),
    sessionStore: redisSessionStore(conn),
    close: async () => {
      if (closed) return;
      closed = true;
      if (!owned) return;
      await client.quit().catch(() => client.disconnect());
    },
  });
};
