/** @saml-jit/store-sqlite: SQLite (better-sqlite3) adapters for saml-jit: directory, replay cache, request store, sessions. */
export {};
