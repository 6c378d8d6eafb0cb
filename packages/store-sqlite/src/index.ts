/**
 * @saml-jit/store-sqlite: the embedded default stores of saml-jit on SQLite (better-sqlite3):
 * directory, replay cache, request store and session store in one database file.
 */
export type { Migration } from './migrate.js';
export { migrate, shippedMigrations } from './migrate.js';
export type { SqliteOptions, SqliteStores } from './open.js';
export { openSqlite } from './open.js';
