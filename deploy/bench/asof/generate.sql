-- Synthetic projections for measuring answers as of a date (issue 6): 10 inspections, 100,000 issues, 10 events each
-- (1,000,000 versions, ~1,000,000 timeline rows). Run from the repository root against a scratch database:
--   psql -v ON_ERROR_STOP=1 -f deploy/bench/asof/generate.sql   then   psql -f deploy/bench/asof/queries.sql
-- Events are in date order here (the timeline is the last version of each effective day); the queries are those
-- ReportQueries issues for a summary and a breakdown by aspect, live and as of dates on both clocks.
DROP SCHEMA IF EXISTS gen_1 CASCADE; CREATE SCHEMA gen_1; SET search_path = gen_1, public;
\i report-service/src/main/resources/db/generation/projection.sql
SET search_path = gen_1, public;
-- 10 inspections, 100,000 issues, 10 events each = 1,000,000 issue events; times 2023-01 .. 2026-11 in order
INSERT INTO inspection_view SELECT gen_random_uuid(), '市委第' || n || '巡察组', '单位' || n, 'ROUTINE', NULL,
  DATE '2022-12-07' + n * 30, 4, 16, NULL, 4, '[{"key":"main","title":"市委巡察组反馈意见"}]', 1, now(), DATE '2022-12-07' + n * 30,
  TIMESTAMPTZ '2023-01-01' + n * interval '30 days' FROM generate_series(0, 9) n;
CREATE TEMP TABLE ins AS SELECT id, row_number() OVER (ORDER BY feedback_date) - 1 AS n, feedback_date FROM inspection_view;
CREATE TEMP TABLE iss AS
  SELECT gen_random_uuid() AS id, k, (SELECT id FROM ins WHERE n = k % 10) AS inspection_id,
         (SELECT feedback_date FROM ins WHERE n = k % 10) AS feedback,
         TIMESTAMPTZ '2023-01-15' + (random() * 365 * 2.5) * interval '1 day' AS t0,
         random() < 0.5 AS closes, random() < 0.2 AS redeadline
  FROM generate_series(1, 100000) k;
-- events: seq 1 created, 2..8 progress, 9 COMPLETE or progress, 10 CLOSE or progress; seq 5 changes the deadline for 20%
CREATE TEMP TABLE ev AS
  SELECT i.id, i.k, i.inspection_id, i.feedback, i.closes, i.redeadline, s AS seq,
         i.t0 + (s - 1) * (interval '1 day' * (10 + (i.k % 50))) + (random() * interval '1 hour') AS t
  FROM iss i, generate_series(1, 10) s;
INSERT INTO issue_attributes
  SELECT md5(i.id::text || d)::uuid, i.id, i.inspection_id, 'main', chr(19968 + (i.k % 4)), '（' || (i.k % 4) || '）',
         '关于方面' || (i.k % 4), NULL, (i.k % 4) || '/' || (i.k % 16), (i.k % 16) || '.', '关于第' || (i.k % 16) || '类问题',
         (i.k % 4) || '/' || (i.k % 16) || '/' || i.k, '（' || i.k || '）', i.k, '问题标题' || repeat('很长的问题描述', 5) || i.k,
         ARRAY['领导' || (i.k % 30)], ARRAY['单位' || (i.k % 40), '单位' || ((i.k + 7) % 40)], CASE WHEN i.k % 3 = 0 THEN ARRAY['科技'] ELSE ARRAY[]::text[] END,
         CASE WHEN d = 0 THEN DATE '2023-06-30' + (i.k % 700) ELSE DATE '2023-12-31' + (i.k % 700) END, NULL
  FROM iss i, generate_series(0, 1) d WHERE d = 0 OR i.redeadline;
INSERT INTO issue_version (issue_id, sequence, recorded_from, recorded_to, effective_date, progress, attributes_id, status,
    completed_on, last_progress_date, created_on, reopened, inspection_id, deadline)
  SELECT id, seq, t, coalesce(lead(t) OVER w, 'infinity'),
         CASE WHEN seq = 1 THEN feedback ELSE CAST(t AT TIME ZONE 'Asia/Shanghai' AS date) END,
         seq BETWEEN 2 AND 8 OR (seq >= 9 AND NOT closes),
         md5(id::text || CASE WHEN redeadline AND seq >= 5 THEN 1 ELSE 0 END)::uuid,
         CASE WHEN seq = 1 THEN 'NOT_STARTED' WHEN seq = 9 AND closes THEN 'COMPLETED' WHEN seq = 10 AND closes THEN 'CLOSED' ELSE 'IN_PROGRESS' END,
         CASE WHEN seq >= 9 AND closes THEN CAST(first_value(t) OVER (PARTITION BY id ORDER BY (seq >= 9) DESC, seq) AT TIME ZONE 'Asia/Shanghai' AS date) END,
         CASE WHEN seq >= 2 THEN CAST(t AT TIME ZONE 'Asia/Shanghai' AS date) END, feedback, 0, inspection_id,
         CASE WHEN redeadline AND seq >= 5 THEN DATE '2023-12-31' ELSE DATE '2023-06-30' END + (k % 700)
  FROM ev WINDOW w AS (PARTITION BY id ORDER BY seq);
-- in date order: the timeline is the last version of each effective day, until the next day
INSERT INTO issue_timeline (issue_id, valid_from, valid_to, attributes_id, status, completed_on, last_progress_date, created_on, reopened, sequence, inspection_id, deadline)
  SELECT issue_id, effective_date, coalesce(lead(effective_date) OVER w, 'infinity'), attributes_id, status, completed_on,
         last_progress_date, created_on, reopened, sequence, inspection_id, deadline
  FROM (SELECT DISTINCT ON (issue_id, effective_date) * FROM issue_version ORDER BY issue_id, effective_date, sequence DESC) v
  WINDOW w AS (PARTITION BY issue_id ORDER BY effective_date);
-- live
INSERT INTO issue_view SELECT v.issue_id, a.inspection_id, a.list_key, a.aspect_path, a.aspect_numbering, a.aspect_title, a.group_title,
    a.category_path, a.category_numbering, a.category_title, a.path, a.numbering, a.ordinal, a.title, a.lead_leaders, a.responsible_units,
    a.tags, a.deadline, v.status, a.status_label, 'NONE', v.completed_on, v.last_progress_date, v.created_on, v.reopened, v.sequence,
    v.recorded_from, v.recorded_from, v.attributes_id
  FROM issue_version v JOIN issue_attributes a ON a.id = v.attributes_id WHERE v.recorded_to = 'infinity';
VACUUM ANALYZE;
SELECT (SELECT count(*) FROM issue_version) versions, (SELECT count(*) FROM issue_timeline) segments,
       (SELECT count(*) FROM issue_attributes) attributes, (SELECT count(*) FROM issue_view) issues,
       pg_size_pretty(pg_total_relation_size('issue_version')) v_size, pg_size_pretty(pg_total_relation_size('issue_timeline')) t_size,
       pg_size_pretty(pg_total_relation_size('issue_attributes')) a_size;
