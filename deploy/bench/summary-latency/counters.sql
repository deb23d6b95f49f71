-- IssueCounters' query for all inspections, today 2026-12-02, stale 30 days (parameters inlined)
SET search_path = gen_1, public;
SELECT coalesce(sum(c.issues) FILTER (WHERE c.kind = 10 AND c.status = 'NOT_STARTED'), 0), coalesce(sum(c.issues) FILTER (WHERE c.kind = 10 AND c.status = 'IN_PROGRESS'), 0), coalesce(sum(c.issues) FILTER (WHERE c.kind = 10 AND c.status = 'COMPLETED'), 0), coalesce(sum(c.issues) FILTER (WHERE c.kind = 10 AND c.status = 'CLOSED'), 0), coalesce(sum(c.issues) FILTER (WHERE c.kind = 10 AND c.status = 'LONG_TERM'), 0),
 coalesce(sum(c.issues) FILTER (WHERE c.status NOT IN ('CLOSED', 'LONG_TERM') AND ((c.kind = 10 AND c.day < DATE '2026-12-01') OR (c.kind = 0 AND c.day >= DATE '2026-12-01' AND c.day < DATE '2026-12-02'))), 0),
 coalesce(sum(c.issues) FILTER (WHERE c.status NOT IN ('CLOSED', 'LONG_TERM') AND ((c.kind = 10 AND c.day < DATE '2026-12-01') OR (c.kind = 0 AND c.day >= DATE '2026-12-01' AND c.day < DATE '2026-12-13'))), 0),
 coalesce(sum(c.issues) FILTER (WHERE c.status NOT IN ('CLOSED', 'LONG_TERM') AND c.kind = 10 AND c.day = 'infinity'), 0),
 coalesce(sum(c.issues) FILTER (WHERE c.status IN ('NOT_STARTED', 'IN_PROGRESS') AND ((c.kind = 10 AND c.day < DATE '2026-12-01') OR (c.kind = 0 AND c.day >= DATE '2026-12-01' AND c.day < DATE '2026-12-02'))), 0),
 coalesce(sum(c.issues) FILTER (WHERE ((c.kind = 11 AND c.day < DATE '2026-12-01') OR (c.kind = 1 AND c.day >= DATE '2026-12-01' AND c.day < DATE '2026-12-02'))), 0),
 coalesce(sum(c.issues) FILTER (WHERE ((c.kind = 12 AND c.day < DATE '2026-11-01') OR (c.kind = 2 AND c.day >= DATE '2026-11-01' AND c.day < DATE '2026-11-02'))), 0),
 coalesce(sum(c.on_time) FILTER (WHERE c.kind = 10), 0), coalesce(sum(c.late_done) FILTER (WHERE c.kind = 10), 0), coalesce(sum(c.on_time_original) FILTER (WHERE c.kind = 10), 0), coalesce(sum(c.late_done_original) FILTER (WHERE c.kind = 10), 0), coalesce(sum(c.unsigned) FILTER (WHERE c.kind = 10), 0), coalesce(sum(c.returned) FILTER (WHERE c.kind = 10), 0), coalesce(sum(c.extended) FILTER (WHERE c.kind = 10), 0), coalesce(sum(c.awaiting_completion) FILTER (WHERE c.kind = 10), 0), coalesce(sum(c.awaiting_extension) FILTER (WHERE c.kind = 10), 0)
FROM (SELECT * FROM issue_count WHERE kind >= 10
      UNION ALL SELECT * FROM issue_count WHERE kind = 0 AND day >= DATE '2026-12-01' AND day < DATE '2026-12-13'
      UNION ALL SELECT * FROM issue_count WHERE kind = 1 AND day >= DATE '2026-12-01' AND day < DATE '2026-12-02'
      UNION ALL SELECT * FROM issue_count WHERE kind = 2 AND day >= DATE '2026-11-01' AND day < DATE '2026-11-02') c;
