-- 督办: reminders, the inbox and webhook deliveries.

-- A reminder made: once per issue, level and day. The sweep inserts with ON CONFLICT DO NOTHING under the issue's
-- row lock, in the transaction that bumps the issue's sequence and journals the reminded event, so two instances or
-- a restart never make a second one.
CREATE TABLE reminder (
    id         UUID PRIMARY KEY,
    issue_id   UUID        NOT NULL REFERENCES issue (id),
    level      TEXT        NOT NULL,   -- UNSIGNED, YELLOW, RED, STALE
    day        DATE        NOT NULL,   -- the business date it is for
    sequence   BIGINT      NOT NULL,   -- the issue's event that carries it
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (issue_id, level, day)
);

-- The inbox follower's place in the journal, updated in the transaction that writes what it read. A database that
-- already holds a journal starts at its end: history is not delivered again as news.
CREATE TABLE supervision_position (
    id   INT PRIMARY KEY CHECK (id = 1),
    last BIGINT NOT NULL
);
INSERT INTO supervision_position (id, last) SELECT 1, last FROM journal_position WHERE id = 1;

-- 待办/提醒: one item per journal event and recipient (a unit, the office, or a leader by name); read by one user of a
-- unit, read for the unit. A task (sign, verify a completion, decide an extension) is closed by the event that does it.
CREATE TABLE inbox_item (
    id             UUID PRIMARY KEY,
    event_id       UUID        NOT NULL,
    position       BIGINT      NOT NULL,
    event_type     TEXT        NOT NULL,
    recipient_kind TEXT        NOT NULL,   -- UNIT, OFFICE, LEADER
    recipient      TEXT        NOT NULL,
    kind           TEXT        NOT NULL,
    issue_id       UUID        NOT NULL,
    issue_title    TEXT        NOT NULL,
    title          TEXT        NOT NULL,
    message        TEXT,
    level          TEXT,
    actor          TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    task           BOOLEAN     NOT NULL,
    closed_at      TIMESTAMPTZ,
    read_at        TIMESTAMPTZ,
    read_by        TEXT,
    UNIQUE (event_id, recipient_kind, recipient)
);
CREATE INDEX inbox_item_recipient ON inbox_item (recipient_kind, recipient, position DESC);
CREATE INDEX inbox_item_open_task ON inbox_item (issue_id, kind) WHERE task AND closed_at IS NULL;

-- Webhook deliveries (an outbox per configured webhook): at most one per webhook and event; workers claim due rows
-- with FOR UPDATE SKIP LOCKED. The log holds every attempt.
CREATE TABLE webhook_delivery (
    id              UUID PRIMARY KEY,
    webhook         TEXT        NOT NULL,
    event_id        UUID        NOT NULL,
    event_type      TEXT        NOT NULL,
    issue_id        UUID        NOT NULL,
    level           TEXT        NOT NULL,   -- the reminder's level, or URGE
    title           TEXT        NOT NULL,
    text            TEXT        NOT NULL,
    markdown        TEXT        NOT NULL,
    state           TEXT        NOT NULL,   -- PENDING, DELIVERED, FAILED
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    delivered_at    TIMESTAMPTZ,
    last_status     INT,
    last_error      TEXT,
    log             JSONB       NOT NULL DEFAULT '[]',
    UNIQUE (webhook, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_recent ON webhook_delivery (created_at DESC);
