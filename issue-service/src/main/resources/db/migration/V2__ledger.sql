-- 巡察: one inspection round. Its feedback tree (lists → aspects → groups → categories) is part of the aggregate
-- and kept as JSON; issues reference it by list key and numbering path.
CREATE TABLE inspection (
    id                   UUID PRIMARY KEY,
    team                 TEXT        NOT NULL,
    target_unit          TEXT        NOT NULL,
    kinds                TEXT        NOT NULL,   -- comma-separated InspectionKind names
    special_theme        TEXT,
    on_site_from         DATE,
    on_site_to           DATE,
    feedback_date        DATE        NOT NULL,
    declared_aspects     INT,
    declared_categories  INT,
    declared_issues      INT,
    declared_suggestions INT,
    lists                JSONB       NOT NULL,
    sequence             BIGINT      NOT NULL,   -- last journal sequence: the ETag
    created_at           TIMESTAMPTZ NOT NULL,
    CONSTRAINT inspection_identity UNIQUE (team, target_unit, feedback_date)
);
