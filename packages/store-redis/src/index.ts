/** @saml-jit/store-redis: Redis adapters for saml-jit: replay cache, request store, sessions. */
export {};
