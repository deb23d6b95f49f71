-- Projections move into generations: each generation is a schema of its own (gen_1, gen_2, …) created from
-- db/generation/projection.sql, so that a replay can build the next generation beside the one that serves and switch
-- it in atomically. The projections are disposable (the event log is the truth): the tables that held them in public
-- are dropped, and the first generation is rebuilt from the topic by the intake, which starts again at offset 0.
DROP TABLE IF EXISTS intake_offset, applied_aggregate, held_event, inspection_view, applied_event, issue_view,
    issue_status_history, reading_fact, intake_skip;

-- a gen_1 left from before (a database cleaned without its generation schemas) is garbage: start it empty
DROP SCHEMA IF EXISTS gen_1 CASCADE;

CREATE TABLE generation (
    number       INT         PRIMARY KEY CHECK (number > 0),
    schema_name  TEXT        NOT NULL UNIQUE,
    state        TEXT        NOT NULL CHECK (state IN ('BUILDING', 'ACTIVE', 'RETIRED', 'CANCELLED')),
    created_at   TIMESTAMPTZ NOT NULL,
    activated_at TIMESTAMPTZ,
    retired_at   TIMESTAMPTZ,
    note         TEXT
);
-- exactly one generation serves at a time
CREATE UNIQUE INDEX generation_one_active ON generation (state) WHERE state = 'ACTIVE';

INSERT INTO generation (number, schema_name, state, created_at, activated_at, note)
VALUES (1, 'gen_1', 'ACTIVE', now(), now(), 'the first generation');
