-- Replays (重放): rebuilding every projection from the event log into a new generation beside the active one, then
-- comparing it with the active one and switching it in. One row per replay; the worker that runs it writes its
-- progress here in the same transaction as each batch it applies, so that progress survives a crash.
CREATE TABLE replay (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    generation         INT         NOT NULL REFERENCES generation (number),
    source             TEXT        NOT NULL CHECK (source IN ('TOPIC', 'JOURNAL')),
    state              TEXT        NOT NULL
        CHECK (state IN ('RUNNING', 'CAUGHT_UP', 'COMPARING', 'SWITCHED', 'CANCELLED', 'FAILED')),
    auto_switch        BOOLEAN     NOT NULL,
    note               TEXT,
    -- progress: records (topic offsets) or journal positions done, and where the live generation stands
    done               BIGINT      NOT NULL DEFAULT 0,
    target             BIGINT      NOT NULL DEFAULT 0,
    applied            BIGINT      NOT NULL DEFAULT 0,   -- events applied by this replay
    rejected           BIGINT      NOT NULL DEFAULT 0,   -- records that are no event (the intake dead-lettered them)
    suppressed_effects BIGINT      NOT NULL DEFAULT 0,   -- side effects not repeated
    rate               DOUBLE PRECISION,                 -- done per second, recently (a speed, not a figure)
    source_position    BIGINT,                           -- journal: every entry up to here is applied
    -- which process runs it (replicas take over a replay whose heartbeat stopped)
    owner              TEXT,
    heartbeat_at       TIMESTAMPTZ,
    -- an operator's request to the worker (COMPARE, SWITCH) and its outcome
    requested_action   TEXT        CHECK (requested_action IN ('COMPARE', 'SWITCH')),
    accept_differences BOOLEAN     NOT NULL DEFAULT FALSE,
    action_result      TEXT,
    comparison         JSONB,
    compared_at        TIMESTAMPTZ,
    error              TEXT,
    started_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    caught_up_at       TIMESTAMPTZ,
    finished_at        TIMESTAMPTZ
);
-- one replay at a time
CREATE UNIQUE INDEX replay_one_at_a_time ON replay ((TRUE)) WHERE state IN ('RUNNING', 'CAUGHT_UP', 'COMPARING');
