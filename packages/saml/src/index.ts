/** @saml-jit/saml: Hardened SAML 2.0 Response validation for saml-jit: bytes to a VerifiedAssertion or a typed error. */
export {};
