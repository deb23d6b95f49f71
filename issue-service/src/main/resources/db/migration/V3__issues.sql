-- 问题: the unit of tracking, a leaf of an inspection's feedback tree.
CREATE TABLE issue (
    id                  UUID PRIMARY KEY,
    inspection_id       UUID        NOT NULL REFERENCES inspection (id),
    list_key            TEXT        NOT NULL,
    aspect_path         TEXT        NOT NULL,
    group_title         TEXT,
    category_path       TEXT        NOT NULL,
    path                TEXT        NOT NULL,   -- unique within the list: the published numbering
    numbering           TEXT,                   -- as published, e.g. （3）; null when the category is the issue
    ordinal             INT         NOT NULL,   -- order of creation within the inspection: bulletin order
    title               TEXT        NOT NULL,
    description         TEXT,
    lead_leaders        TEXT[]      NOT NULL DEFAULT '{}',
    responsible_units   TEXT[]      NOT NULL DEFAULT '{}',
    tags                TEXT[]      NOT NULL DEFAULT '{}',
    deadline            DATE,
    status              TEXT        NOT NULL,
    status_label        TEXT,                   -- the bulletin's own words, e.g. 基本完成
    completed_by        TEXT,                   -- who reported completion: may not also close it
    last_progress_date  DATE,
    sequence            BIGINT      NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    CONSTRAINT issue_path UNIQUE (inspection_id, list_key, path)
);
CREATE INDEX issue_inspection ON issue (inspection_id, ordinal);
CREATE INDEX issue_status ON issue (status);
CREATE INDEX issue_deadline ON issue (deadline);
CREATE INDEX issue_units ON issue USING gin (responsible_units);
CREATE INDEX issue_leaders ON issue USING gin (lead_leaders);
CREATE INDEX issue_tags ON issue USING gin (tags);

-- 整改措施: actions taken for an issue, in order.
CREATE TABLE measure (
    id             UUID PRIMARY KEY,
    issue_id       UUID        NOT NULL REFERENCES issue (id),
    ordinal        INT         NOT NULL,
    text           TEXT        NOT NULL,
    effective_date DATE,
    recorded_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (issue_id, ordinal)
);

-- 整改成效/进展: dated text about an issue with its readings (figures).
CREATE TABLE progress_report (
    id          UUID PRIMARY KEY,
    issue_id    UUID        NOT NULL REFERENCES issue (id),
    as_of       DATE        NOT NULL,
    text        TEXT        NOT NULL,
    readings    JSONB       NOT NULL,
    actor       TEXT        NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    sequence    BIGINT      NOT NULL
);
CREATE INDEX progress_report_issue ON progress_report (issue_id, as_of);

-- Idempotency-Key: the first answer to a POST, replayed for a retry with the same key and body.
CREATE TABLE idempotency_key (
    actor        TEXT        NOT NULL,
    key          TEXT        NOT NULL,
    fingerprint  TEXT        NOT NULL,   -- method, path and a hash of the body
    status       INT         NOT NULL,
    etag         TEXT,
    location     TEXT,
    body         TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (actor, key)
);
