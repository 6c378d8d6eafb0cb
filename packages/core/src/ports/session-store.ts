/**
 * The session store: the login sessions a service provider hands out after a successful login,
 * shared by every instance so a cookie set by one is honoured by another.
 *
 * Contract: `get` never returns a session past its `expiresAt` (compared with the given `now`);
 * `delete` is idempotent; unreachable store → `STORE_UNAVAILABLE`.
 */
import type { Option } from 'fp-ts/lib/Option.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { StoreFailure } from '../errors/error.js';

export interface Session {
  /** An unguessable random token (at least 128 bits). */
  readonly id: string;
  readonly userId: string;
  readonly connection: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export interface SessionStore {
  save(session: Session): TaskEither<StoreFailure, void>;
  get(id: string, now: Date): TaskEither<StoreFailure, Option<Session>>;
  delete(id: string): TaskEither<StoreFailure, void>;
}
