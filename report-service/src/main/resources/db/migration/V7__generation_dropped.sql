-- An operator drops a retired generation's schema to get its disk back (DELETE /api/admin/generations/{number}); the
-- record stays, with the time it was dropped.
ALTER TABLE generation ADD COLUMN dropped_at TIMESTAMPTZ;
