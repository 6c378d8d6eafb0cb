import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  type CustomFieldDef,
  decodeAttributes,
  encodeAttributes,
  JIT_CODES,
  VALUE_CODECS,
  type ValueKind,
} from '../src/index.js';
import {
  arbAttributes,
  arbCustomFields,
  arbValidAttributes,
  arbValidValue,
  arbValue,
} from './arbitraries.js';
import { attrs } from './helpers.js';

const BADGE: CustomFieldDef = { Object: 'User', Name: 'Badge__c', Type: 'Text' };

const codeOf = (r: ReturnType<typeof decodeAttributes>) => (E.isLeft(r) ? r.left.code : null);

describe('decodeAttributes: laws', () => {
  it('never throws, and refuses only with a code from the JIT table', () => {
    fc.assert(
      fc.property(arbAttributes, arbCustomFields, (a, fields) => {
        const r = decodeAttributes(a, fields);
        if (E.isLeft(r)) expect(JIT_CODES).toContain(r.left.code);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips what it accepts: decode(encode(d)) = d', () => {
    fc.assert(
      fc.property(
        arbCustomFields.chain((fields) => fc.tuple(fc.constant(fields), arbValidAttributes(fields))),
        ([fields, a]) => {
          const d = decodeAttributes(a, fields);
          expect(E.isRight(d)).toBe(true);
          if (E.isRight(d)) expect(decodeAttributes(encodeAttributes(d.right), fields)).toEqual(d);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('round-trips accepted values of every value codec', () => {
    const kinds = Object.keys(VALUE_CODECS) as ValueKind[];
    fc.assert(
      fc.property(
        fc
          .constantFrom(...kinds)
          .chain((k) => fc.tuple(fc.constant(k), fc.oneof(arbValidValue(k), arbValue))),
        ([kind, raw]) => {
          const codec = VALUE_CODECS[kind] as unknown as {
            decode: (s: string) => E.Either<unknown, unknown>;
            encode: (a: unknown) => string;
          };
          const d = codec.decode(raw);
          if (E.isRight(d)) expect(codec.decode(codec.encode(d.right))).toEqual(d);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('decodeAttributes: User.* fields (spec §2)', () => {
  it('maps User.Zip, User.CallCenter and User.Manager to PostalCode, CallCenterId and ManagerId', () => {
    const r = decodeAttributes(
      attrs({ 'User.Zip': '94105', 'User.CallCenter': '04v000000000001', 'User.Manager': '005000000000009' }),
      [],
    );
    expect(r).toEqual(
      E.right(
        expect.objectContaining({
          user: { PostalCode: '94105', CallCenterId: '04v000000000001', ManagerId: '005000000000009' },
        }),
      ),
    );
  });

  it('reads booleans as Salesforce does: 1 or true (any case) is true, anything else false', () => {
    const decode = (v: string) => {
      const r = decodeAttributes(attrs({ 'User.IsActive': v }), []);
      return E.isRight(r) ? r.right.user.IsActive : 'refused';
    };
    expect(['1', 'true', 'TRUE', 'True'].map(decode)).toEqual([true, true, true, true]);
    expect(['0', 'false', 'yes', '', ' true'].map(decode)).toEqual([false, false, false, false, false]);
  });

  it('treats an empty value as "clear the field" (null)', () => {
    const r = decodeAttributes(attrs({ 'User.Title': '' }), []);
    expect(E.isRight(r) && r.right.user.Title).toBe(null);
  });

  it('ignores attributes that are not User./Contact./Account. or portal names, and names in another case', () => {
    const r = decodeAttributes(
      attrs({
        'urn:oid:0.9.2342.19200300.100.1.3': 'x',
        'user.Email': 'x',
        USER_ROLE: 'admin',
        'Sfdc.X': 'y',
      }),
      [],
    );
    expect(r).toEqual(E.right(expect.objectContaining({ user: {}, contact: {}, account: {} })));
  });

  it('code 9: an unknown standard field, including User.Id and User.PostalCode, is refused', () => {
    for (const name of ['User.ShoeSize', 'User.Id', 'User.PostalCode', 'User.', 'Contact.Nickname']) {
      expect(codeOf(decodeAttributes(attrs({ [name]: 'x' }), []))).toBe('UNRECOGNIZED_STANDARD_FIELD');
    }
  });

  it('code 9: prototype names are unknown fields, never Object.prototype members', () => {
    expect(codeOf(decodeAttributes(attrs({ 'User.constructor': 'x' }), []))).toBe(
      'UNRECOGNIZED_STANDARD_FIELD',
    );
    expect(codeOf(decodeAttributes(attrs({ constructor: 'x', __proto__: 'y' }), []))).toBe(null);
  });
});

describe('decodeAttributes: ProvisionVersion (code 13)', () => {
  it('defaults to 1.0 and accepts 1.0', () => {
    expect(decodeAttributes(attrs({}), [])).toEqual(
      E.right(expect.objectContaining({ provisionVersion: '1.0' })),
    );
    expect(codeOf(decodeAttributes(attrs({ ProvisionVersion: '1.0' }), []))).toBe(null);
  });

  it('code 13: refuses any other version', () => {
    for (const v of ['2.0', '1', '1.0 ', '']) {
      const r = decodeAttributes(attrs({ ProvisionVersion: v }), []);
      expect(codeOf(r)).toBe('UNSUPPORTED_VERSION');
      expect(E.isLeft(r) && r.left.errorCode).toBe(13);
    }
    expect(codeOf(decodeAttributes(attrs({ ProvisionVersion: ['1.0', '2.0'] }), []))).toBe(
      'UNSUPPORTED_VERSION',
    );
  });
});

describe('decodeAttributes: custom fields (codes 8 and 15)', () => {
  it('accepts a declared custom field of a supported type, typed by its Type', () => {
    const fields: CustomFieldDef[] = [
      BADGE,
      { Object: 'User', Name: 'Score__c', Type: 'Number' },
      { Object: 'User', Name: 'VIP__c', Type: 'Checkbox' },
      { Object: 'User', Name: 'Since__c', Type: 'Date' },
      { Object: 'Contact', Name: 'Tier__c', Type: 'Picklist' },
    ];
    const r = decodeAttributes(
      attrs({
        'User.Badge__c': 'B-7',
        'User.Score__c': '12.5',
        'User.VIP__c': '1',
        'User.Since__c': '2024-02-29',
        'Contact.Tier__c': 'Gold',
      }),
      fields,
    );
    expect(r).toEqual(
      E.right(
        expect.objectContaining({
          custom: {
            User: { Badge__c: 'B-7', Score__c: 12.5, VIP__c: true, Since__c: '2024-02-29' },
            Contact: { Tier__c: 'Gold' },
            Account: {},
          },
        }),
      ),
    );
  });

  it('code 8: an undeclared custom field (also: declared on another object)', () => {
    expect(codeOf(decodeAttributes(attrs({ 'User.Shoe__c': '42' }), [BADGE]))).toBe(
      'UNRECOGNIZED_CUSTOM_FIELD',
    );
    expect(codeOf(decodeAttributes(attrs({ 'Contact.Badge__c': 'x' }), [BADGE]))).toBe(
      'UNRECOGNIZED_CUSTOM_FIELD',
    );
  });

  it('code 15: a declared custom field whose type JIT does not write', () => {
    const r = decodeAttributes(attrs({ 'User.Regions__c': 'EMEA;APAC' }), [
      { Object: 'User', Name: 'Regions__c', Type: 'MultiselectPicklist' },
    ]);
    expect(codeOf(r)).toBe('UNSUPPORTED_CUSTOM_FIELD_TYPE');
    expect(E.isLeft(r) && r.left.errorCode).toBe(15);
  });

  it('code 5: a value that does not parse as the declared type', () => {
    const r = decodeAttributes(attrs({ 'User.Score__c': 'twelve' }), [
      { Object: 'User', Name: 'Score__c', Type: 'Number' },
    ]);
    expect(E.isLeft(r) && [r.left.code, r.left.errorDetails]).toEqual([
      'USER_CREATION_API_ERROR',
      'INVALID_TYPE_ON_FIELD_IN_RECORD Score__c',
    ]);
  });
});

describe('decodeAttributes: multi-valued attributes', () => {
  it('a single-valued field takes its first value in document order', () => {
    const r = decodeAttributes(attrs({ 'User.Title': ['Engineer', 'Manager'] }), []);
    expect(E.isRight(r) && r.right.user.Title).toBe('Engineer');
  });

  it('repeating the same value is harmless, even for a strict field', () => {
    const r = decodeAttributes(attrs({ 'User.ProfileId': ['Standard User', 'Standard User'] }), []);
    expect(E.isRight(r) && r.right.user.ProfileId).toBe('Standard User');
  });

  it('privilege escalation by value order: several distinct profiles or roles are refused (16, 17)', () => {
    expect(
      codeOf(decodeAttributes(attrs({ 'User.ProfileId': ['Standard User', 'System Administrator'] }), [])),
    ).toBe('PROFILE_NAME_LOOKUP_ERROR');
    expect(codeOf(decodeAttributes(attrs({ 'User.UserRoleId': ['CEO', 'Intern'] }), []))).toBe(
      'ROLE_NAME_LOOKUP_ERROR',
    );
  });

  it('identity confusion: several distinct User.FederationIdentifier or User.Username values are refused', () => {
    expect(codeOf(decodeAttributes(attrs({ 'User.FederationIdentifier': ['a', 'b'] }), []))).toBe(
      'MISMATCH_FEDERATION_ID',
    );
    expect(codeOf(decodeAttributes(attrs({ 'User.Username': ['a@x.test', 'b@x.test'] }), []))).toBe(
      'MISMATCH_FEDERATION_ID_AND_USERNAME_ATTRS',
    );
  });

  it('record matching: several distinct Contact.Email or Account.AccountNumber values are refused (27, 28)', () => {
    expect(codeOf(decodeAttributes(attrs({ 'Contact.Email': ['a@x.test', 'b@x.test'] }), []))).toBe(
      'MULTIPLE_CONTACTS_FOUND',
    );
    expect(codeOf(decodeAttributes(attrs({ 'Account.AccountNumber': ['1', '2'] }), []))).toBe(
      'MULTIPLE_ACCOUNTS_FOUND',
    );
  });
});

describe('decodeAttributes: Contact.*, Account.*, links and portal names (spec §3.3, §4)', () => {
  it('decodes contact, account, link and portal attributes', () => {
    const r = decodeAttributes(
      attrs({
        'Contact.Email': 'c@example.com',
        'Contact.LastName': 'Hopper',
        'Contact.Birthdate': '1906-12-09',
        'Contact.DoNotCall': 'true',
        'Account.Name': 'Acme',
        'Account.AccountNumber': 'A-1',
        'Account.NumberOfEmployees': '250',
        'Account.AnnualRevenue': '1500000.50',
        'User.Contact': '003000000000001',
        'User.Account': '001000000000001',
        'Contact.Account': '001000000000001',
        'Account.Owner': '005000000000001',
        'Contact.Owner': '005000000000002',
        'User.PortalRole': 'Worker',
        'User.Role': 'CEO',
        portal_id: '060000000000001',
        organization_id: '00D000000000001',
        siteUrl: 'https://acme.example.test',
      }),
      [],
    );
    expect(r).toEqual(
      E.right(
        expect.objectContaining({
          contact: { Email: 'c@example.com', LastName: 'Hopper', Birthdate: '1906-12-09', DoNotCall: true },
          account: { Name: 'Acme', AccountNumber: 'A-1', NumberOfEmployees: 250, AnnualRevenue: 1500000.5 },
          links: {
            userContact: '003000000000001',
            userAccount: '001000000000001',
            contactAccount: '001000000000001',
            accountOwner: '005000000000001',
            contactOwner: '005000000000002',
            portalRole: 'Worker',
            role: 'CEO',
          },
          portal: {
            portalId: '060000000000001',
            organizationId: '00D000000000001',
            siteUrl: 'https://acme.example.test',
          },
        }),
      ),
    );
  });

  it('refuses a malformed Contact.Birthdate with 26 and a malformed Account number with 22', () => {
    const bad = decodeAttributes(attrs({ 'Contact.Birthdate': '2023-02-29' }), []);
    expect(E.isLeft(bad) && [bad.left.code, bad.left.errorDetails]).toEqual([
      'CONTACT_CREATION_API_ERROR',
      'INVALID_TYPE_ON_FIELD_IN_RECORD Birthdate',
    ]);
    expect(codeOf(decodeAttributes(attrs({ 'Account.NumberOfEmployees': '2.5' }), []))).toBe(
      'ACCOUNT_CREATION_API_ERROR',
    );
  });
});
