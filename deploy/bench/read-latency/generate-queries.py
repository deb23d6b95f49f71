#!/usr/bin/env python3
"""Writes the read-latency query files (one query per file, parameters inlined as typed literals) from report-service's
own SQL pieces: the measures' conditions are read from Measure.java, the rest mirrors ReportQueries / AsOf / Grouping
(rerun after changing them). Today 2026-12-02, stale 30 days, as of 2024-06-30 (recorded: before 2024-07-01 00:00
Asia/Shanghai). The drill-through's event list is asked for the first page's 500 issues, looked up once here.
  deploy/bench/read-latency/generate-queries.py PSQL-ARGS...   (from the repository root)"""
import os, re, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, '..', '..', '..'))
src = open(os.path.join(root, 'report-service/src/main/java/io/zhenggai/report/projection/Measure.java')).read()
body = src[src.index('public enum Measure {'):src.index('private final String code;')]
measures = []
for m in re.finditer(r'\n\s+([A-Z_]+)\("([^"]+)",((?:\s*\+?\s*"(?:[^"\\]|\\.)*")+)\)[,;]', body):
    measures.append((m.group(1), ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(3)))))
assert len(measures) == len(re.findall(r"\n    [A-Z_]+\(", body)), measures  # every constant parsed

TODAY, STALE, ASOF, RECORDED = "DATE '2026-12-02'", "DATE '2026-11-02'", "DATE '2024-06-30'", \
    "CAST('2024-06-30T16:00:00Z' AS timestamptz)"

def inline(sql, today):
    return sql.replace('CAST(:today AS date)', today).replace('CAST(:staleBefore AS date)', STALE if today == TODAY
        else "DATE '2024-05-31'").replace('CAST(:asOfDay AS date)', ASOF).replace('CAST(:recordedBefore AS timestamptz)', RECORDED)

def warning(status, deadline, today):  # WarningRule.sql
    return (f"CASE WHEN {deadline} IS NULL OR NOT ({status} NOT IN ('CLOSED', 'LONG_TERM')) THEN 'NONE' "
            f"WHEN {deadline} < {today} THEN 'RED' WHEN {deadline} < ({today} + 11) THEN 'YELLOW' ELSE 'GREEN' END")

def relation(basis):  # AsOf.issues
    if basis is None:
        return 'issue_view i'
    if basis == 'recorded':
        frm = (" FROM issue_version s LEFT JOIN issue_attributes a ON a.id = s.attributes_id WHERE s.recorded_to >= "
               f"{RECORDED} AND s.recorded_from < {RECORDED}")
        latest = "s.recorded_to = 'infinity'"
    else:
        frm = (" FROM issue_timeline s LEFT JOIN issue_attributes a ON a.id = s.attributes_id WHERE s.valid_to > "
               f"{ASOF} AND s.valid_from <= {ASOF}")
        latest = "s.valid_to = 'infinity'"
    return ("(SELECT s.issue_id AS id, s.inspection_id, a.list_key, a.aspect_path, a.aspect_numbering, a.aspect_title, "
            "a.group_title, a.category_path, a.category_numbering, a.category_title, a.path, a.numbering, a.ordinal, "
            "a.title, a.lead_leaders, a.responsible_units, a.tags, s.deadline, s.status, a.status_label, "
            + warning('s.status', 's.deadline', ASOF) + " AS warning, s.completed_on, s.last_progress_date, s.created_on, "
            "s.reopened, s.sequence, a.lead_unit, s.assignment_state, s.original_deadline, s.extension_count, "
            "s.returned_count, s.awaiting_decision, " + latest + " AS latest" + frm + ") i")

def count_columns():
    return ', '.join(f"count(*) FILTER (WHERE ({c}))" for _, c in measures)

INSPECTION_JOIN = ' LEFT JOIN inspection_view v ON v.id = i.inspection_id'
ASPECT_KEY = "CAST(i.inspection_id AS text) || '/' || i.list_key || '/' || i.aspect_path"
ASPECT_COLS = 'i.inspection_id, i.list_key, i.aspect_path, i.aspect_numbering, i.aspect_title'

def breakdown_aspect(basis):  # ReportQueries.breakdown, single-valued
    sums = ''.join(f', CAST(sum(i.m{n}) AS bigint)' for n in range(len(measures)))
    counted = ''.join(f', count(*) FILTER (WHERE ({c})) AS m{n}' for n, (_, c) in enumerate(measures))
    return (f"SELECT {ASPECT_KEY} AS key, max(coalesce(i.aspect_numbering, '') || i.aspect_title) AS label{sums} FROM "
            f"(SELECT {ASPECT_COLS}, min(i.ordinal) AS ordinal{counted} FROM {relation(basis)} GROUP BY 1, 2, 3, 4, 5) i"
            f"{INSPECTION_JOIN} GROUP BY 1 ORDER BY ({ASPECT_KEY}) IS NULL, min(i.ordinal), 1")

def breakdown_unit(basis):  # ReportQueries.breakdown, many-valued
    return (f"SELECT g.value AS key, max(g.value) AS label, {count_columns()} FROM {relation(basis)}{INSPECTION_JOIN}"
            " LEFT JOIN LATERAL unnest(i.responsible_units) AS g(value) ON TRUE GROUP BY 1 ORDER BY (g.value) IS NULL, "
            "min(i.ordinal), 1")

ISSUE_COLUMNS = ("i.id, i.inspection_id, i.list_key, i.path, i.numbering, i.title, i.aspect_numbering, i.aspect_title, "
    "i.category_numbering, i.category_title, i.status, i.status_label, i.warning, i.deadline, i.completed_on, "
    "i.last_progress_date, CAST(to_jsonb(i.responsible_units) AS text), CAST(to_jsonb(i.lead_leaders) AS text), "
    "CAST(to_jsonb(i.tags) AS text), i.sequence, i.ordinal, i.lead_unit, i.assignment_state, i.original_deadline, "
    "i.extension_count, i.returned_count, i.awaiting_decision")
ORDER = ' ORDER BY i.inspection_id, i.ordinal, i.id LIMIT 501'
OVERDUE = dict(measures)['OVERDUE']
TOTAL = dict(measures)['TOTAL']

def events(ids):  # ReportQueries.events, live
    day = "CAST(e.recorded_at AT TIME ZONE 'Asia/Shanghai' AS date)"
    lag = f"({day} - coalesce(e.effective_date, {day}))"
    return (f"SELECT e.event_id, e.type, e.aggregate_type, e.aggregate_id, e.sequence, e.recorded_at, "
            f"coalesce(e.effective_date, {day}), e.actor, e.effective_date IS NOT NULL, {lag} FROM applied_event e "
            f"WHERE (e.aggregate_id IN ({', '.join(ids)}) OR e.event_id IN ('00000000-0000-0000-0000-000000000000')) "
            "AND TRUE ORDER BY e.recorded_at, e.aggregate_id, e.sequence LIMIT 501")

counters = open(os.path.join(root, 'deploy/bench/summary-latency/counters.sql')).read()
counters = '\n'.join(l for l in counters.splitlines() if not l.startswith('--') and not l.startswith('SET')).strip()

psql = ['psql', '-At', '-X'] + sys.argv[1:]
page_ids = subprocess.run(psql + ['-c', f"SET search_path = gen_1, public; SELECT id FROM issue_view i WHERE "
    f"{inline('(' + OVERDUE + ')', TODAY)}{ORDER}"], check=True, capture_output=True, text=True).stdout.split()
ids = [f"'{i}'" for i in page_ids if re.match(r'^[0-9a-f-]{36}$', i)][:500]
# the aspect of the issue first in bulletin order
aspect = subprocess.run(psql + ['-c', f"SET search_path = gen_1, public; SELECT {ASPECT_KEY} FROM issue_view i "
    "ORDER BY i.inspection_id, i.ordinal, i.id LIMIT 1"], check=True, capture_output=True, text=True).stdout.split()[-1]

queries = {
    # breakdowns (unchanged code: measured for the table)
    'breakdown-aspect-live': breakdown_aspect(None),
    'breakdown-aspect-effective': breakdown_aspect('effective'),
    'breakdown-aspect-recorded': breakdown_aspect('recorded'),
    'breakdown-unit-live': breakdown_unit(None),
    'breakdown-unit-effective': breakdown_unit('effective'),
    # drill-through of the overdue, first page (500 + 1): before = one pass with count(*) OVER () (scanIssues),
    # after = the page along issue_view_order, the total from the counters; both then list the page's events
    'drill-overdue-before': f"SELECT {ISSUE_COLUMNS}, count(*) OVER () FROM issue_view i{INSPECTION_JOIN} WHERE "
                            f"({OVERDUE}){ORDER};\n{events(ids)}",
    'drill-overdue-after': f"SELECT {ISSUE_COLUMNS} FROM issue_view i{INSPECTION_JOIN} WHERE ({OVERDUE}){ORDER};\n"
                           f"{counters};\n{events(ids)}",
    # drill-through of one unit's issues (by=unit, a many-valued grouping): DISTINCT over the unnest join and a
    # count(DISTINCT) before; the array's membership (GIN) and a count(*) after
    'drill-unit-before': f"SELECT DISTINCT {ISSUE_COLUMNS} FROM issue_view i{INSPECTION_JOIN} LEFT JOIN LATERAL "
                         f"unnest(i.responsible_units) AS g(value) ON TRUE WHERE ({TOTAL}) AND g.value = '单位5'{ORDER};\n"
                         f"SELECT count(DISTINCT i.id) FROM issue_view i{INSPECTION_JOIN} LEFT JOIN LATERAL "
                         f"unnest(i.responsible_units) AS g(value) ON TRUE WHERE ({TOTAL}) AND g.value = '单位5'",
    'drill-unit-after': f"SELECT {ISSUE_COLUMNS} FROM issue_view i WHERE ({TOTAL}) AND i.responsible_units @> "
                        f"ARRAY[CAST('单位5' AS text)]{ORDER};\nSELECT count(*) FROM issue_view i WHERE ({TOTAL}) AND "
                        "i.responsible_units @> ARRAY[CAST('单位5' AS text)]",
    # drill-through of the overdue for a unit's caller (sees the issues of 单位5 only): before, one pass with the units
    # condition in coalesce(); after, the bare && (GIN, estimated) along issue_view_order and a count(*) of its own
    'drill-visible-before': f"SELECT {ISSUE_COLUMNS}, count(*) OVER () FROM issue_view i{INSPECTION_JOIN} WHERE "
                            f"({OVERDUE}) AND coalesce(i.responsible_units && CAST('{{单位5}}' AS text[]), FALSE){ORDER}",
    'drill-visible-after': f"SELECT {ISSUE_COLUMNS} FROM issue_view i{INSPECTION_JOIN} WHERE ({OVERDUE}) AND "
                           f"i.responsible_units && CAST('{{单位5}}' AS text[]){ORDER};\nSELECT count(*) FROM issue_view "
                           f"i{INSPECTION_JOIN} WHERE ({OVERDUE}) AND i.responsible_units && CAST('{{单位5}}' AS text[])",
    # drill-through of the overdue of one aspect (a breakdown's cell, a single-valued group): one pass, unchanged (the
    # page along issue_view_order filtered by the key and a count(*) of its own measured slower: the key is an
    # expression no index serves)
    'drill-aspect': f"SELECT {ISSUE_COLUMNS}, count(*) OVER () FROM issue_view i{INSPECTION_JOIN} WHERE "
                    f"({OVERDUE}) AND {ASPECT_KEY} = '{aspect}'{ORDER}",
    # drill-through of the overdue as of a date (one pass, unchanged)
    'drill-overdue-effective': f"SELECT {ISSUE_COLUMNS}, count(*) OVER () FROM {relation('effective')}"
                               f"{INSPECTION_JOIN} WHERE ({OVERDUE}){ORDER}",
    # summary: live from the counters, the scan (oracle), and as of a date on both clocks
    'summary-counters': counters,
    'summary-scan': f"SELECT {count_columns()} FROM issue_view i",
    'summary-effective': f"SELECT {count_columns()} FROM {relation('effective')}",
    'summary-recorded': f"SELECT {count_columns()} FROM {relation('recorded')}",
}
os.makedirs(os.path.join(here, 'queries'), exist_ok=True)
for name, sql in queries.items():
    today = ASOF if name.endswith(('effective', 'recorded')) else TODAY
    with open(os.path.join(here, 'queries', name + '.sql'), 'w') as f:
        f.write('SET search_path = gen_1, public;\n' + inline(sql, today) + ';\n')
print('\n'.join(sorted(queries)))
