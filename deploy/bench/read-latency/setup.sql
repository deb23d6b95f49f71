-- After deploy/bench/asof/generate.sql: what the read-latency queries need besides it. The applied events (one per
-- issue version, so that a drill-through lists events as it does in the service) and today's warnings (generate.sql
-- leaves them NONE; the bench's "today" is 2026-12-02, the rule is WarningRule's).
SET search_path = gen_1, public;
TRUNCATE applied_event;
INSERT INTO applied_event (event_id, aggregate_type, aggregate_id, sequence, type, recorded_at, effective_date, actor,
    position, applied_at)
  SELECT md5(issue_id::text || sequence)::uuid, 'issue', issue_id, sequence,
         CASE WHEN sequence = 1 THEN 'issue-created' ELSE 'progress-reported' END, recorded_from, effective_date,
         'bench', NULL, recorded_from
  FROM issue_version;
UPDATE issue_view SET warning = CASE WHEN deadline IS NULL OR status IN ('CLOSED', 'LONG_TERM') THEN 'NONE'
    WHEN deadline < DATE '2026-12-02' THEN 'RED' WHEN deadline < DATE '2026-12-13' THEN 'YELLOW' ELSE 'GREEN' END;
VACUUM ANALYZE;
