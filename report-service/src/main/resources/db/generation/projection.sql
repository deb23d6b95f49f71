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
    applied_at     TIMESTAMPTZ NOT NULL
);
-- One event per aggregate and sequence, and the drill-through's events of its issues (issue 16): their first page is
-- picked from this index alone (an index-only scan: the page's order and both clocks' conditions read recorded_at and
-- effective_date, kept in it), then only the page's rows are read from the table, instead of every event of every
-- issue on the page (thousands of rows scattered over as many pages). Replaces the table's UNIQUE constraint of before.
CREATE UNIQUE INDEX IF NOT EXISTS applied_event_aggregate ON applied_event (aggregate_id, sequence)
    INCLUDE (recorded_at, effective_date);
ALTER TABLE applied_event DROP CONSTRAINT IF EXISTS applied_event_aggregate_id_sequence_key;

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
-- Nearly every event updates its issue's row in place. Room left on each page lets such an update put the new row
-- version beside the old one (HOT) and add nothing to its seven indexes, three of them GIN; on full pages
-- (wide rows of Chinese text) most updates could not (issue 16). Applies to pages written from now on.
ALTER TABLE issue_view SET (fillfactor = 75);
CREATE INDEX IF NOT EXISTS issue_view_place ON issue_view (inspection_id, list_key, path);
CREATE INDEX IF NOT EXISTS issue_view_status ON issue_view (status);
CREATE INDEX IF NOT EXISTS issue_view_units ON issue_view USING gin (responsible_units);
CREATE INDEX IF NOT EXISTS issue_view_leaders ON issue_view USING gin (lead_leaders);
CREATE INDEX IF NOT EXISTS issue_view_tags ON issue_view USING gin (tags);
-- bulletin order: a drill-through's first page reads the index in its ORDER BY and stops at the LIMIT (issue 16)
CREATE INDEX IF NOT EXISTS issue_view_order ON issue_view (inspection_id, ordinal, id);

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
-- a series is one metric with one combination of dimensions, in one inspection: an overall indicator value needs only
-- each series' readings on its latest date (as of a day), found by a backward scan of this index
CREATE INDEX IF NOT EXISTS reading_fact_series ON reading_fact (metric, inspection_id, dimensions, as_of);
-- Readings dated after the day they were recorded, in the business zone (forecasts, 预计): the latest value of a series
-- on the recorded clock is the later of a backward scan of reading_fact_series from the moment's day and the latest of
-- these recorded before the moment (FactLoader.latestDay). The zone must be the one report-service is configured with
-- (zhenggai.zone); under another the answers stay right but that scan goes slow.
CREATE INDEX IF NOT EXISTS reading_fact_ahead ON reading_fact (metric, inspection_id, dimensions, as_of)
    WHERE as_of > CAST(recorded_at AT TIME ZONE 'Asia/Shanghai' AS date) AND value IS NOT NULL AND NOT change;

-- Every series that has readings, written with them, so an overall value visits each series once instead of scanning
-- every reading ever made.
CREATE TABLE IF NOT EXISTS reading_series (
    metric        TEXT  NOT NULL,
    inspection_id UUID  NOT NULL,
    dimensions    JSONB NOT NULL,
    PRIMARY KEY (metric, inspection_id, dimensions)
);
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

-- Answers "as of" a date or an instant (issue 6). Two clocks: the effective date (when a change took effect, as the
-- user or the bulletin said) and the recorded time (when issue-service recorded it). See IssueTimeline and AsOf.
ALTER TABLE inspection_view ADD COLUMN IF NOT EXISTS effective_on DATE;        -- its feedback date, unless the event said
ALTER TABLE inspection_view ADD COLUMN IF NOT EXISTS recorded_at TIMESTAMPTZ;  -- when its created event was recorded
ALTER TABLE issue_view ADD COLUMN IF NOT EXISTS attributes_id UUID;            -- the issue_attributes row it has now

-- An issue's wide, rarely changing attributes, written only when they change: its place in the tree, title, deadline,
-- leaders, units, tags and status label. The id is derived from the issue and the values (a name-based UUID), so the
-- same attributes always have the same id and a return to earlier ones writes nothing.
CREATE TABLE IF NOT EXISTS issue_attributes (
    id                 UUID        PRIMARY KEY,
    issue_id           UUID        NOT NULL,
    inspection_id      UUID        NOT NULL,
    list_key           TEXT        NOT NULL,
    aspect_path        TEXT        NOT NULL,
    aspect_numbering   TEXT,
    aspect_title       TEXT        NOT NULL,
    group_title        TEXT,
    category_path      TEXT        NOT NULL,
    category_numbering TEXT,
    category_title     TEXT        NOT NULL,
    path               TEXT        NOT NULL,
    numbering          TEXT,
    ordinal            INT         NOT NULL,
    title              TEXT        NOT NULL,
    lead_leaders       TEXT[]      NOT NULL,
    responsible_units  TEXT[]      NOT NULL,
    tags               TEXT[]      NOT NULL,
    deadline           DATE,
    status_label       TEXT
);
-- The in-memory index reads the attributes of the issues a change names (IndexLoader): without this, every catch-up
-- compared each row with every named issue (a fifth of the live intake's database time at 100,000 events).
CREATE INDEX IF NOT EXISTS issue_attributes_issue ON issue_attributes (issue_id);

-- Recorded basis: the issue as the projection stood after each of its events, from the event's recorded time until
-- the next one's. One narrow row per event; the state of issue_view without its attributes and warning.
CREATE TABLE IF NOT EXISTS issue_version (
    issue_id           UUID        NOT NULL,
    sequence           BIGINT      NOT NULL,
    recorded_from      TIMESTAMPTZ NOT NULL,
    recorded_to        TIMESTAMPTZ NOT NULL DEFAULT 'infinity',
    effective_date     DATE        NOT NULL,   -- the event's effective day (for recomputing the effective timeline)
    progress           BOOLEAN     NOT NULL,   -- a progress report, effective on its as-of date
    attributes_id      UUID        NOT NULL,
    inspection_id      UUID        NOT NULL,   -- copied from the attributes, so that counts need no join
    deadline           DATE,                   -- likewise
    status             TEXT        NOT NULL,
    completed_on       DATE,
    last_progress_date DATE,
    created_on         DATE        NOT NULL,
    reopened           INT         NOT NULL,
    PRIMARY KEY (issue_id, sequence)
);
-- the rows in force at an instant: recent instants read the open rows, old ones a range of recorded_from
CREATE INDEX IF NOT EXISTS issue_version_recorded ON issue_version (recorded_to, recorded_from);

-- Effective basis: the issue's state per effective day it changed, [valid_from, valid_to). Written by IssueProjection
-- (an event in date order closes the open row and adds one; a back-dated one recomputes the issue with IssueTimeline).
CREATE TABLE IF NOT EXISTS issue_timeline (
    issue_id           UUID        NOT NULL,
    valid_from         DATE        NOT NULL,
    valid_to           DATE        NOT NULL DEFAULT 'infinity',
    attributes_id      UUID        NOT NULL,
    inspection_id      UUID        NOT NULL,   -- copied from the attributes, so that counts need no join
    deadline           DATE,                   -- likewise
    status             TEXT        NOT NULL,
    completed_on       DATE,
    last_progress_date DATE,
    created_on         DATE        NOT NULL,
    reopened           INT         NOT NULL,
    sequence           BIGINT      NOT NULL,
    PRIMARY KEY (issue_id, valid_from)
);
CREATE INDEX IF NOT EXISTS issue_timeline_valid ON issue_timeline (valid_to, valid_from);

-- Records the intake sent to rectification-events.dlq, written in the transaction that moved the offset past them (a
-- replay that meets a record it cannot apply sets it aside here too, with sent = false: it never sends again). What is
-- known of the event is kept for the operators (GET /api/intake/dead-letters). An event a projection failed on
-- (kind projection-failure) holds its aggregate at that sequence, like a gap, until it is applied on a later delivery
-- or an operator skips it.
CREATE TABLE IF NOT EXISTS intake_dead_letter (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_topic     TEXT        NOT NULL,       -- or "journal" for a replay from it (the offset is its position)
    source_partition INT         NOT NULL,
    source_offset    BIGINT      NOT NULL,
    kind             TEXT        NOT NULL,       -- unreadable, contract, unapplicable, projection-failure
    reason           TEXT        NOT NULL,
    exception        TEXT,                       -- projection-failure: the class of the innermost cause
    aggregate_type   TEXT,                       -- what is known of the event; null for a record that is none
    aggregate_id     UUID,
    sequence         BIGINT,
    event_id         UUID,
    event_type       TEXT,
    event_time       TIMESTAMPTZ,
    sent             BOOLEAN     NOT NULL,
    dead_lettered_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS intake_dead_letter_aggregate ON intake_dead_letter (aggregate_id, sequence)
    WHERE kind = 'projection-failure';

-- Events whose aggregate and sequence were already applied (or held) with another event id: an issue-service restored
-- from an older backup numbers new changes again. Kept here, never applied; while one is open its aggregate's events
-- are held, until an operator dismisses it (POST /api/intake/conflicts/{aggregateId}/dismiss).
CREATE TABLE IF NOT EXISTS intake_conflict (
    aggregate_id      UUID        NOT NULL,
    sequence          BIGINT      NOT NULL,
    event_id          UUID        NOT NULL,
    existing_event_id UUID        NOT NULL,      -- the event applied (or held) at that sequence
    event_type        TEXT        NOT NULL,
    event             JSONB       NOT NULL,
    source_topic      TEXT        NOT NULL,
    source_partition  INT         NOT NULL,
    source_offset     BIGINT      NOT NULL,
    detected_at       TIMESTAMPTZ NOT NULL,
    resolved_at       TIMESTAMPTZ,
    resolution        TEXT,
    PRIMARY KEY (aggregate_id, sequence, event_id)
);
CREATE INDEX IF NOT EXISTS intake_conflict_open ON intake_conflict (aggregate_id) WHERE resolved_at IS NULL;

-- The workflow (issue 12): 交办/签收 (assignment and its signature), 延期 (extensions: the original deadline stays when
-- approved extensions move the deadline), 退回 (completions returned), what awaits the office's decision, and 更正/撤回
-- (corrections of progress reports). Taken from every issue event's snapshot; null or 0 for events written before it.
-- The lead unit and the original deadline are attributes; the rest is the workflow's state, one chain each on the
-- effective timeline (IssueTimeline). Versions and timeline rows carry all of it, so that as-of counts need no join.
ALTER TABLE issue_view ADD COLUMN IF NOT EXISTS lead_unit TEXT;                -- 牵头单位, also first of responsible_units
ALTER TABLE issue_view ADD COLUMN IF NOT EXISTS assignment_state TEXT;         -- ASSIGNED (unsigned), SIGNED, or null
ALTER TABLE issue_view ADD COLUMN IF NOT EXISTS original_deadline DATE;        -- the first assigned deadline
ALTER TABLE issue_view ADD COLUMN IF NOT EXISTS extension_count INT NOT NULL DEFAULT 0;  -- approved extensions
ALTER TABLE issue_view ADD COLUMN IF NOT EXISTS returned_count INT NOT NULL DEFAULT 0;   -- completions returned
ALTER TABLE issue_view ADD COLUMN IF NOT EXISTS awaiting_decision TEXT;        -- COMPLETION, EXTENSION, or null
ALTER TABLE issue_attributes ADD COLUMN IF NOT EXISTS lead_unit TEXT;
ALTER TABLE issue_attributes ADD COLUMN IF NOT EXISTS original_deadline DATE;
ALTER TABLE issue_version ADD COLUMN IF NOT EXISTS original_deadline DATE;     -- copied from the attributes
ALTER TABLE issue_version ADD COLUMN IF NOT EXISTS assignment_state TEXT;
ALTER TABLE issue_version ADD COLUMN IF NOT EXISTS awaiting_decision TEXT;
ALTER TABLE issue_version ADD COLUMN IF NOT EXISTS extension_count INT NOT NULL DEFAULT 0;
ALTER TABLE issue_version ADD COLUMN IF NOT EXISTS returned_count INT NOT NULL DEFAULT 0;
ALTER TABLE issue_version ADD COLUMN IF NOT EXISTS report_id UUID;             -- the report the event carried
ALTER TABLE issue_version ADD COLUMN IF NOT EXISTS corrected_report_id UUID;   -- the report a correction corrected
ALTER TABLE issue_timeline ADD COLUMN IF NOT EXISTS original_deadline DATE;    -- copied from the attributes
ALTER TABLE issue_timeline ADD COLUMN IF NOT EXISTS assignment_state TEXT;
ALTER TABLE issue_timeline ADD COLUMN IF NOT EXISTS awaiting_decision TEXT;
ALTER TABLE issue_timeline ADD COLUMN IF NOT EXISTS extension_count INT NOT NULL DEFAULT 0;
ALTER TABLE issue_timeline ADD COLUMN IF NOT EXISTS returned_count INT NOT NULL DEFAULT 0;

-- A reading of a corrected or withdrawn report stays (the recorded clock answers with it before the correction was
-- recorded) and says which correction superseded it, from which effective date and recorded time.
ALTER TABLE reading_fact ADD COLUMN IF NOT EXISTS superseded_by UUID;          -- the progress-corrected event
ALTER TABLE reading_fact ADD COLUMN IF NOT EXISTS superseded_on DATE;          -- effective clock: not counted from then
ALTER TABLE reading_fact ADD COLUMN IF NOT EXISTS superseded_at TIMESTAMPTZ;   -- recorded clock: not counted from then

-- The bulletin (通报, issue 13): what a generated bulletin prints besides counts and indicators. The inspection's
-- on-site period (its header names it; figures in a problem's own text stand for its end), an issue's own text (the
-- problem as the feedback described it, and the measures planned when it was entered), and every progress report's
-- words: its text, measures and status label, the consistency findings issue-service's checks made on it (the
-- importer's rules, run once where the text was written; null when the event carried none), and, like its readings,
-- the correction that superseded it. Generations built before these existed have them for later events only: a
-- replay fills them.
ALTER TABLE inspection_view ADD COLUMN IF NOT EXISTS on_site_from DATE;
ALTER TABLE inspection_view ADD COLUMN IF NOT EXISTS on_site_to DATE;

CREATE TABLE IF NOT EXISTS issue_text (
    issue_id    UUID  PRIMARY KEY,
    description TEXT,                           -- what the feedback said of the problem, beyond its title
    measures    JSONB NOT NULL                  -- the measures planned when the issue was entered (array of text)
);

CREATE TABLE IF NOT EXISTS progress_report (
    issue_id       UUID        NOT NULL,
    report_id      UUID        NOT NULL,
    event_id       UUID        NOT NULL,       -- the progress-reported (or progress-corrected) event
    sequence       BIGINT      NOT NULL,       -- the issue's sequence of that event
    inspection_id  UUID        NOT NULL,
    as_of          DATE        NOT NULL,       -- the date the report speaks for
    effective_date DATE        NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    text           TEXT        NOT NULL,
    measures       JSONB       NOT NULL,       -- array of text: 一是…, 二是…
    status_label   TEXT,                       -- the status words that came with it (已完成, 基本完成 …)
    warnings       JSONB,                      -- [{kind, message}] as issue-service found them; null: not carried
    superseded_by  UUID,                       -- the correction (更正/撤回) that replaced or withdrew it
    superseded_on  DATE,                       -- effective clock: not in force from then
    superseded_at  TIMESTAMPTZ,                -- recorded clock: not in force from then
    PRIMARY KEY (issue_id, report_id)
);
CREATE INDEX IF NOT EXISTS progress_report_inspection ON progress_report (inspection_id, issue_id);

-- Counters (issue 16): what a summary counts, kept up to date by statement-level triggers on issue_view, so that a
-- summary sums a few thousand counter rows instead of scanning every issue. They follow every write whoever makes it
-- (the intake one event at a time, a batch's multi-row INSERT … ON CONFLICT, a replay, a DELETE): each statement's
-- transition tables become signed contributions, summed per counter row and added with INSERT … ON CONFLICT DO UPDATE
-- in the counter rows' key order, so that concurrent transactions (several partitions, two instances) wait for each
-- other instead of deadlocking (within one statement; a transaction that writes issue_view in several statements
-- can still deadlock with another and is retried like any failed transaction).
-- A counter row is one kind of count of one inspection's issues in one status at one day:
--   kind 0: every issue, by its deadline ('infinity' without one), with the counts that do not depend on today
--           (on time, completed late, both against the original deadline too, and the workflow's counts);
--   kind 1: NOT_STARTED and IN_PROGRESS issues by their original deadline (the current one when none): late against it;
--   kind 2: NOT_STARTED, IN_PROGRESS and LONG_TERM issues by their last activity day (last progress, else creation):
--           stale.
-- and kinds 10, 11, 12 the same by month (day = the month's first day). The warning colours, overdue, late and stale
-- depend on today: a query sums whole months before today's month and the days of today's month before today
-- (IssueCounters), so it reads a few months of days instead of every deadline ever set.
CREATE TABLE IF NOT EXISTS issue_count (
    kind                SMALLINT NOT NULL,
    day                 DATE     NOT NULL,
    status              TEXT     NOT NULL,
    inspection_id       UUID     NOT NULL,
    issues              BIGINT   NOT NULL,
    on_time             BIGINT   NOT NULL,
    late_done           BIGINT   NOT NULL,
    on_time_original    BIGINT   NOT NULL,
    late_done_original  BIGINT   NOT NULL,
    unsigned            BIGINT   NOT NULL,
    returned            BIGINT   NOT NULL,
    extended            BIGINT   NOT NULL,
    awaiting_completion BIGINT   NOT NULL,
    awaiting_extension  BIGINT   NOT NULL,
    PRIMARY KEY (kind, day, status, inspection_id)
);
-- No index but the key: an index on issues (the trigger once found emptied rows by a partial one, issues = 0) makes
-- every counter update a non-HOT update with a new index entry: after 64,000 events of the intake 6% of its updates
-- were HOT and its dead rows outnumbered the live ones 2.7 to 1, and a batch's counter upsert took 3-5 times as long as
-- without the index (issue 16). The trigger removes the rows it empties itself, by the ctids its upsert returns. Rows
-- emptied before that and left behind go here, once.
DROP INDEX IF EXISTS issue_count_empty;
DELETE FROM issue_count WHERE issues = 0;

-- The rows of {relation} as signed changes to the counters (weight {sign}), with the columns they count.
CREATE OR REPLACE FUNCTION issue_count_rows(relation TEXT, sign INT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $f$
SELECT format('SELECT %s AS weight, inspection_id, status, deadline, original_deadline, completed_on, '
    || 'last_progress_date, created_on, assignment_state, returned_count, extension_count, awaiting_decision FROM %s',
    sign, relation)
$f$;

-- Adds the contributions of {changes} (issue_count_rows) to the counters {target}: one place for what a counter
-- counts, run by the triggers (on their transition tables) and by the rebuild (on issue_view).
CREATE OR REPLACE FUNCTION issue_count_statement(target TEXT, changes TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $f$
SELECT format($q$
WITH k AS (SELECT v.kind + g.grain AS kind,
                  CASE WHEN g.grain = 0 THEN v.day ELSE CAST(date_trunc('month', v.day) AS date) END AS day,
                  c.status, c.inspection_id, c.weight, CASE WHEN v.kind = 0 THEN c.weight ELSE 0 END AS w0,
                  c.deadline, c.original_deadline, c.completed_on, c.assignment_state, c.returned_count,
                  c.extension_count, c.awaiting_decision
           FROM (%2$s) c CROSS JOIN LATERAL (VALUES
               (0, coalesce(c.deadline, DATE 'infinity')),
               (1, CASE WHEN c.status IN ('NOT_STARTED', 'IN_PROGRESS') THEN coalesce(c.original_deadline, c.deadline) END),
               (2, CASE WHEN c.status IN ('NOT_STARTED', 'IN_PROGRESS', 'LONG_TERM')
                        THEN coalesce(c.last_progress_date, c.created_on) END)) v(kind, day)
           CROSS JOIN (VALUES (0), (10)) g(grain)
           WHERE v.day IS NOT NULL)
INSERT INTO %1$s AS t (kind, day, status, inspection_id, issues, on_time, late_done, on_time_original,
    late_done_original, unsigned, returned, extended, awaiting_completion, awaiting_extension)
SELECT * FROM (
    SELECT kind, day, status, inspection_id, sum(weight) AS issues,
        coalesce(sum(w0) FILTER (WHERE deadline IS NOT NULL AND status IN ('COMPLETED', 'CLOSED')
                                 AND completed_on <= deadline), 0) AS on_time,
        coalesce(sum(w0) FILTER (WHERE deadline IS NOT NULL AND status IN ('COMPLETED', 'CLOSED')
                                 AND completed_on > deadline), 0) AS late_done,
        coalesce(sum(w0) FILTER (WHERE status IN ('COMPLETED', 'CLOSED')
                                 AND completed_on <= coalesce(original_deadline, deadline)), 0) AS on_time_original,
        coalesce(sum(w0) FILTER (WHERE status IN ('COMPLETED', 'CLOSED')
                                 AND completed_on > coalesce(original_deadline, deadline)), 0) AS late_done_original,
        coalesce(sum(w0) FILTER (WHERE assignment_state = 'ASSIGNED'), 0) AS unsigned,
        coalesce(sum(w0) FILTER (WHERE returned_count > 0), 0) AS returned,
        coalesce(sum(w0) FILTER (WHERE extension_count > 0), 0) AS extended,
        coalesce(sum(w0) FILTER (WHERE awaiting_decision = 'COMPLETION'), 0) AS awaiting_completion,
        coalesce(sum(w0) FILTER (WHERE awaiting_decision = 'EXTENSION'), 0) AS awaiting_extension
    FROM k GROUP BY kind, day, status, inspection_id) g
-- an update that changed nothing counted (a title, the warning) locks no counter row
WHERE (issues, on_time, late_done, on_time_original, late_done_original, unsigned, returned, extended,
       awaiting_completion, awaiting_extension) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
ORDER BY kind, day, status, inspection_id
ON CONFLICT (kind, day, status, inspection_id) DO UPDATE SET issues = t.issues + excluded.issues,
    on_time = t.on_time + excluded.on_time, late_done = t.late_done + excluded.late_done,
    on_time_original = t.on_time_original + excluded.on_time_original,
    late_done_original = t.late_done_original + excluded.late_done_original,
    unsigned = t.unsigned + excluded.unsigned, returned = t.returned + excluded.returned,
    extended = t.extended + excluded.extended, awaiting_completion = t.awaiting_completion + excluded.awaiting_completion,
    awaiting_extension = t.awaiting_extension + excluded.awaiting_extension
$q$, target, changes)
$f$;

-- A statement's changes to issue_view, added to the counters of the same schema.
-- (its helpers are found in the generation's schema whatever the writing session's search_path)
CREATE OR REPLACE FUNCTION issue_count_trigger() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $f$
DECLARE
    target TEXT := format('%I.issue_count', TG_TABLE_SCHEMA);
    changes TEXT;
    emptied TID[];
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        EXECUTE 'DELETE FROM ' || target;
        RETURN NULL;
    ELSIF TG_OP = 'INSERT' THEN
        changes := issue_count_rows('new_rows', 1);
    ELSIF TG_OP = 'DELETE' THEN
        changes := issue_count_rows('old_rows', -1);
    ELSE
        changes := issue_count_rows('new_rows', 1) || ' UNION ALL ' || issue_count_rows('old_rows', -1);
    END IF;
    -- a row that counts no issue goes, so that the counters are a function of issue_view alone (a replay's equal the
    -- live ones row for row): the upsert names the rows it emptied, which this transaction holds locked until it ends
    EXECUTE format('WITH c AS (%s RETURNING t.ctid AS row, t.issues) SELECT array_agg(row) FROM c WHERE issues = 0',
        issue_count_statement(target, changes)) INTO emptied;
    IF emptied IS NOT NULL THEN
        EXECUTE format('DELETE FROM %s WHERE ctid = ANY($1)', target) USING emptied;
    END IF;
    RETURN NULL;
END
$f$;

-- Counts again from issue_view, for counters that are new beside existing issues or were left behind (a bulk load
-- with the triggers disabled); in the caller's transaction, which should hold the generation's writers off.
CREATE OR REPLACE FUNCTION issue_count_rebuild() RETURNS VOID LANGUAGE plpgsql SET search_path FROM CURRENT AS $f$
BEGIN
    EXECUTE format('DELETE FROM %I.issue_count', current_schema());
    EXECUTE issue_count_statement(format('%I.issue_count', current_schema()),
        issue_count_rows(format('%I.issue_view', current_schema()), 1));
END
$f$;

-- A generation being built without counters (Generations.writeSide calls this after its DDL): no triggers on issue_view,
-- no counter rows. Dropping triggers that exist (a generation an earlier release began) and emptying the counters keeps
-- the rule of the block below: counters are complete exactly where the triggers are.
CREATE OR REPLACE FUNCTION issue_count_write_side() RETURNS VOID LANGUAGE plpgsql SET search_path FROM CURRENT AS $f$
DECLARE
    op TEXT;
BEGIN
    FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete', 'truncate'] LOOP
        EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I.issue_view', 'issue_view_count_' || op, current_schema());
    END LOOP;
    EXECUTE format('DELETE FROM %I.issue_count', current_schema());
END
$f$;

-- A generation being built (a replay) does not close its open history rows batch by batch (IssueProjection: each such
-- closing was an UPDATE per issue and batch, a fifth of a replay's database time): the rows of one batch are closed
-- by each other, and every batch's last row of an issue stays open. Generations.complete calls this once, before the
-- indexes: each open row that is not the issue's last ends where the issue's next row begins, the rule the live
-- projection applies row by row (a version ends at the next version's recorded time, a timeline segment at the next
-- segment's first day). Returns how many rows it closed.
CREATE OR REPLACE FUNCTION issue_history_close() RETURNS BIGINT LANGUAGE plpgsql SET search_path FROM CURRENT AS $f$
DECLARE
    history TEXT[];
    changed BIGINT;
    closed BIGINT := 0;
BEGIN
    -- table, the order of an issue's rows, where a row begins, where it ends
    FOREACH history SLICE 1 IN ARRAY ARRAY[['issue_version', 'sequence', 'recorded_from', 'recorded_to'],
                                          ['issue_timeline', 'valid_from', 'valid_from', 'valid_to']] LOOP
        EXECUTE format('UPDATE %1$I r SET %4$I = n.next_from FROM (SELECT issue_id, %2$I AS k, '
            || 'lead(%3$I) OVER (PARTITION BY issue_id ORDER BY %2$I) AS next_from FROM %1$I) n '
            || 'WHERE r.%4$I = ''infinity'' AND n.next_from IS NOT NULL AND r.issue_id = n.issue_id AND r.%2$I = n.k',
            history[1], history[2], history[3], history[4]);
        GET DIAGNOSTICS changed = ROW_COUNT;
        closed := closed + changed;
    END LOOP;
    RETURN closed;
END
$f$;

-- read side: begin. A generation being built (a replay) keeps no counters: nothing reads them before its indexes are
-- completed, and keeping them row by row was a fifth of a replay's database time (issue 16). Its write side drops these
-- triggers and empties the counters (issue_count_write_side); completing the generation runs this block, which finds
-- the counters empty beside issues and counts them once from issue_view.
DO $do$
DECLARE
    op TEXT;
BEGIN
    FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
        EXECUTE format('CREATE OR REPLACE TRIGGER %I AFTER %s ON issue_view REFERENCING %s FOR EACH STATEMENT '
            || 'EXECUTE FUNCTION issue_count_trigger()', 'issue_view_count_' || op, op,
            CASE op WHEN 'insert' THEN 'NEW TABLE AS new_rows' WHEN 'delete' THEN 'OLD TABLE AS old_rows'
                ELSE 'OLD TABLE AS old_rows NEW TABLE AS new_rows' END);
    END LOOP;
    CREATE OR REPLACE TRIGGER issue_view_count_truncate AFTER TRUNCATE ON issue_view FOR EACH STATEMENT
        EXECUTE FUNCTION issue_count_trigger();
    -- counters created just now beside issues written before them (a generation built without them: its write side)
    IF NOT EXISTS (SELECT 1 FROM issue_count) AND EXISTS (SELECT 1 FROM issue_view) THEN
        PERFORM issue_count_rebuild();
    END IF;
END
$do$;
-- read side: end

-- The change feed (issue 16): which aggregates each committed transaction applied, in commit order, so that every
-- instance's in-memory copy of the issues learns of every change, its own and the other instances'. A transaction that
-- applied events (the intake, a replay into this generation, an operator's skip or dismissal) takes the next number
-- of the clock as its last statement (UPDATE … RETURNING: the row lock is held until it commits, so the numbers commit
-- in order and without gaps; a rolled-back number is taken again by the next) and logs its aggregates under it. A
-- reader that sees number n has seen every number below it. The clock of generation gen_K starts at K * 2^40, so a
-- number read in one generation can never be taken for a position in another (ChangeFeed).
CREATE TABLE IF NOT EXISTS change_clock (
    id BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
    n  BIGINT  NOT NULL
);
INSERT INTO change_clock (n)
SELECT coalesce(CAST(substring(current_schema() FROM '^gen_([0-9]+)$') AS BIGINT), 0) << 40
ON CONFLICT (id) DO NOTHING;
-- The newest recorded time of the events applied here (the intake's status): raised with the number by every
-- transaction that applies events, and by an operator's skip that gives an aggregate its first event; it was a scan of
-- applied_aggregate per status request (15 ms at 100,000 aggregates). Generations written before: filled from it once.
ALTER TABLE change_clock ADD COLUMN IF NOT EXISTS newest_event_time TIMESTAMPTZ;
UPDATE change_clock SET newest_event_time = (SELECT max(last_event_time) FROM applied_aggregate)
WHERE newest_event_time IS NULL;

-- One row per committed transaction that applied events: the ids of the aggregates it applied (issues, inspections).
-- Pruned by the intake now and then (rows older than zhenggai.changes.keep beyond the newest keep-rows); a reader whose
-- position was pruned reloads everything.
CREATE TABLE IF NOT EXISTS change_log (
    n             BIGINT      PRIMARY KEY,
    aggregate_ids UUID[]      NOT NULL,
    logged_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
