/** Driver errors → port-level reasons, case by case (the suites show them end to end). */
import { describe, expect, it } from 'vitest';
import { translate } from '../src/errors.js';
import { columnOf } from '../src/layout.js';

const pgError = (fields: Record<string, string>): Error => Object.assign(new Error('server said no'), fields);

describe('PostgreSQL error translation', () => {
  it.each([
    ['users_federation_identifier_key', 'User.FederationIdentifier'],
    ['users_username_key', 'User.Username'],
    ['users_pkey', 'User.Id'],
    ['accounts_pkey', 'Account.Id'],
    ['contacts_pkey', 'Contact.Id'],
  ])('23505 on %s is STORE_CONFLICT on %s', (constraint, rule) => {
    expect(translate(pgError({ code: '23505', constraint }))).toMatchObject({
      code: 'STORE_CONFLICT',
      retryable: true,
      constraint: rule,
    });
  });

  it('the unique violation detail (personal data) is not copied into the failure', () => {
    const f = translate(
      pgError({ code: '23505', constraint: 'users_username_key', detail: 'Key (username)=(ada@x)' }),
    );
    expect(JSON.stringify(f)).not.toContain('ada@x');
  });

  it.each(['40001', '40P01'])(
    '%s (serialization failure, deadlock) is a retryable STORE_CONFLICT',
    (code) => {
      expect(translate(pgError({ code }))).toMatchObject({ code: 'STORE_CONFLICT', retryable: true });
    },
  );

  it.each(['08006', '08001', '57P01', '57P03', '53300', '57014', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'])(
    '%s is STORE_UNAVAILABLE',
    (code) => {
      expect(translate(pgError({ code }))).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true });
    },
  );

  it.each([
    'Connection terminated unexpectedly',
    'timeout exceeded when trying to connect',
    'Cannot use a pool after calling end on the pool',
    'Client has encountered a connection error and is not queryable',
  ])('"%s" is STORE_UNAVAILABLE', (message) => {
    expect(translate(new Error(message))).toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });

  it.each([['42P01'], ['22021'], ['23502']])('%s is STORE_UNEXPECTED, not retryable', (code) => {
    expect(translate(pgError({ code }))).toMatchObject({ code: 'STORE_UNEXPECTED', retryable: false });
  });

  it('anything that is not an error at all is STORE_UNEXPECTED', () => {
    expect(translate('boom')).toMatchObject({ code: 'STORE_UNEXPECTED' });
    expect(translate(null)).toMatchObject({ code: 'STORE_UNEXPECTED' });
  });
});

describe('PostgreSQL lookup columns', () => {
  it('every lookup field has its column; a field that is no lookup field throws (the guard makes it STORE_UNEXPECTED)', () => {
    expect(columnOf('User', 'Id')).toBe('id');
    expect(columnOf('User', 'CommunityNickname')).toBe('community_nickname');
    expect(columnOf('User', 'ContactId')).toBe('contact_id');
    expect(() => columnOf('User', 'Email')).toThrow('User.Email is not a lookup field.');
    expect(() => columnOf('User', 'constructor')).toThrow('User.constructor is not a lookup field.');
  });
});
