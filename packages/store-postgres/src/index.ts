/** @saml-jit/store-postgres: PostgreSQL (pg) adapters for saml-jit: directory, replay cache, request store, sessions. */
export {};
