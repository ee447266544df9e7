-- Limits that fit the generator (issue 9 point 5) and the daily budget of paid upstream calls
-- (security policy RL-3), plus the import limits (issue 11 point 5).
--
-- An admission now records whether it called a paid upstream (Anthropic): the per-user limits of the
-- built-in generator and of upstream generators are counted apart, and the global daily budget counts
-- upstream admissions only. Rows from before this migration are unknown; counting them as upstream
-- errs on the side of the budget and ages out within a day.
ALTER TABLE generation_attempts ADD COLUMN upstream boolean NOT NULL DEFAULT true;
DROP INDEX generation_attempts_user_idx;
CREATE INDEX generation_attempts_user_idx ON generation_attempts (user_id, upstream, started_at);
CREATE INDEX generation_attempts_upstream_idx ON generation_attempts (started_at) WHERE upstream;

-- Imports per user and minute, deleted ones included (a delete must not reopen the rate).
CREATE INDEX assets_user_imports_idx ON assets (user_id, created_at) WHERE source = 'imported';
