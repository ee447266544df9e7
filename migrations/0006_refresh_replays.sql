-- Refresh-token reuse leeway (REFRESH_REUSE_LEEWAY_S, off by default).
--
-- A token revoked on its own (its session still live) was replaced: its predecessor was presented
-- again within the leeway and got a new successor in its place. Whoever presents the replaced token
-- later holds a copy of the family the server no longer issued to them, so that is reuse and ends
-- the whole family. revoke_reason says so explicitly ('replaced after a replay'); family-wide
-- revocations leave it empty and record their reason on the session.
ALTER TABLE refresh_tokens ADD COLUMN revoke_reason text;

COMMENT ON COLUMN refresh_tokens.used_at IS
    'rotation time from the database clock (clock_timestamp()), compared only with that clock';
