/**
 * Portal logins (spec §4): the `portal_id`/`organization_id` pair, the organization check (3),
 * `User.PortalRole` by name, ID or `Worker`, `User.Role` refused, the portal's defaults, and the
 * account by ID or by AccountNumber + Name.
 */
import { describe, expect, it } from 'vitest';
import { id18 } from '../src/index.js';
import {
  ACME,
  accepted,
  CREATE_ALL,
  expectRefused,
  externalDirectory,
  GRACE,
  NEW_USER,
  ORG_ID,
  PORTAL_ID,
  PORTAL_ROLE,
} from './external-helpers.js';
import { assertionOf, attrs, ctxOf, PROFILE, run } from './helpers.js';

const PAIR = { portal_id: PORTAL_ID, organization_id: ORG_ID } as const;

const portal = async (
  a: Readonly<Record<string, string | readonly string[]>>,
  dir = externalDirectory(),
  fed = 'ada-fed',
) => {
  const before = dir.snapshot();
  const { result } = await run(dir, assertionOf(fed, attrs(a)), ctxOf());
  return { result, before, dir };
};

describe('portal login: the pair and the organization', () => {
  it('portal_id + organization_id of this org → a portal user with account and contact', async () => {
    const { result } = await portal({ ...CREATE_ALL, ...PAIR, 'User.PortalRole': 'Worker' });
    const out = accepted(result);
    expect(out.action).toBe('create');
    expect(out.user).toMatchObject({ PortalRole: 'Worker', ContactId: out.contact?.record.Id });
    expect(out.account?.action).toBe('create');
  });

  const refused: readonly [string, string, number, Readonly<Record<string, string>>][] = [
    ['portal_id without organization_id', 'INVALID_ORG_ID', 3, { ...CREATE_ALL, portal_id: PORTAL_ID }],
    ['organization_id without portal_id', 'INVALID_ORG_ID', 3, { ...CREATE_ALL, organization_id: ORG_ID }],
    ['siteUrl without the pair', 'INVALID_ORG_ID', 3, { ...CREATE_ALL, siteUrl: 'https://acme.test/s' }],
    [
      'another organization',
      'INVALID_ORG_ID',
      3,
      { ...CREATE_ALL, ...PAIR, organization_id: '00D000000000002AAA' },
    ],
    ['an unknown portal', 'INVALID_ORG_ID', 3, { ...CREATE_ALL, ...PAIR, portal_id: '060000000000009AAA' }],
    ['two organization IDs', 'INVALID_ORG_ID', 3, { ...CREATE_ALL, ...PAIR, 'User.PortalRole': 'Worker' }],
    [
      'User.Role sent',
      'ROLE_NAME_LOOKUP_ERROR',
      17,
      { ...CREATE_ALL, ...PAIR, 'User.PortalRole': 'Worker', 'User.Role': 'CEO' },
    ],
    [
      'an unknown portal role',
      'ROLE_NAME_LOOKUP_ERROR',
      17,
      { ...CREATE_ALL, ...PAIR, 'User.PortalRole': 'Chief' },
    ],
    ['no portal role and no portal default', 'USER_CREATION_API_ERROR', 5, { ...CREATE_ALL, ...PAIR }],
    [
      'no profile and no portal default',
      'USER_CREATION_API_ERROR',
      5,
      { ...CREATE_ALL, ...PAIR, 'User.PortalRole': 'Worker', 'User.ProfileId': '' },
    ],
  ];
  it.each(refused)('%s → %s (%i), nothing written', async (name, code, errorCode, a) => {
    const sent =
      name === 'two organization IDs' ? { ...a, organization_id: [ORG_ID, '00D000000000002AAA'] } : a;
    const { result, before, dir } = await portal(sent);
    expectRefused(result, code, errorCode, dir, before);
  });

  it('the organization ID may be sent in its 15- or 18-character form', async () => {
    const id15 = '00D5g000004ABcd';
    for (const [stored, sent] of [
      [id15, id18(id15)],
      [id18(id15), id15],
    ] as const) {
      const dir = externalDirectory();
      await dir.seed({ ...dir.snapshot(), Organization: { ...dir.snapshot().Organization, Id: stored } })();
      const { result } = await portal(
        { ...CREATE_ALL, ...PAIR, organization_id: sent, 'User.PortalRole': 'Worker' },
        dir,
      );
      expect(accepted(result).action).toBe('create');
    }
  });

  it('a case change in the organization ID is another organization (IDs are case-sensitive)', async () => {
    const { result, before, dir } = await portal({
      ...CREATE_ALL,
      ...PAIR,
      organization_id: ORG_ID.toLowerCase(),
      'User.PortalRole': 'Worker',
    });
    expectRefused(result, 'INVALID_ORG_ID', 3, dir, before);
  });

  it('portal attributes sent empty are a regular login (standard rules: no contact, no account)', async () => {
    const { result } = await portal({ ...NEW_USER, portal_id: '', organization_id: '' });
    expect(accepted(result)).toMatchObject({ action: 'create', contact: null, account: null });
  });
});

describe('portal login: roles, defaults, accounts', () => {
  it('User.PortalRole by unique name or by ID gives that role', async () => {
    for (const value of [PORTAL_ROLE.Name, PORTAL_ROLE.Id]) {
      const out = accepted((await portal({ ...CREATE_ALL, ...PAIR, 'User.PortalRole': value })).result);
      expect(out.user.UserRoleId).toBe(PORTAL_ROLE.Id);
    }
  });

  it("the portal's DefaultProfileId and DefaultPortalRole apply to a new user who sends none", async () => {
    const dir = externalDirectory({
      Portal: [{ Id: PORTAL_ID, DefaultProfileId: PROFILE.Id, DefaultPortalRole: PORTAL_ROLE.Name }],
    });
    const { 'User.ProfileId': _none, ...withoutProfile } = CREATE_ALL;
    const out = accepted((await portal({ ...withoutProfile, ...PAIR }, dir)).result);
    expect(out.user).toMatchObject({ ProfileId: PROFILE.Id, UserRoleId: PORTAL_ROLE.Id });
  });

  it('sent values win over the portal defaults', async () => {
    const dir = externalDirectory({
      Portal: [
        { Id: PORTAL_ID, DefaultProfileId: '00e000000000999AAA', DefaultPortalRole: PORTAL_ROLE.Name },
      ],
    });
    const out = accepted(
      (await portal({ ...CREATE_ALL, ...PAIR, 'User.PortalRole': 'Manager' }, dir)).result,
    );
    expect(out.user).toMatchObject({ ProfileId: PROFILE.Id, PortalRole: 'Manager', UserRoleId: null });
  });

  it('account by ID (Contact.Account) or by AccountNumber + Name, matched on the number', async () => {
    const byId = accepted(
      (
        await portal({
          ...NEW_USER,
          ...PAIR,
          'User.PortalRole': 'Worker',
          'Contact.Email': 'a@x.test',
          'Contact.LastName': 'A',
          'Contact.Account': ACME.Id,
        })
      ).result,
    );
    expect(byId.account).toEqual({ action: 'none', record: ACME });
    const byNumber = accepted(
      (
        await portal({
          ...CREATE_ALL,
          ...PAIR,
          'User.PortalRole': 'Worker',
          'Account.AccountNumber': 'ACME-1',
          'Account.Name': 'Acme',
        })
      ).result,
    );
    expect(byNumber.account).toEqual({ action: 'none', record: ACME });
  });

  it('an existing inactive portal user is updated and stays inactive unless User.IsActive is true', async () => {
    const user = {
      Id: '005000000000400AAA',
      Username: 'g@acme.test',
      FederationIdentifier: 'g',
      LastName: 'H',
      ContactId: GRACE.Id,
      IsActive: false,
    };
    const stays = accepted(
      (await portal({ ...PAIR, 'User.Title': 'T' }, externalDirectory({ User: [user] }), 'g')).result,
    );
    expect(stays).toMatchObject({ action: 'update', user: { IsActive: false, Title: 'T' } });
    const wakes = accepted(
      (await portal({ ...PAIR, 'User.IsActive': 'true' }, externalDirectory({ User: [user] }), 'g')).result,
    );
    expect(wakes.user.IsActive).toBe(true);
  });

  it('a later portal login may change the portal role; the defaults do not apply to updates', async () => {
    const dir = externalDirectory({
      Portal: [{ Id: PORTAL_ID, DefaultProfileId: null, DefaultPortalRole: PORTAL_ROLE.Name }],
    });
    accepted((await portal({ ...CREATE_ALL, ...PAIR, 'User.PortalRole': 'Worker' }, dir)).result);
    const same = accepted((await portal({ ...PAIR }, dir)).result);
    expect(same.user).toMatchObject({ PortalRole: 'Worker', UserRoleId: null });
    const promoted = accepted((await portal({ ...PAIR, 'User.PortalRole': 'Executive' }, dir)).result);
    expect(promoted.user.PortalRole).toBe('Executive');
  });
});
