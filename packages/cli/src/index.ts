/** @saml-jit/cli: The saml-jit command line: verify, provision, serve. */
export {};
