-- The units' side of rectification (交办 → 签收 → 办理/报告 → 申请销号 → 审核 → 销号, 延期, 批示, 更正).

-- Responsibility as assigned (交办): the lead unit is also first in responsible_units; the assignment's state and
-- when and by whom it was signed (签收); the deadline as the office set it before any extension; counts of approved
-- extensions and of returns (退回); the request waiting for the office's decision, if any.
ALTER TABLE issue
    ADD COLUMN lead_unit         TEXT,
    ADD COLUMN assignment_state  TEXT,          -- null (never assigned), ASSIGNED, SIGNED
    ADD COLUMN assigned_at       TIMESTAMPTZ,
    ADD COLUMN signed_at         TIMESTAMPTZ,
    ADD COLUMN signed_by         TEXT,
    ADD COLUMN original_deadline DATE,
    ADD COLUMN extension_count   INT NOT NULL DEFAULT 0,
    ADD COLUMN returned_count    INT NOT NULL DEFAULT 0,
    ADD COLUMN awaiting_decision TEXT;          -- null, COMPLETION, EXTENSION
UPDATE issue SET lead_unit = responsible_units[1], original_deadline = deadline,
                 awaiting_decision = CASE WHEN status = 'COMPLETED' THEN 'COMPLETION' END;
CREATE INDEX issue_lead_unit ON issue (lead_unit) WHERE assignment_state = 'ASSIGNED';
CREATE INDEX issue_awaiting ON issue (awaiting_decision) WHERE awaiting_decision IS NOT NULL;

-- A deadline per measure, as assigned.
ALTER TABLE measure ADD COLUMN deadline DATE;

-- A progress report keeps where its readings came from and the consistency warnings on its text, the unit it was
-- reported for, and its corrections: a correction is a new report with the same as-of date that replaces it
-- (superseded_by), a withdrawal only marks it; neither is an edit of the old row's content.
ALTER TABLE progress_report
    ADD COLUMN source        TEXT,
    ADD COLUMN warnings      JSONB NOT NULL DEFAULT '[]',
    ADD COLUMN unit          TEXT,
    ADD COLUMN corrects      UUID REFERENCES progress_report (id),
    ADD COLUMN superseded_by UUID REFERENCES progress_report (id),
    ADD COLUMN withdrawn     BOOLEAN NOT NULL DEFAULT false;

-- 延期申请: at most one undecided request per issue.
CREATE TABLE extension_request (
    id                 UUID PRIMARY KEY,
    issue_id           UUID        NOT NULL REFERENCES issue (id),
    current_deadline   DATE        NOT NULL,
    requested_deadline DATE        NOT NULL,
    reason             TEXT        NOT NULL,
    unit               TEXT        NOT NULL,
    requested_by       TEXT        NOT NULL,
    requested_at       TIMESTAMPTZ NOT NULL,
    decision           TEXT,                  -- null while pending, APPROVED, REJECTED
    decision_note      TEXT,
    decided_by         TEXT,
    decided_at         TIMESTAMPTZ
);
CREATE INDEX extension_request_issue ON extension_request (issue_id, requested_at);
CREATE UNIQUE INDEX extension_request_pending ON extension_request (issue_id) WHERE decision IS NULL;

-- 领导批示: a lead leader's instruction on an issue it leads.
CREATE TABLE instruction (
    id          UUID PRIMARY KEY,
    issue_id    UUID        NOT NULL REFERENCES issue (id),
    leader      TEXT        NOT NULL,   -- the leader's name, as the issue's lead leaders list it
    text        TEXT        NOT NULL,
    actor       TEXT        NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL,
    sequence    BIGINT      NOT NULL
);
CREATE INDEX instruction_issue ON instruction (issue_id, sequence);
