/**
 * Laws of external (site and portal) provisioning, over random assertions against an org with
 * accounts, contacts, owners and an existing site user: a refused login leaves no account,
 * contact or user behind; provisioning the same assertion twice changes nothing the second time;
 * a plan whose user insert fails at commit (a lost race) leaves its account and contact out; and a
 * plan that creates an account or a contact because none had its key states that key absent.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  type Absence,
  fixedClock,
  memoryAudit,
  provision,
  randomIds,
  type SObjectRecord,
  sequentialIds,
  type WritePlan,
} from '../src/index.js';
import {
  ACME,
  CREATE_ALL,
  externalDirectory,
  GRACE,
  ORG_ID,
  OWNER,
  PORTAL_ID,
  PORTAL_ROLE,
  ROLELESS,
  siteCtx,
} from './external-helpers.js';
import { assertionOf, attrs, ctxOf, NOW, PROFILE, racedBy, run, watching } from './helpers.js';

const SITE_USER: SObjectRecord = {
  Id: '005000000000500AAA',
  Username: 'grace@acme.test',
  FederationIdentifier: 'grace-fed',
  LastName: 'Hopper',
  ContactId: GRACE.Id,
  IsActive: true,
};

const org = () =>
  externalDirectory({
    User: [OWNER, ROLELESS, SITE_USER],
    Account: [
      ACME,
      { ...ACME, Id: '001000000000101AAA', AccountNumber: 'TWIN' },
      { ...ACME, Id: '001000000000102AAA', AccountNumber: 'TWIN' },
    ],
    Contact: [
      GRACE,
      { ...GRACE, Id: '003000000000101AAA', Email: 'twin@acme.test' },
      { ...GRACE, Id: '003000000000102AAA', Email: 'twin@acme.test' },
    ],
  });

/** An optional change to the scenario: mostly none, else `name` set to one of `values`. */
const opt = (name: string, values: readonly string[]) =>
  fc.oneof(
    { arbitrary: fc.constant({}), weight: 6 },
    { arbitrary: fc.constantFrom(...values).map((v) => ({ [name]: v })), weight: 1 },
  );

/** Where a login starts from: create everything, match the account, match the contact, a bare later login. */
const SCENARIOS: readonly Readonly<Record<string, string>>[] = [
  CREATE_ALL,
  { ...CREATE_ALL, 'Account.AccountNumber': 'ACME-1' },
  { ...CREATE_ALL, 'Contact.Email': GRACE.Email as string },
  {
    'User.Email': 'ada@example.com',
    'User.LastName': 'L',
    'User.ProfileId': PROFILE.Id,
    'User.Username': 'a@x.test',
    'User.Contact': GRACE.Id,
  },
  { 'User.Title': 'Admiral' },
];

const arbExternal = fc
  .tuple(
    fc.constantFrom('ada-fed', 'grace-fed', 'other-fed'),
    fc.constantFrom(...SCENARIOS),
    fc.tuple(
      opt('User.Email', ['ada@example.com', '']),
      opt('User.LastName', ['Lovelace']),
      opt('User.ProfileId', [PROFILE.Name, PROFILE.Id, 'Nope']),
      opt('User.Username', ['ada@example.com', OWNER.Username as string, 'x@y.test']),
      opt('User.Title', ['Countess', '']),
      opt('User.PortalRole', ['Worker', PORTAL_ROLE.Name, 'Nobody']),
      opt('User.Contact', [GRACE.Id, '003000000000999AAA']),
    ),
    fc.tuple(
      opt('Contact.Email', ['ada@example.com', GRACE.Email as string, 'twin@acme.test', '']),
      opt('Contact.LastName', ['Lovelace', '']),
      opt('Contact.Phone', ['+1', '']),
      opt('Contact.Account', [ACME.Id, '001000000000999AAA']),
      opt('Account.AccountNumber', ['ACME-1', 'NEW-1', 'TWIN', '']),
      opt('Account.Name', ['Acme', 'New', '']),
      opt('Account.Owner', [OWNER.Id, ROLELESS.Id, '005000000000999AAA']),
      opt('Account.NumberOfEmployees', ['12', 'many']),
    ),
    fc.constantFrom('site', 'portal'),
  )
  .map(([fed, scenario, user, contact, kind]) => {
    const a = Object.assign({}, scenario, ...user, ...contact) as Record<string, string>;
    const portal = { portal_id: PORTAL_ID, organization_id: ORG_ID, 'User.PortalRole': 'Worker' };
    return { fed, kind, a: kind === 'portal' ? { ...portal, ...a } : a };
  });

const ctxFor = (kind: string) => (kind === 'site' ? siteCtx() : ctxOf());

describe('external provisioning: laws', () => {
  it('a refused site or portal login leaves no account, contact or user behind', async () => {
    await fc.assert(
      fc.asyncProperty(arbExternal, async ({ fed, kind, a }) => {
        const dir = org();
        const before = dir.snapshot();
        const { result } = await run(dir, assertionOf(fed, attrs(a)), ctxFor(kind));
        if (E.isLeft(result)) expect(dir.snapshot()).toEqual(before);
        else expect(result.right.contact).not.toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('provisioning the same assertion twice: the second login changes nothing and reports none', async () => {
    await fc.assert(
      fc.asyncProperty(arbExternal, async ({ fed, kind, a }) => {
        const dir = org();
        const assertion = assertionOf(fed, attrs(a));
        const first = await run(dir, assertion, ctxFor(kind));
        const after = dir.snapshot();
        const second = await run(dir, assertion, ctxFor(kind));
        expect(dir.snapshot()).toEqual(after);
        if (E.isRight(first.result)) {
          expect(second.result).toMatchObject({
            right: { action: 'update', contact: { action: 'none' }, account: { action: 'none' } },
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the generator is not vacuous: some logins are accepted, as creates and as updates', async () => {
    const seen = new Set<string>();
    for (const { fed, kind, a } of fc.sample(arbExternal, { numRuns: 400, seed: 42 })) {
      const { result } = await run(org(), assertionOf(fed, attrs(a)), ctxFor(kind));
      seen.add(E.isRight(result) ? `${kind}:${result.right.action}` : 'refused');
    }
    expect([...seen].sort()).toEqual([
      'portal:create',
      'portal:update',
      'refused',
      'site:create',
      'site:update',
    ]);
    const { result } = await run(org(), assertionOf('ada-fed', attrs(CREATE_ALL)), siteCtx());
    expect(result).toMatchObject({ right: { action: 'create' } });
  });
});

/** The absences a plan must state: the key of each account and contact it creates, and a contact's new email. */
const keysWritten = (plan: WritePlan): Absence[] =>
  plan.ops.flatMap((op): Absence[] => {
    const fields = op.op === 'insert' ? op.record : op.fields;
    if (op.sobject === 'Account' && op.op === 'insert' && typeof fields.AccountNumber === 'string')
      return [{ sobject: 'Account', field: 'AccountNumber', value: fields.AccountNumber }];
    if (op.sobject === 'Contact' && typeof fields.Email === 'string')
      return [{ sobject: 'Contact', field: 'Email', value: fields.Email }];
    if (op.sobject === 'User' && typeof fields.CommunityNickname === 'string')
      return [{ sobject: 'User', field: 'CommunityNickname', value: fields.CommunityNickname }];
    return [];
  });

describe('external provisioning: commit preconditions', () => {
  it('a plan that creates an account by number, a contact by email or a nickname states them absent, and they were', async () => {
    const seen = { User: 0, Account: 0, Contact: 0 };
    await fc.assert(
      fc.asyncProperty(arbExternal, async ({ fed, kind, a }) => {
        const dir = org();
        const before = dir.snapshot();
        const { watched, plans } = watching(dir);
        await run(watched, assertionOf(fed, attrs(a)), ctxFor(kind));
        for (const plan of plans) {
          expect(plan.absent ?? []).toEqual(keysWritten(plan));
          for (const absence of plan.absent ?? []) {
            seen[absence.sobject] += 1;
            expect(before[absence.sobject].filter((r) => r[absence.field] === absence.value)).toEqual([]);
          }
        }
      }),
      { numRuns: 300 },
    );
    // Not vacuous: new account numbers, contact emails and nicknames were drawn.
    expect(seen.Account).toBeGreaterThan(0);
    expect(seen.Contact).toBeGreaterThan(0);
    expect(seen.User).toBeGreaterThan(0);
  });

  it('a first site login creating the account ANALYTICAL-1, its contact and a user commits their three absences', async () => {
    const dir = org();
    const { watched, plans } = watching(dir);
    const { result } = await run(watched, assertionOf('ada-fed', attrs(CREATE_ALL)), siteCtx());
    expect(result).toMatchObject({ right: { action: 'create', account: { action: 'create' } } });
    expect(plans.map((p) => p.absent)).toEqual([
      [
        { sobject: 'Account', field: 'AccountNumber', value: 'ANALYTICAL-1' },
        { sobject: 'Contact', field: 'Email', value: 'ada@example.com' },
        { sobject: 'User', field: 'CommunityNickname', value: 'ada' },
      ],
    ]);
  });

  it('a login whose account number appeared after its reads loses its commit, then joins that account', async () => {
    const dir = org();
    const rival = { ...ACME, Id: '001000000000777AAA', AccountNumber: 'ANALYTICAL-1', Name: 'Rival' };
    const racing = racedBy(dir, { op: 'insert', sobject: 'Account', record: rival });
    const { result } = await run(racing, assertionOf('ada-fed', attrs(CREATE_ALL)), siteCtx());
    expect(result).toMatchObject({
      // Found by number on the second attempt, so the assertion's Account fields are applied to it.
      right: { action: 'create', account: { action: 'update', record: { Id: rival.Id } } },
    });
    expect(dir.snapshot().Account.filter((r) => r.AccountNumber === 'ANALYTICAL-1')).toHaveLength(1);
  });
});

describe('external provisioning: one unit of work', () => {
  it('a user insert that fails at commit (its username taken meanwhile) leaves the account and contact out', async () => {
    const dir = org();
    const rival = {
      ...OWNER,
      Id: '005000000000777AAA',
      Username: 'ada@example.com',
      FederationIdentifier: 'rival',
    };
    const racing = racedBy(dir, { op: 'insert', sobject: 'User', record: rival });
    const before = dir.snapshot();
    const result = await provision(assertionOf('ada-fed', attrs(CREATE_ALL)), siteCtx(), {
      directory: racing,
      clock: fixedClock(NOW),
      ids: sequentialIds(),
      audit: memoryAudit(),
    })();
    expect(result).toMatchObject({ left: { code: 'MISMATCH_FEDERATION_ID_AND_USERNAME_ATTRS' } });
    const after = dir.snapshot();
    expect(after.Account).toEqual(before.Account);
    expect(after.Contact).toEqual(before.Contact);
    expect(after.User).toEqual([...before.User, rival]);
  });

  it('ten concurrent first site logins of one identity make one account, one contact and one user', async () => {
    const dir = org();
    const before = dir.snapshot();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        provision(assertionOf('ada-fed', attrs(CREATE_ALL)), siteCtx(), {
          directory: dir,
          clock: fixedClock(NOW),
          ids: randomIds,
          audit: memoryAudit(),
        })(),
      ),
    );
    expect(results.every(E.isRight)).toBe(true);
    expect(results.filter((r) => E.isRight(r) && r.right.action === 'create')).toHaveLength(1);
    const after = dir.snapshot();
    expect(after.User).toHaveLength(before.User.length + 1);
    expect(after.Contact).toHaveLength(before.Contact.length + 1);
    expect(after.Account).toHaveLength(before.Account.length + 1);
  });
});
