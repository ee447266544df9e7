-- Sign-in (issue 3): login transactions, native handoff codes, rotating refresh-token families.
-- Builds on 0001's users, sessions, oauth_accounts and refresh_tokens. Every time is written by the
-- server from its injected clock; every token, state, cookie and code is stored only as its
-- SHA-256 (lower-case hex, the original's convention).

-- Users. An email is no longer a key: a provider that does not vouch for an address gets its own
-- user even when another user has the same address (security-policy OA-11). Verified addresses stay
-- unique, which also makes two simultaneous first logins with one verified address produce one user.
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
ALTER TABLE users
    ADD COLUMN email_verified boolean NOT NULL DEFAULT false,
    ADD COLUMN is_local boolean NOT NULL DEFAULT false;
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT conname FROM pg_constraint WHERE conrelid = 'users'::regclass AND contype = 'u' LOOP
        EXECUTE format('ALTER TABLE users DROP CONSTRAINT %I', r.conname);
    END LOOP;
    FOR r IN SELECT i.indexrelid::regclass::text AS name
               FROM pg_index i
              WHERE i.indrelid = 'users'::regclass AND i.indisunique AND NOT i.indisprimary LOOP
        EXECUTE format('DROP INDEX %s', r.name);
    END LOOP;
END
$$;
CREATE UNIQUE INDEX users_verified_email_key ON users (lower(email)) WHERE email_verified AND deleted_at IS NULL;
-- The single user of local sign-in (integrated mode, single-user installs).
CREATE UNIQUE INDEX users_local_key ON users (is_local) WHERE is_local;

-- OAuth accounts are keyed by (provider, provider_account_id) = the provider's subject (GitHub id,
-- Google sub, Microsoft sub). Provider tokens are used once to read the profile and never kept.
ALTER TABLE oauth_accounts
    DROP COLUMN IF EXISTS access_token,
    DROP COLUMN IF EXISTS refresh_token,
    DROP COLUMN IF EXISTS access_token_expires_at,
    DROP COLUMN IF EXISTS scope;
ALTER TABLE oauth_accounts
    ADD COLUMN email text,
    ADD COLUMN email_verified boolean NOT NULL DEFAULT false,
    ADD COLUMN last_login_at timestamptz;

-- A session is now one login: the family of refresh tokens it started. The original's sessions
-- were 7-day bearer tokens that nothing could revoke; they are not honoured after this migration.
DELETE FROM sessions;
DELETE FROM refresh_tokens;
ALTER TABLE sessions DROP COLUMN IF EXISTS token_hash;
ALTER TABLE sessions
    ADD COLUMN provider text NOT NULL CHECK (provider IN ('github', 'google', 'microsoft', 'local')),
    ADD COLUMN revoked_at timestamptz,
    ADD COLUMN revoke_reason text;
COMMENT ON COLUMN sessions.expires_at IS 'absolute end of the login (30 days)';
COMMENT ON COLUMN sessions.last_activity_at IS 'last login or refresh';

-- Refresh tokens rotate on every use. used_at + successor_id record the rotation, for reuse
-- detection and the leeway that lets the immediately previous token recover a lost response.
-- expires_at is the idle limit (issue time + 7 days, capped by the session's absolute end).
ALTER TABLE refresh_tokens
    ADD COLUMN session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    ADD COLUMN used_at timestamptz,
    ADD COLUMN successor_id uuid REFERENCES refresh_tokens (id) ON DELETE SET NULL;
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);
CREATE UNIQUE INDEX IF NOT EXISTS refresh_tokens_token_hash_key ON refresh_tokens (token_hash);

-- Access tokens (15 minutes), each issued together with one refresh token of a session.
CREATE TABLE access_tokens (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    session_id uuid NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    refresh_token_id uuid REFERENCES refresh_tokens (id) ON DELETE CASCADE,
    token_hash text NOT NULL UNIQUE CONSTRAINT access_tokens_hash_format CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    created_at timestamptz NOT NULL
);
CREATE INDEX access_tokens_session_idx ON access_tokens (session_id);
CREATE INDEX access_tokens_refresh_idx ON access_tokens (refresh_token_id);
CREATE INDEX access_tokens_expires_idx ON access_tokens (expires_at);

-- One login in progress: the upstream state (hashed), PKCE verifier and nonce, the browser-binding
-- cookie (hashed) and, for the native flow, the app's loopback redirect, challenge and state.
CREATE TABLE login_transactions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    state_hash text NOT NULL UNIQUE CONSTRAINT login_transactions_state_format CHECK (state_hash ~ '^[0-9a-f]{64}$'),
    provider text NOT NULL CHECK (provider IN ('github', 'google', 'microsoft')),
    browser_hash text NOT NULL CHECK (browser_hash ~ '^[0-9a-f]{64}$'),
    code_verifier text NOT NULL CHECK (length(code_verifier) BETWEEN 43 AND 128),
    nonce text,
    redirect_uri text,
    code_challenge text,
    app_state text,
    user_agent text,
    expires_at timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT login_transactions_native CHECK ((redirect_uri IS NULL) = (code_challenge IS NULL))
);
CREATE INDEX login_transactions_expires_idx ON login_transactions (expires_at);

-- Native-app handoff codes: single use, 60 s, bound to the PKCE challenge and the redirect URI.
-- session_id is the login a redemption started, revoked if the code is ever presented again.
CREATE TABLE handoff_codes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    code_hash text NOT NULL UNIQUE CONSTRAINT handoff_codes_hash_format CHECK (code_hash ~ '^[0-9a-f]{64}$'),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider text NOT NULL,
    code_challenge text NOT NULL,
    redirect_uri text NOT NULL,
    user_agent text,
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    session_id uuid REFERENCES sessions (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX handoff_codes_expires_idx ON handoff_codes (expires_at);
