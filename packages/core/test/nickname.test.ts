/**
 * `CommunityNickname` stays unique among users (docs/jit-rules.md): a derived nickname another
 * user holds is made unique with six digits, a sent one is refused (5 `DUPLICATE_COMM_NICKNAME
 * CommunityNickname`), and the plan states the nickname absent so that racing first logins of two
 * identities cannot both take it. Through `provision` and the in-memory directory.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  COMMUNITY_NICKNAME_MAX_LENGTH,
  defaultCommunityNickname,
  fixedClock,
  memoryAudit,
  provision,
  randomIds,
  type SObjectRecord,
  suffixedCommunityNickname,
} from '../src/index.js';
import { CREATE_ALL, externalDirectory, OWNER, ROLELESS, siteCtx } from './external-helpers.js';
import {
  assertionOf,
  attrs,
  ctxOf,
  NOW,
  orgDirectory,
  PROFILE,
  REQUIRED,
  racedBy,
  run,
  watching,
} from './helpers.js';

/** Another identity's user, holding the nickname `ada` that `ada@example.com` derives. */
const HOLDER: SObjectRecord = {
  Id: '005000000000300AAA',
  Username: 'ada@other.example',
  FederationIdentifier: 'other-fed',
  Email: 'ada@other.example',
  LastName: 'Other',
  ProfileId: PROFILE.Id,
  CommunityNickname: 'ada',
  IsActive: true,
};
/** The returning user of `fed-ada`, nicknamed `countess`. */
const ADA: SObjectRecord = {
  ...HOLDER,
  Id: '005000000000301AAA',
  Username: 'ada@example.com',
  FederationIdentifier: 'fed-ada',
  Email: 'ada@example.com',
  CommunityNickname: 'countess',
};

const SUFFIXED = /^ada\d{6}$/;
const DUPLICATE = { kind: 'jit', errorCode: 5, errorDetails: 'DUPLICATE_COMM_NICKNAME CommunityNickname' };
const codePoints = (s: string) => Array.from(s).length;

const nicknameOf = (result: Awaited<ReturnType<typeof run>>['result']): string => {
  if (E.isLeft(result)) throw new Error(`expected a login, got ${result.left.code}`);
  return String(result.right.user.CommunityNickname);
};

describe('CommunityNickname on create', () => {
  it('a free derived nickname is written as derived, and the plan states it absent', async () => {
    const { watched, plans } = watching(orgDirectory());
    const { result } = await run(watched, assertionOf('fed-ada', attrs(REQUIRED)));
    expect(nicknameOf(result)).toBe('ada');
    expect(plans.map((p) => p.absent)).toEqual([
      [{ sobject: 'User', field: 'CommunityNickname', value: 'ada' }],
    ]);
  });

  it('a derived nickname another user holds gets six digits, and the plan states that one absent', async () => {
    const { watched, plans } = watching(orgDirectory({ User: [HOLDER] }));
    const { result } = await run(watched, assertionOf('fed-ada', attrs(REQUIRED)));
    const nickname = nicknameOf(result);
    expect(nickname).toMatch(SUFFIXED);
    expect(plans.map((p) => p.absent)).toEqual([
      [{ sobject: 'User', field: 'CommunityNickname', value: nickname }],
    ]);
  });

  it('matches exactly: a user nicknamed Ada leaves ada free', async () => {
    const dir = orgDirectory({ User: [{ ...HOLDER, CommunityNickname: 'Ada' }] });
    expect(nicknameOf((await run(dir, assertionOf('fed-ada', attrs(REQUIRED)))).result)).toBe('ada');
  });

  it('a sent free nickname is written as sent', async () => {
    const dir = orgDirectory({ User: [HOLDER] });
    const { result } = await run(
      dir,
      assertionOf('fed-ada', attrs({ ...REQUIRED, 'User.CommunityNickname': 'countess' })),
    );
    expect(nicknameOf(result)).toBe('countess');
  });

  it('5: nickname collision: a sent User.CommunityNickname another user holds, nothing written', async () => {
    const dir = orgDirectory({ User: [HOLDER] });
    const before = dir.snapshot();
    const { result } = await run(
      dir,
      assertionOf('fed-ada', attrs({ ...REQUIRED, 'User.CommunityNickname': 'ada' })),
    );
    expect(result).toMatchObject({ left: { ...DUPLICATE, code: 'USER_CREATION_API_ERROR' } });
    expect(dir.snapshot()).toEqual(before);
  });

  it('a site login whose derived nickname is taken gets six digits too, beside its account and contact keys', async () => {
    const { watched, plans } = watching(externalDirectory({ User: [OWNER, ROLELESS, HOLDER] }));
    const { result } = await run(watched, assertionOf('fed-ada', attrs(CREATE_ALL)), siteCtx());
    const nickname = nicknameOf(result);
    expect(nickname).toMatch(SUFFIXED);
    expect(plans[0]?.absent).toContainEqual({ sobject: 'User', field: 'CommunityNickname', value: nickname });
  });
});

describe('CommunityNickname on update', () => {
  const login = (nickname: string) =>
    assertionOf('fed-ada', attrs({ ...REQUIRED, 'User.CommunityNickname': nickname }));

  it('5: a returning user sending another user’s nickname, nothing written', async () => {
    const dir = orgDirectory({ User: [HOLDER, ADA] });
    const before = dir.snapshot();
    expect((await run(dir, login('ada'))).result).toMatchObject({ left: DUPLICATE });
    expect(dir.snapshot()).toEqual(before);
  });

  it('a returning user sending its own nickname writes nothing and states nothing', async () => {
    const { watched, plans } = watching(orgDirectory({ User: [HOLDER, ADA] }));
    const { result } = await run(watched, login('countess'));
    expect(result).toMatchObject({ right: { action: 'update', user: { CommunityNickname: 'countess' } } });
    expect(plans.map((p) => p.absent)).toEqual([undefined]);
  });

  it('a returning user taking a free nickname states it absent', async () => {
    const { watched, plans } = watching(orgDirectory({ User: [HOLDER, ADA] }));
    expect(nicknameOf((await run(watched, login('enchantress'))).result)).toBe('enchantress');
    expect(plans.map((p) => p.absent)).toEqual([
      [{ sobject: 'User', field: 'CommunityNickname', value: 'enchantress' }],
    ]);
  });

  it('a returning user whose stored nickname is not text (an odd seeded row) still logs in', async () => {
    const dir = orgDirectory({ User: [HOLDER, { ...ADA, CommunityNickname: 42 }] });
    const { result } = await run(
      dir,
      assertionOf('fed-ada', attrs({ ...REQUIRED, 'User.Title': 'Countess' })),
    );
    expect(result).toMatchObject({
      right: { action: 'update', user: { CommunityNickname: 42, Title: 'Countess' } },
    });
  });

  it('a returning user sending no nickname keeps the stored one, even when its username derives a taken one', async () => {
    const dir = orgDirectory({ User: [HOLDER, ADA] });
    expect(nicknameOf((await run(dir, assertionOf('fed-ada', attrs(REQUIRED)))).result)).toBe('countess');
  });
});

describe('CommunityNickname races', () => {
  it('race: another identity takes the derived nickname between our reads and our commit: we retry and get six digits', async () => {
    const dir = orgDirectory();
    const racing = racedBy(dir, { op: 'insert', sobject: 'User', record: HOLDER });
    const nickname = nicknameOf((await run(racing, assertionOf('fed-ada', attrs(REQUIRED)))).result);
    expect(nickname).toMatch(SUFFIXED);
    expect(
      dir
        .snapshot()
        .User.map((u) => u.CommunityNickname)
        .sort(),
    ).toEqual(['ada', nickname]);
  });

  it('race: a sent nickname taken meanwhile ends in 5 on the retry, nothing written', async () => {
    const dir = orgDirectory();
    const racing = racedBy(dir, { op: 'insert', sobject: 'User', record: HOLDER });
    const { result } = await run(
      racing,
      assertionOf('fed-ada', attrs({ ...REQUIRED, 'User.CommunityNickname': 'ada' })),
    );
    expect(result).toMatchObject({ left: DUPLICATE });
    expect(dir.snapshot().User).toEqual([HOLDER]);
  });

  it('eight identities whose usernames all derive ada, logging in at once, all get in with distinct nicknames', async () => {
    const dir = orgDirectory();
    const logins = Array.from({ length: 8 }, (_, i) =>
      provision(
        assertionOf(`fed-${i}`, attrs({ ...REQUIRED, 'User.Username': `ada@${i}.example` })),
        ctxOf(),
        { directory: dir, clock: fixedClock(NOW), ids: randomIds, audit: memoryAudit() },
      )(),
    );
    const nicknames = (await Promise.all(logins)).map(nicknameOf);
    expect(new Set(nicknames).size).toBe(8);
    expect(nicknames).toContain('ada');
  });
});

describe('CommunityNickname laws', () => {
  const NAMES = ['ada', 'Ada', 'ada123456', 'bob', 'x'.repeat(45)];

  it('a created user’s nickname is held by no other user; a sent one is kept or refused with 5, a derived one kept or suffixed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 4 }),
        fc.constantFrom(...NAMES),
        fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
        async (held, local, sent) => {
          const users = held.map((n, i) => ({
            ...HOLDER,
            Id: `0050000000004${i}0AAA`,
            Username: `u${i}@x.test`,
            FederationIdentifier: `f${i}`,
            CommunityNickname: n,
          }));
          const dir = orgDirectory({ User: users });
          const before = dir.snapshot();
          const a = { ...REQUIRED, 'User.Username': `${local}@example.com` };
          const { result } = await run(
            dir,
            assertionOf('fed-new', attrs(sent === undefined ? a : { ...a, 'User.CommunityNickname': sent })),
          );
          if (sent !== undefined && held.includes(sent)) {
            expect(result).toMatchObject({ left: DUPLICATE });
            expect(dir.snapshot()).toEqual(before);
            return;
          }
          const nickname = nicknameOf(result);
          expect(held).not.toContain(nickname);
          const derived = defaultCommunityNickname(`${local}@example.com`);
          if (sent !== undefined) {
            expect(nickname).toBe(sent);
            return;
          }
          // Lengths of sent values are Salesforce's to check (docs/jit-rules.md); derived ones fit.
          expect(codePoints(nickname)).toBeLessThanOrEqual(COMMUNITY_NICKNAME_MAX_LENGTH);
          if (!held.includes(derived)) expect(nickname).toBe(derived);
          else
            expect(nickname).toBe(
              suffixedCommunityNickname(derived, String(E.isRight(result) && result.right.user.Id)),
            );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('suffixedCommunityNickname: at most 40 code points, the nickname’s start, then six digits, a function of the Id', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.string({ minLength: 15, maxLength: 18 }),
        (nickname, id) => {
          const s = suffixedCommunityNickname(nickname, id);
          expect(codePoints(s)).toBeLessThanOrEqual(COMMUNITY_NICKNAME_MAX_LENGTH);
          expect(s).toMatch(/\d{6}$/);
          expect(s.startsWith(Array.from(nickname).slice(0, 34).join(''))).toBe(true);
          expect(suffixedCommunityNickname(nickname, id)).toBe(s);
        },
      ),
    );
  });
});
