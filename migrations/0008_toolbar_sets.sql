-- Toolbar sets: a user's named groups of icons (a plugin's toolbar), each with one style (the ink of
-- its toolbar). Membership is a separate table so an icon can sit in several sets and keep its own
-- ink in history; a set's icons are drawn in the set's ink when the set is read or exported.
CREATE TABLE toolbar_sets (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    color_mode text NOT NULL DEFAULT 'dark' CHECK (color_mode IN ('dark', 'light')),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
-- One set of a name per user, whatever its case ("Mesh tools" and "mesh tools" would export alike).
CREATE UNIQUE INDEX toolbar_sets_user_name_idx ON toolbar_sets (user_id, lower(name));

CREATE TABLE toolbar_set_icons (
    set_id uuid NOT NULL REFERENCES toolbar_sets (id) ON DELETE CASCADE,
    asset_id uuid NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    position integer NOT NULL CHECK (position >= 0),
    PRIMARY KEY (set_id, asset_id),
    UNIQUE (set_id, position)
);
CREATE INDEX toolbar_set_icons_asset_idx ON toolbar_set_icons (asset_id);
