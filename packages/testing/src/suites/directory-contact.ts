/**
 * The directory suite's "a contact has at most one user" cases: `User.ContactId` is unique when
 * set (on insert and on update), `find` looks users up by it, N concurrent commits giving one
 * contact a user make exactly one (on one instance and across two), and end to end: N concurrent
 * first site logins of *different* identities matching one contact by email make one user, and
 * every other login ends, after its lost race is decided again, as Salesforce's refused user
 * insert (5 `USER_CREATION_API_ERROR`, `DUPLICATE_VALUE ContactId`).
 */
import type { SObjectRecord, WriteOp } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { type Case, reportFigure, since, withHarness } from './cases.js';
import { ALICE, FIXTURE, idOf } from './directory-fixture.js';
import {
  conflict,
  type DirectoryHarness,
  type DirectorySuiteOptions,
  type DirectoryTest,
  directoryCalls,
  stored,
} from './directory-harness.js';
import { oneCommitWins, siteLoginRace, withInstances } from './directory-races.js';

const { find, commit, commitFails, seed } = directoryCalls;

/** The fixture's first contact: on account ACME-1, no user. */
const CONTACT_ID = idOf('Contact', 1);

/** A contact with an email of its own, so a site login matches exactly it. */
const SOLO: SObjectRecord = {
  Id: idOf('Contact', 50),
  Email: 'solo@example.com',
  LastName: 'Solo',
  AccountId: idOf('Account', 1),
};

/** Inserting user number `n` (its own identity and username) linked to `contactId`. */
const userOn = (n: number, contactId: string | null): WriteOp => ({
  op: 'insert',
  sobject: 'User',
  record: {
    Id: idOf('User', 2000 + n),
    FederationIdentifier: `fed-contact-${n}`,
    Username: `contact-${n}@example.com`,
    LastName: 'Contact',
    ContactId: contactId,
  },
});

/** How a first login ends when its contact already has a user (Salesforce's refused user insert). */
export const DUPLICATE_CONTACT_ID = {
  kind: 'jit',
  errorCode: 5,
  errorDetails: 'DUPLICATE_VALUE ContactId',
} as const;

const onContact = (users: readonly SObjectRecord[], contactId: string) =>
  users.filter((u) => u.ContactId === contactId);

export const contactCases = <H extends DirectoryHarness>(
  o: DirectorySuiteOptions<H>,
): Case<DirectoryTest>[] => {
  const n = o.concurrency ?? 32;
  const figure = (test: string, instances: number, start: number, outcome: Record<string, number>) =>
    reportFigure(
      { suite: 'directory', adapter: o.name, test, n, instances, elapsedMs: since(start), outcome },
      o.onFigure,
    );

  const commits = (test: DirectoryTest, two: boolean) => () =>
    withInstances(o, two, async (h, dirs) => {
      await seed(h.directory);
      await oneCommitWins(o, test, dirs, (i) => ({ ops: [userOn(i, CONTACT_ID)] }), 'User.ContactId');
      expect(onContact((await stored(h)).User, CONTACT_ID)).toHaveLength(1);
    });

  const siteLogins = (test: DirectoryTest, two: boolean) => () =>
    withInstances(o, two, async (h, dirs) => {
      await seed(h.directory);
      await commit(h.directory, { ops: [{ op: 'insert', sobject: 'Contact', record: SOLO }] });
      const race = await siteLoginRace(
        dirs,
        n,
        'fed-site',
        (i) => ({
          'User.Username': `site-${i}@example.com`,
          'User.Email': `site-${i}@example.com`,
          'User.LastName': 'Solo',
          'User.ProfileId': 'Customer Community User',
          'Contact.Email': SOLO.Email as string,
          'Contact.LastName': 'Solo',
        }),
        'User.ContactId',
      );
      figure(test, dirs.length, race.start, { ...race.outcome, lostCommits: race.lostCommits });
      expect(race.outcome).toEqual({ create: 1, USER_CREATION_API_ERROR: n - 1 });
      for (const r of race.results) if (E.isLeft(r)) expect(r.left).toMatchObject(DUPLICATE_CONTACT_ID);
      const s = await stored(h);
      expect(onContact(s.User, SOLO.Id)).toHaveLength(1);
      expect(s.Contact).toHaveLength(FIXTURE.Contact.length + 1);
    });

  return [
    {
      id: 'unique-contact-id',
      title:
        'User.ContactId is unique when set: a second user on a contact is STORE_CONFLICT, nothing written',
      run: () =>
        withHarness(o.make, async (h) => {
          await seed(h.directory);
          await commit(h.directory, { ops: [userOn(1, CONTACT_ID), userOn(2, null), userOn(3, null)] });
          expect(await find(h.directory, 'User', 'ContactId', CONTACT_ID)).toMatchObject([
            { Id: idOf('User', 2001) },
          ]);
          expect(await find(h.directory, 'User', 'ContactId', idOf('Contact', 2))).toEqual([]);
          const before = await stored(h);
          expect(await commitFails(h.directory, { ops: [userOn(4, CONTACT_ID)] })).toMatchObject(
            conflict('User.ContactId'),
          );
          const moved = {
            op: 'update',
            sobject: 'User',
            id: ALICE.Id,
            fields: { ContactId: CONTACT_ID },
          } as const;
          expect(await commitFails(h.directory, { ops: [moved] })).toMatchObject(conflict('User.ContactId'));
          expect(await stored(h)).toEqual(before);
        }),
    },
    {
      id: 'concurrent-users-one-contact',
      title:
        'N concurrent commits each giving one contact a user, on one instance: one user, the rest STORE_CONFLICT',
      run: commits('concurrent-users-one-contact', false),
    },
    {
      id: 'concurrent-users-one-contact-two-instances',
      title: 'N concurrent commits each giving one contact a user, across two instances: one user',
      needs: { makeSecondInstance: o.makeSecondInstance !== undefined },
      run: commits('concurrent-users-one-contact-two-instances', true),
    },
    {
      id: 'concurrent-site-logins-one-contact',
      title:
        'N concurrent first site logins of different identities matching one contact: one user, the rest 5 DUPLICATE_VALUE ContactId',
      timeoutMs: 60_000,
      run: siteLogins('concurrent-site-logins-one-contact', false),
    },
    {
      id: 'concurrent-site-logins-one-contact-two-instances',
      title:
        'N concurrent first site logins of different identities matching one contact, across two instances: one user',
      needs: { makeSecondInstance: o.makeSecondInstance !== undefined },
      timeoutMs: 60_000,
      run: siteLogins('concurrent-site-logins-one-contact-two-instances', true),
    },
  ];
};
