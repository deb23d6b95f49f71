-- The projections of one generation (世代): everything report-service builds from the event log, created in a schema
-- of its own (gen_1, gen_2, …). Reads and the intake use the active generation; a replay builds the next one beside
-- it and an operator (or the comparison) switches it in. Run with search_path set to the generation's schema, at
-- startup for the active generation and when a replay creates a new one; every statement is idempotent.
-- Shared data (indicator definitions, metric aggregations, the generation and replay records) stays in public.

-- What the intake has applied, written in the same transaction as the projections it changed.
CREATE TABLE IF NOT EXISTS intake_offset (
    topic       TEXT   NOT NULL,
    partition   INT    NOT NULL,
    next_offset BIGINT NOT NULL,
    PRIMARY KEY (topic, partition)
);

-- Per aggregate: the last sequence applied. An event at or below it is a redelivery and changes nothing.
CREATE TABLE IF NOT EXISTS applied_aggregate (
    aggregate_id   UUID        PRIMARY KEY,
    aggregate_type TEXT        NOT NULL,
    last_sequence  BIGINT      NOT NULL,
    last_event_id  UUID        NOT NULL,
    last_event_time TIMESTAMPTZ NOT NULL,
    applied_at     TIMESTAMPTZ NOT NULL
);

-- Events that arrived after a gap in their aggregate's sequence: kept, not applied, until the gap closes.
CREATE TABLE IF NOT EXISTS held_event (
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
CREATE TABLE IF NOT EXISTS inspection_view (
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

-- Every event the intake applied, written in the transaction that applied it: the drill-through's "events a figure is
-- made of", with both clocks: recorded_at (when issue-service recorded the change) and effective_date (when it took
-- effect, if the user said so; a 补录 is effective long before it is recorded).
CREATE TABLE IF NOT EXISTS applied_event (
    event_id       UUID        PRIMARY KEY,
    aggregate_type TEXT        NOT NULL,
    aggregate_id   UUID        NOT NULL,
    sequence       BIGINT      NOT NULL,
    type           TEXT        NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    effective_date DATE,
    actor          TEXT        NOT NULL,
    position       BIGINT,
    applied_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (aggregate_id, sequence)
);

-- Projection: every issue (问题) as it stands now, denormalised for counting by any grouping.
CREATE TABLE IF NOT EXISTS issue_view (
    id                 UUID        PRIMARY KEY,
    inspection_id      UUID        NOT NULL,
    list_key           TEXT        NOT NULL,
    aspect_path        TEXT        NOT NULL,   -- 方面, e.g. 一
    aspect_numbering   TEXT,                   -- as published, e.g. （一）
    aspect_title       TEXT        NOT NULL,
    group_title        TEXT,                   -- an unnumbered group between aspect and category, if any
    category_path      TEXT        NOT NULL,   -- 类, e.g. 一/1
    category_numbering TEXT,
    category_title     TEXT        NOT NULL,
    path               TEXT        NOT NULL,   -- the issue's own path, e.g. 一/1/3
    numbering          TEXT,
    ordinal            INT         NOT NULL,   -- bulletin order within the inspection
    title              TEXT        NOT NULL,
    lead_leaders       TEXT[]      NOT NULL,   -- 牵头领导
    responsible_units  TEXT[]      NOT NULL,   -- 责任单位
    tags               TEXT[]      NOT NULL,
    deadline           DATE,                   -- 完成时限
    status             TEXT        NOT NULL,
    status_label       TEXT,                   -- the bulletin's own words, e.g. 基本完成
    warning            TEXT        NOT NULL,   -- RED / YELLOW / GREEN / NONE, for today in the business zone
    completed_on       DATE,                   -- effective date it became COMPLETED (or CLOSED); null while open
    last_progress_date DATE,
    created_on         DATE        NOT NULL,   -- effective date of its creation
    reopened           INT         NOT NULL,   -- how often a 回头看 reopened it
    sequence           BIGINT      NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS issue_view_place ON issue_view (inspection_id, list_key, path);
CREATE INDEX IF NOT EXISTS issue_view_status ON issue_view (status);
CREATE INDEX IF NOT EXISTS issue_view_units ON issue_view USING gin (responsible_units);
CREATE INDEX IF NOT EXISTS issue_view_leaders ON issue_view USING gin (lead_leaders);
CREATE INDEX IF NOT EXISTS issue_view_tags ON issue_view USING gin (tags);

-- Every status an issue entered, with both clocks: the history behind on-time answers and, later, answers as of a date.
CREATE TABLE IF NOT EXISTS issue_status_history (
    issue_id       UUID        NOT NULL,
    sequence       BIGINT      NOT NULL,
    event_id       UUID        NOT NULL,
    from_status    TEXT,                       -- null when the issue was created
    to_status      TEXT        NOT NULL,
    transition     TEXT        NOT NULL,       -- START, COMPLETE, CLOSE, RETURN, REOPEN, … or CREATE
    reason         TEXT,
    effective_date DATE        NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (issue_id, sequence)
);

-- Reading facts (数据): every figure of every progress report, exact, in base units. The same fact reported under two
-- issues is two rows here; indicators count it once (same metric, dimensions, as-of date and value).
CREATE TABLE IF NOT EXISTS reading_fact (
    event_id       UUID        NOT NULL,
    ordinal        INT         NOT NULL,       -- position in the report's readings
    issue_id       UUID        NOT NULL,
    inspection_id  UUID        NOT NULL,
    report_id      UUID        NOT NULL,
    metric         TEXT        NOT NULL,
    dimensions     JSONB       NOT NULL,
    value          NUMERIC,                    -- null for 若干 (no number)
    unit           TEXT        NOT NULL,
    kind           TEXT        NOT NULL,       -- MONEY, COUNT, RATE, DIFFERENCE_OF_RATES, …
    qualifier      TEXT        NOT NULL,       -- EXACT, AT_LEAST, APPROXIMATE, UNSPECIFIED
    forecast       BOOLEAN     NOT NULL,       -- 预计
    change         BOOLEAN     NOT NULL,       -- a change (下降0.05个百分点), not a level
    stated_value   NUMERIC,
    stated_unit    TEXT,
    display        TEXT,
    source_text    TEXT,
    parts          JSONB,                      -- a stated rate's numerator and denominator, when printed
    as_of          DATE        NOT NULL,       -- the date the figure is true at
    effective_date DATE        NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (event_id, ordinal)
);
CREATE INDEX IF NOT EXISTS reading_fact_metric ON reading_fact (metric, as_of);
CREATE INDEX IF NOT EXISTS reading_fact_issue ON reading_fact (issue_id);

-- Gaps an operator closed by skipping the missing events (they were lost upstream, or dead-lettered and cannot be
-- repaired): which sequences were given up, why, and when. The held events after them were then applied.
CREATE TABLE IF NOT EXISTS intake_skip (
    aggregate_id  UUID        NOT NULL,
    from_sequence BIGINT      NOT NULL,
    to_sequence   BIGINT      NOT NULL,
    reason        TEXT        NOT NULL,
    skipped_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (aggregate_id, from_sequence)
);
