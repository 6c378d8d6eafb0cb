/**
 * The messages between the main thread and the validation worker. The replay cache and the
 * request store stay in the main thread, so that one run shares them across every input even
 * when a worker is cut off and replaced; the worker reaches them through `store` calls.
 */
import type { AssertionFacts, OutstandingRequest, StoreFailure } from '@saml-jit/core';
import type * as E from 'fp-ts/lib/Either.js';
import type { ResponseInput } from '../input.js';
import type { Rejected } from './validator.js';

/** A verdict as it crosses the thread: facts instead of the branded assertion. */
export type WireVerdict = E.Either<Rejected, { readonly facts: AssertionFacts; readonly report: unknown }>;

export type StoreCall =
  | {
      readonly op: 'consume';
      readonly key: string;
      readonly window: { readonly now: Date; readonly expiresAt: Date };
    }
  | { readonly op: 'take'; readonly id: string; readonly now: Date }
  | { readonly op: 'save'; readonly request: OutstandingRequest };

export type ToWorker =
  | { readonly type: 'validate'; readonly id: number; readonly input: ResponseInput }
  | {
      readonly type: 'store-reply';
      readonly callId: number;
      readonly result: E.Either<StoreFailure, unknown>;
    };

export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'init-failed'; readonly message: string }
  | { readonly type: 'store'; readonly callId: number; readonly call: StoreCall }
  | { readonly type: 'verdict'; readonly id: number; readonly verdict: WireVerdict };
