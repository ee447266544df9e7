-- Revocations announce themselves (issue 12). Every server process keeps validated access tokens in
-- memory for a few seconds; these triggers tell every process, through NOTIFY on the channel
-- `parametric_auth`, that something a cached answer depends on has changed, so the process drops
-- it at once instead of at the end of the entry's lifetime. Triggers rather than calls in the
-- server: any writer (the API, the sweep, an operator's psql session, a cascade) is covered, and
-- the notification is sent on COMMIT only, never for a rolled-back change.
--
-- Payloads name what changed, never a token or its hash:
--   a:<access token id>  the token was revoked, shortened or deleted
--   s:<session id>       the login (refresh-token family) was revoked, shortened or deleted
--   u:<user id>          the user was deleted, or what GET /api/auth/me shows changed (email,
--                        local flag, linked providers)
-- A row that was already revoked or expired cannot be in any cache, so its deletion (the periodic
-- sweep deletes many of them) announces nothing.

-- One function for the three tables: the trigger's argument is the payload's prefix.
CREATE FUNCTION auth_notify_revoked() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('parametric_auth', TG_ARGV[0] || ':' || OLD.id::text);
    RETURN NULL;
END $$;

-- Access tokens and sessions: revoked, shortened, or deleted while still valid.
CREATE TRIGGER access_tokens_notify_update AFTER UPDATE OF revoked_at, expires_at ON access_tokens
    FOR EACH ROW
    WHEN (OLD.revoked_at IS NULL AND (NEW.revoked_at IS NOT NULL OR NEW.expires_at < OLD.expires_at))
    EXECUTE FUNCTION auth_notify_revoked('a');
CREATE TRIGGER access_tokens_notify_delete AFTER DELETE ON access_tokens
    FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND OLD.expires_at > now())
    EXECUTE FUNCTION auth_notify_revoked('a');
CREATE TRIGGER sessions_notify_update AFTER UPDATE OF revoked_at, expires_at ON sessions
    FOR EACH ROW
    WHEN (OLD.revoked_at IS NULL AND (NEW.revoked_at IS NOT NULL OR NEW.expires_at < OLD.expires_at))
    EXECUTE FUNCTION auth_notify_revoked('s');
CREATE TRIGGER sessions_notify_delete AFTER DELETE ON sessions
    FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND OLD.expires_at > now())
    EXECUTE FUNCTION auth_notify_revoked('s');

CREATE TRIGGER users_notify_update AFTER UPDATE OF deleted_at, email, is_local ON users
    FOR EACH ROW
    WHEN (OLD.deleted_at IS NULL AND (NEW.deleted_at IS NOT NULL OR NEW.email IS DISTINCT FROM OLD.email
                                      OR NEW.is_local IS DISTINCT FROM OLD.is_local))
    EXECUTE FUNCTION auth_notify_revoked('u');
CREATE TRIGGER users_notify_delete AFTER DELETE ON users
    FOR EACH ROW WHEN (OLD.deleted_at IS NULL)
    EXECUTE FUNCTION auth_notify_revoked('u');

-- Linking or unlinking a provider changes the user's `providers`.
CREATE FUNCTION auth_notify_oauth_account() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM pg_notify('parametric_auth', 'u:' || OLD.user_id::text);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM pg_notify('parametric_auth', 'u:' || NEW.user_id::text);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER oauth_accounts_notify AFTER INSERT OR DELETE OR UPDATE OF user_id, provider ON oauth_accounts
    FOR EACH ROW EXECUTE FUNCTION auth_notify_oauth_account();
