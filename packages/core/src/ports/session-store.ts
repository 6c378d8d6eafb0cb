/**
 * The session store: the login sessions a service provider hands out after a successful login,
 * shared by every instance so a cookie set by one is honoured by another.
 *
 * Contract (every adapter MUST, and `@saml-jit/testing`'s session-store suite checks it):
 * - `get` never returns a session at or past its `expiresAt` (compared with the given `now`);
 *   a saved session comes back field for field.
 * - A session saved through one instance is returned, and after `delete` no longer returned,
 *   by every other instance sharing the store.
 * - `delete` is idempotent (unknown IDs included); expired sessions are eventually removed.
 * - Unreachable store → `STORE_UNAVAILABLE`. Nothing throws.
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
