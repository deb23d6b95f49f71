-- The W3C trace context (traceparent) of the request that made the change, when tracing is on: the relay sends it
-- with the event as the CloudEvents attribute traceparent, so that one trace runs from the HTTP write to
-- report-service's intake. Null for rows written before, without tracing, or outside a request.
ALTER TABLE journal ADD COLUMN traceparent TEXT
    CHECK (traceparent ~ '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$');

-- Written once with its row, like everything of a journal row but its publication mark (a trigger of its own, so
-- that the append-only trigger of V1 stays as it is).
CREATE FUNCTION journal_traceparent_fixed() RETURNS trigger AS $$
BEGIN
    IF NEW.traceparent IS DISTINCT FROM OLD.traceparent THEN
        RAISE EXCEPTION 'journal is append-only: its traceparent never changes';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER journal_traceparent_fixed BEFORE UPDATE OF traceparent ON journal
    FOR EACH ROW EXECUTE FUNCTION journal_traceparent_fixed();
