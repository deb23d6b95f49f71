-- Bulletins (通报) imported into the ledger: one per inspection and report date, so the same bulletin again
-- changes nothing and a later one becomes the next step of each issue's history.
CREATE TABLE bulletin_import (
    id            UUID PRIMARY KEY,
    inspection_id UUID        NOT NULL REFERENCES inspection (id),
    report_date   DATE        NOT NULL,
    text_sha256   TEXT        NOT NULL,
    actor         TEXT        NOT NULL,
    imported_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT bulletin_import_once UNIQUE (inspection_id, report_date)
);
