-- Icons: variants, library flags, prompt search and the generation limits.
-- Builds on 0001 (assets). Times are written by the server from its injected clock.

-- Trusted extensions (PostgreSQL 13+): the database owner may create them. pg_trgm makes
-- `q=` substring search indexable; btree_gin lets that index lead with user_id.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gin;

-- Every variant of an asset is kept in one JSON array [{id, name, svg, warnings[]}] owned by the row:
-- variants are always read and written together with their asset, and the list query stays a
-- single-table index scan. `svg` keeps the first variant so the original's {id, svg} contract holds.
ALTER TABLE assets
    ADD COLUMN variants jsonb NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN favorite boolean NOT NULL DEFAULT false,
    ADD COLUMN source text NOT NULL DEFAULT 'generated',
    ADD COLUMN intent text NOT NULL DEFAULT 'create',
    ADD COLUMN color_mode text NOT NULL DEFAULT 'dark',
    ADD COLUMN selected_variant integer NOT NULL DEFAULT 0;

-- Rows written before this migration get their one svg as their only variant.
UPDATE assets
   SET variants = jsonb_build_array(jsonb_build_object(
           'id', id::text, 'name', left(prompt, 200), 'svg', svg, 'warnings', '[]'::jsonb))
 WHERE variants = '[]'::jsonb;

ALTER TABLE assets
    ADD CONSTRAINT assets_variants_array
        CHECK (jsonb_typeof(variants) = 'array' AND jsonb_array_length(variants) BETWEEN 1 AND 3),
    ADD CONSTRAINT assets_source_check CHECK (source IN ('generated', 'imported')),
    ADD CONSTRAINT assets_intent_check CHECK (intent IN ('create', 'refine')),
    ADD CONSTRAINT assets_color_mode_check CHECK (color_mode IN ('dark', 'light')),
    ADD CONSTRAINT assets_selected_variant_check
        CHECK (selected_variant >= 0 AND selected_variant < jsonb_array_length(variants));

-- History (newest first, stable tie-break on id) and the favourites filter, live rows only. The
-- history index supersedes 0001's (user_id, created_at DESC), which had no tie-break.
DROP INDEX IF EXISTS idx_assets_user_id;
CREATE INDEX assets_user_history_idx ON assets (user_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL;
CREATE INDEX assets_user_favorites_idx ON assets (user_id, created_at DESC, id DESC)
    WHERE deleted_at IS NULL AND favorite;
-- q= search: case-insensitive substring (ILIKE) on the prompt, within one user's live rows.
CREATE INDEX assets_user_prompt_trgm_idx ON assets USING gin (user_id, prompt gin_trgm_ops)
    WHERE deleted_at IS NULL;

-- Per-user totals for the history list: counting a user's 10,000 rows on every page would cost far
-- more than reading the page itself. Statement-level triggers keep them exact for every writer
-- (the API, migrations, bulk loads) in the writer's own transaction.
CREATE TABLE asset_counts (
    user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    live bigint NOT NULL DEFAULT 0 CHECK (live >= 0),
    favorites bigint NOT NULL DEFAULT 0 CHECK (favorites >= 0)
);

CREATE FUNCTION assets_count_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO asset_counts AS c (user_id, live, favorites)
    SELECT n.user_id, count(*), count(*) FILTER (WHERE n.favorite)
      FROM new_rows n JOIN users u ON u.id = n.user_id
     WHERE n.deleted_at IS NULL
     GROUP BY n.user_id ORDER BY n.user_id
    ON CONFLICT (user_id) DO UPDATE
       SET live = c.live + excluded.live, favorites = c.favorites + excluded.favorites;
    RETURN NULL;
END $$;

CREATE FUNCTION assets_count_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE asset_counts c SET live = c.live - d.live, favorites = c.favorites - d.favorites
      FROM (SELECT o.user_id, count(*) AS live, count(*) FILTER (WHERE o.favorite) AS favorites
              FROM old_rows o WHERE o.deleted_at IS NULL GROUP BY o.user_id) d
     WHERE c.user_id = d.user_id;
    RETURN NULL;
END $$;

-- Soft delete, restore, favourite changes and ownership changes (ON DELETE SET NULL) all land here.
-- Existing counters are updated in place; only users without one get an upsert (their delta is
-- positive), because INSERT checks its candidate row's constraints even when it then conflicts.
CREATE FUNCTION assets_count_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    WITH deltas AS (
        SELECT d.user_id, sum(d.live) AS live, sum(d.favorites) AS favorites
          FROM (SELECT o.user_id, -1 AS live, -o.favorite::int AS favorites
                  FROM old_rows o WHERE o.deleted_at IS NULL
                UNION ALL
                SELECT n.user_id, 1, n.favorite::int
                  FROM new_rows n WHERE n.deleted_at IS NULL) d
          JOIN users u ON u.id = d.user_id
         GROUP BY d.user_id
        HAVING sum(d.live) <> 0 OR sum(d.favorites) <> 0
    ), updated AS (
        UPDATE asset_counts c SET live = c.live + deltas.live, favorites = c.favorites + deltas.favorites
          FROM deltas WHERE c.user_id = deltas.user_id
        RETURNING c.user_id
    )
    INSERT INTO asset_counts AS c (user_id, live, favorites)
    SELECT deltas.user_id, deltas.live, deltas.favorites FROM deltas
     WHERE deltas.user_id NOT IN (SELECT user_id FROM updated)
     ORDER BY deltas.user_id
    ON CONFLICT (user_id) DO UPDATE
       SET live = c.live + excluded.live, favorites = c.favorites + excluded.favorites;
    RETURN NULL;
END $$;

CREATE TRIGGER assets_count_insert AFTER INSERT ON assets
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION assets_count_insert();
CREATE TRIGGER assets_count_delete AFTER DELETE ON assets
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION assets_count_delete();
CREATE TRIGGER assets_count_update AFTER UPDATE ON assets
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION assets_count_update();
-- TRUNCATE fires no DELETE trigger; it empties the totals with the rows.
CREATE FUNCTION assets_count_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM asset_counts;
    RETURN NULL;
END $$;
CREATE TRIGGER assets_count_truncate AFTER TRUNCATE ON assets
    FOR EACH STATEMENT EXECUTE FUNCTION assets_count_truncate();

INSERT INTO asset_counts (user_id, live, favorites)
SELECT user_id, count(*), count(*) FILTER (WHERE favorite)
  FROM assets WHERE deleted_at IS NULL AND user_id IS NOT NULL
 GROUP BY user_id;

-- Generation admissions (rate and daily cap). One row per admitted generation, whatever its
-- outcome, because failed generations cost upstream calls too. Rows older than a day are pruned.
CREATE TABLE generation_attempts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    started_at timestamptz NOT NULL
);
CREATE INDEX generation_attempts_user_idx ON generation_attempts (user_id, started_at);

-- Generations in flight. A lease, not a counter: a replica that crashes mid-generation leaves a
-- row that simply stops counting once it expires.
CREATE TABLE generation_leases (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    upstream boolean NOT NULL,
    acquired_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    CONSTRAINT generation_leases_expiry CHECK (expires_at > acquired_at)
);
CREATE INDEX generation_leases_user_idx ON generation_leases (user_id, expires_at);
CREATE INDEX generation_leases_upstream_idx ON generation_leases (expires_at) WHERE upstream;
