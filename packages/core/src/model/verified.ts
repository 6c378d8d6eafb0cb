/**
 * The one constructor of `VerifiedAssertion`, published under the `@saml-jit/core/verified`
 * subpath. Only a validator that has checked signature, issuer, audience, recipient, time window,
 * InResponseTo and one-time use may call it; the core's own tests and the test IdP do too.
 */
import type { AssertionFacts, VerifiedAssertion } from './assertion.js';

export const markVerified = (facts: AssertionFacts): VerifiedAssertion => facts as VerifiedAssertion;
