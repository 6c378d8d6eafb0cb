/**
 * Experience Cloud site logins: each step of Salesforce's seven-step algorithm (spec §3.2), each
 * JIT code the site rules raise (18, 19, 20, 22, 23, 24, 25, 26, 27, 28, 30), what a later login
 * re-resolves, and the site itself (UNKNOWN_SITE).
 */
import { describe, expect, it } from 'vitest';
import { id18, KEY_PREFIX } from '../src/index.js';
import {
  ACME,
  accepted,
  CREATE_ALL,
  expectRefused,
  externalDirectory,
  GRACE,
  NEW_USER,
  OWNER,
  PORTAL_ROLE,
  ROLELESS,
  siteCtx,
} from './external-helpers.js';
import { assertionOf, attrs, PROFILE, run } from './helpers.js';

const login = (fed: string, a: Readonly<Record<string, string | readonly string[]>>) =>
  assertionOf(fed, attrs(a));

/** Provisions through the site; returns the result, the directory before, and the directory. */
const site = async (
  a: Readonly<Record<string, string | readonly string[]>>,
  dir = externalDirectory(),
  fed = 'ada-fed',
) => {
  const before = dir.snapshot();
  const { result } = await run(dir, login(fed, a), siteCtx());
  return { result, before, dir };
};

describe('site login: the seven steps', () => {
  it('step 7: no user, contact or account matches → inserts account, contact and user, linked by generated IDs', async () => {
    const { result, dir } = await site(CREATE_ALL);
    const out = accepted(result);
    expect(out.action).toBe('create');
    const account = out.account?.record;
    const contact = out.contact?.record;
    expect(out.account?.action).toBe('create');
    expect(out.contact?.action).toBe('create');
    expect(account?.Id.startsWith(KEY_PREFIX.Account)).toBe(true);
    expect(contact?.Id.startsWith(KEY_PREFIX.Contact)).toBe(true);
    expect(out.user.Id.startsWith(KEY_PREFIX.User)).toBe(true);
    expect(account).toMatchObject({
      Name: 'Analytical Engines',
      AccountNumber: 'ANALYTICAL-1',
      OwnerId: OWNER.Id,
    });
    expect(contact).toMatchObject({ Email: 'ada@example.com', LastName: 'Lovelace', AccountId: account?.Id });
    expect(out.user).toMatchObject({
      ContactId: contact?.Id,
      FederationIdentifier: 'ada-fed',
      ProfileId: PROFILE.Id,
    });
    const snap = dir.snapshot();
    expect(snap.Account).toContainEqual(account);
    expect(snap.Contact).toContainEqual(contact);
    expect(snap.User).toContainEqual(out.user);
  });

  it('steps 5–6: the account matches by AccountNumber (only) → it is updated, a contact and a user are inserted', async () => {
    const { result } = await site({
      ...CREATE_ALL,
      'Account.AccountNumber': ACME.AccountNumber as string,
      'Account.Name': 'Acme Corporation',
    });
    const out = accepted(result);
    expect(out.account).toEqual({ action: 'update', record: { ...ACME, Name: 'Acme Corporation' } });
    expect(out.contact).toMatchObject({ action: 'create', record: { AccountId: ACME.Id } });
  });

  it('step 6 with Contact.Account: the account named by ID is used, untouched, and no number or name is needed', async () => {
    const { result } = await site({
      ...NEW_USER,
      'Contact.Email': 'ada@example.com',
      'Contact.LastName': 'Lovelace',
      'Contact.Account': ACME.Id,
    });
    const out = accepted(result);
    expect(out.account).toEqual({ action: 'none', record: ACME });
    expect(out.contact).toMatchObject({ action: 'create', record: { AccountId: ACME.Id } });
  });

  it('steps 3–4: the contact matches by Contact.Email (only) → it is updated and a user inserted on it', async () => {
    const { result } = await site({
      ...NEW_USER,
      'Contact.Email': GRACE.Email as string,
      'Contact.LastName': 'Hopper',
      'Contact.Title': 'Rear Admiral',
    });
    const out = accepted(result);
    expect(out.contact).toEqual({ action: 'update', record: { ...GRACE, Title: 'Rear Admiral' } });
    expect(out.account).toEqual({ action: 'none', record: ACME });
    expect(out.user.ContactId).toBe(GRACE.Id);
  });

  it('step 3 by User.Contact: the contact named by ID is used; no email or last name is needed', async () => {
    const { result } = await site({ ...NEW_USER, 'User.Contact': GRACE.Id });
    const out = accepted(result);
    expect(out.contact).toEqual({ action: 'none', record: GRACE });
    expect(out.user.ContactId).toBe(GRACE.Id);
  });

  it('steps 1–2: the federation ID matches → the user is updated; contact and account are re-resolved and reported', async () => {
    const dir = externalDirectory();
    accepted((await run(dir, login('ada-fed', CREATE_ALL), siteCtx())).result);
    const second = await run(
      dir,
      login('ada-fed', { ...CREATE_ALL, 'User.Title': 'Countess', 'Contact.Phone': '+44 1' }),
      siteCtx(),
    );
    const out = accepted(second.result);
    expect(out.action).toBe('update');
    expect(out.user.Title).toBe('Countess');
    expect(out.contact).toMatchObject({ action: 'update', record: { Phone: '+44 1' } });
    expect(out.account?.action).toBe('none');
  });

  it('a later login with the same assertion writes nothing and reports none', async () => {
    const dir = externalDirectory();
    accepted((await run(dir, login('ada-fed', CREATE_ALL), siteCtx())).result);
    const after = dir.snapshot();
    const out = accepted((await run(dir, login('ada-fed', CREATE_ALL), siteCtx())).result);
    expect(out.action).toBe('update');
    expect([out.contact?.action, out.account?.action]).toEqual(['none', 'none']);
    expect(dir.snapshot()).toEqual(after);
  });

  it('an inactive user without User.IsActive true is updated and stays inactive', async () => {
    const dir = externalDirectory({
      User: [
        OWNER,
        {
          Id: '005000000000200AAA',
          Username: 'g@acme.test',
          FederationIdentifier: 'g',
          LastName: 'H',
          ContactId: GRACE.Id,
          IsActive: false,
        },
      ],
    });
    const out = accepted((await run(dir, login('g', { 'User.Title': 'Admiral' }), siteCtx())).result);
    expect(out).toMatchObject({ action: 'update', user: { IsActive: false, Title: 'Admiral' } });
  });

  it('User.PortalRole by name gives the portal role; Worker is a picklist value', async () => {
    const byName = accepted((await site({ ...CREATE_ALL, 'User.PortalRole': PORTAL_ROLE.Name })).result);
    expect(byName.user.UserRoleId).toBe(PORTAL_ROLE.Id);
    const worker = accepted((await site({ ...CREATE_ALL, 'User.PortalRole': 'Worker' })).result);
    expect(worker.user).toMatchObject({ PortalRole: 'Worker', UserRoleId: null });
  });
});

describe('site login: error codes', () => {
  const cases: readonly [string, string, number, Readonly<Record<string, string>>][] = [
    ['an unknown User.Contact', 'INVALID_CONTACT', 23, { ...NEW_USER, 'User.Contact': '003000000000999AAA' }],
    [
      'no User.Contact and no Contact.Email',
      'MISSING_CONTACT_EMAIL',
      24,
      { ...CREATE_ALL, 'Contact.Email': '' },
    ],
    [
      'no User.Contact and no Contact.LastName',
      'MISSING_CONTACT_LAST_NAME',
      25,
      { ...CREATE_ALL, 'Contact.LastName': '' },
    ],
    [
      'an unknown Contact.Account',
      'INVALID_ACCOUNT_ID',
      18,
      { ...CREATE_ALL, 'Contact.Account': '001000000000999AAA' },
    ],
    [
      'no Contact.Account and no Account.AccountNumber',
      'MISSING_ACCOUNT_NUMBER',
      20,
      { ...CREATE_ALL, 'Account.AccountNumber': '' },
    ],
    [
      'no Contact.Account and no Account.Name',
      'MISSING_ACCOUNT_NAME',
      19,
      { ...CREATE_ALL, 'Account.Name': '' },
    ],
    [
      'a new account without Account.Owner',
      'INVALID_ACCOUNT_OWNER',
      30,
      { ...CREATE_ALL, 'Account.Owner': '' },
    ],
    [
      'a new account owned by a user without a role',
      'INVALID_ACCOUNT_OWNER',
      30,
      { ...CREATE_ALL, 'Account.Owner': ROLELESS.Id },
    ],
    [
      'a new account owned by no user',
      'INVALID_ACCOUNT_OWNER',
      30,
      { ...CREATE_ALL, 'Account.Owner': '005000000000999AAA' },
    ],
    [
      'an account value the API refuses',
      'ACCOUNT_CREATION_API_ERROR',
      22,
      { ...CREATE_ALL, 'Account.NumberOfEmployees': 'many' },
    ],
    [
      'a contact value the API refuses',
      'CONTACT_CREATION_API_ERROR',
      26,
      { ...CREATE_ALL, 'Contact.Birthdate': '1815-13-10' },
    ],
    [
      'a Contact.Owner that is no user',
      'CONTACT_CREATION_API_ERROR',
      26,
      { ...CREATE_ALL, 'Contact.Owner': '005000000000999AAA' },
    ],
    [
      'Contact.Account and User.Account that differ',
      'INVALID_ACCOUNT_ID',
      18,
      { ...CREATE_ALL, 'Contact.Account': ACME.Id, 'User.Account': '001000000000998AAA' },
    ],
    ['User.Role for an external user', 'ROLE_NAME_LOOKUP_ERROR', 17, { ...CREATE_ALL, 'User.Role': 'CEO' }],
    [
      'an internal role for an external user',
      'ROLE_NAME_LOOKUP_ERROR',
      17,
      { ...CREATE_ALL, 'User.UserRoleId': 'CEO' },
    ],
    [
      'an unknown User.PortalRole',
      'ROLE_NAME_LOOKUP_ERROR',
      17,
      { ...CREATE_ALL, 'User.PortalRole': 'Nobody' },
    ],
    ['a new user without a profile', 'USER_CREATION_API_ERROR', 5, { ...CREATE_ALL, 'User.ProfileId': '' }],
  ];
  it.each(cases)('%s → %s (%i), nothing written', async (_, code, errorCode, a) => {
    const { result, before, dir } = await site(a);
    expectRefused(result, code, errorCode, dir, before);
  });

  it('Account.Owner who is inactive → 30', async () => {
    const inactive = { ...OWNER, Id: '005000000000902AAA', Username: 'gone@acme.test', IsActive: false };
    const dir = externalDirectory({ User: [OWNER, inactive] });
    const { result, before } = await site({ ...CREATE_ALL, 'Account.Owner': inactive.Id }, dir);
    expectRefused(result, 'INVALID_ACCOUNT_OWNER', 30, dir, before);
  });

  it('several contacts with the Contact.Email → 27', async () => {
    const dir = externalDirectory({ Contact: [GRACE, { ...GRACE, Id: '003000000000101AAA' }] });
    const { result, before } = await site({ ...CREATE_ALL, 'Contact.Email': GRACE.Email as string }, dir);
    expectRefused(result, 'MULTIPLE_CONTACTS_FOUND', 27, dir, before);
  });

  it('several accounts with the Account.AccountNumber → 28', async () => {
    const dir = externalDirectory({ Account: [ACME, { ...ACME, Id: '001000000000101AAA' }] });
    const { result, before } = await site({ ...CREATE_ALL, 'Account.AccountNumber': 'ACME-1' }, dir);
    expectRefused(result, 'MULTIPLE_ACCOUNTS_FOUND', 28, dir, before);
  });

  it('a matched contact without an account → 18', async () => {
    const orphan = { ...GRACE, AccountId: null };
    const dir = externalDirectory({ Contact: [orphan] });
    const { result, before } = await site({ ...NEW_USER, 'User.Contact': orphan.Id }, dir);
    expectRefused(result, 'INVALID_ACCOUNT_ID', 18, dir, before);
  });

  it('a matched contact whose account is not the one the assertion names → 18', async () => {
    const other = { ...ACME, Id: '001000000000102AAA', AccountNumber: 'OTHER' };
    const dir = externalDirectory({ Account: [ACME, other] });
    const { result, before } = await site(
      { ...NEW_USER, 'User.Contact': GRACE.Id, 'Contact.Account': other.Id },
      dir,
    );
    expectRefused(result, 'INVALID_ACCOUNT_ID', 18, dir, before);
  });

  it('User.Contact and a Contact.Email of another contact → 23', async () => {
    const other = { ...GRACE, Id: '003000000000102AAA', Email: 'other@acme.test' };
    const dir = externalDirectory({ Contact: [GRACE, other] });
    const { result, before } = await site(
      { ...NEW_USER, 'User.Contact': GRACE.Id, 'Contact.Email': 'other@acme.test' },
      dir,
    );
    expectRefused(result, 'INVALID_CONTACT', 23, dir, before);
  });
});

describe('site login: what a later login re-resolves', () => {
  const created = async () => {
    const dir = externalDirectory();
    const out = accepted((await run(dir, login('ada-fed', CREATE_ALL), siteCtx())).result);
    return { dir, out };
  };

  it('an account number that no longer resolves (the account was renumbered) → 18', async () => {
    const { dir, out } = await created();
    const renumbered = { ...(out.account?.record ?? ACME), AccountNumber: 'ANALYTICAL-2' };
    await dir.seed({ ...dir.snapshot(), Account: [renumbered] })();
    const before = dir.snapshot();
    const { result } = await run(dir, login('ada-fed', CREATE_ALL), siteCtx());
    expectRefused(result, 'INVALID_ACCOUNT_ID', 18, dir, before);
  });

  it('an account number of another account → 18; the same number on several accounts → 28', async () => {
    const { dir } = await created();
    const before = dir.snapshot();
    const moved = await run(
      dir,
      login('ada-fed', { ...CREATE_ALL, 'Account.AccountNumber': 'ACME-1' }),
      siteCtx(),
    );
    expectRefused(moved.result, 'INVALID_ACCOUNT_ID', 18, dir, before);
    await dir.seed({
      ...dir.snapshot(),
      Account: [
        ...dir.snapshot().Account,
        { ...ACME, Id: '001000000000555AAA', AccountNumber: 'ANALYTICAL-1' },
      ],
    })();
    const twice = dir.snapshot();
    const several = await run(dir, login('ada-fed', CREATE_ALL), siteCtx());
    expectRefused(several.result, 'MULTIPLE_ACCOUNTS_FOUND', 28, dir, twice);
  });

  it('User.Contact naming another contact → 23; a user whose contact is gone → 23', async () => {
    const { dir, out } = await created();
    const before = dir.snapshot();
    const other = await run(dir, login('ada-fed', { ...CREATE_ALL, 'User.Contact': GRACE.Id }), siteCtx());
    expectRefused(other.result, 'INVALID_CONTACT', 23, dir, before);
    const orphaned = externalDirectory({ User: [OWNER, { ...out.user, ContactId: '003000000000777AAA' }] });
    const gone = await run(orphaned, login('ada-fed', {}), siteCtx());
    expect(gone.result).toMatchObject({ left: { code: 'INVALID_CONTACT', errorCode: 23 } });
  });

  it('an internal user (no contact) logging in through a site → 23', async () => {
    const internal = {
      Id: '005000000000300AAA',
      Username: 'i@x.test',
      FederationIdentifier: 'i',
      LastName: 'I',
      ContactId: null,
    };
    const dir = externalDirectory({ User: [OWNER, internal] });
    const before = dir.snapshot();
    const { result } = await run(dir, login('i', {}), siteCtx());
    expectRefused(result, 'INVALID_CONTACT', 23, dir, before);
  });

  it('a new, unique Contact.Email is written to the user’s contact (an email change)', async () => {
    const { dir } = await created();
    const out = accepted(
      (await run(dir, login('ada-fed', { ...CREATE_ALL, 'Contact.Email': 'ada@new.test' }), siteCtx()))
        .result,
    );
    expect(out.contact).toMatchObject({ action: 'update', record: { Email: 'ada@new.test' } });
  });

  it('a later login needs no contact or account attributes at all', async () => {
    const { dir } = await created();
    const out = accepted((await run(dir, login('ada-fed', { 'User.Title': 'Countess' }), siteCtx())).result);
    expect([out.contact?.action, out.account?.action]).toEqual(['none', 'none']);
  });
});

describe('site login: the site', () => {
  it('a site ID that names no Network row is a configuration error (UNKNOWN_SITE), nothing written', async () => {
    const dir = externalDirectory();
    const before = dir.snapshot();
    const { result } = await run(dir, login('ada-fed', CREATE_ALL), siteCtx('0DB000000000009AAA'));
    expect(result).toMatchObject({ left: { kind: 'config', code: 'UNKNOWN_SITE' } });
    expect(dir.snapshot()).toEqual(before);
  });

  it('the site may be named by its 15- or its 18-character ID', async () => {
    const id15 = '0DB5g000000TzAb';
    const dir = () => externalDirectory({ Network: [{ Id: id18(id15) }] });
    expect(accepted((await run(dir(), login('ada-fed', CREATE_ALL), siteCtx(id15))).result).action).toBe(
      'create',
    );
    const short = externalDirectory({ Network: [{ Id: id15 }] });
    expect(
      accepted((await run(short, login('ada-fed', CREATE_ALL), siteCtx(id18(id15)))).result).action,
    ).toBe('create');
  });
});
