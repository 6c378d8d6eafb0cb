-- saml-jit PostgreSQL schema, version 2: a contact has at most one user (`User.ContactId`).
-- `contact_id` is generated from the jsonb record, so rows written before this migration are
-- backfilled by it, and an instance still running the previous version (which does not know the
-- column) keeps it right too. It holds the ContactId when it is a string, else NULL, like every
-- lookup column. The partial UNIQUE index lets NULL repeat (users without a contact); its name
-- follows the `<table>_<column>_key` rule that maps a violation to `User.ContactId`.
-- Fails, changing nothing, if two users already share a contact: fix those rows, then reconnect.

ALTER TABLE users ADD COLUMN contact_id text GENERATED ALWAYS AS (
  CASE WHEN jsonb_typeof(record -> 'ContactId') = 'string' THEN record ->> 'ContactId' END
) STORED;
CREATE UNIQUE INDEX users_contact_id_key ON users (contact_id) WHERE contact_id IS NOT NULL;
