-- API keys (issue 15): what 0001's api_keys table lacks for keys that users issue, list and revoke.
--  * key_prefix: the first characters of the key ("pi_" + 8), shown in lists so a user can tell keys
--    apart; the rest of the key exists only as its SHA-256 in key_hash. Nullable, so a row written
--    before this migration stays valid (no such row can authenticate: it has no "pi_" key).
--  * revoked_at: revocation keeps the row, so a request with a revoked key is logged as such
--    (and not as an unknown key); revoked and expired rows are swept after 30 days.
--  * names are 1 to 100 characters, as the API checks.
ALTER TABLE api_keys
    ADD COLUMN key_prefix text CONSTRAINT key_prefix_format CHECK (key_prefix ~ '^pi_[A-Za-z0-9_-]{8}$'),
    ADD COLUMN revoked_at timestamptz,
    ADD CONSTRAINT name_length CHECK (char_length(name) <= 100);

-- Counting a user's active keys (the per-user cap) and listing them read only live rows.
DROP INDEX idx_api_keys_user_id;
CREATE INDEX idx_api_keys_user_live ON api_keys (user_id, created_at DESC) WHERE revoked_at IS NULL;
