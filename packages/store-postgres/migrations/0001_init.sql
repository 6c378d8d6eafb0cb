-- saml-jit PostgreSQL schema, version 1. Runs with search_path set to the configured schema
-- (default saml_jit), inside one transaction, recorded in schema_migrations.
-- One table per sObject: the columns that lookups and uniqueness need, plus the full record as
-- jsonb, so custom fields need no migration. `=` on text is exact (deterministic collation).

CREATE TABLE users (
  id text PRIMARY KEY,
  federation_identifier text,
  username text,
  record jsonb NOT NULL,
  CONSTRAINT users_federation_identifier_key UNIQUE (federation_identifier),
  CONSTRAINT users_username_key UNIQUE (username)
);

CREATE TABLE contacts (id text PRIMARY KEY, email text, record jsonb NOT NULL);
CREATE INDEX contacts_email_idx ON contacts (email);

CREATE TABLE accounts (id text PRIMARY KEY, account_number text, record jsonb NOT NULL);
CREATE INDEX accounts_account_number_idx ON accounts (account_number);

CREATE TABLE profiles (id text PRIMARY KEY, name text, record jsonb NOT NULL);
CREATE INDEX profiles_name_idx ON profiles (name);

CREATE TABLE user_roles (id text PRIMARY KEY, name text, record jsonb NOT NULL);
CREATE INDEX user_roles_name_idx ON user_roles (name);

CREATE TABLE networks (id text PRIMARY KEY, record jsonb NOT NULL);
CREATE TABLE portals (id text PRIMARY KEY, record jsonb NOT NULL);

-- Custom field declarations; id is '<Object>.<Name>'.
CREATE TABLE custom_fields (id text PRIMARY KEY, object text, record jsonb NOT NULL);
CREATE INDEX custom_fields_object_idx ON custom_fields (object);

-- The organization's defaults: one row.
CREATE TABLE organization (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  record jsonb NOT NULL
);

-- Assertion IDs seen, until they expire.
CREATE TABLE replay_cache (key text PRIMARY KEY, expires_at timestamptz NOT NULL);
CREATE INDEX replay_cache_expires_at_idx ON replay_cache (expires_at);

CREATE TABLE outstanding_requests (
  id text PRIMARY KEY,
  connection text NOT NULL,
  issued_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  relay_state text
);
CREATE INDEX outstanding_requests_expires_at_idx ON outstanding_requests (expires_at);

CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  connection text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
