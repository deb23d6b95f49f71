-- Which projection DDL a generation's schema was last brought to: a SHA-256 of the db/generation/projection.sql text
-- that ran in it (with all its indexes, or only those the write side reads). A start runs the DDL only in a generation
-- whose hash is not this release's, instead of in every generation at every start: the DDL's ALTER TABLE and
-- CREATE OR REPLACE TRIGGER statements lock the tables another instance is serving from, and the start waits for them.
-- NULL (every generation before this migration): not known, run it.
ALTER TABLE generation ADD COLUMN ddl_hash TEXT;
