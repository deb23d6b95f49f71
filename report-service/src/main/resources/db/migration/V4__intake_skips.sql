-- Gaps an operator closed by skipping the missing events (they were lost upstream, or dead-lettered and cannot be
-- repaired): which sequences were given up, why, and when. The held events after them were then applied.
CREATE TABLE intake_skip (
    aggregate_id  UUID        NOT NULL,
    from_sequence BIGINT      NOT NULL,
    to_sequence   BIGINT      NOT NULL,
    reason        TEXT        NOT NULL,
    skipped_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (aggregate_id, from_sequence)
);
