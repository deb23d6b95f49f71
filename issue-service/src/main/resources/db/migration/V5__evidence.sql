-- 佐证材料: files uploaded to issues. The bytes are content-addressed (one blob per SHA-256, however many uploads
-- bring them); each upload is an evidence record of its own. Evidence is part of the record: never updated or deleted.

-- PostgreSQL evidence store: a blob's bytes as chunks of 1 MiB, written while the upload streams in (its hash is
-- known only at the end, so chunks hang off the blob's id, and the blob row comes last, unique by hash).
CREATE TABLE evidence_blob (
    id        UUID PRIMARY KEY,
    sha256    TEXT        NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size      BIGINT      NOT NULL CHECK (size > 0),
    chunks    INT         NOT NULL CHECK (chunks > 0),
    stored_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE evidence_chunk (
    blob_id UUID  NOT NULL,   -- evidence_blob.id; written before that row exists, so no foreign key
    n       INT   NOT NULL,
    data    BYTEA NOT NULL,
    PRIMARY KEY (blob_id, n)
);
-- PDFs, images and Office files are compressed already: store them out of line without trying again.
ALTER TABLE evidence_chunk ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE TABLE evidence (
    id          UUID PRIMARY KEY,
    issue_id    UUID        NOT NULL REFERENCES issue (id),
    name        TEXT        NOT NULL,
    media_type  TEXT        NOT NULL,
    size        BIGINT      NOT NULL CHECK (size > 0),
    sha256      TEXT        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),  -- the key in the evidence store
    uploaded_by TEXT        NOT NULL,
    uploaded_at TIMESTAMPTZ NOT NULL,
    sequence    BIGINT      NOT NULL,   -- the issue's sequence of its evidence-added event
    UNIQUE (issue_id, sequence)
);

-- The evidence a progress report refers to: {id, name, mediaType, size, sha256} each, as its event carries them.
ALTER TABLE progress_report ADD COLUMN attachments JSONB NOT NULL DEFAULT '[]';
