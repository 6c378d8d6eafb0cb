-- saml-jit PostgreSQL schema, version 4: users are found by nickname (`User.CommunityNickname`).
-- `community_nickname` is generated from the jsonb record, so rows written before this migration
-- are backfilled by it, and an instance still running a previous version (which does not know the
-- column) keeps it right too. It holds the CommunityNickname when it is a string, else NULL, like
-- every lookup column. The index is NOT unique, like `accounts_account_number_idx`: an org may
-- hold duplicate nicknames (seeded, or written by a plan that does not state the nickname absent);
-- JIT keeps new nicknames unique with a commit precondition (`absent`), checked under an advisory
-- lock. Adds no rule the existing rows could break, so it cannot fail on them.

ALTER TABLE users ADD COLUMN community_nickname text GENERATED ALWAYS AS (
  CASE WHEN jsonb_typeof(record -> 'CommunityNickname') = 'string'
    THEN record ->> 'CommunityNickname' END
) STORED;
CREATE INDEX users_community_nickname_idx ON users (community_nickname);
