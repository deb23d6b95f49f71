-- The journal is the outbox: every state change of an aggregate writes one row here in the same transaction.
CREATE TABLE journal (
    position        BIGINT PRIMARY KEY,              -- global order, gap-free, assigned at commit order
    event_id        UUID        NOT NULL UNIQUE,
    event_type      TEXT        NOT NULL,
    aggregate_type  TEXT        NOT NULL,
    aggregate_id    UUID        NOT NULL,
    sequence        BIGINT      NOT NULL CHECK (sequence > 0),
    recorded_at     TIMESTAMPTZ NOT NULL,
    effective_date  DATE,                            -- when the user gave one (补录 is allowed)
    actor           TEXT        NOT NULL,
    payload         JSONB       NOT NULL,
    published_at    TIMESTAMPTZ,                     -- set by the relay once the broker acknowledged it
    UNIQUE (aggregate_id, sequence)
);
CREATE INDEX journal_unpublished ON journal (position) WHERE published_at IS NULL;

-- One row: the last position handed out. Taking it row-locks until commit, so positions commit in order and a
-- reader of GET /api/journal?after=N never misses a row that commits later with a smaller position.
CREATE TABLE journal_position (
    id   INT PRIMARY KEY CHECK (id = 1),
    last BIGINT NOT NULL
);
INSERT INTO journal_position (id, last) VALUES (1, 0);

-- Append-only: rows are never deleted and only their publication mark may change.
CREATE FUNCTION journal_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'journal is append-only';
    END IF;
    IF (NEW.position, NEW.event_id, NEW.event_type, NEW.aggregate_type, NEW.aggregate_id, NEW.sequence,
        NEW.recorded_at, NEW.effective_date, NEW.actor, NEW.payload)
       IS DISTINCT FROM
       (OLD.position, OLD.event_id, OLD.event_type, OLD.aggregate_type, OLD.aggregate_id, OLD.sequence,
        OLD.recorded_at, OLD.effective_date, OLD.actor, OLD.payload) THEN
        RAISE EXCEPTION 'journal is append-only: only published_at may change';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE ON journal
    FOR EACH ROW EXECUTE FUNCTION journal_append_only();
