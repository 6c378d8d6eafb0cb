/**
 * Standard JIT, example by example: the spec's case for each error code this issue touches
 * (1, 2, 5, 8, 9, 12, 13, 14, 15, 16, 17) and the defaults, through `provision` and the
 * in-memory directory.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ORGANIZATION, defaultAlias, defaultCommunityNickname } from '../src/index.js';
import { assertionOf, attrs, ctxOf, orgDirectory, PROFILE, REQUIRED, ROLE, run } from './helpers.js';

const EXISTING = {
  Id: '005000000000777AAA',
  Username: 'ada@example.com',
  FederationIdentifier: 'fed-ada',
  Email: 'ada@example.com',
  LastName: 'Lovelace',
  ProfileId: PROFILE.Id,
  UserRoleId: null,
  IsActive: true,
  Alias: 'ALove',
};

const failure = async (...args: Parameters<typeof run>) => {
  const { result } = await run(...args);
  if (E.isRight(result)) throw new Error(`expected a failure, got ${result.right.action}`);
  return result.left;
};

const jitOf = (f: Awaited<ReturnType<typeof failure>>) =>
  f.kind === 'jit' ? { code: f.code, errorCode: f.errorCode, errorDetails: f.errorDetails } : f.code;

describe('identity (code 1)', () => {
  it('1: no NameID when the identity is in the subject', async () => {
    const f = await failure(orgDirectory(), assertionOf(null, attrs(REQUIRED)));
    expect(jitOf(f)).toEqual({
      code: 'MISSING_FEDERATION_ID',
      errorCode: 1,
      errorDetails: 'MISSING_FEDERATION_ID',
    });
  });

  it('1: a blank NameID', async () => {
    expect(jitOf(await failure(orgDirectory(), assertionOf('  ', attrs(REQUIRED))))).toMatchObject({
      errorCode: 1,
    });
  });

  it('1: the configured identity attribute is absent', async () => {
    const ctx = ctxOf({ identityLocation: 'Attribute', attributeName: 'fedId' });
    expect(jitOf(await failure(orgDirectory(), assertionOf('nameid', attrs(REQUIRED)), ctx))).toMatchObject({
      errorCode: 1,
    });
  });

  it('reads the identity from the configured attribute when so configured', async () => {
    const ctx = ctxOf({ identityLocation: 'Attribute', attributeName: 'fedId' });
    const { result } = await run(
      orgDirectory(),
      assertionOf('ignored', attrs({ ...REQUIRED, fedId: 'F-1' })),
      ctx,
    );
    expect(result).toMatchObject({ right: { user: { FederationIdentifier: 'F-1' } } });
  });

  it('2: identity confusion: the identity attribute carries two distinct values', async () => {
    const ctx = ctxOf({ identityLocation: 'Attribute', attributeName: 'fedId' });
    const f = await failure(
      orgDirectory(),
      assertionOf(null, attrs({ ...REQUIRED, fedId: ['F-1', 'F-2'] })),
      ctx,
    );
    expect(jitOf(f)).toMatchObject({ code: 'MISMATCH_FEDERATION_ID', errorCode: 2 });
  });
});

describe('User.FederationIdentifier (code 2)', () => {
  it('2: a User.FederationIdentifier that disagrees with the subject is refused on create', async () => {
    const a = assertionOf('fed-ada', attrs({ ...REQUIRED, 'User.FederationIdentifier': 'fed-eve' }));
    expect(jitOf(await failure(orgDirectory(), a))).toEqual({
      code: 'MISMATCH_FEDERATION_ID',
      errorCode: 2,
      errorDetails: 'MISMATCH_FEDERATION_ID',
    });
  });

  it('2: … and on update', async () => {
    const a = assertionOf('fed-ada', attrs({ 'User.FederationIdentifier': 'fed-eve' }));
    expect(jitOf(await failure(orgDirectory({ User: [EXISTING] }), a))).toMatchObject({ errorCode: 2 });
  });

  it('an agreeing User.FederationIdentifier is accepted', async () => {
    const a = assertionOf('fed-ada', attrs({ ...REQUIRED, 'User.FederationIdentifier': 'fed-ada' }));
    expect((await run(orgDirectory(), a)).result).toMatchObject({ right: { action: 'create' } });
  });
});

describe('create (code 5, 12)', () => {
  for (const field of ['Email', 'LastName', 'ProfileId', 'Username'] as const) {
    it(`5: REQUIRED_FIELD_MISSING ${field}`, async () => {
      const rest = Object.fromEntries(Object.entries(REQUIRED).filter(([k]) => k !== `User.${field}`));
      const f = await failure(orgDirectory(), assertionOf('fed-new', attrs(rest)));
      expect(jitOf(f)).toEqual({
        code: 'USER_CREATION_API_ERROR',
        errorCode: 5,
        errorDetails: `REQUIRED_FIELD_MISSING ${field}`,
      });
    });
  }

  it('5: a required field sent empty counts as missing', async () => {
    const f = await failure(orgDirectory(), assertionOf('fed-new', attrs({ ...REQUIRED, 'User.Email': '' })));
    expect(jitOf(f)).toMatchObject({ errorDetails: 'REQUIRED_FIELD_MISSING Email' });
  });

  it('5: account takeover by username: a new identity asserting the username of a user without a federation ID', async () => {
    const password = { ...EXISTING, FederationIdentifier: null };
    const f = await failure(orgDirectory({ User: [password] }), assertionOf('fed-new', attrs(REQUIRED)));
    expect(jitOf(f)).toEqual({
      code: 'USER_CREATION_API_ERROR',
      errorCode: 5,
      errorDetails: 'DUPLICATE_USERNAME Username',
    });
  });

  it('12: a new identity asserting the username of a user federated to another identity', async () => {
    const f = await failure(orgDirectory({ User: [EXISTING] }), assertionOf('fed-eve', attrs(REQUIRED)));
    expect(jitOf(f)).toEqual({
      code: 'MISMATCH_FEDERATION_ID_AND_USERNAME_ATTRS',
      errorCode: 12,
      errorDetails: 'MISMATCH_FEDERATION_ID_AND_USERNAME_ATTRS',
    });
  });
});

describe('attribute codes through provisioning (8, 9, 13, 15)', () => {
  it('8: User.Shoe__c is not declared', async () => {
    const a = assertionOf('fed-new', attrs({ ...REQUIRED, 'User.Shoe__c': '42' }));
    expect(jitOf(await failure(orgDirectory(), a))).toMatchObject({
      code: 'UNRECOGNIZED_CUSTOM_FIELD',
      errorCode: 8,
    });
  });

  it('9: User.ShoeSize is no User field', async () => {
    const a = assertionOf('fed-new', attrs({ ...REQUIRED, 'User.ShoeSize': '42' }));
    expect(jitOf(await failure(orgDirectory(), a))).toMatchObject({
      code: 'UNRECOGNIZED_STANDARD_FIELD',
      errorCode: 9,
    });
  });

  it('13: ProvisionVersion 2.0', async () => {
    const a = assertionOf('fed-new', attrs({ ...REQUIRED, ProvisionVersion: '2.0' }));
    expect(jitOf(await failure(orgDirectory(), a))).toMatchObject({
      code: 'UNSUPPORTED_VERSION',
      errorCode: 13,
    });
  });

  it('15: a declared custom field of an unsupported type', async () => {
    const dir = orgDirectory({
      CustomField: [{ Object: 'User', Name: 'Regions__c', Type: 'MultiselectPicklist' }],
    });
    const a = assertionOf('fed-new', attrs({ ...REQUIRED, 'User.Regions__c': 'EMEA' }));
    expect(jitOf(await failure(dir, a))).toMatchObject({
      code: 'UNSUPPORTED_CUSTOM_FIELD_TYPE',
      errorCode: 15,
    });
  });

  it('writes a declared custom field with its type', async () => {
    const dir = orgDirectory({ CustomField: [{ Object: 'User', Name: 'Score__c', Type: 'Percent' }] });
    const { result } = await run(
      dir,
      assertionOf('fed-new', attrs({ ...REQUIRED, 'User.Score__c': '87.5' })),
    );
    expect(result).toMatchObject({ right: { user: { Score__c: 87.5 } } });
    expect(dir.snapshot().User[0]).toMatchObject({ Score__c: 87.5 });
  });
});

describe('update (code 14) and insert-only fields', () => {
  it('14: a different User.Username on update', async () => {
    const a = assertionOf('fed-ada', attrs({ 'User.Username': 'ada.new@example.com' }));
    expect(jitOf(await failure(orgDirectory({ User: [EXISTING] }), a))).toEqual({
      code: 'USER_NAME_CHANGE_NOT_ALLOWED',
      errorCode: 14,
      errorDetails: 'USER_NAME_CHANGE_NOT_ALLOWED',
    });
  });

  it('the same User.Username on update is fine, and editable fields are updated', async () => {
    const dir = orgDirectory({ User: [EXISTING] });
    const a = assertionOf('fed-ada', attrs({ 'User.Username': EXISTING.Username, 'User.Title': 'Countess' }));
    const { result } = await run(dir, a);
    expect(result).toMatchObject({
      right: { action: 'update', user: { Id: EXISTING.Id, Title: 'Countess' } },
    });
    expect(dir.snapshot().User).toEqual([{ ...EXISTING, Title: 'Countess' }]);
  });

  it('an empty optional field clears it on update; an empty required one leaves it', async () => {
    const dir = orgDirectory({ User: [{ ...EXISTING, Title: 'Countess' }] });
    await run(dir, assertionOf('fed-ada', attrs({ 'User.Title': '', 'User.Email': '', 'User.Alias': '' })));
    expect(dir.snapshot().User[0]).toMatchObject({ Title: null, Email: EXISTING.Email, Alias: 'ALove' });
  });
});

describe('profile and role by ID or unique name (16, 17)', () => {
  it('resolves the profile by name and by ID, the role by name', async () => {
    for (const profile of [PROFILE.Name, PROFILE.Id]) {
      const a = assertionOf(
        'fed-new',
        attrs({ ...REQUIRED, 'User.ProfileId': profile, 'User.UserRoleId': 'CEO' }),
      );
      expect((await run(orgDirectory(), a)).result).toMatchObject({
        right: { user: { ProfileId: PROFILE.Id, UserRoleId: ROLE.Id } },
      });
    }
  });

  it('16: no profile has that name', async () => {
    const a = assertionOf('fed-new', attrs({ ...REQUIRED, 'User.ProfileId': 'Nobody' }));
    expect(jitOf(await failure(orgDirectory(), a))).toEqual({
      code: 'PROFILE_NAME_LOOKUP_ERROR',
      errorCode: 16,
      errorDetails: 'PROFILE_NAME_LOOKUP_ERROR',
    });
  });

  it('16: two profiles share the name', async () => {
    const dir = orgDirectory({ Profile: [PROFILE, { Id: '00e000000000002AAA', Name: PROFILE.Name }] });
    expect(jitOf(await failure(dir, assertionOf('fed-new', attrs(REQUIRED))))).toMatchObject({
      errorCode: 16,
    });
  });

  it('16: on update too', async () => {
    const a = assertionOf('fed-ada', attrs({ 'User.ProfileId': 'Nobody' }));
    expect(jitOf(await failure(orgDirectory({ User: [EXISTING] }), a))).toMatchObject({ errorCode: 16 });
  });

  it('17: no role has that name', async () => {
    const a = assertionOf('fed-new', attrs({ ...REQUIRED, 'User.UserRoleId': 'Janitor' }));
    expect(jitOf(await failure(orgDirectory(), a))).toEqual({
      code: 'ROLE_NAME_LOOKUP_ERROR',
      errorCode: 17,
      errorDetails: 'ROLE_NAME_LOOKUP_ERROR',
    });
  });

  it('17: two roles share the name', async () => {
    const dir = orgDirectory({ UserRole: [ROLE, { Id: '00E000000000002AAA', Name: 'CEO' }] });
    const a = assertionOf('fed-new', attrs({ ...REQUIRED, 'User.UserRoleId': 'CEO' }));
    expect(jitOf(await failure(dir, a))).toMatchObject({ errorCode: 17 });
  });

  it('an empty User.UserRoleId removes the role on update', async () => {
    const dir = orgDirectory({ User: [{ ...EXISTING, UserRoleId: ROLE.Id }] });
    await run(dir, assertionOf('fed-ada', attrs({ 'User.UserRoleId': '' })));
    expect(dir.snapshot().User[0]?.UserRoleId).toBe(null);
  });
});

describe('defaults on create (spec §2.5)', () => {
  it('derives Alias, CommunityNickname, locale settings, FederationIdentifier and IsActive', async () => {
    const { result } = await run(
      orgDirectory(),
      assertionOf('fed-new', attrs({ ...REQUIRED, 'User.FirstName': 'Ada' })),
    );
    expect(result).toEqual(
      E.right({
        action: 'create',
        contact: null,
        account: null,
        user: {
          Id: '005000000000001AAA',
          Username: 'ada@example.com',
          FederationIdentifier: 'fed-new',
          Email: 'ada@example.com',
          FirstName: 'Ada',
          LastName: 'Lovelace',
          ProfileId: PROFILE.Id,
          UserRoleId: null,
          Alias: 'ALove',
          CommunityNickname: 'ada',
          IsActive: true,
          LocaleSidKey: DEFAULT_ORGANIZATION.DefaultLocaleSidKey,
          TimeZoneSidKey: DEFAULT_ORGANIZATION.TimeZoneSidKey,
          LanguageLocaleKey: DEFAULT_ORGANIZATION.LanguageLocaleKey,
          EmailEncodingKey: DEFAULT_ORGANIZATION.EmailEncodingKey,
          DefaultCurrencyIsoCode: DEFAULT_ORGANIZATION.DefaultCurrencyIsoCode,
        },
      }),
    );
  });

  it('takes the organization of the directory, and sent values over defaults', async () => {
    const org = { ...DEFAULT_ORGANIZATION, TimeZoneSidKey: 'Europe/Paris', DefaultLocaleSidKey: 'fr_FR' };
    const a = assertionOf(
      'fed-new',
      attrs({ ...REQUIRED, 'User.Alias': 'countess', 'User.LocaleSidKey': 'en_GB' }),
    );
    const { result } = await run(orgDirectory({ Organization: org }), a);
    expect(result).toMatchObject({
      right: { user: { TimeZoneSidKey: 'Europe/Paris', LocaleSidKey: 'en_GB', Alias: 'countess' } },
    });
  });

  it('Alias: first initial + last name, 5 characters; the last name alone without a first name', () => {
    expect(defaultAlias('Ada', 'Lovelace')).toBe('ALove');
    expect(defaultAlias(null, 'Lovelace')).toBe('Lovel');
    expect(defaultAlias('Ada', 'Li')).toBe('ALi');
    expect(defaultAlias('Émile', '😀😀😀😀😀😀')).toBe('É😀😀😀😀');
  });

  it('CommunityNickname: the username before its last @, 40 characters at most', () => {
    expect(defaultCommunityNickname('ada.lovelace@example.com')).toBe('ada.lovelace');
    expect(defaultCommunityNickname('no-at-sign')).toBe('no-at-sign');
    expect(defaultCommunityNickname('@example.com')).toBe('@example.com');
    expect(defaultCommunityNickname(`${'x'.repeat(50)}@example.com`)).toBe('x'.repeat(40));
  });

  it('IsActive false on create makes an inactive user', async () => {
    const { result } = await run(
      orgDirectory(),
      assertionOf('fed-new', attrs({ ...REQUIRED, 'User.IsActive': '0' })),
    );
    expect(result).toMatchObject({ right: { user: { IsActive: false } } });
  });
});

describe('inactive users (spec §1.4, §4)', () => {
  const inactive = { ...EXISTING, IsActive: false };

  it('stay inactive when the assertion does not say User.IsActive true', async () => {
    const dir = orgDirectory({ User: [inactive] });
    const { result } = await run(dir, assertionOf('fed-ada', attrs({ 'User.Title': 'Countess' })));
    expect(result).toMatchObject({
      right: { action: 'update', user: { IsActive: false, Title: 'Countess' } },
    });
    expect(dir.snapshot().User[0]?.IsActive).toBe(false);
  });

  it('are reactivated by User.IsActive true (or 1)', async () => {
    for (const v of ['true', '1']) {
      const dir = orgDirectory({ User: [inactive] });
      await run(dir, assertionOf('fed-ada', attrs({ 'User.IsActive': v })));
      expect(dir.snapshot().User[0]?.IsActive).toBe(true);
    }
  });
});
