-- Writers no longer share a lock: a journal row is inserted without a position (its id, from a sequence, only breaks
-- ties), and one sequencer at a time gives the committed rows without a position the next positions, in id order, in
-- one statement per batch (journal.Sequencer). Only committed rows are visible to it and its transactions follow one
-- another, so positions are still gap-free and become visible in order: a reader of GET /api/journal?after=N never
-- misses a row. journal_position stays the last position handed out, now written by the sequencer alone.
DROP TRIGGER journal_append_only ON journal;

ALTER TABLE journal ADD COLUMN id BIGINT;
UPDATE journal SET id = position;
CREATE SEQUENCE journal_id_seq AS BIGINT OWNED BY journal.id;
SELECT setval('journal_id_seq', coalesce((SELECT max(id) FROM journal), 0) + 1, false);
ALTER TABLE journal ALTER COLUMN id SET DEFAULT nextval('journal_id_seq'),
                    ALTER COLUMN id SET NOT NULL,
                    DROP CONSTRAINT journal_pkey,
                    ADD PRIMARY KEY (id),
                    ALTER COLUMN position DROP NOT NULL,
                    ADD CONSTRAINT journal_position_unique UNIQUE (position);
CREATE INDEX journal_unsequenced ON journal (id) WHERE position IS NULL;

-- What the relay has published: a cursor (one row, one UPDATE per batch) instead of a mark on every journal row, so
-- the journal is insert-only. It starts before the first row the relay had not published yet (rows published again
-- after it are dropped by consumers, by aggregate and sequence).
CREATE TABLE journal_published (
    id   INT PRIMARY KEY CHECK (id = 1),
    last BIGINT NOT NULL
);
INSERT INTO journal_published (id, last)
SELECT 1, coalesce((SELECT min(position) - 1 FROM journal WHERE published_at IS NULL),
                   (SELECT last FROM journal_position WHERE id = 1));

-- Ranges an operator asked to publish again (POST /api/journal/republish); the relay sends them before new rows and
-- moves next_position on as the broker acknowledges, deleting a range when it is done.
CREATE TABLE journal_republish (
    id            BIGSERIAL PRIMARY KEY,
    next_position BIGINT NOT NULL,
    to_position   BIGINT NOT NULL
);

DROP INDEX journal_unpublished;
ALTER TABLE journal DROP COLUMN published_at;

-- Append-only: rows are never deleted, and the only change is the position the sequencer gives a row once.
CREATE OR REPLACE FUNCTION journal_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'journal is append-only';
    END IF;
    IF OLD.position IS NOT NULL OR NEW.position IS NULL
       OR (NEW.id, NEW.event_id, NEW.event_type, NEW.aggregate_type, NEW.aggregate_id, NEW.sequence,
           NEW.recorded_at, NEW.effective_date, NEW.actor, NEW.payload)
          IS DISTINCT FROM
          (OLD.id, OLD.event_id, OLD.event_type, OLD.aggregate_type, OLD.aggregate_id, OLD.sequence,
           OLD.recorded_at, OLD.effective_date, OLD.actor, OLD.payload) THEN
        RAISE EXCEPTION 'journal is append-only: only a missing position may be set, once';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE ON journal
    FOR EACH ROW EXECUTE FUNCTION journal_append_only();
