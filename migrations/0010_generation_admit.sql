-- Generation admission in one statement (issue 12). Admissions of one user serialise on an advisory
-- lock (so concurrent requests on any replica cannot overshoot the limits); as a client-driven
-- transaction the lock was held for about ten round trips, and a user's concurrent generations
-- queued behind each other for that long. As one function call it is held for the function's own
-- run time. Each statement of a VOLATILE function reads a fresh snapshot (READ COMMITTED), so the
-- checks after the lock see every admission committed before it was granted.
--
-- The rules are those of migration 0007: the per-user rate and daily cap count admissions of the
-- same kind of generator (built-in or upstream); upstream admissions also meet the concurrency cap
-- and the daily budget of all users together. The local user (local sign-in, nothing shared) gets no
-- per-user limit and no budget, and its admissions are not recorded; only the upstream concurrency
-- cap applies to it, which protects the upstream API rather than counting its cost. Locks are taken
-- user first, then global, so two admissions cannot deadlock.
--
-- Arguments are the limits of the calling server for this kind of generator (GENERATION_* and
-- GENERATION_BUILTIN_* variables) and its clock. Returns one row: `refusal` NULL and the lease
-- taken, or the limit that refused ('in_flight', 'rate', 'daily', 'upstream_busy', 'budget') with
-- `since` = the time that limit counts from, and nothing written. Windows are exact durations
-- (60 seconds, 24 hours), not calendar units.
CREATE FUNCTION generation_admit(p_user uuid, p_now timestamptz, p_upstream boolean, p_rate integer,
                                 p_daily integer, p_budget integer, p_in_flight integer,
                                 p_upstream_max integer, p_lease uuid, p_lease_expires timestamptz)
RETURNS TABLE (refusal text, since timestamptz)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    n bigint;
    oldest timestamptz;
    edge timestamptz;
    local_user boolean;
BEGIN
    local_user := EXISTS (SELECT 1 FROM users u
                           WHERE u.id = p_user AND u.deleted_at IS NULL AND u.is_local);

    IF NOT local_user THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('parametric.generation.user:' || p_user::text, 0));

        SELECT count(*), min(l.acquired_at) INTO n, oldest
          FROM generation_leases l WHERE l.user_id = p_user AND l.expires_at > p_now;
        IF n >= p_in_flight THEN
            RETURN QUERY SELECT 'in_flight'::text, oldest;
            RETURN;
        END IF;

        -- The rate-th (daily-th) most recent admission of this kind: when it is younger than the
        -- window, the window is full.
        SELECT a.started_at INTO edge FROM generation_attempts a
         WHERE a.user_id = p_user AND a.upstream = p_upstream
         ORDER BY a.started_at DESC OFFSET p_rate - 1 LIMIT 1;
        IF edge IS NOT NULL AND edge > p_now - interval '60 seconds' THEN
            RETURN QUERY SELECT 'rate'::text, edge;
            RETURN;
        END IF;
        edge := NULL;
        SELECT a.started_at INTO edge FROM generation_attempts a
         WHERE a.user_id = p_user AND a.upstream = p_upstream
         ORDER BY a.started_at DESC OFFSET p_daily - 1 LIMIT 1;
        IF edge IS NOT NULL AND edge > p_now - interval '24 hours' THEN
            RETURN QUERY SELECT 'daily'::text, edge;
            RETURN;
        END IF;
    END IF;

    IF p_upstream THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('parametric.generation.upstream', 0));
        SELECT count(*), min(l.acquired_at) INTO n, oldest
          FROM generation_leases l WHERE l.upstream AND l.expires_at > p_now;
        IF n >= p_upstream_max THEN
            RETURN QUERY SELECT 'upstream_busy'::text, oldest;
            RETURN;
        END IF;
        IF NOT local_user THEN
            edge := NULL;
            SELECT a.started_at INTO edge FROM generation_attempts a WHERE a.upstream
             ORDER BY a.started_at DESC OFFSET p_budget - 1 LIMIT 1;
            IF edge IS NOT NULL AND edge > p_now - interval '24 hours' THEN
                RETURN QUERY SELECT 'budget'::text, edge;
                RETURN;
            END IF;
        END IF;
        -- Leases of crashed replicas no longer count; drop them while holding the global lock.
        DELETE FROM generation_leases l WHERE l.upstream AND l.expires_at <= p_now;
    END IF;

    DELETE FROM generation_leases l WHERE l.user_id = p_user AND l.expires_at <= p_now;
    IF NOT local_user THEN
        DELETE FROM generation_attempts a
         WHERE a.user_id = p_user AND a.started_at < p_now - interval '24 hours';
        INSERT INTO generation_attempts (user_id, started_at, upstream) VALUES (p_user, p_now, p_upstream);
    END IF;
    INSERT INTO generation_leases (id, user_id, upstream, acquired_at, expires_at)
    VALUES (p_lease, p_user, p_upstream, p_now, p_lease_expires);
    RETURN QUERY SELECT NULL::text, NULL::timestamptz;
END $$;
