/**
 * The replay cache: an assertion ID is accepted once, until its expiry.
 *
 * Contract (every adapter MUST, and `@saml-jit/testing`'s replay-cache suite checks it):
 * - `consume` is atomic: of N concurrent calls with one key, across processes and connections
 *   sharing the store, exactly one gets `'fresh'`; the others get `'replayed'`.
 * - A key stays remembered while `now < expiresAt` (the `now` of later calls), and entries past
 *   their expiry are eventually removed: the store does not grow without bound.
 * - An unreachable store fails with `STORE_UNAVAILABLE`, so validation fails closed. Never
 *   `'fresh'` on doubt; an operation that cannot get an answer in bounded time is unreachable.
 * - Keys match exactly (case, whitespace, `%`, `*` are ordinary characters).
 * - After `expiresAt`, a key may be forgotten (then `'fresh'` again) or still be remembered: a
 *   store that expires by its own clock (a TTL of `expiresAt - now`) is conformant.
 */
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import type { StoreFailure } from '../errors/error.js';

export type ConsumeResult = 'fresh' | 'replayed';

export interface ReplayCache {
  /** Records `key` until `expiresAt`; `'fresh'` the first time, `'replayed'` while remembered. */
  consume(
    key: string,
    window: { readonly now: Date; readonly expiresAt: Date },
  ): TaskEither<StoreFailure, ConsumeResult>;
}
