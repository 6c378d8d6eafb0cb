/**
 * The request store: outstanding AuthnRequest IDs, so a response's InResponseTo can be bound to a
 * request this service sent, and answered once.
 *
 * Contract (every adapter MUST, and `@saml-jit/testing`'s request-store suite checks it):
 * - `take` is atomic: of N concurrent takes of one ID, across processes, at most one gets the
 *   request; the others get `none`. A taken request is gone.
 * - A request past its `expiresAt` (compared with the `now` given to `take`) is never returned.
 * - Expired requests are eventually removed. Unreachable store → `STORE_UNAVAILABLE`.
 * - A saved request comes back field for field; IDs match exactly. Nothing throws.
 * - That includes `browserBinding`, null or not. A request saved without the field (a caller
 *   written before it existed) comes back with `browserBinding: null`.
 */
import type { Option } from 'fp-ts/lib/Option.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { StoreFailure } from '../errors/error.js';

export interface OutstandingRequest {
  readonly id: string;
  /** The connection (IdP) the request was sent to. */
  readonly connection: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  /** Where to send the browser after login, if the login was started with one. */
  readonly relayState: string | null;
  /**
   * The SHA-256 (base64url) of the random nonce in the cookie of the browser that started the
   * login, or null when the login was started without a browser binding. The ACS refuses a
   * response to a bound request from a browser without that cookie (login CSRF).
   */
  readonly browserBinding: string | null;
}

/** What `save` takes: `browserBinding` may be left out, and is then stored as null. */
export type NewOutstandingRequest = Omit<OutstandingRequest, 'browserBinding'> & {
  readonly browserBinding?: string | null;
};

export interface RequestStore {
  save(request: NewOutstandingRequest): TaskEither<StoreFailure, void>;
  /** Removes and returns the request if it is outstanding and not expired at `now`. */
  take(id: string, now: Date): TaskEither<StoreFailure, Option<OutstandingRequest>>;
}
