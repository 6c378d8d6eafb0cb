-- saml-jit SQLite schema, version 3: an outstanding request keeps the browser binding of the
-- login that started it (the SHA-256 of the nonce cookie, base64url), so the ACS can refuse a
-- response posted from another browser (login CSRF). Nullable: rows written before this
-- migration, and by an instance still running the previous version, read as unbound (NULL).

ALTER TABLE outstanding_requests ADD COLUMN browser_binding TEXT;
