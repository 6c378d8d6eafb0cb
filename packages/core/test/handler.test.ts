/**
 * The custom handler port: the arguments a handler gets (Salesforce's, in Salesforce's order),
 * every shape it may answer in, everything it may throw, and the platform's checks on its answer
 * (what a database would refuse, and the federation-ID and insert-only rules), all before any write.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { describe, expect, it } from 'vitest';
import {
  type Directory,
  fixedClock,
  type HandlerAttributes,
  type HandlerCreateResult,
  type HandlerServices,
  JitException,
  jitErrorRedirect,
  jitFailure,
  type MemoryDirectory,
  memoryAudit,
  provision,
  type SamlJitHandler,
  sequentialIds,
  storeFailure,
  type VerifiedAssertion,
} from '../src/index.js';
import { markVerified } from '../src/model/verified.js';
import { ACME, GRACE, SITE_ID } from './external-helpers.js';
import { assertionOf, attrs, ctxOf, NOW, orgDirectory, PROFILE, ROLE, racedBy, watching } from './helpers.js';

const USER = {
  Username: 'ada@example.com',
  Email: 'ada@example.com',
  LastName: 'Lovelace',
  ProfileId: PROFILE.Id,
};
/** Grace's own user: her contact is taken. */
const GRACE_USER = {
  Id: '005000000000200AAA',
  Username: 'grace@acme.test',
  FederationIdentifier: 'grace-fed',
  LastName: 'Hopper',
  Email: 'grace@acme.test',
  ProfileId: PROFILE.Id,
  ContactId: GRACE.Id,
  CommunityNickname: 'grace',
  IsActive: true,
};
const EXISTING = {
  Id: '005000000000100AAA',
  Username: 'old@example.com',
  FederationIdentifier: 'fed',
  LastName: 'Old',
  Email: 'old@example.com',
  ProfileId: PROFILE.Id,
  CommunityNickname: 'old',
  IsActive: true,
};

/** A handler from two functions (or one for both); `unknown` answers test the checks. */
const handlerOf = (
  create: (...args: unknown[]) => unknown,
  update: (...args: unknown[]) => unknown = () => undefined,
  timeoutMs?: number,
): SamlJitHandler =>
  ({
    createUser: create,
    updateUser: update,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  }) as unknown as SamlJitHandler;

const provisionWith = async (
  handler: SamlJitHandler,
  opts: { dir?: MemoryDirectory | Directory; assertion?: VerifiedAssertion; siteId?: string | null } = {},
) => {
  const dir =
    opts.dir ??
    orgDirectory({
      Account: [ACME],
      Contact: [GRACE],
      User: [EXISTING, GRACE_USER],
      Network: [{ Id: SITE_ID }],
    });
  const snap = () => ('snapshot' in dir ? (dir as MemoryDirectory).snapshot() : null);
  const before = snap();
  const result = await provision(
    opts.assertion ?? assertionOf('new-fed', attrs({ mail: 'ada@example.com' })),
    {
      ...ctxOf({ provisioningType: 'custom', errorUrl: 'https://app.test/sso-error?from=saml' }),
      siteId: opts.siteId ?? null,
    },
    { directory: dir, clock: fixedClock(NOW), ids: sequentialIds(), audit: memoryAudit(), handler },
  )();
  const after = snap();
  return { result, unchanged: () => expect(after).toEqual(before), dir };
};

const refusedWith = (result: E.Either<unknown, unknown>, code: string, errorDetails?: string) =>
  expect(result).toMatchObject({
    left: { kind: 'jit', code, ...(errorDetails === undefined ? {} : { errorDetails }) },
  });

describe('custom handler: what it is called with', () => {
  it('createUser gets Salesforce’s arguments in order: provider, community, portal, federation ID, attributes, base64 assertion', async () => {
    const calls: unknown[][] = [];
    const assertion = assertionOf(
      'new-fed',
      new Map([
        ...attrs({ mail: 'a@x.test', groups: ['a', 'b'], portal_id: '060000000000001AAA' }),
        ['__proto__', ['p'] as const],
      ]),
    );
    await provisionWith(
      handlerOf((...args) => {
        calls.push(args);
        return { user: USER };
      }),
      { assertion, siteId: SITE_ID },
    );
    const [provider, community, portal, fed, attributes, base64, services] = calls[0] ?? [];
    expect([provider, community, portal, fed, base64]).toEqual([
      'okta',
      SITE_ID,
      '060000000000001AAA',
      'new-fed',
      assertion.responseBase64,
    ]);
    const a = attributes as HandlerAttributes;
    expect([
      a.get('mail'),
      a.get('groups'),
      a.getAll('groups'),
      a.get('__proto__'),
      a.has('Sfdc.SamlAssertion'),
    ]).toEqual(['a@x.test', 'a', ['a', 'b'], 'p', false]);
    expect(services).toMatchObject({ now: NOW, organization: { Id: expect.any(String) } });
  });

  it('updateUser gets the matched user’s Id first', async () => {
    const calls: unknown[][] = [];
    await provisionWith(
      handlerOf(
        () => ({ user: USER }),
        (...args) => {
          calls.push(args);
          return undefined;
        },
      ),
      { assertion: assertionOf('fed') },
    );
    expect(calls[0]?.slice(0, 5)).toEqual([EXISTING.Id, 'okta', null, null, 'fed']);
  });

  it('an encrypted assertion: Sfdc.SamlAssertion holds the decrypted XML, and an IdP cannot forge that entry', async () => {
    const seen: (string | undefined)[] = [];
    const handler = handlerOf((...args) => {
      seen.push((args[4] as HandlerAttributes).get('Sfdc.SamlAssertion'));
      return { user: USER };
    });
    const forged = attrs({ 'Sfdc.SamlAssertion': '<forged/>' });
    await provisionWith(handler, { assertion: assertionOf('a', forged) });
    await provisionWith(handler, {
      assertion: markVerified({
        ...assertionOf('b', forged),
        encrypted: true,
        assertionXml: '<saml:Assertion ID="_d"/>',
      }),
    });
    expect(seen).toEqual([undefined, '<saml:Assertion ID="_d"/>']);
  });
});

describe('custom handler: answers', () => {
  it.each([
    ['a plain object', () => ({ user: USER })],
    ['a Promise', async () => ({ user: USER })],
    ['a TaskEither', () => TE.right({ user: USER })],
  ])('%s creates the user, with the federation ID and the defaults', async (_, create) => {
    const { result, dir } = await provisionWith(handlerOf(create));
    expect(result).toMatchObject({
      right: {
        action: 'create',
        user: {
          ...USER,
          FederationIdentifier: 'new-fed',
          Alias: 'Lovel',
          IsActive: true,
          TimeZoneSidKey: expect.any(String),
        },
      },
    });
    // The two users the directory had, and the new one.
    expect((dir as MemoryDirectory).snapshot().User).toHaveLength(3);
  });

  it('updateUser answering nothing changes nothing; answering fields updates them', async () => {
    const none = await provisionWith(
      handlerOf(() => ({ user: USER })),
      { assertion: assertionOf('fed') },
    );
    expect(none.result).toMatchObject({ right: { action: 'update', user: EXISTING } });
    none.unchanged();
    const some = await provisionWith(
      handlerOf(
        () => ({ user: USER }),
        () => ({ user: { Title: 'Countess' } }),
      ),
      { assertion: assertionOf('fed') },
    );
    expect(some.result).toMatchObject({
      right: { action: 'update', user: { ...EXISTING, Title: 'Countess' } },
    });
  });

  it('contact and account writes commit with the user, and are reported', async () => {
    const handler = handlerOf((...args) => {
      const services = args[6] as { newId: (s: 'Account' | 'Contact') => string };
      const accountId = services.newId('Account');
      const contactId = services.newId('Contact');
      return {
        user: { ...USER, ContactId: contactId },
        writes: [
          { op: 'insert', sobject: 'Account', record: { Id: accountId, Name: 'Engines' } },
          {
            op: 'insert',
            sobject: 'Contact',
            record: { Id: contactId, LastName: 'Lovelace', AccountId: accountId },
          },
          { op: 'update', sobject: 'Account', id: ACME.Id, fields: { Rating: 'Hot' } },
        ],
      } satisfies HandlerCreateResult;
    });
    const { result, dir } = await provisionWith(handler);
    expect(result).toMatchObject({
      right: {
        contact: { action: 'create', record: { LastName: 'Lovelace' } },
        account: { action: 'create', record: { Name: 'Engines' } },
      },
    });
    expect((dir as MemoryDirectory).snapshot().Account).toContainEqual({ ...ACME, Rating: 'Hot' });
  });
});

describe('custom handler: keys its writes rely on (absent)', () => {
  /**
   * The Apex way, ported: find the account by number, insert it when none has it (saying so in
   * `absent`), then a contact on it. `calls` counts the handler's calls.
   */
  const accountByNumber = (calls: { n: number }): SamlJitHandler =>
    handlerOf(async (...args) => {
      calls.n += 1;
      const services = args[6] as HandlerServices;
      const [found] = await services.find('Account', 'AccountNumber', 'NEW-1');
      const accountId = found?.Id ?? services.newId('Account');
      const contactId = services.newId('Contact');
      return {
        user: { ...USER, ContactId: contactId },
        writes: [
          ...(found === undefined
            ? [
                {
                  op: 'insert',
                  sobject: 'Account',
                  record: { Id: accountId, Name: 'New', AccountNumber: 'NEW-1' },
                } as const,
              ]
            : []),
          {
            op: 'insert',
            sobject: 'Contact',
            record: { Id: contactId, LastName: 'Lovelace', AccountId: accountId },
          },
        ],
        absent: found === undefined ? [{ sobject: 'Account', field: 'AccountNumber', value: 'NEW-1' }] : [],
      } satisfies HandlerCreateResult;
    });
  const RIVAL = { Id: '001000000000777AAA', Name: 'Rival', AccountNumber: 'NEW-1' };

  it('the plan carries them, beside the nickname the platform states', async () => {
    const { watched, plans } = watching(orgDirectory({ User: [EXISTING, GRACE_USER] }));
    const { result } = await provisionWith(accountByNumber({ n: 0 }), { dir: watched });
    expect(result).toMatchObject({ right: { action: 'create', account: { action: 'create' } } });
    expect(plans.map((p) => p.absent)).toEqual([
      [
        { sobject: 'Account', field: 'AccountNumber', value: 'NEW-1' },
        { sobject: 'User', field: 'CommunityNickname', value: 'ada' },
      ],
    ]);
  });

  it('a nickname the handler states as the platform does is stated once', async () => {
    const { watched, plans } = watching(orgDirectory({ User: [EXISTING, GRACE_USER] }));
    const absent = [{ sobject: 'User', field: 'CommunityNickname', value: 'ada' }] as const;
    const { result } = await provisionWith(
      handlerOf(() => ({ user: USER, absent })),
      { dir: watched },
    );
    expect(result).toMatchObject({ right: { action: 'create' } });
    expect(plans.map((p) => p.absent)).toEqual([absent]);
  });

  it('keys the login’s own user or a record its writes update already holds are no claim, and are dropped', async () => {
    const { watched, plans } = watching(
      orgDirectory({ Account: [ACME], Contact: [GRACE], User: [EXISTING, GRACE_USER] }),
    );
    const calls = { n: 0 };
    const own = [
      { sobject: 'User', field: 'CommunityNickname', value: EXISTING.CommunityNickname },
      { sobject: 'Contact', field: 'Email', value: GRACE.Email },
    ];
    const { result } = await provisionWith(
      handlerOf(
        () => ({ user: USER }),
        () => {
          calls.n += 1;
          return {
            user: { Title: 'Countess' },
            writes: [{ op: 'update', sobject: 'Contact', id: GRACE.Id, fields: { Title: 'Admiral' } }],
            absent: [...own, { sobject: 'Account', field: 'AccountNumber', value: 'FREE-1' }],
          };
        },
      ),
      { dir: watched, assertion: assertionOf('fed') },
    );
    expect(result).toMatchObject({ right: { action: 'update', user: { Title: 'Countess' } } });
    expect(calls.n).toBe(1);
    expect(plans.map((p) => p.absent)).toEqual([
      [{ sobject: 'Account', field: 'AccountNumber', value: 'FREE-1' }],
    ]);
  });

  it('race: another identity creates the account between the handler’s find and the commit: the handler is asked again and joins it', async () => {
    const dir = orgDirectory({ User: [EXISTING, GRACE_USER] });
    const calls = { n: 0 };
    const { result } = await provisionWith(accountByNumber(calls), {
      dir: racedBy(dir, { op: 'insert', sobject: 'Account', record: RIVAL }),
    });
    expect(result).toMatchObject({ right: { action: 'create', account: { action: 'none', record: RIVAL } } });
    expect(calls.n).toBe(2);
    expect(dir.snapshot().Account.filter((a) => a.AccountNumber === 'NEW-1')).toEqual([RIVAL]);
  });

  it.each([
    ['not a list', { sobject: 'Account', field: 'AccountNumber', value: 'NEW-1' }],
    ['a field the port does not check', [{ sobject: 'Account', field: 'Name', value: 'New' }]],
    ['an empty value', [{ sobject: 'Contact', field: 'Email', value: '' }]],
    ['a value that is not text', [{ sobject: 'Contact', field: 'Email', value: 7 }]],
  ])('an absence that is %s → 5 HANDLER_INVALID_RESULT, nothing written', async (_, absent) => {
    const { result, unchanged } = await provisionWith(handlerOf(() => ({ user: USER, absent })));
    refusedWith(result, 'USER_CREATION_API_ERROR', 'HANDLER_INVALID_RESULT');
    unchanged();
  });
});

describe('custom handler: refusals become JIT errors, nothing written', () => {
  it('a thrown JitException is 5 with its message as ErrorDetails, and becomes the redirect', async () => {
    const { result, unchanged } = await provisionWith(
      handlerOf(() => {
        throw new JitException('Could not find account');
      }),
    );
    refusedWith(result, 'USER_CREATION_API_ERROR', 'Could not find account');
    unchanged();
    if (E.isLeft(result) && result.left.kind === 'jit')
      expect(jitErrorRedirect(result.left, 'https://app.test/sso-error?from=saml')).toBe(
        'https://app.test/sso-error?from=saml&ErrorCode=5&ErrorDescription=Unable+to+create+user&ErrorDetails=Could+not+find+account',
      );
  });

  it('a JitException with a code carries that code and its token', async () => {
    const { result } = await provisionWith(
      handlerOf(async () => {
        throw new JitException('nope', { code: 'INVALID_ACCOUNT_ID' });
      }),
    );
    expect(result).toMatchObject({
      left: { code: 'INVALID_ACCOUNT_ID', errorCode: 18, errorDetails: 'INVALID_ACCOUNT_ID' },
    });
  });

  it('a returned JitFailure, or a TaskEither Left, refuses with it', async () => {
    const failure = jitFailure('MISSING_ACCOUNT_NAME');
    refusedWith((await provisionWith(handlerOf(() => failure))).result, 'MISSING_ACCOUNT_NAME');
    refusedWith((await provisionWith(handlerOf(() => TE.left(failure)))).result, 'MISSING_ACCOUNT_NAME');
  });

  it.each([
    [
      'throws a TypeError',
      () => {
        throw new TypeError('secret SQL in here');
      },
    ],
    ['rejects', () => Promise.reject(new Error('secret'))],
    [
      'throws a string',
      () => {
        throw 'secret';
      },
    ],
    [
      'throws null',
      () => {
        throw null;
      },
    ],
  ])('a handler that %s: 5 HANDLER_EXCEPTION, its message not in the redirect', async (_, create) => {
    const { result, unchanged } = await provisionWith(handlerOf(create));
    refusedWith(result, 'USER_CREATION_API_ERROR', 'HANDLER_EXCEPTION');
    if (E.isLeft(result) && result.left.kind === 'jit')
      expect(jitErrorRedirect(result.left, null)).not.toContain('secret');
    unchanged();
  });

  it('a handler that never answers is cut off: 5 HANDLER_TIMEOUT', async () => {
    const { result } = await provisionWith(handlerOf(() => new Promise(() => undefined), undefined, 30));
    refusedWith(result, 'USER_CREATION_API_ERROR', 'HANDLER_TIMEOUT');
  });

  it('a store failure met by services.find stays a store failure', async () => {
    const dir = orgDirectory();
    const failing: Directory = { ...dir, find: () => TE.left(storeFailure('STORE_UNAVAILABLE', 'down')) };
    const handler = handlerOf(async (...args) => {
      await (args[6] as { find: (...a: unknown[]) => Promise<unknown> }).find('Profile', 'Name', 'x');
      return { user: USER };
    });
    // The federation-ID lookup fails first here; a find failing inside the handler is the same Left.
    expect((await provisionWith(handler, { dir: failing })).result).toMatchObject({
      left: { kind: 'store', code: 'STORE_UNAVAILABLE' },
    });
    let calls = 0;
    const laterFailing: Directory = {
      ...dir,
      find: (...a) => (++calls > 1 ? TE.left(storeFailure('STORE_UNAVAILABLE', 'down')) : dir.find(...a)),
    };
    expect((await provisionWith(handler, { dir: laterFailing })).result).toMatchObject({
      left: { kind: 'store', code: 'STORE_UNAVAILABLE' },
    });
  });

  const badAnswers: readonly [string, unknown, string, string][] = [
    ['no answer from createUser', undefined, 'USER_CREATION_API_ERROR', 'HANDLER_INVALID_RESULT'],
    ['an answer without a user', { writes: [] }, 'USER_CREATION_API_ERROR', 'HANDLER_INVALID_RESULT'],
    [
      'a field name that is not an API name',
      { user: JSON.parse('{"__proto__":"x","LastName":"L"}') },
      'USER_CREATION_API_ERROR',
      'INVALID_FIELD',
    ],
    [
      'a value that is not a scalar',
      { user: { ...USER, Title: { a: 1 } } },
      'USER_CREATION_API_ERROR',
      'INVALID_TYPE_ON_FIELD_IN_RECORD Title',
    ],
    [
      'a missing required field',
      { user: { ...USER, Email: '' } },
      'USER_CREATION_API_ERROR',
      'REQUIRED_FIELD_MISSING Email',
    ],
    [
      'an Id on the new user',
      { user: { ...USER, Id: '005000000000999AAA' } },
      'USER_CREATION_API_ERROR',
      'INVALID_FIELD_FOR_INSERT_UPDATE Id',
    ],
    [
      'another federation ID',
      { user: { ...USER, FederationIdentifier: 'someone-else' } },
      'MISMATCH_FEDERATION_ID',
      'MISMATCH_FEDERATION_ID',
    ],
    [
      'an unknown profile',
      { user: { ...USER, ProfileId: 'Standard User' } },
      'USER_CREATION_API_ERROR',
      'INVALID_CROSS_REFERENCE_KEY ProfileId',
    ],
    [
      'an unknown role',
      { user: { ...USER, UserRoleId: 'CEO' } },
      'USER_CREATION_API_ERROR',
      'INVALID_CROSS_REFERENCE_KEY UserRoleId',
    ],
    [
      'an unknown contact',
      { user: { ...USER, ContactId: '003000000000999AAA' } },
      'USER_CREATION_API_ERROR',
      'INVALID_CROSS_REFERENCE_KEY ContactId',
    ],
    [
      'a taken username',
      { user: { ...USER, Username: EXISTING.Username } },
      'USER_CREATION_API_ERROR',
      'DUPLICATE_USERNAME Username',
    ],
    [
      'a contact that already has a user',
      { user: { ...USER, ContactId: GRACE_USER.ContactId } },
      'USER_CREATION_API_ERROR',
      'DUPLICATE_VALUE ContactId',
    ],
    [
      'a nickname that is not text',
      { user: { ...USER, CommunityNickname: 42 } },
      'USER_CREATION_API_ERROR',
      'INVALID_TYPE_ON_FIELD_IN_RECORD CommunityNickname',
    ],
    [
      'a nickname another user holds',
      { user: { ...USER, CommunityNickname: GRACE_USER.CommunityNickname } },
      'USER_CREATION_API_ERROR',
      'DUPLICATE_COMM_NICKNAME CommunityNickname',
    ],
    [
      'a contact without a last name',
      { user: USER, writes: [{ op: 'insert', sobject: 'Contact', record: { Email: 'x' } }] },
      'CONTACT_CREATION_API_ERROR',
      'REQUIRED_FIELD_MISSING LastName',
    ],
    [
      'a contact on an unknown account',
      {
        user: USER,
        writes: [
          { op: 'insert', sobject: 'Contact', record: { LastName: 'L', AccountId: '001000000000999AAA' } },
        ],
      },
      'CONTACT_CREATION_API_ERROR',
      'INVALID_CROSS_REFERENCE_KEY AccountId',
    ],
    [
      'an account without a name',
      { user: USER, writes: [{ op: 'insert', sobject: 'Account', record: { AccountNumber: '1' } }] },
      'ACCOUNT_CREATION_API_ERROR',
      'REQUIRED_FIELD_MISSING Name',
    ],
    [
      'an account Id of a contact',
      {
        user: USER,
        writes: [{ op: 'insert', sobject: 'Account', record: { Id: '003000000000999AAA', Name: 'N' } }],
      },
      'ACCOUNT_CREATION_API_ERROR',
      'MALFORMED_ID Id',
    ],
    [
      'an insert over an existing record',
      { user: USER, writes: [{ op: 'insert', sobject: 'Account', record: { ...ACME } }] },
      'ACCOUNT_CREATION_API_ERROR',
      'DUPLICATE_VALUE Id',
    ],
    [
      'an update of no record',
      {
        user: USER,
        writes: [{ op: 'update', sobject: 'Contact', id: '003000000000999AAA', fields: { Title: 'x' } }],
      },
      'CONTACT_CREATION_API_ERROR',
      'INVALID_CROSS_REFERENCE_KEY Id',
    ],
    [
      'a write to another sObject',
      { user: USER, writes: [{ op: 'insert', sobject: 'User', record: {} }] },
      'USER_CREATION_API_ERROR',
      'HANDLER_INVALID_RESULT',
    ],
    [
      'writes that are not a list',
      { user: USER, writes: {} },
      'USER_CREATION_API_ERROR',
      'HANDLER_INVALID_RESULT',
    ],
  ];
  it.each(badAnswers)(
    'createUser answering %s → %s (%s), nothing written',
    async (_, answer, code, details) => {
      const { result, unchanged } = await provisionWith(handlerOf(() => answer));
      refusedWith(result, code, details);
      unchanged();
    },
  );

  const badUpdates: readonly [string, unknown, string, string][] = [
    [
      'a new Username',
      { user: { Username: 'new@example.com' } },
      'USER_NAME_CHANGE_NOT_ALLOWED',
      'USER_NAME_CHANGE_NOT_ALLOWED',
    ],
    [
      'a new FederationIdentifier',
      { user: { FederationIdentifier: 'other' } },
      'MISMATCH_FEDERATION_ID',
      'MISMATCH_FEDERATION_ID',
    ],
    [
      'another user’s Id',
      { user: { Id: '005000000000999AAA' } },
      'USER_CREATION_API_ERROR',
      'INVALID_FIELD_FOR_INSERT_UPDATE Id',
    ],
    [
      'the contact of another user',
      { user: { ContactId: GRACE.Id } },
      'USER_CREATION_API_ERROR',
      'DUPLICATE_VALUE ContactId',
    ],
    [
      'a nickname that is not text',
      { user: { CommunityNickname: 42 } },
      'USER_CREATION_API_ERROR',
      'INVALID_TYPE_ON_FIELD_IN_RECORD CommunityNickname',
    ],
    [
      'the nickname of another user',
      { user: { CommunityNickname: GRACE_USER.CommunityNickname } },
      'USER_CREATION_API_ERROR',
      'DUPLICATE_COMM_NICKNAME CommunityNickname',
    ],
    [
      'a cleared LastName',
      { user: { LastName: null } },
      'USER_CREATION_API_ERROR',
      'REQUIRED_FIELD_MISSING LastName',
    ],
    [
      'an unknown role',
      { user: { UserRoleId: 'nope' } },
      'USER_CREATION_API_ERROR',
      'INVALID_CROSS_REFERENCE_KEY UserRoleId',
    ],
  ];
  it.each(badUpdates)(
    'updateUser answering %s → %s (%s), nothing written',
    async (_, answer, code, details) => {
      const { result, unchanged } = await provisionWith(
        handlerOf(
          () => ({ user: USER }),
          () => answer,
        ),
        { assertion: assertionOf('fed') },
      );
      refusedWith(result, code, details);
      unchanged();
    },
  );

  it('a user the handler gives no nickname, whose username derives a taken one, gets six digits; the plan states it absent', async () => {
    const { watched, plans } = watching(orgDirectory({ User: [EXISTING, GRACE_USER] }));
    const { result } = await provisionWith(
      handlerOf(() => ({ user: { ...USER, Username: 'grace@elsewhere.test' } })),
      {
        dir: watched,
      },
    );
    expect(result).toMatchObject({
      right: { action: 'create', user: { CommunityNickname: expect.stringMatching(/^grace\d{6}$/) } },
    });
    const nickname = E.isRight(result) ? result.right.user.CommunityNickname : null;
    expect(plans.map((p) => p.absent)).toEqual([
      [{ sobject: 'User', field: 'CommunityNickname', value: nickname }],
    ]);
  });

  it('updateUser may set a known role', async () => {
    const { result } = await provisionWith(
      handlerOf(
        () => ({ user: USER }),
        () => ({ user: { UserRoleId: ROLE.Id } }),
      ),
      { assertion: assertionOf('fed') },
    );
    expect(result).toMatchObject({ right: { user: { UserRoleId: ROLE.Id } } });
  });
});
