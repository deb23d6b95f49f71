-- What the intake has applied, written in the same transaction as the projections it changed.
CREATE TABLE intake_offset (
    topic       TEXT   NOT NULL,
    partition   INT    NOT NULL,
    next_offset BIGINT NOT NULL,
    PRIMARY KEY (topic, partition)
);

-- Per aggregate: the last sequence applied. An event at or below it is a redelivery and changes nothing.
CREATE TABLE applied_aggregate (
    aggregate_id   UUID        PRIMARY KEY,
    aggregate_type TEXT        NOT NULL,
    last_sequence  BIGINT      NOT NULL,
    last_event_id  UUID        NOT NULL,
    last_event_time TIMESTAMPTZ NOT NULL,
    applied_at     TIMESTAMPTZ NOT NULL
);

-- Events that arrived after a gap in their aggregate's sequence: kept, not applied, until the gap closes.
CREATE TABLE held_event (
    aggregate_id UUID        NOT NULL,
    sequence     BIGINT      NOT NULL,
    event        JSONB       NOT NULL,
    source_topic TEXT        NOT NULL,
    source_partition INT     NOT NULL,
    source_offset BIGINT     NOT NULL,
    held_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (aggregate_id, sequence)
);

-- Projection: inspections (巡察) as last seen.
CREATE TABLE inspection_view (
    id                   UUID PRIMARY KEY,
    team                 TEXT        NOT NULL,
    target_unit          TEXT        NOT NULL,
    kinds                TEXT        NOT NULL,
    special_theme        TEXT,
    feedback_date        DATE        NOT NULL,
    declared_aspects     INT,
    declared_categories  INT,
    declared_issues      INT,
    declared_suggestions INT,
    lists                JSONB       NOT NULL,
    sequence             BIGINT      NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL
);
