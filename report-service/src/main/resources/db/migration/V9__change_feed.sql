-- The change feed's reader (issue 16): the clock of a generation (the active one when target is null) and its logged
-- changes after a number, read in ONE statement and so in one snapshot: a row the answer lacks was not committed when
-- the clock was read. STABLE, so the dynamic query inside runs in the calling statement's snapshot too. Answers one row
-- per change (n, aggregate_ids) in order, each with the schema and its clock, or one row with null n and ids when
-- there is none (max_rows 0: the clock alone). The tables are per generation (db/generation/projection.sql).
CREATE FUNCTION public.change_feed(target TEXT, after BIGINT, max_rows INT)
RETURNS TABLE (feed_schema TEXT, feed_clock BIGINT, log_n BIGINT, log_ids UUID[])
LANGUAGE plpgsql STABLE AS $f$
DECLARE
    s TEXT := coalesce(target, (SELECT g.schema_name FROM public.generation g WHERE g.state = 'ACTIVE'));
BEGIN
    IF s IS NULL OR s !~ '^gen_[1-9][0-9]{0,8}$' THEN
        RAISE EXCEPTION 'not a generation schema: %', s USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY EXECUTE format(
        'SELECT CAST(%L AS text), c.n, l.n, l.aggregate_ids FROM %I.change_clock c '
        || 'LEFT JOIN LATERAL (SELECT n, aggregate_ids FROM %I.change_log WHERE n > $1 ORDER BY n LIMIT $2) l ON TRUE '
        || 'ORDER BY l.n', s, s, s)
        USING after, max_rows;
END
$f$;
