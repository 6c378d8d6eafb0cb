/**
 * The directory suite's commit preconditions (`WritePlan.absent`): `Account.AccountNumber`,
 * `Contact.Email` and `User.CommunityNickname` are not unique, but a plan that creates an account
 * or a contact because no record had the key, or gives a user a nickname no user had, says so,
 * and the commit fails with `STORE_CONFLICT` (nothing written) when a row that existed before it
 * has the key. N concurrent commits of new users stating one nickname absent leave one user with
 * it. End to end: N concurrent first site logins of different identities naming one new account
 * number make one account that every user shares, and N naming one new contact email make one
 * contact; the others, decided again after their lost commit, get 5 `DUPLICATE_VALUE ContactId`
 * (the contact has a user).
 */
import type { SObjectRecord, WritePlan } from '@saml-jit/core';
import { expect } from 'vitest';
import { type Case, reportFigure, since, withHarness } from './cases.js';
import { DUPLICATE_CONTACT_ID } from './directory-contact.js';
import { ALICE, FIXTURE, idOf, nicknamed, withNewNickname } from './directory-fixture.js';
import {
  conflict,
  type DirectoryHarness,
  type DirectorySuiteOptions,
  type DirectoryTest,
  directoryCalls,
  stored,
} from './directory-harness.js';
import { oneCommitWins, type SiteLoginRace, siteLoginRace, withInstances } from './directory-races.js';

const { find, commit, commitFails, seed } = directoryCalls;

/** The fixture's account (number ACME-1) and its first contact (email shared@example.com). */
const ACME = FIXTURE.Account[0]!;
const SHARED_EMAIL = FIXTURE.Contact[0]!.Email as string;

/** A user with a role: a site login that creates an account needs one as `Account.Owner`. */
const OWNER: SObjectRecord = {
  Id: idOf('User', 60),
  FederationIdentifier: null,
  Username: 'owner@example.com',
  LastName: 'Owner',
  UserRoleId: FIXTURE.UserRole[0]!.Id,
  IsActive: true,
};

/** A plan inserting an account numbered `number` and a contact on it with `email`, both stated absent. */
const newAccountAndContact = (n: number, number: string, email: string): WritePlan => ({
  ops: [
    {
      op: 'insert',
      sobject: 'Account',
      record: { Id: idOf('Account', 70 + n), Name: 'New', AccountNumber: number },
    },
    {
      op: 'insert',
      sobject: 'Contact',
      record: {
        Id: idOf('Contact', 70 + n),
        LastName: 'New',
        Email: email,
        AccountId: idOf('Account', 70 + n),
      },
    },
  ],
  absent: [
    { sobject: 'Account', field: 'AccountNumber', value: number },
    { sobject: 'Contact', field: 'Email', value: email },
  ],
});

/** A user inserted without stating its nickname absent: the nickname the cases find taken. */
const insertAda: WritePlan = { ops: [{ op: 'insert', sobject: 'User', record: nicknamed(1, 'ada') }] };

/** The site user attributes of racer `i`: its own username and email. */
const racer = (i: number, kind: string) => ({
  'User.Username': `${kind}-${i}@example.com`,
  'User.Email': `${kind}-${i}@example.com`,
  'User.LastName': 'Racer',
  'User.ProfileId': 'Customer Community User',
  'Contact.LastName': 'Racer',
});

export const absentCases = <H extends DirectoryHarness>(
  o: DirectorySuiteOptions<H>,
): Case<DirectoryTest>[] => {
  const n = o.concurrency ?? 32;
  const figure = (test: string, instances: number, race: SiteLoginRace) =>
    reportFigure(
      {
        suite: 'directory',
        adapter: o.name,
        test,
        n,
        instances,
        elapsedMs: since(race.start),
        outcome: { ...race.outcome, lostCommits: race.lostCommits },
      },
      o.onFigure,
    );

  // One new account number: the losers find the winner's account and put their contact on it.
  const oneAccountNumber = (test: DirectoryTest, two: boolean) => () =>
    withInstances(o, two, async (h, dirs) => {
      await seed(h.directory);
      await commit(h.directory, { ops: [{ op: 'insert', sobject: 'User', record: OWNER }] });
      const race = await siteLoginRace(
        dirs,
        n,
        'fed-number',
        (i) => ({
          ...racer(i, 'number'),
          'Contact.Email': `number-${i}@example.com`,
          'Account.AccountNumber': 'RACE-1',
          'Account.Name': 'Race Ltd',
          'Account.Owner': OWNER.Id,
        }),
        'Account.AccountNumber',
      );
      figure(test, dirs.length, race);
      expect(race.outcome).toEqual({ create: n });
      const s = await stored(h);
      const accounts = s.Account.filter((a) => a.AccountNumber === 'RACE-1');
      expect(accounts).toHaveLength(1);
      const users = s.User.filter((u) => String(u.FederationIdentifier).startsWith('fed-number-'));
      expect(users).toHaveLength(n);
      const contacts = new Map(s.Contact.map((c) => [c.Id, c]));
      for (const u of users) expect(contacts.get(u.ContactId as string)?.AccountId).toBe(accounts[0]!.Id);
    });

  // One new contact email: one contact, one user on it, the others refused as its second user.
  const oneEmail = (test: DirectoryTest, two: boolean) => () =>
    withInstances(o, two, async (h, dirs) => {
      await seed(h.directory);
      const race = await siteLoginRace(
        dirs,
        n,
        'fed-email',
        (i) => ({ ...racer(i, 'email'), 'Contact.Email': 'race@example.com', 'Contact.Account': ACME.Id }),
        'Contact.Email',
      );
      figure(test, dirs.length, race);
      expect(race.outcome).toEqual({ create: 1, USER_CREATION_API_ERROR: n - 1 });
      for (const r of race.results) if (r._tag === 'Left') expect(r.left).toMatchObject(DUPLICATE_CONTACT_ID);
      const s = await stored(h);
      const contacts = s.Contact.filter((c) => c.Email === 'race@example.com');
      expect(contacts).toHaveLength(1);
      expect(s.User.filter((u) => u.ContactId === contacts[0]!.Id)).toHaveLength(1);
      expect(s.User).toHaveLength(FIXTURE.User.length + 1);
    });

  // One new nickname: of N users inserted at once, each stating it absent, one is written.
  const oneNickname = (test: DirectoryTest, two: boolean) => () =>
    withInstances(o, two, async (h, dirs) => {
      await seed(h.directory);
      await oneCommitWins(
        o,
        test,
        dirs,
        (i) => withNewNickname(nicknamed(100 + i, 'racer')),
        'User.CommunityNickname',
      );
      expect((await stored(h)).User.filter((u) => u.CommunityNickname === 'racer')).toHaveLength(1);
    });

  return [
    {
      id: 'absent-holds-commits',
      title: 'a plan whose absences hold commits; rows it inserts or updates to the key itself do not count',
      run: () =>
        withHarness(o.make, async (h) => {
          await seed(h.directory);
          await commit(h.directory, insertAda);
          // Matching is exact: ACME-1, shared@example.com and ada exist, these do not.
          await commit(h.directory, newAccountAndContact(1, 'acme-1', 'Shared@example.com'));
          await commit(h.directory, withNewNickname(nicknamed(2, 'Ada')));
          const moved: WritePlan = {
            ops: [
              {
                op: 'update',
                sobject: 'Contact',
                id: idOf('Contact', 2),
                fields: { Email: 'moved@example.com' },
              },
              { op: 'update', sobject: 'User', id: ALICE.Id, fields: { CommunityNickname: 'alice' } },
            ],
            absent: [
              { sobject: 'Contact', field: 'Email', value: 'moved@example.com' },
              { sobject: 'User', field: 'CommunityNickname', value: 'alice' },
            ],
          };
          await commit(h.directory, moved);
          expect(await find(h.directory, 'Account', 'AccountNumber', 'acme-1')).toHaveLength(1);
          expect(await find(h.directory, 'Contact', 'Email', 'Shared@example.com')).toHaveLength(1);
          expect(await find(h.directory, 'User', 'CommunityNickname', 'Ada')).toEqual([nicknamed(2, 'Ada')]);
          expect(await find(h.directory, 'Contact', 'Email', 'moved@example.com')).toMatchObject([
            { Id: idOf('Contact', 2) },
          ]);
          expect(await find(h.directory, 'User', 'CommunityNickname', 'alice')).toMatchObject([
            { Id: ALICE.Id },
          ]);
        }),
    },
    {
      id: 'absent-taken-conflicts',
      title:
        'a plan whose absent account number, contact email or user nickname exists fails with STORE_CONFLICT naming it, nothing written',
      run: () =>
        withHarness(o.make, async (h) => {
          await seed(h.directory);
          await commit(h.directory, insertAda);
          const before = await stored(h);
          const update = {
            op: 'update',
            sobject: 'User',
            id: ALICE.Id,
            fields: { LastName: 'Changed' },
          } as const;
          const taken = [
            [
              newAccountAndContact(1, ACME.AccountNumber as string, 'fresh@example.com'),
              'Account.AccountNumber',
            ],
            [newAccountAndContact(2, 'FRESH-1', SHARED_EMAIL), 'Contact.Email'],
            [withNewNickname(nicknamed(2, 'ada')), 'User.CommunityNickname'],
          ] as const;
          for (const [plan, constraint] of taken) {
            expect(await commitFails(h.directory, plan)).toMatchObject(conflict(constraint));
            // The check fails the whole plan, whatever it writes before or after.
            const withUpdate = { ...plan, ops: [update, ...plan.ops] };
            expect(await commitFails(h.directory, withUpdate)).toMatchObject(conflict(constraint));
          }
          expect(await stored(h)).toEqual(before);
        }),
    },
    {
      id: 'concurrent-users-one-nickname',
      title:
        'N concurrent commits of new users each stating one nickname absent, on one instance: one user, the rest STORE_CONFLICT',
      run: oneNickname('concurrent-users-one-nickname', false),
    },
    {
      id: 'concurrent-users-one-nickname-two-instances',
      title:
        'N concurrent commits of new users each stating one nickname absent, across two instances: one user',
      needs: { makeSecondInstance: o.makeSecondInstance !== undefined },
      run: oneNickname('concurrent-users-one-nickname-two-instances', true),
    },
    {
      id: 'concurrent-site-logins-one-account-number',
      title:
        'N concurrent first site logins of different identities naming one new account number: one account, every login on it',
      timeoutMs: 60_000,
      run: oneAccountNumber('concurrent-site-logins-one-account-number', false),
    },
    {
      id: 'concurrent-site-logins-one-account-number-two-instances',
      title:
        'N concurrent first site logins of different identities naming one new account number, across two instances: one account',
      needs: { makeSecondInstance: o.makeSecondInstance !== undefined },
      timeoutMs: 60_000,
      run: oneAccountNumber('concurrent-site-logins-one-account-number-two-instances', true),
    },
    {
      id: 'concurrent-site-logins-one-email',
      title:
        'N concurrent first site logins of different identities naming one new contact email: one contact, the rest 5 DUPLICATE_VALUE ContactId',
      timeoutMs: 60_000,
      run: oneEmail('concurrent-site-logins-one-email', false),
    },
    {
      id: 'concurrent-site-logins-one-email-two-instances',
      title:
        'N concurrent first site logins of different identities naming one new contact email, across two instances: one contact',
      needs: { makeSecondInstance: o.makeSecondInstance !== undefined },
      timeoutMs: 60_000,
      run: oneEmail('concurrent-site-logins-one-email-two-instances', true),
    },
  ];
};
