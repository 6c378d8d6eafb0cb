/**
 * Laws of external (site and portal) provisioning, over random assertions against an org with
 * accounts, contacts, owners and an existing site user: a refused login leaves no account,
 * contact or user behind; provisioning the same assertion twice changes nothing the second time;
 * and a plan whose user insert fails at commit (a lost race) leaves its account and contact out.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  type Directory,
  fixedClock,
  memoryAudit,
  provision,
  randomIds,
  type SObjectRecord,
  sequentialIds,
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
import { assertionOf, attrs, ctxOf, NOW, PROFILE, run } from './helpers.js';

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

describe('external provisioning: one unit of work', () => {
  it('a user insert that fails at commit (its username taken meanwhile) leaves the account and contact out', async () => {
    const dir = org();
    const rival = {
      ...OWNER,
      Id: '005000000000777AAA',
      Username: 'ada@example.com',
      FederationIdentifier: 'rival',
    };
    let raced = false;
    const racing: Directory = {
      ...dir,
      commit: (plan) => async () => {
        if (!raced) {
          raced = true;
          await dir.commit({ ops: [{ op: 'insert', sobject: 'User', record: rival }] })();
        }
        return dir.commit(plan)();
      },
    };
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
