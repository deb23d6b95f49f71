-- The bulletin (通报, issue 13): the office's own words for its section 三、下一步工作, one text per inspection. Written
-- by people, not derived from the event log, so it lives in public beside the indicator definitions and survives every
-- replay and generation switch. Without a row the bulletin prints a default text.
CREATE TABLE bulletin_next_steps (
    inspection_id UUID        PRIMARY KEY,
    text          TEXT        NOT NULL,
    version       INT         NOT NULL CHECK (version > 0),
    updated_by    TEXT        NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
