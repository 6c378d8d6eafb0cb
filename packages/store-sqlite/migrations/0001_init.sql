-- saml-jit SQLite schema, version 1.
-- One table per sObject: the columns that lookups and uniqueness need, plus the full record as
-- JSON text (`record`), so custom fields need no migration. Comparisons use SQLite's default
-- BINARY collation: exact, case-sensitive, as the Directory port requires.

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  federation_identifier TEXT,
  username TEXT,
  record TEXT NOT NULL,
  CONSTRAINT users_federation_identifier_key UNIQUE (federation_identifier),
  CONSTRAINT users_username_key UNIQUE (username)
) STRICT;

CREATE TABLE contacts (id TEXT PRIMARY KEY, email TEXT, record TEXT NOT NULL) STRICT;
CREATE INDEX contacts_email_idx ON contacts (email);

CREATE TABLE accounts (id TEXT PRIMARY KEY, account_number TEXT, record TEXT NOT NULL) STRICT;
CREATE INDEX accounts_account_number_idx ON accounts (account_number);

CREATE TABLE profiles (id TEXT PRIMARY KEY, name TEXT, record TEXT NOT NULL) STRICT;
CREATE INDEX profiles_name_idx ON profiles (name);

CREATE TABLE user_roles (id TEXT PRIMARY KEY, name TEXT, record TEXT NOT NULL) STRICT;
CREATE INDEX user_roles_name_idx ON user_roles (name);

CREATE TABLE networks (id TEXT PRIMARY KEY, record TEXT NOT NULL) STRICT;
CREATE TABLE portals (id TEXT PRIMARY KEY, record TEXT NOT NULL) STRICT;

-- Custom field declarations; id is "<Object>.<Name>".
CREATE TABLE custom_fields (id TEXT PRIMARY KEY, object TEXT, record TEXT NOT NULL) STRICT;
CREATE INDEX custom_fields_object_idx ON custom_fields (object);

-- The organization's defaults: one row.
CREATE TABLE organization (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  record TEXT NOT NULL
) STRICT;

-- Assertion IDs seen, until they expire (milliseconds since the epoch).
CREATE TABLE replay_cache (key TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) STRICT;
CREATE INDEX replay_cache_expires_at_idx ON replay_cache (expires_at);

CREATE TABLE outstanding_requests (
  id TEXT PRIMARY KEY,
  connection TEXT NOT NULL,
  issued_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  relay_state TEXT
) STRICT;
CREATE INDEX outstanding_requests_expires_at_idx ON outstanding_requests (expires_at);

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  connection TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
