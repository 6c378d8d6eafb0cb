/** @saml-jit/testing: Conformance suites for saml-jit adapters, fast-check arbitraries, and a test IdP that signs responses. */
export {};
