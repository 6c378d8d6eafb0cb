/**
 * The provisioning program: its laws (idempotence, a rejection never writes, insert-only fields
 * never change, every refusal carries a table code), the race of concurrent first logins, the
 * login-only mode, the seams for site/portal/custom rules, the audit event, and misbehaving ports.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { describe, expect, it } from 'vitest';
import {
  ALL_ERROR_CODES,
  type Directory,
  fixedClock,
  JIT_ERRORS,
  MAX_ATTEMPTS,
  type MemoryDirectory,
  memoryAudit,
  type ProvisionContext,
  provision,
  sequentialIds,
  storeFailure,
  type VerifiedAssertion,
} from '../src/index.js';
import { arbAttributes, arbFederationId, arbUserAttributes } from './arbitraries.js';
import { assertionOf, attrs, ctxOf, NOW, orgDirectory, PROFILE, REQUIRED, run } from './helpers.js';

const PROFILES = [PROFILE.Name, PROFILE.Id];

/** A directory of a few users (one inactive, one without a federation ID) to provision against. */
const populated = (): MemoryDirectory =>
  orgDirectory({
    User: [
      {
        Id: '005000000000101AAA',
        Username: 'u1@x.test',
        FederationIdentifier: 'f1',
        LastName: 'One',
        IsActive: true,
      },
      {
        Id: '005000000000102AAA',
        Username: 'u2@x.test',
        FederationIdentifier: 'f2',
        LastName: 'Two',
        IsActive: false,
      },
      { Id: '005000000000103AAA', Username: 'u3@x.test', FederationIdentifier: null, LastName: 'Three' },
    ],
    CustomField: [{ Object: 'User', Name: 'Badge__c', Type: 'Text' }],
  });

const arbIdentity = fc.oneof(fc.constantFrom('f1', 'f2', 'f3'), arbFederationId);
const arbLogin = fc.tuple(arbIdentity, fc.oneof(arbUserAttributes(PROFILES), arbAttributes));

describe('provision: laws', () => {
  it('provisioning the same assertion twice leaves the directory as after the first', async () => {
    await fc.assert(
      fc.asyncProperty(arbLogin, async ([fed, a]) => {
        const dir = populated();
        const assertion = assertionOf(fed, a);
        await run(dir, assertion);
        const afterFirst = dir.snapshot();
        const second = await run(dir, assertion);
        expect(dir.snapshot()).toEqual(afterFirst);
        if (E.isRight(second.result)) expect(second.result.right.action).toBe('update');
      }),
      { numRuns: 150 },
    );
  });

  it('a rejected provisioning writes nothing, and every refusal carries a code of the tables', async () => {
    await fc.assert(
      fc.asyncProperty(arbLogin, async ([fed, a]) => {
        const dir = populated();
        const before = dir.snapshot();
        const { result, events } = await run(dir, assertionOf(fed, a));
        if (E.isLeft(result)) {
          expect(dir.snapshot()).toEqual(before);
          expect(ALL_ERROR_CODES).toContain(result.left.code);
          if (result.left.kind === 'jit') {
            expect(JIT_ERRORS[result.left.code].errorCode).toBe(result.left.errorCode);
            expect(result.left.reason).toBe('SAML Provision Error');
          }
          expect(events).toEqual([
            expect.objectContaining({ outcome: 'reject', code: result.left.code, written: [] }),
          ]);
        } else {
          expect(events).toEqual([expect.objectContaining({ outcome: result.right.action, code: null })]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('insert-only fields (Username, FederationIdentifier) never change on update', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('f1', 'f2'), arbAttributes, async (fed, a) => {
        const dir = populated();
        const before = dir.snapshot().User.find((u) => u.FederationIdentifier === fed);
        const { result } = await run(dir, assertionOf(fed, a));
        const after = dir.snapshot().User.find((u) => u.Id === before?.Id);
        expect(after?.Username).toBe(before?.Username);
        expect(after?.FederationIdentifier).toBe(fed);
        if (E.isRight(result)) expect(result.right.action).toBe('update');
      }),
      { numRuns: 300 },
    );
  });
});

describe('provision: concurrent first logins of one identity', () => {
  it('N racing first logins make exactly one user, and every one of them succeeds', async () => {
    const N = 12;
    const dir = orgDirectory();
    const audit = memoryAudit();
    const ids = sequentialIds();
    const deps = { directory: dir, clock: fixedClock(NOW), ids, audit };
    const results = await Promise.all(
      Array.from({ length: N }, () => provision(assertionOf('fed-race', attrs(REQUIRED)), ctxOf(), deps)()),
    );
    expect(results.every(E.isRight)).toBe(true);
    const actions = results.map((r) => (E.isRight(r) ? r.right.action : r.left.code));
    expect(actions.filter((a) => a === 'create')).toHaveLength(1);
    expect(actions.filter((a) => a === 'update')).toHaveLength(N - 1);
    expect(dir.snapshot().User).toHaveLength(1);
    expect(audit.events).toHaveLength(N);
  });

  it('a conflict that persists is returned as the retryable StoreFailure after MAX_ATTEMPTS', async () => {
    const dir = orgDirectory();
    let commits = 0;
    const conflicting: Directory = {
      ...dir,
      commit: () => {
        commits += 1;
        return TE.left(storeFailure('STORE_CONFLICT', 'lost the race', { constraint: 'User.Username' }));
      },
    };
    const { result: r } = await run(conflicting, assertionOf('fed-x', attrs(REQUIRED)));
    expect(r).toMatchObject({ _tag: 'Left', left: { code: 'STORE_CONFLICT', retryable: true } });
    expect(commits).toBe(MAX_ATTEMPTS);
  });

  it('a lost race on the username against another identity ends in 12 after re-reading', async () => {
    const dir = orgDirectory();
    const deps = { directory: dir, clock: fixedClock(NOW), ids: sequentialIds(), audit: memoryAudit() };
    const [a, b] = await Promise.all([
      provision(assertionOf('fed-a', attrs(REQUIRED)), ctxOf(), deps)(),
      provision(assertionOf('fed-b', attrs(REQUIRED)), ctxOf(), deps)(),
    ]);
    expect([a, b].filter(E.isRight)).toHaveLength(1);
    expect([a, b].find(E.isLeft)).toMatchObject({
      left: { code: 'MISMATCH_FEDERATION_ID_AND_USERNAME_ATTRS' },
    });
    expect(dir.snapshot().User).toHaveLength(1);
  });
});

describe('provision: userProvisioning false (login only)', () => {
  const existing = {
    Id: '005000000000101AAA',
    Username: 'u1@x.test',
    FederationIdentifier: 'f1',
    LastName: 'One',
  };

  it.each([
    ['FederationId', 'f1'],
    ['Username', 'u1@x.test'],
    ['UserId', '005000000000101AAA'],
  ] as const)(
    'identityMapping %s: the matched user logs in and nothing is written',
    async (mapping, subject) => {
      const dir = orgDirectory({ User: [existing] });
      const before = dir.snapshot();
      const ctx = ctxOf({ userProvisioning: false, identityMapping: mapping });
      const { result, events } = await run(
        dir,
        assertionOf(subject, attrs({ 'User.Title': 'ignored' })),
        ctx,
      );
      expect(result).toEqual(E.right({ action: 'login', user: existing, contact: null, account: null }));
      expect(dir.snapshot()).toEqual(before);
      expect(events).toEqual([
        expect.objectContaining({ outcome: 'login', userId: existing.Id, written: [] }),
      ]);
    },
  );

  it('no matching user → PROVISIONING_DISABLED_USER_NOT_FOUND, nothing written', async () => {
    const dir = orgDirectory({ User: [existing] });
    const ctx = ctxOf({ userProvisioning: false });
    const { result } = await run(dir, assertionOf('f-unknown', attrs(REQUIRED)), ctx);
    expect(result).toMatchObject({
      left: {
        kind: 'config',
        code: 'PROVISIONING_DISABLED_USER_NOT_FOUND',
        reason: 'Subject Confirmation Error',
      },
    });
    expect(dir.snapshot().User).toEqual([existing]);
  });

  it('matching is exact: another case is another identity', async () => {
    const { result } = await run(
      orgDirectory({ User: [existing] }),
      assertionOf('F1'),
      ctxOf({ userProvisioning: false }),
    );
    expect(result).toMatchObject({ left: { code: 'PROVISIONING_DISABLED_USER_NOT_FOUND' } });
  });
});

describe('provision: configuration Salesforce would refuse', () => {
  it('JIT with an identity type other than Federation ID is refused, even when built by hand', async () => {
    const dir = orgDirectory();
    const { result } = await run(
      dir,
      assertionOf('u1@x.test', attrs(REQUIRED)),
      ctxOf({ identityMapping: 'Username' }),
    );
    expect(result).toMatchObject({ left: { kind: 'config', code: 'JIT_REQUIRES_FEDERATION_ID' } });
    expect(dir.snapshot().User).toEqual([]);
  });
});

describe('provision: rules that are not the standard ones', () => {
  const cases: readonly [string, ProvisionContext, VerifiedAssertion][] = [
    ['a site login', { ...ctxOf(), siteId: '0DB000000000001' }, assertionOf('f', attrs(REQUIRED))],
    [
      'a portal login',
      ctxOf(),
      assertionOf('f', attrs({ ...REQUIRED, portal_id: '060', organization_id: '00D' })),
    ],
    [
      'a custom handler without a handler',
      ctxOf({ provisioningType: 'custom' }),
      assertionOf('f', attrs(REQUIRED)),
    ],
  ];
  it.each(cases)('%s never falls back to the standard rules', async (_, ctx, assertion) => {
    const dir = orgDirectory();
    const audit = memoryAudit();
    const r = await provision(assertion, ctx, {
      directory: dir,
      clock: fixedClock(NOW),
      ids: sequentialIds(),
      audit,
    })();
    // Refused (an unknown site, a foreign organization, no handler), never created as internal.
    expect(r).toMatchObject({ _tag: 'Left' });
    expect(dir.snapshot().User).toEqual([]);
  });
});

describe('provision: misbehaving ports', () => {
  it('a directory that throws yields STORE_UNEXPECTED, never an exception', async () => {
    const throwing: Directory = {
      ...orgDirectory(),
      find: () => {
        throw new Error('driver exploded');
      },
    };
    const { result: r } = await run(throwing, assertionOf('f', attrs(REQUIRED)));
    expect(r).toMatchObject({ left: { code: 'STORE_UNEXPECTED' } });
  });

  it('a directory whose promise rejects yields STORE_UNEXPECTED', async () => {
    const rejecting: Directory = {
      ...orgDirectory(),
      organization: () => () => Promise.reject(new Error('x')),
    };
    const { result: r } = await run(rejecting, assertionOf('f', attrs(REQUIRED)));
    expect(r).toMatchObject({ left: { code: 'STORE_UNEXPECTED' } });
  });

  it('an unavailable store is returned as is, and nothing is written', async () => {
    const dir = orgDirectory();
    const down: Directory = { ...dir, commit: () => TE.left(storeFailure('STORE_UNAVAILABLE', 'down')) };
    const { result: r } = await run(down, assertionOf('f', attrs(REQUIRED)));
    expect(r).toMatchObject({ left: { code: 'STORE_UNAVAILABLE', retryable: true } });
    expect(dir.snapshot().User).toEqual([]);
  });

  it('an audit sink that throws does not fail the login', async () => {
    const r = await provision(assertionOf('f', attrs(REQUIRED)), ctxOf(), {
      directory: orgDirectory(),
      clock: fixedClock(NOW),
      ids: sequentialIds(),
      audit: {
        record: () => {
          throw new Error('disk full');
        },
      },
    })();
    expect(r).toMatchObject({ right: { action: 'create' } });
  });
});
