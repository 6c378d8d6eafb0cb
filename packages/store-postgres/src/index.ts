/**
 * @saml-jit/store-postgres: saml-jit's stores on PostgreSQL (node-postgres): directory, replay
 * cache, request store and session store in one schema, with versioned SQL migrations.
 */
export type { Migration } from './migrate.js';
export { migratePostgres, shippedMigrations } from './migrate.js';
export type { PostgresOptions, PostgresStores } from './open.js';
export { connectPostgres, postgresStores } from './open.js';
