/**
 * What the SQL adapters' upgrade tests share for the nickname lookup: users as a schema that did
 * not know it stored them (nothing but the record holds the nickname), and the checks that the
 * upgraded directory serves them exactly as the conformance suite serves new rows.
 */
import type { Directory } from '@saml-jit/core';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { idOf, nicknamed, withNewNickname } from './directory-fixture.js';
import { conflict } from './directory-harness.js';

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
