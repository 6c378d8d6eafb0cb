/**
 * The directory suite's harness: what an adapter's test gives the suite (a fresh store, a
 * backdoor, optional second instance, unreachable instance and fault hook), the test ids it may
 * skip, and the calls the cases share.
 */
import type { Directory, SObjectRecord, StoreFailure, WritableSObject } from '@saml-jit/core';
import type { Either } from 'fp-ts/lib/Either.js';
import { failure, ok } from './calls.js';
import type { Figure, Skips } from './cases.js';
import { byId, FIXTURE } from './directory-fixture.js';

/** Reads the store without the adapter. */
export interface DirectoryBackdoor {
  /** Every stored row of `sobject`, as the full record, in any order. */
  records(sobject: WritableSObject): Promise<readonly SObjectRecord[]>;
}

export interface DirectoryHarness {
  readonly directory: Directory;
  readonly backdoor: DirectoryBackdoor;
  close(): Promise<void>;
}

export interface DirectoryInstance {
  readonly directory: Directory;
  close(): Promise<void>;
}

export const DIRECTORY_TESTS = [
  'find-exact',
  'find-community-nickname',
  'organization',
  'seed-idempotent',
  'records-round-trip',
  'snapshot-round-trip',
  'commit-in-order',
  'update-merges',
  'update-missing-conflicts',
  'unique-federation-identifier',
  'unique-username',
  'unique-on-update',
  'duplicate-id-conflicts',
  'null-identifiers-repeat',
  'odd-lookup-values',
  'failed-midway-writes-nothing',
  'failed-midway-undoes-updates',
  'unique-contact-id',
  'concurrent-first-logins',
  'concurrent-first-logins-two-instances',
  'concurrent-provision',
  'concurrent-provision-two-instances',
  'concurrent-first-logins-one-nickname',
  'concurrent-first-logins-one-nickname-two-instances',
  'concurrent-users-one-contact',
  'concurrent-users-one-contact-two-instances',
  'concurrent-site-logins-one-contact',
  'concurrent-site-logins-one-contact-two-instances',
  'absent-holds-commits',
  'absent-taken-conflicts',
  'concurrent-users-one-nickname',
  'concurrent-users-one-nickname-two-instances',
  'concurrent-site-logins-one-account-number',
  'concurrent-site-logins-one-account-number-two-instances',
  'concurrent-site-logins-one-email',
  'concurrent-site-logins-one-email-two-instances',
  'connection-lost-midway',
  'unreachable-fails-closed',
] as const;
export type DirectoryTest = (typeof DIRECTORY_TESTS)[number];

export interface DirectorySuiteOptions<H extends DirectoryHarness> {
  readonly name: string;
  /** A fresh, empty directory. Called once per test (per run in property tests); always closed. */
  readonly make: () => Promise<H>;
  /** A second instance (its own connection pool) over the store of `first`. */
  readonly makeSecondInstance?: (first: H) => Promise<DirectoryInstance>;
  /** An instance whose store cannot be reached (wrong port, closed connection). */
  readonly makeUnreachable?: () => Promise<DirectoryInstance>;
  /**
   * Runs `commit` (a plan inserting an Account, a Contact, then a User) and breaks the store
   * underneath it after the first writes and before it commits — e.g. `pg_terminate_backend` on
   * the connection while the User insert waits on a lock — and returns what the commit returned.
   */
  readonly breakDuringCommit?: (
    harness: H,
    commit: () => Promise<Either<StoreFailure, void>>,
  ) => Promise<Either<StoreFailure, void>>;
  readonly skips?: Skips<DirectoryTest>;
  /** How many concurrent first logins race (default 32). */
  readonly concurrency?: number;
  readonly onFigure?: (figure: Figure) => void;
}

/** Helpers the cases share. */
export const directoryCalls = {
  find: (d: Directory, ...args: Parameters<Directory['find']>) => ok('find', () => d.find(...args)),
  commit: (d: Directory, plan: Parameters<Directory['commit']>[0]) => ok('commit', () => d.commit(plan)),
  commitFails: (d: Directory, plan: Parameters<Directory['commit']>[0]) =>
    failure('commit', () => d.commit(plan)),
  seed: (d: Directory) => ok('seed', () => d.seed(FIXTURE)),
};
/** The shape of a `STORE_CONFLICT` on `constraint`. */
export const conflict = (constraint: string) => ({
  kind: 'store',
  code: 'STORE_CONFLICT',
  retryable: true,
  constraint,
});

/** What the backdoor sees of the three writable sObjects, by Id. */
export const stored = async (h: DirectoryHarness) => ({
  User: byId(await h.backdoor.records('User')),
  Contact: byId(await h.backdoor.records('Contact')),
  Account: byId(await h.backdoor.records('Account')),
});
