/**
 * The directory suite's concurrency and fault cases: N concurrent first logins of one identity
 * (on one instance, across two, and end to end through `provision`), a connection lost in the
 * middle of a commit, and an unreachable store. Each prints its figures (N, instances, time).
 */
import {
  type Directory,
  fixedClock,
  noAudit,
  type ProvisionContext,
  type ProvisionFailure,
  type ProvisionOutcome,
  provision,
  randomIds,
  type StoreFailure,
  type VerifiedAssertion,
  type WritePlan,
} from '@saml-jit/core';
import { markVerified } from '@saml-jit/core/verified';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { call, failure } from './calls.js';
import { type Case, reportFigure, since, tally, UNAVAILABLE, withHarness } from './cases.js';
import { FIXTURE, firstLogin } from './directory-fixture.js';
import {
  conflict,
  type DirectoryHarness,
  type DirectoryInstance,
  type DirectorySuiteOptions,
  type DirectoryTest,
  directoryCalls,
  stored,
} from './directory-harness.js';

const NOW = new Date('2030-01-01T00:00:00.000Z');

/** A verified login number `i` of `nameId` with `attributes` (one value each). */
export const verifiedLogin = (i: number, nameId: string, attributes: Readonly<Record<string, string>>) =>
  markVerified({
    issuer: 'https://idp.example.test',
    assertionId: `_e2e${i}`,
    issueInstant: NOW,
    nameId: { value: nameId, format: null, nameQualifier: null, spNameQualifier: null },
    conditions: { notBefore: null, notOnOrAfter: null, audiences: ['https://sp.example.test'] },
    authn: { authnInstant: NOW, sessionIndex: null, sessionNotOnOrAfter: null, authnContextClassRef: null },
    attributes: new Map(Object.entries(attributes).map(([k, v]) => [k, [v] as [string, ...string[]]])),
    inResponseTo: null,
    encrypted: false,
    assertionXml: '<saml:Assertion/>',
    responseBase64: 'PHNhbWxwOlJlc3BvbnNlLz4=',
  });

/** A verified first login of `fed-e2e` with the attributes Salesforce's standard JIT requires. */
const e2eAssertion = (i: number) =>
  verifiedLogin(i, 'fed-e2e', {
    'User.Username': 'e2e@example.com',
    'User.Email': 'e2e@example.com',
    'User.LastName': 'Racer',
    'User.ProfileId': 'Standard User',
  });

/** The provisioning dependencies of one racer: pinned clock, random IDs, no audit. */
export const racerDeps = (directory: Directory) => ({
  directory,
  clock: fixedClock(NOW),
  ids: randomIds,
  audit: noAudit,
});

export const E2E_CONTEXT: ProvisionContext = {
  config: {
    identityMapping: 'FederationId',
    identityLocation: 'SubjectNameId',
    attributeName: null,
    userProvisioning: true,
    provisioningType: 'standard',
    errorUrl: null,
  },
  ssoProviderId: 'conformance',
  siteId: null,
};

/** Runs `body` with the harness's directory and, when `two`, a second instance's. */
export const withInstances = <H extends DirectoryHarness>(
  o: DirectorySuiteOptions<H>,
  two: boolean,
  body: (h: H, directories: readonly Directory[]) => Promise<void>,
) =>
  withHarness(o.make, async (h) => {
    const second: DirectoryInstance | null = two ? await o.makeSecondInstance!(h) : null;
    try {
      await body(h, second === null ? [h.directory] : [h.directory, second.directory]);
    } finally {
      await second?.close();
    }
  });

/**
 * Commits `planOf(i)` for every racer `i < n` at once, on `dirs[i % dirs.length]`, reports the
 * figure, and checks that exactly one won: every other commit failed with `STORE_CONFLICT` on
 * `constraint`, the unique rule or the precondition the plans share.
 */
export const oneCommitWins = async (
  o: Pick<DirectorySuiteOptions<DirectoryHarness>, 'name' | 'concurrency' | 'onFigure'>,
  test: DirectoryTest,
  dirs: readonly Directory[],
  planOf: (i: number) => WritePlan,
  constraint: string,
): Promise<void> => {
  const n = o.concurrency ?? 32;
  const start = performance.now();
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) => call('commit', () => dirs[i % dirs.length]!.commit(planOf(i)))),
  );
  const outcome = tally(results, (r) => (E.isRight(r) ? 'committed' : r.left.code));
  reportFigure(
    {
      suite: 'directory',
      adapter: o.name,
      test,
      n,
      instances: dirs.length,
      elapsedMs: since(start),
      outcome,
    },
    o.onFigure,
  );
  expect(results.filter(E.isRight)).toHaveLength(1);
  for (const r of results) if (E.isLeft(r)) expect(r.left).toMatchObject(conflict(constraint));
};

/** What `siteLoginRace` saw: every login's result, their tally, and the commits lost on the constraint. */
export interface SiteLoginRace {
  readonly results: readonly E.Either<ProvisionFailure, ProvisionOutcome>[];
  readonly outcome: Record<string, number>;
  readonly lostCommits: number;
  readonly start: number;
}

/**
 * Provisions `n` first logins through the fixture's site at once, login `i` (identity
 * `${prefix}-${i}`, attributes `attributesOf(i)`) on `dirs[i % dirs.length]`, counting the commits
 * that lost the race on `constraint` (decided again after it).
 */
export const siteLoginRace = async (
  dirs: readonly Directory[],
  n: number,
  prefix: string,
  attributesOf: (i: number) => Readonly<Record<string, string>>,
  constraint: string,
): Promise<SiteLoginRace> => {
  const ctx = { ...E2E_CONTEXT, siteId: FIXTURE.Network[0]!.Id };
  let lostCommits = 0;
  const counted = dirs.map(
    (d): Directory => ({
      ...d,
      commit: (plan) => async () => {
        const r = await d.commit(plan)();
        if (E.isLeft(r) && r.left.constraint === constraint) lostCommits += 1;
        return r;
      },
    }),
  );
  const start = performance.now();
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) => {
      const login = verifiedLogin(i, `${prefix}-${i}`, attributesOf(i));
      return call('provision', () => provision(login, ctx, racerDeps(counted[i % counted.length]!)));
    }),
  );
  const outcome = tally(results, (r) => (E.isRight(r) ? r.right.action : r.left.code));
  return { results, outcome, lostCommits, start };
};

export const raceCases = <H extends DirectoryHarness>(o: DirectorySuiteOptions<H>): Case<DirectoryTest>[] => {
  const n = o.concurrency ?? 32;
  const figure = (
    test: string,
    instances: number,
    start: number,
    outcome: Record<string, number>,
    count = n,
  ) =>
    reportFigure(
      { suite: 'directory', adapter: o.name, test, n: count, instances, elapsedMs: since(start), outcome },
      o.onFigure,
    );

  const firstLogins = (test: DirectoryTest, two: boolean) => () =>
    withInstances(o, two, async (h, dirs) => {
      await directoryCalls.seed(h.directory);
      await oneCommitWins(o, test, dirs, (i) => firstLogin(i, 'fed-race'), 'User.FederationIdentifier');
      const s = await stored(h);
      expect(s.User.filter((u) => u.FederationIdentifier === 'fed-race')).toHaveLength(1);
      // The losers' Account and Contact were rolled back with their User.
      expect(s.Account).toHaveLength(FIXTURE.Account.length + 1);
      expect(s.Contact).toHaveLength(FIXTURE.Contact.length + 1);
    });

  /** `n` provisionings of `assertion(i)` at once, spread over `dirs`: the tally of their outcomes. */
  const provisionRace = async (
    test: DirectoryTest,
    dirs: readonly Directory[],
    assertion: (i: number) => VerifiedAssertion,
  ): Promise<Record<string, number>> => {
    const start = performance.now();
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        call('provision', () => provision(assertion(i), E2E_CONTEXT, racerDeps(dirs[i % dirs.length]!))),
      ),
    );
    const outcome = tally(results, (r) => (E.isRight(r) ? r.right.action : r.left.code));
    figure(test, dirs.length, start, outcome);
    return outcome;
  };

  // End to end: the losers of the race see STORE_CONFLICT, decide again and update the winner's user.
  const provisions = (test: DirectoryTest, two: boolean) => () =>
    withInstances(o, two, async (h, dirs) => {
      await directoryCalls.seed(h.directory);
      expect(await provisionRace(test, dirs, e2eAssertion)).toEqual({ create: 1, update: n - 1 });
      const users = (await stored(h)).User.filter((u) => u.FederationIdentifier === 'fed-e2e');
      expect(users).toHaveLength(1);
    });

  // N identities whose usernames all derive the nickname `racer`: all get in, nicknames distinct.
  const derivedNicknames = (test: DirectoryTest, two: boolean) => () =>
    withInstances(o, two, async (h, dirs) => {
      await directoryCalls.seed(h.directory);
      const outcome = await provisionRace(test, dirs, (i) =>
        verifiedLogin(i, `fed-nick-${i}`, {
          'User.Username': `racer@${i}.example.com`,
          'User.Email': `racer@${i}.example.com`,
          'User.LastName': 'Racer',
          'User.ProfileId': 'Standard User',
        }),
      );
      expect(outcome).toEqual({ create: n });
      const nicknames = (await stored(h)).User.filter((u) =>
        String(u.FederationIdentifier).startsWith('fed-nick-'),
      ).map((u) => u.CommunityNickname);
      expect(nicknames).toHaveLength(n);
      expect(new Set(nicknames).size).toBe(n);
      expect(nicknames.filter((nick) => nick === 'racer')).toHaveLength(1);
    });

  return [
    {
      id: 'concurrent-first-logins',
      title: 'N concurrent first logins of one identity on one instance: one user, the rest STORE_CONFLICT',
      run: firstLogins('concurrent-first-logins', false),
    },
    {
      id: 'concurrent-first-logins-two-instances',
      title:
        'N concurrent first logins of one identity across two instances: one user, the rest STORE_CONFLICT',
      needs: { makeSecondInstance: o.makeSecondInstance !== undefined },
      run: firstLogins('concurrent-first-logins-two-instances', true),
    },
    {
      id: 'concurrent-provision',
      title: 'N concurrent provisionings of one identity on one instance all succeed, with one user',
      timeoutMs: 60_000,
      run: provisions('concurrent-provision', false),
    },
    {
      id: 'concurrent-provision-two-instances',
      title: 'N concurrent provisionings of one identity across two instances all succeed, with one user',
      needs: { makeSecondInstance: o.makeSecondInstance !== undefined },
      timeoutMs: 60_000,
      run: provisions('concurrent-provision-two-instances', true),
    },
    {
      id: 'concurrent-first-logins-one-nickname',
      title:
        'N concurrent first logins of different identities deriving one nickname, on one instance: all get in, nicknames distinct',
      timeoutMs: 60_000,
      run: derivedNicknames('concurrent-first-logins-one-nickname', false),
    },
    {
      id: 'concurrent-first-logins-one-nickname-two-instances',
      title:
        'N concurrent first logins of different identities deriving one nickname, across two instances: all get in, nicknames distinct',
      needs: { makeSecondInstance: o.makeSecondInstance !== undefined },
      timeoutMs: 60_000,
      run: derivedNicknames('concurrent-first-logins-one-nickname-two-instances', true),
    },
    {
      id: 'connection-lost-midway',
      title: 'a connection lost in the middle of a commit: STORE_UNAVAILABLE, nothing written, then recovery',
      needs: { breakDuringCommit: o.breakDuringCommit !== undefined },
      run: () =>
        withHarness(o.make, async (h) => {
          await directoryCalls.seed(h.directory);
          const before = await stored(h);
          const plan = firstLogin(1, 'fed-broken');
          const start = performance.now();
          const r = await o.breakDuringCommit!(h, () => call('commit', () => h.directory.commit(plan)));
          figure('connection-lost-midway', 1, start, { [E.isRight(r) ? 'committed' : r.left.code]: 1 }, 1);
          expect(E.isLeft(r) ? r.left : 'committed').toMatchObject({
            kind: 'store',
            code: 'STORE_UNAVAILABLE',
            retryable: true,
          } satisfies Partial<StoreFailure>);
          expect(await stored(h)).toEqual(before);
          // The adapter recovers: the same plan commits once the store is back.
          await directoryCalls.commit(h.directory, plan);
          expect((await stored(h)).User).toHaveLength(before.User.length + 1);
        }),
    },
    {
      id: 'unreachable-fails-closed',
      title: 'an unreachable store fails with STORE_UNAVAILABLE on every method',
      needs: { makeUnreachable: o.makeUnreachable !== undefined },
      run: async () => {
        const inst = await o.makeUnreachable!();
        try {
          const d = inst.directory;
          const start = performance.now();
          expect(await failure('find', () => d.find('User', 'FederationIdentifier', 'fed-1'))).toMatchObject(
            UNAVAILABLE,
          );
          expect(await failure('organization', () => d.organization())).toMatchObject(UNAVAILABLE);
          expect(await failure('commit', () => d.commit(firstLogin(1, 'fed-1')))).toMatchObject(UNAVAILABLE);
          expect(await failure('seed', () => d.seed(FIXTURE))).toMatchObject(UNAVAILABLE);
          figure('unreachable-fails-closed', 1, start, { STORE_UNAVAILABLE: 4 }, 4);
        } finally {
          await inst.close();
        }
      },
    },
  ];
};
