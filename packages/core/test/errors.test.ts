import { describe, expect, it } from 'vitest';
import { ALL_ERROR_CODES, JIT_ERRORS, jitErrorRedirect, jitFailure, REASON_OF } from '../src/index.js';

describe('the JIT error table', () => {
  it('keeps 7, 10, 21 and 29 unused', () => {
    const numbers = Object.values(JIT_ERRORS).map((r) => r.errorCode);
    for (const gap of [7, 10, 21, 29]) expect(numbers).not.toContain(gap);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('maps every code to a Login History reason', () => {
    for (const code of ALL_ERROR_CODES) expect(REASON_OF[code]).toBeTypeOf('string');
    expect(REASON_OF.PROFILE_NAME_LOOKUP_ERROR).toBe('SAML Provision Error');
  });
});

describe('jitErrorRedirect', () => {
  it('form-encodes ErrorCode, ErrorDescription and ErrorDetails onto the default page', () => {
    expect(jitErrorRedirect(jitFailure('PROFILE_NAME_LOOKUP_ERROR'), null)).toBe(
      '/saml/error?ErrorCode=16&ErrorDescription=Unable+to+map+a+unique+profile+ID+for+the+given+profile+name&ErrorDetails=PROFILE_NAME_LOOKUP_ERROR',
    );
  });

  it('keeps the custom error URL and its own query, and reports the underlying cause for code 5', () => {
    const e = jitFailure('USER_CREATION_API_ERROR', {
      errorDetails: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST TimeZoneSidKey',
    });
    expect(jitErrorRedirect(e, 'https://login.example.test/error?site=a')).toBe(
      'https://login.example.test/error?site=a&ErrorCode=5&ErrorDescription=Unable+to+create+user&ErrorDetails=INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST+TimeZoneSidKey',
    );
  });
});
