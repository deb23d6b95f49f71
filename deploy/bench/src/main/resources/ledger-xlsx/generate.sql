-- Synthetic projections for the ledger export benchmark (deploy/bench/ledger-xlsx): 10 inspections and ${issues}
-- issues straight into the active generation (gen_1) of a report-service that has started once on the empty database
-- (its migrations and the generation's tables exist). Per issue: its live row, attributes, two versions and two
-- timeline segments (NOT_STARTED from the feedback date, its state now from mid-2024), its text with three planned measures,
-- five progress reports (the last one the latest) with one reading each. About 10 history rows per issue, like the 1,000,000-event
-- data set of deploy/bench/generate-events at 100,000 issues.
SET search_path = gen_1, public;

INSERT INTO inspection_view (id, team, target_unit, kinds, special_theme, feedback_date, declared_aspects,
    declared_categories, declared_issues, declared_suggestions, lists, sequence, updated_at, effective_on, recorded_at)
SELECT gen_random_uuid(), '市委第' || n || '巡察组', '开发区单位' || n, 'ROUTINE', NULL, DATE '2022-12-07' + n * 30, 4, 16,
       NULL, 4, '[{"key": "main", "title": "市委巡察组反馈意见", "aspects": []}]', 1, now(), DATE '2022-12-07' + n * 30,
       TIMESTAMPTZ '2023-01-01 09:00+08' + n * interval '30 days'
FROM generate_series(0, 9) n;

CREATE TEMP TABLE ins AS
SELECT id, row_number() OVER (ORDER BY feedback_date) - 1 AS n, feedback_date, recorded_at FROM inspection_view;

CREATE TEMP TABLE iss AS
SELECT gen_random_uuid() AS id, k, ins.id AS inspection_id, ins.feedback_date AS feedback, ins.recorded_at AS created,
       row_number() OVER (PARTITION BY ins.id ORDER BY k) AS ordinal,
       CASE k % 10 WHEN 4 THEN 'COMPLETED' WHEN 5 THEN 'COMPLETED' WHEN 6 THEN 'CLOSED' WHEN 7 THEN 'NOT_STARTED'
                   WHEN 8 THEN 'LONG_TERM' ELSE 'IN_PROGRESS' END AS status,
       ins.feedback_date + 200 + (k % 1400) AS deadline
FROM generate_series(1, ${issues}) k JOIN ins ON ins.n = k % 10;
CREATE INDEX ON iss (id);

INSERT INTO issue_attributes (id, issue_id, inspection_id, list_key, aspect_path, aspect_numbering, aspect_title,
    group_title, category_path, category_numbering, category_title, path, numbering, ordinal, title, lead_leaders,
    responsible_units, tags, deadline, status_label, lead_unit, original_deadline)
SELECT md5(id::text)::uuid, id, inspection_id, 'main', chr(19968 + k % 4), '（' || (k % 4 + 1) || '）',
       '关于聚焦党中央各项决策部署落实方面' || (k % 4 + 1), NULL, (k % 4) || '/' || (k % 16), (k % 16 + 1) || '.',
       '学习贯彻落实不够深入，推动高质量发展不够有力第' || (k % 16 + 1) || '类', (k % 4) || '/' || (k % 16) || '/' || k,
       '（' || ordinal || '）', ordinal, '关于理论学习中心组学习制度和“第一议题”制度执行不够严格的问题' || k,
       ARRAY['领导' || (k % 30)], ARRAY['单位' || (k % 40), '单位' || ((k + 7) % 40)],
       CASE WHEN k % 3 = 0 THEN ARRAY['科技'] ELSE ARRAY[]::text[] END, deadline,
       CASE WHEN k % 5 = 0 THEN '基本完成' END, '单位' || (k % 40), deadline - 30 * (k % 13 = 0)::int
FROM iss;

INSERT INTO issue_view (id, inspection_id, list_key, aspect_path, aspect_numbering, aspect_title, group_title,
    category_path, category_numbering, category_title, path, numbering, ordinal, title, lead_leaders, responsible_units,
    tags, deadline, status, status_label, warning, completed_on, last_progress_date, created_on, reopened, sequence,
    created_at, updated_at, attributes_id, lead_unit, assignment_state, original_deadline, extension_count,
    returned_count, awaiting_decision)
SELECT i.id, a.inspection_id, a.list_key, a.aspect_path, a.aspect_numbering, a.aspect_title, a.group_title,
       a.category_path, a.category_numbering, a.category_title, a.path, a.numbering, a.ordinal, a.title, a.lead_leaders,
       a.responsible_units, a.tags, a.deadline, i.status, a.status_label,
       CASE WHEN i.status IN ('CLOSED', 'LONG_TERM') THEN 'NONE' WHEN a.deadline < current_date THEN 'RED'
            WHEN a.deadline <= current_date + 10 THEN 'YELLOW' ELSE 'GREEN' END,
       CASE WHEN i.status IN ('COMPLETED', 'CLOSED') THEN DATE '2024-06-30' END, DATE '2024-06-30', i.feedback, 0, 10,
       i.created, i.created + interval '500 days', a.id, a.lead_unit,
       CASE i.k % 3 WHEN 0 THEN 'ASSIGNED' WHEN 1 THEN 'SIGNED' END, a.original_deadline, (i.k % 13 = 0)::int,
       (i.k % 17 = 0)::int, CASE WHEN i.status = 'COMPLETED' THEN 'COMPLETION' END
FROM iss i JOIN issue_attributes a ON a.issue_id = i.id;

INSERT INTO issue_version (issue_id, sequence, recorded_from, recorded_to, effective_date, progress, attributes_id,
    inspection_id, deadline, status, completed_on, last_progress_date, created_on, reopened, original_deadline,
    assignment_state, awaiting_decision, extension_count, returned_count)
SELECT v.id, s, CASE s WHEN 1 THEN i.created ELSE i.created + interval '500 days' END,
       CASE s WHEN 1 THEN i.created + interval '500 days' ELSE 'infinity' END,
       CASE s WHEN 1 THEN i.feedback ELSE DATE '2024-06-30' END, s = 10, v.attributes_id, v.inspection_id, v.deadline,
       CASE s WHEN 1 THEN 'NOT_STARTED' ELSE v.status END, CASE WHEN s = 10 THEN v.completed_on END,
       CASE WHEN s = 10 THEN v.last_progress_date END, v.created_on, 0, v.original_deadline,
       CASE WHEN s = 10 THEN v.assignment_state END, CASE WHEN s = 10 THEN v.awaiting_decision END,
       CASE WHEN s = 10 THEN v.extension_count ELSE 0 END, CASE WHEN s = 10 THEN v.returned_count ELSE 0 END
FROM issue_view v JOIN iss i ON i.id = v.id, unnest(ARRAY[1, 10]) s;

INSERT INTO issue_timeline (issue_id, valid_from, valid_to, attributes_id, inspection_id, deadline, status,
    completed_on, last_progress_date, created_on, reopened, sequence, original_deadline, assignment_state,
    awaiting_decision, extension_count, returned_count)
SELECT issue_id, effective_date, CASE sequence WHEN 1 THEN DATE '2024-06-30' ELSE 'infinity' END, attributes_id,
       inspection_id, deadline, status, completed_on, last_progress_date, created_on, reopened, sequence,
       original_deadline, assignment_state, awaiting_decision, extension_count, returned_count
FROM issue_version;

INSERT INTO issue_text (issue_id, description, measures)
SELECT i.id, NULL, to_jsonb(ARRAY(SELECT (ARRAY['一是', '二是', '三是'])[m] || '坚持不懈抓好理论武装，把学习贯彻习近平新时代中国'
       || '特色社会主义思想作为首要政治任务，结合工作实际认真做好理论学习研讨，提升学习实效，已开展集体学习研讨' || (i.k % 9 + 1)
       || '次。' FROM generate_series(1, 3) m))
FROM iss i;

INSERT INTO progress_report (issue_id, report_id, event_id, sequence, inspection_id, as_of, effective_date,
    recorded_at, text, measures, status_label, warnings)
SELECT i.id, gen_random_uuid(), gen_random_uuid(), r + 1, i.inspection_id, DATE '2023-06-30' + (r - 1) * 90 + (i.k % 60),
       DATE '2023-06-30' + (r - 1) * 90 + (i.k % 60), i.created + r * interval '90 days',
       '整改成效：全区新材料产业项目已开工' || (i.k % 30 + r) || '个，开工率' || (60 + r) || '%，已完成投资'
       || (i.k % 9 + r) || '.1亿元；海上风电装备制造产业方面，3个项目一季度投产达效，全年新增产值50亿元以上。第' || r || '次报告。',
       '[]', NULL, '[]'
FROM iss i, generate_series(1, 5) r;

INSERT INTO reading_fact (event_id, ordinal, issue_id, inspection_id, report_id, metric, dimensions, value, unit, kind,
    qualifier, forecast, change, display, source_text, as_of, effective_date, recorded_at)
SELECT r.event_id, 0, r.issue_id, i.inspection_id, r.report_id, 'investment.completed', '{"industry": "新材料"}',
       (i.k % 9 + r.sequence - 1) * 100000000 + 10000000, 'CNY', 'MONEY', 'EXACT', false, false,
       (i.k % 9 + r.sequence - 1) || '.1亿元', '已完成投资' || (i.k % 9 + r.sequence - 1) || '.1亿元', r.as_of,
       r.effective_date, r.recorded_at
FROM progress_report r JOIN iss i ON i.id = r.issue_id;

INSERT INTO reading_series (metric, inspection_id, dimensions)
SELECT DISTINCT metric, inspection_id, dimensions FROM reading_fact ON CONFLICT DO NOTHING;

ANALYZE;
