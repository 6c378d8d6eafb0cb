/**
 * The advisory lock keys of a plan's preconditions (`lockKeys`): one per schema, sObject.field and
 * value, so every kind of absence — `User.CommunityNickname` as much as `Account.AccountNumber`
 * and `Contact.Email` — serialises only the commits that state the same one. No server needed.
 */
import type { Absence } from '@saml-jit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lockKeys } from '../src/directory.js';

const nickname = (value: string): Absence => ({ sobject: 'User', field: 'CommunityNickname', value });
const INT8 = { min: -(2n ** 63n), max: 2n ** 63n - 1n };

describe('PostgreSQL absence lock keys', () => {
  it('a nickname absence has one key: the same for every commit stating it, in this schema only', () => {
    const [key] = lockKeys('saml_jit', [nickname('ada')]);
    expect(lockKeys('saml_jit', [nickname('ada')])).toEqual([key]);
    expect(lockKeys('other', [nickname('ada')])).not.toEqual([key]);
    expect(lockKeys('saml_jit', [nickname('Ada')])).not.toEqual([key]);
  });

  it('the same value under another field is another key: a nickname never waits on an email or a number', () => {
    const keys = lockKeys('saml_jit', [
      nickname('ada@example.com'),
      { sobject: 'Contact', field: 'Email', value: 'ada@example.com' },
      { sobject: 'Account', field: 'AccountNumber', value: 'ada@example.com' },
    ]);
    expect(new Set(keys).size).toBe(3);
  });

  it('property: keys are distinct, ascending, signed 64-bit, whatever the order or repetition of the absences', () => {
    const absence = fc.record({
      sobject: fc.constant('User' as const),
      field: fc.constant('CommunityNickname' as const),
      value: fc.string({ unit: 'binary' }),
    });
    fc.assert(
      fc.property(fc.array(absence, { maxLength: 8 }), (absent) => {
        const keys = lockKeys('saml_jit', absent).map(BigInt);
        expect(keys).toEqual([...new Set(keys)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
        for (const k of keys) expect(k >= INT8.min && k <= INT8.max).toBe(true);
        expect(keys).toHaveLength(new Set(absent.map((a) => a.value)).size);
        expect(lockKeys('saml_jit', [...absent].reverse().concat(absent))).toEqual(keys.map(String));
      }),
    );
  });
});
