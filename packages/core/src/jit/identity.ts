/**
 * The federation ID of a login: from `Subject/NameID` or from the configured attribute (spec §1.2).
 * The value is used exactly as sent (no trimming or case folding), because it is compared
 * byte-for-byte with `User.FederationIdentifier`.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { SsoConfig } from '../config/sso-config.js';
import { type JitFailure, jitFailure } from '../errors/error.js';
import type { AssertionFacts } from '../model/assertion.js';

const isBlank = (s: string): boolean => s.trim() === '';

/**
 * The federation ID, or 1 `MISSING_FEDERATION_ID` when there is none (absent, empty or blank), or
 * 2 `MISMATCH_FEDERATION_ID` when the identity attribute carries several distinct values: choosing
 * one would let the IdP's value order decide who logs in.
 * @example
 * federationIdOf(assertion, { ...config, identityLocation: 'SubjectNameId' }) // Right('ada@example.com')
 */
export const federationIdOf = (
  assertion: Pick<AssertionFacts, 'nameId' | 'attributes'>,
  config: Pick<SsoConfig, 'identityLocation' | 'attributeName'>,
): E.Either<JitFailure, string> => {
  if (config.identityLocation === 'SubjectNameId') {
    const value = assertion.nameId?.value;
    return value === undefined || isBlank(value)
      ? E.left(jitFailure('MISSING_FEDERATION_ID', { details: { location: 'SubjectNameId' } }))
      : E.right(value);
  }
  const name = config.attributeName ?? '';
  const values = name === '' ? undefined : assertion.attributes.get(name);
  const first = values?.[0];
  if (values === undefined || first === undefined || isBlank(first))
    return E.left(
      jitFailure('MISSING_FEDERATION_ID', { details: { location: 'Attribute', attribute: name } }),
    );
  if (values.some((v) => v !== first))
    return E.left(
      jitFailure('MISMATCH_FEDERATION_ID', {
        details: { location: 'Attribute', attribute: name, reason: 'several values' },
      }),
    );
  return E.right(first);
};
