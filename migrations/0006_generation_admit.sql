-- Generation admission in one statement (issue 12). Admissions of one user serialise on an advisory
-- lock (so concurrent requests on any replica cannot overshoot the limits); as a client-driven
-- transaction the lock was held for about ten round trips, and a user's concurrent generations
-- queued behind each other for that long. As one function call it is held for the function's own
-- run time. Each statement of a VOLATILE function reads a fresh snapshot (READ COMMITTED), so the
-- checks after the lock see every admission committed before it was granted.
--
-- Arguments are the limits of the calling server (GENERATION_* variables) and its clock. Returns
-- one row: `refusal` NULL and the lease taken, or the limit that refused ('in_flight', 'rate',
-- 'daily', 'upstream_busy') with `since` = the time that limit counts from, and nothing written.
-- Windows are exact durations (60 seconds, 24 hours), not calendar units.
CREATE FUNCTION generation_admit(p_user uuid, p_now timestamptz, p_upstream boolean, p_rate integer,
                                 p_daily integer, p_in_flight integer, p_upstream_max integer,
                                 p_lease uuid, p_lease_expires timestamptz)
RETURNS TABLE (refusal text, since timestamptz)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    n bigint;
    oldest timestamptz;
    edge timestamptz;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('parametric.generation.user:' || p_user::text, 0));

    SELECT count(*), min(l.acquired_at) INTO n, oldest
      FROM generation_leases l WHERE l.user_id = p_user AND l.expires_at > p_now;
    IF n >= p_in_flight THEN
        RETURN QUERY SELECT 'in_flight'::text, oldest;
        RETURN;
    END IF;

    -- The rate-th (daily-th) most recent admission: when it is younger than the window, it is full.
    SELECT a.started_at INTO edge FROM generation_attempts a WHERE a.user_id = p_user
     ORDER BY a.started_at DESC OFFSET p_rate - 1 LIMIT 1;
    IF edge IS NOT NULL AND edge > p_now - interval '60 seconds' THEN
        RETURN QUERY SELECT 'rate'::text, edge;
        RETURN;
    END IF;
    edge := NULL;
    SELECT a.started_at INTO edge FROM generation_attempts a WHERE a.user_id = p_user
     ORDER BY a.started_at DESC OFFSET p_daily - 1 LIMIT 1;
    IF edge IS NOT NULL AND edge > p_now - interval '24 hours' THEN
        RETURN QUERY SELECT 'daily'::text, edge;
        RETURN;
    END IF;

    IF p_upstream THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('parametric.generation.upstream', 0));
        SELECT count(*), min(l.acquired_at) INTO n, oldest
          FROM generation_leases l WHERE l.upstream AND l.expires_at > p_now;
        IF n >= p_upstream_max THEN
            RETURN QUERY SELECT 'upstream_busy'::text, oldest;
            RETURN;
        END IF;
        -- Leases of crashed replicas no longer count; drop them while holding the global lock.
        DELETE FROM generation_leases l WHERE l.upstream AND l.expires_at <= p_now;
    END IF;

    DELETE FROM generation_leases l WHERE l.user_id = p_user AND l.expires_at <= p_now;
    DELETE FROM generation_attempts a WHERE a.user_id = p_user AND a.started_at < p_now - interval '24 hours';
    INSERT INTO generation_attempts (user_id, started_at) VALUES (p_user, p_now);
    INSERT INTO generation_leases (id, user_id, upstream, acquired_at, expires_at)
    VALUES (p_lease, p_user, p_upstream, p_now, p_lease_expires);
    RETURN QUERY SELECT NULL::text, NULL::timestamptz;
END $$;
