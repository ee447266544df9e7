-- The original's eight tables (users, assets, sessions, oauth_accounts, refresh_tokens, api_keys,
-- organizations, organization_members) with its column names, checks and cascade rules, minus its
-- defects:
--   * no now() in index predicates (PostgreSQL rejects them: not IMMUTABLE); expiry is filtered in
--     queries with the server's clock bound as a parameter;
--   * uniqueness of soft-deletable rows (users.email, organizations.slug) holds among live rows only,
--     so a deleted account or organization does not block its address or slug forever;
--   * emails compare case-insensitively (unique on lower(email));
--   * hashes are lower-case hex (what the server writes), not any-case;
--   * no index duplicating a UNIQUE constraint's own index.
-- gen_random_uuid() is built into PostgreSQL 13+, so no extension is needed.
-- Applied migrations are never edited: later changes go into new files (0002_…, 0003_…).

CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email text NOT NULL CONSTRAINT email_format CHECK (position('@' IN email) > 1),
    version integer NOT NULL DEFAULT 0 CHECK (version >= 0),
    deleted_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
-- One live user per address, whatever its case.
CREATE UNIQUE INDEX users_email_active_key ON users (lower(email)) WHERE deleted_at IS NULL;

CREATE TABLE assets (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- An account deletion keeps the icons (anonymous) rather than destroying them.
    user_id uuid REFERENCES users (id) ON DELETE SET NULL,
    prompt text NOT NULL CONSTRAINT prompt_not_empty CHECK (length(trim(prompt)) > 0),
    svg text NOT NULL CONSTRAINT svg_not_empty CHECK (length(trim(svg)) > 0),
    metadata jsonb CONSTRAINT metadata_object CHECK (metadata IS NULL OR jsonb_typeof(metadata) = 'object'),
    version integer NOT NULL DEFAULT 0 CHECK (version >= 0),
    deleted_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
-- A user's live icons, newest first (the history list).
CREATE INDEX idx_assets_user_id ON assets (user_id, created_at DESC) WHERE deleted_at IS NULL;
CREATE INDEX idx_assets_created_at ON assets (created_at DESC) WHERE deleted_at IS NULL;

CREATE TABLE sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash text NOT NULL UNIQUE CONSTRAINT token_hash_format CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    expires_at timestamptz NOT NULL,
    ip_address text,
    user_agent text,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_activity_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT expires_at_future CHECK (expires_at > created_at)
);
CREATE INDEX idx_sessions_user_id ON sessions (user_id);
-- Purging expired sessions (WHERE expires_at < $now) without a full scan.
CREATE INDEX idx_sessions_expires_at ON sessions (expires_at);

CREATE TABLE oauth_accounts (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    provider text NOT NULL CHECK (provider IN ('google', 'github', 'microsoft')),
    provider_account_id text NOT NULL CHECK (length(provider_account_id) > 0),
    access_token text NOT NULL,
    refresh_token text,
    access_token_expires_at timestamptz,
    scope text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT oauth_accounts_provider_account_key UNIQUE (provider, provider_account_id)
);
CREATE INDEX idx_oauth_accounts_user_id ON oauth_accounts (user_id);

CREATE TABLE refresh_tokens (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash text NOT NULL UNIQUE CONSTRAINT token_hash_format_refresh CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
-- "Revoke every live token of a user" touches only the live ones.
CREATE INDEX idx_refresh_tokens_user_id ON refresh_tokens (user_id) WHERE revoked_at IS NULL;
CREATE INDEX idx_refresh_tokens_expires_at ON refresh_tokens (expires_at);

CREATE TABLE api_keys (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name text NOT NULL CONSTRAINT name_not_empty CHECK (length(trim(name)) > 0),
    key_hash text NOT NULL UNIQUE CONSTRAINT key_hash_format CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    expires_at timestamptz, -- NULL: never expires
    last_used_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_api_keys_user_id ON api_keys (user_id, created_at DESC);

CREATE TABLE organizations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL CONSTRAINT name_not_empty CHECK (length(trim(name)) > 0),
    slug text NOT NULL CONSTRAINT slug_format CHECK (slug ~ '^[a-z0-9-]+$'),
    version integer NOT NULL DEFAULT 0 CHECK (version >= 0),
    deleted_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organizations_slug_active_key ON organizations (slug) WHERE deleted_at IS NULL;

CREATE TABLE organization_members (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    version integer NOT NULL DEFAULT 0 CHECK (version >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT organization_members_org_user_key UNIQUE (organization_id, user_id)
);
CREATE INDEX idx_organization_members_user_id ON organization_members (user_id);
