-- The definitions' clock (issue 16): a number that moves with every committed change to what an indicator's answer
-- is computed by but that no generation holds (the indicators, their versions, the metrics' aggregation rules), so
-- that an instance can remember answers until either this clock or the generation's change_clock moves. Statement
-- triggers move it, whatever code writes: one rule, in one place. The update holds the row until commit, so
-- definition changes commit in the order of their numbers (they are rare: an office edits an indicator by hand).
-- Per row, so that a statement that changes nothing (the built-ins' INSERT … ON CONFLICT DO NOTHING at every start)
-- moves nothing; TRUNCATE, which has no rows, per statement.
CREATE TABLE definition_clock (
    n BIGINT NOT NULL
);
INSERT INTO definition_clock (n) VALUES (0);

CREATE FUNCTION definition_changed() RETURNS trigger AS $$
BEGIN
    UPDATE public.definition_clock SET n = n + 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER indicator_changed AFTER INSERT OR UPDATE OR DELETE ON indicator
    FOR EACH ROW EXECUTE FUNCTION definition_changed();
CREATE TRIGGER indicator_truncated AFTER TRUNCATE ON indicator
    FOR EACH STATEMENT EXECUTE FUNCTION definition_changed();
CREATE TRIGGER indicator_version_changed AFTER INSERT OR UPDATE OR DELETE ON indicator_version
    FOR EACH ROW EXECUTE FUNCTION definition_changed();
CREATE TRIGGER indicator_version_truncated AFTER TRUNCATE ON indicator_version
    FOR EACH STATEMENT EXECUTE FUNCTION definition_changed();
CREATE TRIGGER metric_aggregation_changed AFTER INSERT OR UPDATE OR DELETE ON metric_aggregation
    FOR EACH ROW EXECUTE FUNCTION definition_changed();
CREATE TRIGGER metric_aggregation_truncated AFTER TRUNCATE ON metric_aggregation
    FOR EACH STATEMENT EXECUTE FUNCTION definition_changed();
