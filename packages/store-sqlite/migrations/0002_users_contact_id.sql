-- saml-jit SQLite schema, version 2: a contact has at most one user (`User.ContactId`).
-- `contact_id` is generated from the JSON record, so rows written before this migration are
-- backfilled by it, and an instance still running the previous version (which does not know the
-- column) keeps it right too. It holds the ContactId when it is text, else NULL, like every
-- lookup column. The partial UNIQUE index lets NULL repeat (users without a contact).
-- Fails, changing nothing, if two users already share a contact: fix those rows, then reopen.

ALTER TABLE users ADD COLUMN contact_id TEXT GENERATED ALWAYS AS (
  CASE WHEN json_type(record, '$.ContactId') = 'text' THEN json_extract(record, '$.ContactId') END
) VIRTUAL;
CREATE UNIQUE INDEX users_contact_id_key ON users (contact_id) WHERE contact_id IS NOT NULL;
