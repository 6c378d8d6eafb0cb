/**
 * The per-connection signature policy: which of the Response and the Assertion must carry a
 * verified signature. Whatever the policy, every signature present must verify (checked before).
 */
import * as E from 'fp-ts/lib/Either.js';
import { type Fault, fault } from './fault.js';
import type { ReportBuilder } from './report.js';
import type { ValidationOptions } from './types.js';

const policyMet = (
  policy: ValidationOptions['signaturePolicy'],
  response: boolean,
  assertion: boolean,
): boolean => {
  switch (policy ?? 'any') {
    case 'any':
      return response || assertion;
    case 'assertion':
      return assertion;
    case 'response':
      return response;
    case 'both':
      return response && assertion;
  }
};

export const checkPolicy = (
  options: ValidationOptions,
  response: boolean,
  assertion: boolean,
  report: ReportBuilder,
): E.Either<Fault, void> => {
  const policy = options.signaturePolicy ?? 'any';
  const inputs = { policy, responseSigned: response, assertionSigned: assertion };
  if (!response && !assertion) {
    report.fail('signature.policy', 'SIGNATURE_MISSING', inputs);
    return fault('SIGNATURE_MISSING', 'Neither the Response nor the Assertion is signed.', inputs);
  }
  if (!policyMet(policy, response, assertion)) {
    report.fail('signature.policy', 'SIGNATURE_POLICY_UNMET', inputs);
    return fault(
      'SIGNATURE_POLICY_UNMET',
      "The signatures present do not meet the connection's policy.",
      inputs,
    );
  }
  report.pass('signature.policy', inputs);
  return E.right(undefined);
};
