/**
 * The directory's conformance suite: exact lookups (`User.CommunityNickname` among them, which
 * may repeat), seeding, records that round-trip field for field, ordered all-or-nothing commits,
 * the uniqueness of `User.FederationIdentifier` and `User.Username`, (in directory-races.ts)
 * concurrent first logins across two instances, a connection lost mid-commit and an unreachable
 * store, (in directory-contact.ts) one user per contact (`User.ContactId`), and (in
 * directory-absent.ts) commit preconditions: no second account per new account number, no second
 * contact per new email, no second user per new nickname. A backdoor read that bypasses the
 * adapter checks what was really written.
 */
import type { Directory, WritableSObject } from '@saml-jit/core';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { recordArb } from '../arbitraries/records.js';
import { directorySnapshotArb } from '../arbitraries/snapshot.js';
import { ok } from './calls.js';
import { type Case, registerCases, withHarness } from './cases.js';
import { absentCases } from './directory-absent.js';
import { contactCases } from './directory-contact.js';
import { ALICE, byId, FIXTURE, firstLogin, idOf, nicknamed } from './directory-fixture.js';
import {
  conflict,
  type DirectoryHarness,
  type DirectorySuiteOptions,
  type DirectoryTest,
  directoryCalls,
  stored,
} from './directory-harness.js';
import { raceCases } from './directory-races.js';

const { find, commit, commitFails, seed } = directoryCalls;

const basicCases = <H extends DirectoryHarness>(o: DirectorySuiteOptions<H>): Case<DirectoryTest>[] => {
  const seeded = (body: (h: H) => Promise<void>) => () =>
    withHarness(o.make, async (h) => {
      await seed(h.directory);
      await body(h);
    });
  const unchangedAfter = (plan: Parameters<Directory['commit']>[0], constraint: string) =>
    seeded(async (h) => {
      const before = await stored(h);
      expect(await commitFails(h.directory, plan)).toMatchObject(conflict(constraint));
      expect(await stored(h)).toEqual(before);
    });
  return [
    {
      id: 'find-exact',
      title: 'find matches exactly (case, wildcards) and returns every matching row',
      run: seeded(async ({ directory: d }) => {
        expect(await find(d, 'User', 'FederationIdentifier', 'fed-1')).toEqual([ALICE]);
        expect(await find(d, 'User', 'Username', 'alice@example.com')).toEqual([ALICE]);
        expect(await find(d, 'User', 'Id', ALICE.Id)).toEqual([ALICE]);
        for (const miss of ['FED-1', 'fed-%', 'fed-_', 'fed-*', ' fed-1', 'fed-1 ', ''])
          expect(await find(d, 'User', 'FederationIdentifier', miss)).toEqual([]);
        expect(byId(await find(d, 'Contact', 'Email', 'shared@example.com'))).toEqual(FIXTURE.Contact);
        expect(await find(d, 'Account', 'AccountNumber', 'ACME-1')).toEqual(FIXTURE.Account);
        expect(await find(d, 'Profile', 'Name', 'Standard User')).toEqual([FIXTURE.Profile[0]]);
        expect(await find(d, 'UserRole', 'Name', 'CEO')).toEqual(FIXTURE.UserRole);
        expect(await find(d, 'Network', 'Id', '0DB000000000001AAA')).toEqual(FIXTURE.Network);
        expect(await find(d, 'Portal', 'Id', '060000000000001AAA')).toEqual(FIXTURE.Portal);
        expect(await find(d, 'CustomField', 'Object', 'User')).toEqual([
          { Id: 'User.Badge__c', Object: 'User', Name: 'Badge__c', Type: 'Number' },
        ]);
      }),
    },
    {
      id: 'find-community-nickname',
      title:
        'find by User.CommunityNickname: exact, every user sharing one (an org may hold duplicates), never a non-text value',
      run: seeded(async ({ directory: d }) => {
        const users = [
          nicknamed(1, 'ada'),
          nicknamed(2, 'ada'),
          nicknamed(3, 'Ada'),
          nicknamed(4, 42),
          nicknamed(5, true),
          nicknamed(6, null),
        ];
        await ok('seed', () => d.seed({ ...FIXTURE, User: users }));
        expect(byId(await find(d, 'User', 'CommunityNickname', 'ada'))).toEqual(users.slice(0, 2));
        expect(await find(d, 'User', 'CommunityNickname', 'Ada')).toEqual([users[2]]);
        for (const miss of ['ADA', 'ad%', 'ad_', 'ad*', ' ada', 'ada ', '', '42', 'true', 'null'])
          expect(await find(d, 'User', 'CommunityNickname', miss)).toEqual([]);
        // Not unique: a plan that does not state it absent adds another; updates move the lookup.
        const moved = {
          op: 'update',
          sobject: 'User',
          id: users[0]!.Id,
          fields: { CommunityNickname: 'bea' },
        } as const;
        await commit(d, { ops: [{ op: 'insert', sobject: 'User', record: nicknamed(7, 'ada') }, moved] });
        expect(byId(await find(d, 'User', 'CommunityNickname', 'ada'))).toEqual([
          users[1],
          nicknamed(7, 'ada'),
        ]);
        expect(await find(d, 'User', 'CommunityNickname', 'bea')).toEqual([
          { ...users[0], CommunityNickname: 'bea' },
        ]);
      }),
    },
    {
      id: 'organization',
      title: "organization() returns the seeded organization's defaults",
      run: seeded(async ({ directory: d }) => {
        expect(await ok('organization', () => d.organization())).toEqual(FIXTURE.Organization);
      }),
    },
    {
      id: 'seed-idempotent',
      title: 'seed upserts by Id: seeding twice changes nothing, a changed record is replaced',
      run: seeded(async (h) => {
        const once = await stored(h);
        await seed(h.directory);
        expect(await stored(h)).toEqual(once);
        const renamed = { ...ALICE, LastName: 'Pleasance' };
        await ok('seed', () => h.directory.seed({ ...FIXTURE, User: [renamed] }));
        expect(await find(h.directory, 'User', 'Id', ALICE.Id)).toEqual([renamed]);
        expect((await stored(h)).User).toEqual([renamed]);
      }),
    },
    {
      id: 'records-round-trip',
      title: 'property: any record comes back field for field, through find and the backdoor',
      run: () =>
        withHarness(o.make, async (h) => {
          let run = 0;
          const sobjects = fc.constantFrom<WritableSObject>('User', 'Contact', 'Account');
          const arb = sobjects.chain((s) => recordArb(s).map((r) => [s, r] as const));
          await fc.assert(
            fc.asyncProperty(arb, async ([sobject, r]) => {
              run += 1;
              const record =
                sobject === 'User'
                  ? {
                      ...r,
                      Id: idOf('User', run),
                      FederationIdentifier: `${run}|${r.FederationIdentifier}`,
                      Username: `${run}|${r.Username}`,
                    }
                  : { ...r, Id: idOf(sobject, run) };
              await commit(h.directory, { ops: [{ op: 'insert', sobject, record }] });
              expect(await find(h.directory, sobject, 'Id', record.Id)).toEqual([record]);
              expect((await h.backdoor.records(sobject)).find((x) => x.Id === record.Id)).toEqual(record);
            }),
            { numRuns: 40 },
          );
        }),
    },
    {
      id: 'snapshot-round-trip',
      title: 'property: a seeded snapshot is stored exactly and found by its unique keys',
      timeoutMs: 60_000,
      run: () =>
        fc.assert(
          fc.asyncProperty(directorySnapshotArb, (snapshot) =>
            withHarness(o.make, async (h) => {
              await ok('seed', () => h.directory.seed(snapshot));
              const s = await stored(h);
              expect(s.User).toEqual(byId(snapshot.User));
              expect(s.Contact).toEqual(byId(snapshot.Contact));
              expect(s.Account).toEqual(byId(snapshot.Account));
              for (const u of snapshot.User) {
                expect(
                  await find(h.directory, 'User', 'FederationIdentifier', String(u.FederationIdentifier)),
                ).toEqual([u]);
                expect(await find(h.directory, 'User', 'Username', String(u.Username))).toEqual([u]);
              }
              expect(await ok('organization', () => h.directory.organization())).toEqual(
                snapshot.Organization,
              );
            }),
          ),
          { numRuns: 8 },
        ),
    },
    {
      id: 'commit-in-order',
      title: 'a plan applies in order: inserts, then an update of a record inserted by the same plan',
      run: seeded(async (h) => {
        const plan = firstLogin(1, 'fed-new');
        const userId = idOf('User', 1001);
        await commit(h.directory, {
          ops: [...plan.ops, { op: 'update', sobject: 'User', id: userId, fields: { Title: 'CTO' } }],
        });
        const [user] = await find(h.directory, 'User', 'FederationIdentifier', 'fed-new');
        expect(user).toMatchObject({ Id: userId, Title: 'CTO', ContactId: idOf('Contact', 1001) });
        const s = await stored(h);
        expect(s.Account.map((a) => a.Id)).toContain(idOf('Account', 1001));
        expect(s.Contact.map((c) => c.Id)).toContain(idOf('Contact', 1001));
      }),
    },
    {
      id: 'update-merges',
      title: 'an update changes only its fields, and lookups follow a changed FederationIdentifier',
      run: seeded(async ({ directory: d }) => {
        await commit(d, {
          ops: [
            {
              op: 'update',
              sobject: 'User',
              id: ALICE.Id,
              fields: { FederationIdentifier: 'fed-2', Title: 'Queen', Nickname__c: 'Al' },
            },
          ],
        });
        const merged = { ...ALICE, FederationIdentifier: 'fed-2', Title: 'Queen', Nickname__c: 'Al' };
        expect(await find(d, 'User', 'FederationIdentifier', 'fed-1')).toEqual([]);
        expect(await find(d, 'User', 'FederationIdentifier', 'fed-2')).toEqual([merged]);
      }),
    },
    {
      id: 'update-missing-conflicts',
      title: 'an update of a missing record fails with STORE_CONFLICT and writes nothing',
      run: unchangedAfter(
        {
          ops: [
            firstLogin(1, 'fed-x').ops[0]!,
            { op: 'update', sobject: 'User', id: idOf('User', 999), fields: { Title: 'x' } },
          ],
        },
        'User.Id',
      ),
    },
    {
      id: 'unique-federation-identifier',
      title: 'a second user with a taken FederationIdentifier: STORE_CONFLICT, nothing written',
      run: unchangedAfter(
        {
          ops: [
            {
              op: 'insert',
              sobject: 'User',
              record: { Id: idOf('User', 2), FederationIdentifier: 'fed-1', Username: 'bob@example.com' },
            },
          ],
        },
        'User.FederationIdentifier',
      ),
    },
    {
      id: 'unique-username',
      title: 'a second user with a taken Username: STORE_CONFLICT, nothing written',
      run: unchangedAfter(
        {
          ops: [
            {
              op: 'insert',
              sobject: 'User',
              record: { Id: idOf('User', 2), FederationIdentifier: 'fed-2', Username: 'alice@example.com' },
            },
          ],
        },
        'User.Username',
      ),
    },
    {
      id: 'unique-on-update',
      title: "an update taking another user's Username: STORE_CONFLICT, nothing written",
      run: seeded(async (h) => {
        await commit(h.directory, {
          ops: [
            {
              op: 'insert',
              sobject: 'User',
              record: { Id: idOf('User', 2), FederationIdentifier: 'fed-2', Username: 'bob@example.com' },
            },
          ],
        });
        const before = await stored(h);
        const plan = {
          ops: [
            { op: 'update', sobject: 'User', id: idOf('User', 2), fields: { Username: 'alice@example.com' } },
          ],
        } as const;
        expect(await commitFails(h.directory, plan)).toMatchObject(conflict('User.Username'));
        expect(await stored(h)).toEqual(before);
      }),
    },
    {
      id: 'duplicate-id-conflicts',
      title: 'an insert with a taken Id: STORE_CONFLICT naming the Id, nothing written',
      run: unchangedAfter(
        { ops: [{ op: 'insert', sobject: 'Account', record: { Id: idOf('Account', 1), Name: 'Again' } }] },
        'Account.Id',
      ),
    },
    {
      id: 'null-identifiers-repeat',
      title: 'users without FederationIdentifier or Username do not clash with each other',
      run: seeded(async (h) => {
        const bare = (n: number) =>
          ({
            op: 'insert',
            sobject: 'User',
            record: { Id: idOf('User', n), FederationIdentifier: null, LastName: 'Bare' },
          }) as const;
        await commit(h.directory, { ops: [bare(2), bare(3)] });
        expect((await stored(h)).User).toHaveLength(3);
      }),
    },
    {
      id: 'odd-lookup-values',
      title: 'property: no lookup value makes find throw; an empty store finds nothing',
      run: () =>
        withHarness(o.make, async ({ directory: d }) => {
          const odd = fc.oneof(
            fc.string({ unit: 'binary' }),
            fc.constantFrom('\u0000', '\ud800', "'; DROP TABLE users; --", 'x'.repeat(10_000)),
          );
          await fc.assert(
            fc.asyncProperty(odd, async (value) => {
              const r = await (async () => {
                try {
                  return await d.find('User', 'Username', value)();
                } catch (e) {
                  throw new Error(`find threw instead of returning a Left: ${String(e)}`);
                }
              })();
              if (r._tag === 'Right') expect(r.right).toEqual([]);
              else expect(r.left.kind).toBe('store');
            }),
            { numRuns: 40 },
          );
        }),
    },
    {
      id: 'failed-midway-writes-nothing',
      title: 'a plan whose 3rd op breaks a unique rule leaves no account, contact or user behind',
      run: unchangedAfter(firstLogin(1, 'fed-1'), 'User.FederationIdentifier'),
    },
    {
      id: 'failed-midway-undoes-updates',
      title: 'a plan that fails after an update leaves the updated record as it was',
      run: unchangedAfter(
        {
          ops: [
            { op: 'update', sobject: 'User', id: ALICE.Id, fields: { LastName: 'Changed' } },
            ...firstLogin(2, 'fed-1').ops,
          ],
        },
        'User.FederationIdentifier',
      ),
    },
  ];
};

/**
 * Registers the directory suite in a `describe` block.
 * @example
 * directorySuite({
 *   name: 'postgres',
 *   make: async () => ({ directory, backdoor: { records: (s) => rawSelect(s) }, close }),
 *   makeSecondInstance: async (first) => secondPoolOver(first.schema),
 *   makeUnreachable: async () => directoryOnPort(1),
 *   breakDuringCommit: (h, commit) => terminateBackendDuring(h, commit),
 * });
 */
export const directorySuite = <H extends DirectoryHarness>(options: DirectorySuiteOptions<H>): void => {
  describe(`directory conformance: ${options.name}`, () => {
    registerCases(
      'directory',
      options.name,
      [...basicCases(options), ...raceCases(options), ...contactCases(options), ...absentCases(options)],
      options.skips,
    );
  });
};
