/**
 * Calling an adapter from a suite: a method that throws or a task that rejects fails the test
 * with a message naming the method (adapters must answer with a `Left`, never throw), and a
 * `Left` where a `Right` was expected fails with the store failure's code.
 */
import type { StoreFailure } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';

const show = (e: unknown): string =>
  typeof e === 'object' && e !== null && 'code' in e
    ? `${String(e.code)}: ${'message' in e ? String(e.message) : ''}`
    : String(e);

/** Calls `f` and runs its task; a throw or a rejection fails the test. */
export const call = async <L, A>(what: string, f: () => TaskEither<L, A>): Promise<E.Either<L, A>> => {
  try {
    return await f()();
  } catch (e) {
    throw new Error(`${what} threw instead of returning a Left: ${show(e)}`);
  }
};

/** The `Right` of `f`, or a test failure naming the `Left`. */
export const ok = async <L, A>(what: string, f: () => TaskEither<L, A>): Promise<A> => {
  const r = await call(what, f);
  if (E.isLeft(r)) throw new Error(`${what} failed: ${show(r.left)}`);
  return r.right;
};

/** The `Left` of `f`, or a test failure when it succeeded. */
export const failure = async <A>(
  what: string,
  f: () => TaskEither<StoreFailure, A>,
): Promise<StoreFailure> => {
  const r = await call(what, f);
  if (E.isRight(r)) throw new Error(`${what} succeeded where a StoreFailure was expected`);
  return r.left;
};
