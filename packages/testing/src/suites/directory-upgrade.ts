/**
 * What the SQL adapters' upgrade tests share for the lookups later schema versions added
 * (`User.ContactId`, `User.CommunityNickname`): users as a schema that did not know the lookup
 * stored them (nothing but the record holds the field), and the checks that the upgraded
 * directory serves them exactly as the conformance suite serves new rows.
 */
import type { Directory, SObjectRecord } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { idOf, nicknamed, withNewNickname } from './directory-fixture.js';
import { conflict } from './directory-harness.js';

/** The two contacts the `ContactId` upgrade fixtures link users to. */
export const UPGRADE_CONTACT_1 = idOf('Contact', 1);
export const UPGRADE_CONTACT_2 = idOf('Contact', 2);

/** User `n`, written before `ContactId` was a lookup, linked to `contactId`. */
export const contactUser = (n: number, contactId: string | number | null): SObjectRecord => ({
  Id: idOf('User', n),
  FederationIdentifier: `fed-${n}`,
  Username: `u${n}@example.com`,
  LastName: `User ${n}`,
  ContactId: contactId,
});

/** Users of an org written before `ContactId` was a lookup: none, contact 1, a number. */
export const CONTACT_USERS = [
  contactUser(1, null),
  contactUser(2, UPGRADE_CONTACT_1),
  contactUser(3, 42),
] as const;

/**
 * Checks that `directory` holds `CONTACT_USERS` (however they were written) as lookups: found by
 * ContactId and Username, the number never found, and the backfilled column holding the rule
 * (a second user on contact 1 is `STORE_CONFLICT` on `User.ContactId`, one on contact 2 commits).
 * @example
 * for (const u of CONTACT_USERS) insertTheOldWay(u);
 * await expectContactIdLookups(stores.directory);
 */
export const expectContactIdLookups = async (directory: Directory): Promise<void> => {
  const [alice, bob] = CONTACT_USERS;
  expect(await directory.find('User', 'ContactId', UPGRADE_CONTACT_1)()).toEqual(E.right([bob]));
  expect(await directory.find('User', 'Username', alice.Username as string)()).toEqual(E.right([alice]));
  // A non-text ContactId is stored but never found, as with every lookup field.
  expect(await directory.find('User', 'ContactId', '42')()).toEqual(E.right([]));
  // The backfilled column enforces the new rule on the users written before it.
  const second = { op: 'insert', sobject: 'User', record: contactUser(4, UPGRADE_CONTACT_1) } as const;
  expect(await directory.commit({ ops: [second] })()).toMatchObject({
    left: { code: 'STORE_CONFLICT', constraint: 'User.ContactId' },
  });
  const elsewhere = { ...second, record: contactUser(4, UPGRADE_CONTACT_2) };
  expect(await directory.commit({ ops: [elsewhere] })()).toEqual(E.right(undefined));
};

/**
 * Users, by Id, of an org written before nicknames were a lookup: two share one, one differs in
 * case only, one's is a number, one has none.
 */
export const NICKNAMED_USERS = [
  nicknamed(1, 'ada'),
  nicknamed(2, 'ada'),
  nicknamed(3, 'Ada'),
  nicknamed(4, 42),
  nicknamed(5, null),
] as const;

/** The Ids of the users `directory` finds by `nickname`, sorted. */
const idsByNickname = async (directory: Directory, nickname: string): Promise<string[]> => {
  const r = await directory.find('User', 'CommunityNickname', nickname)();
  if (E.isLeft(r)) throw new Error(`find failed: ${r.left.code}`);
  return r.right.map((u) => u.Id).sort();
};

/**
 * Checks that `directory` holds `NICKNAMED_USERS` (however they were written) as lookups: found
 * exactly, both sharers kept, the number never found, and a new user stating a taken nickname
 * absent refused with `STORE_CONFLICT` on `User.CommunityNickname`.
 * @example
 * for (const u of NICKNAMED_USERS) insertTheOldWay(u);
 * await expectNicknameLookups(stores.directory);
 */
export const expectNicknameLookups = async (directory: Directory): Promise<void> => {
  expect(await idsByNickname(directory, 'ada')).toEqual([idOf('User', 3001), idOf('User', 3002)]);
  expect(await idsByNickname(directory, 'Ada')).toEqual([idOf('User', 3003)]);
  // A non-text nickname is stored but never found, as with every lookup field.
  expect(await idsByNickname(directory, '42')).toEqual([]);
  const r = await directory.commit(withNewNickname(nicknamed(6, 'ada')))();
  expect(E.isLeft(r) && r.left).toMatchObject(conflict('User.CommunityNickname'));
};
