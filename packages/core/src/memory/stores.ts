/**
 * In-memory replay cache, request store and session store: the reference implementations of
 * their ports, for one process. Each operation runs to completion on JavaScript's single thread,
 * which is what makes `consume` and `take` atomic here. Expired entries are swept on every write,
 * so the maps stay bounded by what is live.
 */
import * as O from 'fp-ts/lib/Option.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { ConsumeResult, ReplayCache } from '../ports/replay-cache.js';
import type { OutstandingRequest, RequestStore } from '../ports/request-store.js';
import type { Session, SessionStore } from '../ports/session-store.js';

const sweep = <V>(map: Map<string, V>, expiry: (v: V) => number, now: number): void => {
  for (const [k, v] of map) if (expiry(v) <= now) map.delete(k);
};

export interface MemoryReplayCache extends ReplayCache {
  /** How many keys are held (the suites check that expired keys go away). */
  size(): number;
}

export const memoryReplayCache = (): MemoryReplayCache => {
  const seen = new Map<string, number>();
  return {
    consume: (key, { now, expiresAt }) => {
      const t = now.getTime();
      sweep(seen, (e) => e, t);
      const until = seen.get(key);
      if (until !== undefined && until > t) return TE.right<never, ConsumeResult>('replayed');
      seen.set(key, expiresAt.getTime());
      return TE.right<never, ConsumeResult>('fresh');
    },
    size: () => seen.size,
  };
};

export interface MemoryRequestStore extends RequestStore {
  size(): number;
}

export const memoryRequestStore = (): MemoryRequestStore => {
  const requests = new Map<string, OutstandingRequest>();
  return {
    save: (request) => {
      sweep(requests, (r) => r.expiresAt.getTime(), request.issuedAt.getTime());
      requests.set(request.id, { ...request, browserBinding: request.browserBinding ?? null });
      return TE.right(undefined);
    },
    take: (id, now) => {
      const r = requests.get(id);
      requests.delete(id);
      return TE.right(r !== undefined && r.expiresAt.getTime() > now.getTime() ? O.some(r) : O.none);
    },
    size: () => requests.size,
  };
};

export const memorySessionStore = (): SessionStore & { size(): number } => {
  const sessions = new Map<string, Session>();
  return {
    save: (session) => {
      sweep(sessions, (s) => s.expiresAt.getTime(), session.createdAt.getTime());
      sessions.set(session.id, session);
      return TE.right(undefined);
    },
    get: (id, now) => {
      const s = sessions.get(id);
      return TE.right(s !== undefined && s.expiresAt.getTime() > now.getTime() ? O.some(s) : O.none);
    },
    delete: (id) => {
      sessions.delete(id);
      return TE.right(undefined);
    },
    size: () => sessions.size,
  };
};
