package io.zhenggai.report.projection;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.report.store.InGeneration;

/**
 * The rows of the Excel ledger (整改台账): every issue with its place, measures, responsibility, deadline, state,
 * warning, latest progress report and its figures, and the workflow's marks, in bulletin order, live or as of a
 * moment (the same relation as every other report, {@link AsOf#issues}; the words the bulletin's projection keeps,
 * {@code issue_text} and {@code progress_report}, with {@link AsOf}'s conditions on them). The measures are those
 * planned when the issue was entered and those each report added by then, whatever became of the report later
 * (issue-service keeps a measure once added: a correction replaces a report's text and figures, not its measures).
 * The rows come as a stream from a database cursor, so that a ledger of any size passes through in a bounded amount
 * of memory; it must be read inside the caller's transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
@InGeneration
public class LedgerRows {

    /** Rows fetched from the database at a time. */
    static final int FETCH_SIZE = 500;

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    ReportCalendar calendar;

    /**
     * An issue as the ledger shows it.
     *
     * @param leadUnit    牵头单位: the lead unit, or else the first responsible unit (issue-service names the first the
     *                    lead); null without any
     * @param coUnits     配合单位: the other responsible units
     * @param progressDate the latest progress report's as-of date; {@code progress} its text, {@code figures} the
     *                    display forms of its readings
     * @param version     the issue's sequence when the row is its state after that event (live, or as of a moment on
     *                    the recorded clock, or on the effective clock when nothing took effect since): what
     *                    issue-service checks an imported row against; null for a past state no event left alone
     */
    public record LedgerRow(UUID id, UUID inspectionId, String list, String numbering, String aspect, String category,
                            String title, List<String> measures, List<String> leadLeaders, String leadUnit,
                            List<String> coUnits, LocalDate deadline, LocalDate originalDeadline, IssueStatus status,
                            String statusLabel, String warning, LocalDate progressDate, String progress,
                            List<String> figures, String assignment, int returned, int extensions, String awaiting,
                            Long version) {
    }

    /**
     * The ledger's rows: of one inspection (all when null), as of {@code asOf} (null: live), those {@code visible}
     * lets the caller see. Close the stream when done.
     */
    public Stream<LedgerRow> rows(UUID inspection, AsOf asOf, IssueVisibility visible) {
        String version = asOf == null || asOf.basis() == AsOf.Basis.RECORDED ? "i.sequence"
                : "CASE WHEN i.latest THEN (SELECT c.sequence FROM issue_view c WHERE c.id = i.id) END";
        String sql = "SELECT i.id, i.inspection_id, " + Grouping.LIST.labelExpression() + " AS list_title, "
                + "coalesce(i.aspect_numbering, '') || coalesce(i.category_numbering, '') || coalesce(i.numbering, '')"
                + " AS full_numbering, "
                + "coalesce(i.aspect_numbering, '') || i.aspect_title AS aspect, "
                + "coalesce(i.category_numbering, '') || i.category_title AS category, i.title, m.measures, "
                + "CAST(to_jsonb(i.lead_leaders) AS text) AS lead_leaders, i.lead_unit, "
                + "CAST(to_jsonb(i.responsible_units) AS text) AS responsible_units, "
                + "i.deadline, i.original_deadline, i.status, i.status_label, i.warning, r.as_of AS progress_date, "
                + "r.text AS progress, f.figures, "
                + "i.assignment_state, i.returned_count, i.extension_count, i.awaiting_decision, " + version
                + " AS version FROM " + AsOf.issues(asOf) + " LEFT JOIN inspection_view v ON v.id = i.inspection_id"
                // the measures the issue had then, in the order they were added: those planned when it was entered,
                // then each report's new ones (a measure stays once added, whatever becomes of its report)
                + " LEFT JOIN LATERAL (SELECT CAST(to_jsonb(array_agg(x.measure ORDER BY x.sequence, x.n)) AS text)"
                + " AS measures FROM (SELECT t.value #>> '{}' AS measure, 0 AS sequence, t.n FROM issue_text it,"
                + " jsonb_array_elements(it.measures) WITH ORDINALITY AS t(value, n) WHERE it.issue_id = i.id"
                + " UNION ALL SELECT t.value #>> '{}', x.sequence, t.n FROM progress_report x,"
                + " jsonb_array_elements(x.measures) WITH ORDINALITY AS t(value, n) WHERE x.issue_id = i.id AND "
                + AsOf.events(asOf, "x") + ") x) m ON TRUE"
                // its latest report in force then: the latest as-of date, then the latest event
                + " LEFT JOIN LATERAL (SELECT x.event_id, x.report_id, x.as_of, x.text FROM progress_report x"
                + " WHERE x.issue_id = i.id AND " + AsOf.readings(asOf, "x")
                + " ORDER BY x.as_of DESC, x.sequence DESC LIMIT 1) r ON TRUE"
                // and that report's figures, as the text printed them
                + " LEFT JOIN LATERAL (SELECT CAST(to_jsonb(array_agg(coalesce(x.display, x.source_text)"
                + " ORDER BY x.ordinal) FILTER (WHERE coalesce(x.display, x.source_text) IS NOT NULL)) AS text)"
                + " AS figures FROM reading_fact x WHERE x.event_id = r.event_id AND x.report_id = r.report_id) f"
                + " ON TRUE"
                + " WHERE " + visible.condition("i") + (inspection == null ? "" : " AND i.inspection_id = :inspection")
                + " ORDER BY v.feedback_date, i.inspection_id, i.ordinal, i.id";
        Query query = visible.bind(AsOf.bind(em.createNativeQuery(sql, Tuple.class), sql, asOf, calendar.zone()),
                sql);
        if (sql.contains(":today")) {
            query.setParameter("today", asOf == null ? calendar.today() : asOf.day());
        }
        if (inspection != null) {
            query.setParameter("inspection", inspection);
        }
        query.setHint("org.hibernate.fetchSize", FETCH_SIZE);
        query.setHint("org.hibernate.readOnly", true);
        @SuppressWarnings("unchecked")
        Stream<Tuple> rows = query.getResultStream();
        return rows.map(this::row);
    }

    private LedgerRow row(Tuple r) {
        List<String> units = strings(r.get("responsible_units"));
        String leadUnit = (String) r.get("lead_unit");
        String lead = leadUnit != null ? leadUnit : units.isEmpty() ? null : units.get(0);
        List<String> co = units.stream().filter(u -> !u.equals(lead)).toList();
        Object version = r.get("version");
        return new LedgerRow(Rows.uuid(r.get("id")), Rows.uuid(r.get("inspection_id")), (String) r.get("list_title"),
                blankToNull((String) r.get("full_numbering")), (String) r.get("aspect"), (String) r.get("category"),
                (String) r.get("title"), strings(r.get("measures")), strings(r.get("lead_leaders")), lead, co,
                Rows.date(r.get("deadline")), Rows.date(r.get("original_deadline")),
                IssueStatus.valueOf((String) r.get("status")), (String) r.get("status_label"),
                (String) r.get("warning"), Rows.date(r.get("progress_date")), (String) r.get("progress"),
                strings(r.get("figures")), (String) r.get("assignment_state"),
                ((Number) r.get("returned_count")).intValue(), ((Number) r.get("extension_count")).intValue(),
                (String) r.get("awaiting_decision"), version == null ? null : Rows.count(version));
    }

    private List<String> strings(Object jsonArray) {
        try {
            return jsonArray == null ? List.of() : json.readValue((String) jsonArray, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
