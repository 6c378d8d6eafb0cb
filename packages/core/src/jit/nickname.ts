/**
 * `CommunityNickname` stays unique among users, as Salesforce keeps it. A login that gives its
 * user a nickname another user holds is refused (5 `DUPLICATE_COMM_NICKNAME CommunityNickname`,
 * the error Salesforce's insert gives) when the nickname was chosen (sent by the IdP, or set by a
 * custom handler); a nickname JIT derived itself is made unique instead, with six digits, so that
 * `ada@one.example` and `ada@two.example` can both log in. Either way the plan states the nickname
 * absent (`WritePlan.absent`), so two racing first logins cannot both take it: the loser's commit
 * conflicts and its login is decided again from fresh reads.
 */
import * as E from 'fp-ts/lib/Either.js';
import { type JitFailure, jitFailure } from '../errors/error.js';
import type { Absence, FieldValue, SObjectRecord } from '../model/records.js';
import { COMMUNITY_NICKNAME_MAX_LENGTH, defaultCommunityNickname } from './defaults.js';

const SUFFIX_DIGITS = 6;

const nonEmpty = (v: FieldValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * The nickname a login may give its user, to look up before deciding: the chosen one (`sent`),
 * else, on create, the one derived from the username; null when it gives none.
 * @example
 * nicknameSought(undefined, 'ada@example.com', true) // 'ada'
 * nicknameSought('countess', 'ada@example.com', false) // 'countess'
 */
export const nicknameSought = (
  sent: FieldValue | undefined,
  username: FieldValue | undefined,
  creating: boolean,
): string | null => {
  const chosen = nonEmpty(sent);
  if (chosen !== null) return chosen;
  const name = nonEmpty(username);
  return creating && name !== null ? defaultCommunityNickname(name) : null;
};

/** FNV-1a of `s`, as an unsigned 32-bit integer. */
const fnv1a = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
};

/**
 * A derived nickname made distinct: cut so that six digits fit in 40 characters, then six digits
 * drawn from the new user's Id (so a decision stays a function of its input, and a retried login,
 * which draws a new Id, tries other digits).
 * @example
 * suffixedCommunityNickname('ada', '005000000000002AAA') // 'ada' + six digits
 */
export const suffixedCommunityNickname = (nickname: string, userId: string): string =>
  Array.from(nickname)
    .slice(0, COMMUNITY_NICKNAME_MAX_LENGTH - SUFFIX_DIGITS)
    .join('') + String(fnv1a(userId) % 10 ** SUFFIX_DIGITS).padStart(SUFFIX_DIGITS, '0');

/** The failure Salesforce's user insert reports for the nickname (5, `<STATUS> CommunityNickname`). */
const insertError = (status: string): JitFailure =>
  jitFailure('USER_CREATION_API_ERROR', {
    errorDetails: `${status} CommunityNickname`,
    details: { sobject: 'User', field: 'CommunityNickname' },
  });

/** The user as it will be written, and the nickname the plan must find still free at commit. */
export interface NicknameClaim {
  readonly user: SObjectRecord;
  readonly absent: readonly Absence[];
}

/**
 * Claims `user`'s nickname. `before`: the user as stored (null on create), whose own nickname is
 * no claim; `owners`: the users holding the nickname looked up (`nicknameSought`); `derived`:
 * JIT chose the nickname itself, so it may change it.
 * @example
 * claimNickname({ Id: '005…', CommunityNickname: 'ada' }, null, [otherAda], true)
 * // right({ user: { …, CommunityNickname: 'ada123456' }, absent: [{ sobject: 'User', field: 'CommunityNickname', value: 'ada123456' }] })
 */
export const claimNickname = (
  user: SObjectRecord,
  before: SObjectRecord | null,
  owners: readonly SObjectRecord[],
  derived: boolean,
): E.Either<JitFailure, NicknameClaim> => {
  const given = user.CommunityNickname;
  // The user's own stored nickname, whatever it is, is no claim.
  if (before !== null && before.CommunityNickname === given) return E.right({ user, absent: [] });
  // Only a custom handler can give a non-text one: Salesforce's field is text (its insert would
  // refuse the value), and only text is looked up and kept unique.
  if (given !== undefined && given !== null && typeof given !== 'string')
    return E.left(insertError('INVALID_TYPE_ON_FIELD_IN_RECORD'));
  const nickname = nonEmpty(given);
  if (nickname === null) return E.right({ user, absent: [] });
  const claim = (value: string): NicknameClaim => ({
    user: value === nickname ? user : { ...user, CommunityNickname: value },
    absent: [{ sobject: 'User', field: 'CommunityNickname', value }],
  });
  if (!owners.some((o) => o.CommunityNickname === nickname && o.Id !== user.Id))
    return E.right(claim(nickname));
  return derived
    ? E.right(claim(suffixedCommunityNickname(nickname, user.Id)))
    : E.left(insertError('DUPLICATE_COMM_NICKNAME'));
};
