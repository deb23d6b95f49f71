-- Journal entries the inbox follower set aside: applying one failed for a reason that will not change on retry (the
-- database refused its data, SQLSTATE class 22 or 23, or its payload could not be read), so the follower recorded it
-- here, moved its position past it in the same transaction, and went on. Transient failures (a lost connection, a
-- lock timeout) are never recorded: the follower tries the entry again later. Operators read them at
-- GET /api/admin/inbox-skips; the entry itself stays in the journal.
CREATE TABLE inbox_skip (
    position     BIGINT PRIMARY KEY,      -- the journal entry's position
    event_id     UUID        NOT NULL,
    event_type   TEXT        NOT NULL,
    aggregate_id UUID        NOT NULL,
    error        TEXT        NOT NULL,    -- the innermost cause: its class, message and SQLSTATE
    exception    TEXT        NOT NULL,    -- the innermost cause's class
    skipped_at   TIMESTAMPTZ NOT NULL
);
