-- A progress report rewrites its issue's row (status label, last progress date, sequence, updated) but none of the
-- columns its ten indexes (three of them GIN) hold. Room left on each page lets PostgreSQL keep the new version
-- on the same page as a heap-only tuple (HOT), which writes no index entry at all; on full pages every report
-- wrote one into each index. New and moved rows keep the room; existing pages get it as they are rewritten.
ALTER TABLE issue SET (fillfactor = 70);
