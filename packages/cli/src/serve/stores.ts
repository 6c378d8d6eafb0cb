/**
 * Opening what `serve` keeps, from `--store` and `--state`: the directory always lives in the
 * `--store` backend; the replay cache, outstanding AuthnRequests and sessions live in `--state`
 * when given (Redis, shared by a fleet), else in the `--store` backend too (memory for `memory`).
 * Opening migrates the database (the adapters make concurrent migrations safe) and never throws.
 */
import {
  type ConfigFailure,
  type Directory,
  memoryDirectory,
  memoryReplayCache,
  memoryRequestStore,
  memorySessionStore,
  type ReplayCache,
  type RequestStore,
  type SessionStore,
  type StoreFailure,
} from '@saml-jit/core';
import { connectPostgres } from '@saml-jit/store-postgres';
import { redisStores } from '@saml-jit/store-redis';
import { openSqlite } from '@saml-jit/store-sqlite';
import * as E from 'fp-ts/lib/Either.js';
import type { StateSpec, StoreSpec } from './store-url.js';

/** The replay cache, request store and session store: the state a fleet must share. */
export interface LoginState {
  readonly replayCache: ReplayCache;
  readonly requestStore: RequestStore;
  readonly sessionStore: SessionStore;
}

export interface ServeStores extends LoginState {
  readonly directory: Directory;
  /** The schema versions this start applied (empty when another instance, or an earlier start, did). */
  readonly migrated: readonly number[];
  /** Closes every connection this open made; idempotent. */
  close(): Promise<void>;
}

type Opened<T> = E.Either<StoreFailure | ConfigFailure, T & { close(): Promise<void> }>;

const memoryStores = (): Opened<Omit<ServeStores, 'close'>> =>
  E.right({
    directory: memoryDirectory(),
    replayCache: memoryReplayCache(),
    requestStore: memoryRequestStore(),
    sessionStore: memorySessionStore(),
    migrated: [],
    close: () => Promise.resolve(),
  });

const openStore = async (spec: StoreSpec): Promise<Opened<Omit<ServeStores, 'close'>>> => {
  switch (spec.kind) {
    case 'memory':
      return memoryStores();
    case 'sqlite':
      return openSqlite({ path: spec.path });
    case 'postgres':
      return connectPostgres({
        connectionString: spec.url,
        ...(spec.schema === null ? {} : { schema: spec.schema }),
      })();
  }
};

/** A session lookup that must answer (none): proves the state store is reachable before we listen. */
const PROBE_SESSION = '_saml_jit_serve_start_probe';

const openState = async (spec: StateSpec): Promise<Opened<LoginState>> => {
  const state = redisStores({ url: spec.url, ...(spec.prefix === null ? {} : { prefix: spec.prefix }) });
  if (E.isLeft(state)) return state;
  const probe = await state.right.sessionStore.get(PROBE_SESSION, new Date())();
  if (E.isLeft(probe)) {
    await state.right.close();
    return probe;
  }
  return state;
};

/**
 * Opens (and migrates) the stores for `--store` and `--state`.
 * @example
 * const stores = await openServeStores({ kind: 'sqlite', path: 'saml-jit.db' }, null);
 */
export const openServeStores = async (
  store: StoreSpec,
  state: StateSpec | null,
): Promise<E.Either<StoreFailure | ConfigFailure, ServeStores>> => {
  const main = await openStore(store);
  if (E.isLeft(main) || state === null) return main;
  const shared = await openState(state);
  if (E.isLeft(shared)) {
    await main.right.close();
    return shared;
  }
  let closed = false;
  return E.right({
    directory: main.right.directory,
    replayCache: shared.right.replayCache,
    requestStore: shared.right.requestStore,
    sessionStore: shared.right.sessionStore,
    migrated: main.right.migrated,
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.allSettled([main.right.close(), shared.right.close()]);
    },
  });
};
