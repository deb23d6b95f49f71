package io.zhenggai.report.projection;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.report.indicator.IssueStatus;
import io.zhenggai.report.intake.Projection;
import io.zhenggai.report.intake.RectificationEvent;

/**
 * Issues (问题) as they stand now, denormalised for reporting, with their status history and the readings (数据) of
 * their progress reports. Every issue event carries the whole snapshot, so each one overwrites the row; what the
 * snapshot does not say is derived here: the warning light, the day the issue was completed (for the on-time rate),
 * the day it was created, and how often a 回头看 reopened it.
 * <p>
 * Both clocks are kept on every history row and fact: the effective date (when it took effect, as the user or the
 * bulletin said; a 补录 can put it long before) and the recorded time (when issue-service recorded it), so that
 * answers "as of" either can be added without rebuilding these tables.
 */
@ApplicationScoped
public class IssueProjection implements Projection {

    private static final Set<IssueStatus> DONE = Set.of(IssueStatus.COMPLETED, IssueStatus.CLOSED);

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    ReportCalendar calendar;

    @Override
    public void verify(RectificationEvent event) {
        if (IssueEvent.isIssueEvent(event)) {
            IssueEvent.of(event);
        }
    }

    @Override
    public void apply(RectificationEvent event) {
        if (!IssueEvent.isIssueEvent(event)) {
            return;
        }
        IssueEvent change = IssueEvent.of(event);
        IssueEvent.Snapshot issue = change.issue();
        LocalDate effective = event.effectiveDay(calendar.zone());
        Previous previous = previous(issue.id());

        IssueStatus before = previous == null ? null : previous.status();
        LocalDate completedOn;
        if (!DONE.contains(issue.status())) {
            completedOn = null; // returned or reopened: a later completion is judged on its own date
        } else if (before != null && DONE.contains(before)) {
            completedOn = previous.completedOn(); // COMPLETED → CLOSED: timeliness is judged on completion
        } else {
            completedOn = effective;
        }
        int reopened = (previous == null ? 0 : previous.reopened()) + (IssueEvent.REOPENED.equals(event.type()) ? 1 : 0);
        LocalDate createdOn = previous == null ? effective : previous.createdOn();
        UUID attributes = attributesId(issue);
        upsert(event, issue, completedOn, createdOn, reopened, attributes);
        if (previous == null || !attributes.equals(previous.attributes())) { // rare: written only on a change
            writeAttributes(attributes, issue);
        }
        IssueEvent.Correction correction = change.correction();
        IssueTimeline.Version version = new IssueTimeline.Version(event.sequence(), effective, issue.status(),
                attributes, completedOn, reopened, change.report() != null, createdOn, issue.workflow(),
                change.report() == null ? null : change.report().id(),
                correction == null ? null : correction.reportId());
        writeHistory(event, issue, previous, version);

        if (before != issue.status()) {
            IssueEvent.StatusChange stated = change.change();
            em.createNativeQuery("""
                            INSERT INTO issue_status_history (issue_id, sequence, event_id, from_status, to_status,
                                transition, reason, effective_date, recorded_at)
                            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST(?8 AS date), ?9)
                            ON CONFLICT (issue_id, sequence) DO NOTHING""")
                    .setParameter(1, issue.id())
                    .setParameter(2, event.sequence())
                    .setParameter(3, event.id())
                    .setParameter(4, before == null ? null : before.name())
                    .setParameter(5, issue.status().name())
                    .setParameter(6, stated != null ? stated.transition() : before == null ? "CREATE" : "SNAPSHOT")
                    .setParameter(7, stated == null ? null : stated.reason())
                    .setParameter(8, effective.toString())
                    .setParameter(9, Timestamp.from(event.time()))
                    .executeUpdate();
        }
        if (correction != null) {
            supersede(event, issue, correction);
        }
        if (change.report() != null) {
            recordReadings(event, issue, change.report());
        }
    }

    /**
     * 更正/撤回: the corrected report's readings stop counting, on the recorded clock from the correction's recorded
     * time and on the effective clock from its effective date (the corrected report's as-of date, by the contract).
     * The rows stay: an answer as of a moment before the correction was recorded still finds the old figures.
     */
    private void supersede(RectificationEvent event, IssueEvent.Snapshot issue, IssueEvent.Correction correction) {
        em.createNativeQuery("""
                        UPDATE reading_fact SET superseded_by = ?1, superseded_on = CAST(?2 AS date), superseded_at = ?3
                        WHERE issue_id = ?4 AND report_id = ?5 AND superseded_by IS NULL""")
                .setParameter(1, event.id())
                .setParameter(2, event.effectiveDay(calendar.zone()).toString())
                .setParameter(3, Timestamp.from(event.time()))
                .setParameter(4, issue.id())
                .setParameter(5, correction.reportId())
                .executeUpdate();
    }

    private void upsert(RectificationEvent event, IssueEvent.Snapshot issue, LocalDate completedOn, LocalDate createdOn,
                        int reopened, UUID attributes) {
        em.createNativeQuery("""
                        INSERT INTO issue_view (id, inspection_id, list_key, aspect_path, aspect_numbering, aspect_title,
                            group_title, category_path, category_numbering, category_title, path, numbering, ordinal,
                            title, lead_leaders, responsible_units, tags, deadline, status, status_label, warning,
                            completed_on, last_progress_date, created_on, reopened, sequence, created_at, updated_at,
                            attributes_id, lead_unit, assignment_state, original_deadline, extension_count,
                            returned_count, awaiting_decision)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
                            ARRAY(SELECT jsonb_array_elements_text(CAST(?15 AS jsonb))),
                            ARRAY(SELECT jsonb_array_elements_text(CAST(?16 AS jsonb))),
                            ARRAY(SELECT jsonb_array_elements_text(CAST(?17 AS jsonb))),
                            CAST(?18 AS date), ?19, ?20, ?21, CAST(?22 AS date), CAST(?23 AS date), CAST(?24 AS date),
                            ?25, ?26, ?27, ?27, ?28, ?29, ?30, CAST(?31 AS date), ?32, ?33, ?34)
                        ON CONFLICT (id) DO UPDATE SET inspection_id = EXCLUDED.inspection_id,
                            list_key = EXCLUDED.list_key, aspect_path = EXCLUDED.aspect_path,
                            aspect_numbering = EXCLUDED.aspect_numbering, aspect_title = EXCLUDED.aspect_title,
                            group_title = EXCLUDED.group_title, category_path = EXCLUDED.category_path,
                            category_numbering = EXCLUDED.category_numbering,
                            category_title = EXCLUDED.category_title, path = EXCLUDED.path,
                            numbering = EXCLUDED.numbering, ordinal = EXCLUDED.ordinal, title = EXCLUDED.title,
                            lead_leaders = EXCLUDED.lead_leaders, responsible_units = EXCLUDED.responsible_units,
                            tags = EXCLUDED.tags, deadline = EXCLUDED.deadline, status = EXCLUDED.status,
                            status_label = EXCLUDED.status_label, warning = EXCLUDED.warning,
                            completed_on = EXCLUDED.completed_on, last_progress_date = EXCLUDED.last_progress_date,
                            reopened = EXCLUDED.reopened, sequence = EXCLUDED.sequence,
                            updated_at = EXCLUDED.updated_at, attributes_id = EXCLUDED.attributes_id,
                            lead_unit = EXCLUDED.lead_unit, assignment_state = EXCLUDED.assignment_state,
                            original_deadline = EXCLUDED.original_deadline,
                            extension_count = EXCLUDED.extension_count, returned_count = EXCLUDED.returned_count,
                            awaiting_decision = EXCLUDED.awaiting_decision""")
                .setParameter(1, issue.id())
                .setParameter(2, issue.inspectionId())
                .setParameter(3, issue.listKey())
                .setParameter(4, issue.aspect().path())
                .setParameter(5, issue.aspect().numbering())
                .setParameter(6, issue.aspect().title())
                .setParameter(7, issue.groupTitle())
                .setParameter(8, issue.category().path())
                .setParameter(9, issue.category().numbering())
                .setParameter(10, issue.category().title())
                .setParameter(11, issue.path())
                .setParameter(12, issue.numbering())
                .setParameter(13, issue.ordinal())
                .setParameter(14, issue.title())
                .setParameter(15, toJson(issue.leadLeaders()))
                .setParameter(16, toJson(issue.responsibleUnits()))
                .setParameter(17, toJson(issue.tags()))
                .setParameter(18, text(issue.deadline()))
                .setParameter(19, issue.status().name())
                .setParameter(20, issue.statusLabel())
                .setParameter(21, DeadlineWarnings.level(issue.status(), issue.deadline(), calendar.today()).name())
                .setParameter(22, text(completedOn))
                .setParameter(23, text(issue.lastProgressDate()))
                .setParameter(24, text(createdOn))
                .setParameter(25, reopened)
                .setParameter(26, issue.sequence())
                .setParameter(27, Timestamp.from(event.time()))
                .setParameter(28, attributes)
                .setParameter(29, issue.leadUnit())
                .setParameter(30, issue.assignmentState())
                .setParameter(31, text(issue.originalDeadline()))
                .setParameter(32, issue.extensionCount())
                .setParameter(33, issue.returnedCount())
                .setParameter(34, issue.awaitingDecision())
                .executeUpdate();
    }

    /**
     * The id of an issue's attributes: a name-based UUID of the issue and the values, so equal attributes share one
     * {@code issue_attributes} row and a change back to earlier values finds the row it had.
     */
    static UUID attributesId(IssueEvent.Snapshot issue) {
        List<Object> values = java.util.Arrays.asList(issue.id(), issue.inspectionId(), issue.listKey(),
                issue.aspect().path(), issue.aspect().numbering(), issue.aspect().title(), issue.groupTitle(),
                issue.category().path(), issue.category().numbering(), issue.category().title(), issue.path(),
                issue.numbering(), issue.ordinal(), issue.title(), issue.leadLeaders(), issue.responsibleUnits(),
                issue.tags(), issue.deadline(), issue.statusLabel());
        if (issue.leadUnit() != null || issue.originalDeadline() != null) {
            // only then: the attributes of events written before the workflow keep the ids they had
            values = new ArrayList<>(values);
            values.add(issue.leadUnit());
            values.add(issue.originalDeadline());
        }
        StringBuilder canonical = new StringBuilder();
        for (Object value : values) {
            String text = String.valueOf(value);
            // length-prefixed, so that no two different lists of values give the same text
            canonical.append(value == null ? -1 : text.length()).append(':').append(value == null ? "" : text).append('|');
        }
        return UUID.nameUUIDFromBytes(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private void writeAttributes(UUID id, IssueEvent.Snapshot issue) {
        em.createNativeQuery("""
                        INSERT INTO issue_attributes (id, issue_id, inspection_id, list_key, aspect_path,
                            aspect_numbering, aspect_title, group_title, category_path, category_numbering,
                            category_title, path, numbering, ordinal, title, lead_leaders, responsible_units, tags,
                            deadline, status_label, lead_unit, original_deadline)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                            ARRAY(SELECT jsonb_array_elements_text(CAST(?16 AS jsonb))),
                            ARRAY(SELECT jsonb_array_elements_text(CAST(?17 AS jsonb))),
                            ARRAY(SELECT jsonb_array_elements_text(CAST(?18 AS jsonb))),
                            CAST(?19 AS date), ?20, ?21, CAST(?22 AS date))
                        ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, id)
                .setParameter(2, issue.id())
                .setParameter(3, issue.inspectionId())
                .setParameter(4, issue.listKey())
                .setParameter(5, issue.aspect().path())
                .setParameter(6, issue.aspect().numbering())
                .setParameter(7, issue.aspect().title())
                .setParameter(8, issue.groupTitle())
                .setParameter(9, issue.category().path())
                .setParameter(10, issue.category().numbering())
                .setParameter(11, issue.category().title())
                .setParameter(12, issue.path())
                .setParameter(13, issue.numbering())
                .setParameter(14, issue.ordinal())
                .setParameter(15, issue.title())
                .setParameter(16, toJson(issue.leadLeaders()))
                .setParameter(17, toJson(issue.responsibleUnits()))
                .setParameter(18, toJson(issue.tags()))
                .setParameter(19, text(issue.deadline()))
                .setParameter(20, issue.statusLabel())
                .setParameter(21, issue.leadUnit())
                .setParameter(22, text(issue.originalDeadline()))
                .executeUpdate();
    }

    /** Recorded basis: the issue's open version closes at this event's recorded time (?3)… */
    private static final String VERSION_CLOSE = """
            v_closed AS (
                UPDATE issue_version SET recorded_to = ?3
                WHERE issue_id = ?1 AND recorded_to = 'infinity' AND sequence < ?2)""";

    /** …and this event's version opens. */
    private static final String VERSION_INSERT = """
            INSERT INTO issue_version (issue_id, sequence, recorded_from, effective_date, progress, attributes_id,
                status, completed_on, last_progress_date, created_on, reopened, inspection_id, deadline,
                original_deadline, assignment_state, awaiting_decision, extension_count, returned_count, report_id,
                corrected_report_id)
            VALUES (?1, ?2, ?3, CAST(?4 AS date), ?5, ?6, ?7, CAST(?8 AS date), CAST(?9 AS date),
                CAST(?10 AS date), ?11, ?12, CAST(?13 AS date), CAST(?14 AS date), ?15, ?16, ?17, ?18,
                CAST(?19 AS uuid), CAST(?20 AS uuid))
            ON CONFLICT (issue_id, sequence) DO NOTHING""";

    /** Effective basis, same day: the open segment (from ?21) takes the new state. */
    private static final String TIMELINE_UPDATE = """
            UPDATE issue_timeline SET attributes_id = ?6, status = ?7, completed_on = CAST(?8 AS date),
                last_progress_date = CAST(?22 AS date), reopened = ?11, sequence = ?2, inspection_id = ?12,
                deadline = CAST(?13 AS date), original_deadline = CAST(?14 AS date), assignment_state = ?15,
                awaiting_decision = ?16, extension_count = ?17, returned_count = ?18
            WHERE issue_id = ?1 AND valid_from = CAST(?21 AS date)""";

    /** Effective basis, a later day: the open segment ends at ?21, where the new one starts. */
    private static final String TIMELINE_INSERT = """
            t_closed AS (
                UPDATE issue_timeline SET valid_to = CAST(?21 AS date)
                WHERE issue_id = ?1 AND valid_to = 'infinity')
            INSERT INTO issue_timeline (issue_id, valid_from, attributes_id, status, completed_on, last_progress_date,
                created_on, reopened, sequence, inspection_id, deadline, original_deadline, assignment_state,
                awaiting_decision, extension_count, returned_count)
            VALUES (?1, CAST(?21 AS date), ?6, ?7, CAST(?8 AS date), CAST(?22 AS date), CAST(?10 AS date), ?11, ?2,
                ?12, CAST(?13 AS date), CAST(?14 AS date), ?15, ?16, ?17, ?18)""";

    /**
     * Both histories of the issue, in one statement in the common case. Recorded basis: the open version closes at
     * this event's recorded time and this one opens. Effective basis: an event that takes effect on or after the
     * start of the issue's open segment (events arriving in date order) changes only that segment's end: it is
     * updated when the event takes effect on the same day, else closed and followed by a new one. A back-dated event
     * (补录) recomputes the issue's timeline from its versions with {@link IssueTimeline#of}; both give the same rows.
     * So does a correction (更正/撤回) of a progress report: it takes a report out of the progress chain, which only
     * the whole chain can tell.
     */
    private void writeHistory(RectificationEvent event, IssueEvent.Snapshot issue, Previous previous,
                              IssueTimeline.Version version) {
        // no open segment: an issue projected before timelines existed; its timeline starts with the versions kept
        boolean recompute = previous != null
                && (previous.openFrom() == null || version.effective().isBefore(previous.openFrom())
                || version.corrected() != null);
        boolean status = previous == null || previous.status() != version.status()
                || previous.reopened() != version.reopened();
        boolean attributes = previous == null || !version.attributes().equals(previous.attributes());
        boolean workflow = previous == null || !version.workflow().equals(previous.workflow());
        LocalDate from = version.effective();
        String sql;
        if (recompute || !status && !attributes && !workflow && !version.progress()) {
            // the timeline is recomputed below, or holds nothing this event changes
            sql = "WITH " + VERSION_CLOSE + "\n" + VERSION_INSERT;
        } else if (previous != null && from.equals(previous.openFrom())) {
            sql = "WITH " + VERSION_CLOSE + ",\nv_new AS (" + VERSION_INSERT + ")\n" + TIMELINE_UPDATE;
        } else {
            sql = "WITH " + VERSION_CLOSE + ",\nv_new AS (" + VERSION_INSERT + "),\n" + TIMELINE_INSERT;
        }
        Query query = em.createNativeQuery(sql)
                .setParameter(1, issue.id())
                .setParameter(2, version.sequence())
                .setParameter(3, Timestamp.from(event.time()))
                .setParameter(4, version.effective().toString())
                .setParameter(5, version.progress())
                .setParameter(6, version.attributes())
                .setParameter(7, version.status().name())
                .setParameter(8, text(version.completedOn()))
                .setParameter(9, text(issue.lastProgressDate()))
                .setParameter(10, version.createdOn().toString())
                .setParameter(11, version.reopened())
                .setParameter(12, issue.inspectionId())
                .setParameter(13, text(issue.deadline()))
                .setParameter(14, text(issue.originalDeadline()))
                .setParameter(15, version.workflow().assignment())
                .setParameter(16, version.workflow().awaiting())
                .setParameter(17, version.workflow().extensions())
                .setParameter(18, version.workflow().returned())
                .setParameter(19, version.report() == null ? null : version.report().toString())
                .setParameter(20, version.corrected() == null ? null : version.corrected().toString());
        if (sql.contains("?21")) {
            LocalDate lastProgress = version.progress() ? version.effective()
                    : previous == null ? null : previous.openLastProgress();
            query.setParameter(21, from.toString()).setParameter(22, text(lastProgress));
        }
        query.executeUpdate();
        if (recompute) {
            recomputeTimeline(issue.id());
        }
    }

    /** Rewrites one issue's effective timeline from its versions (after a back-dated event). */
    private void recomputeTimeline(UUID issue) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT sequence, effective_date, status, attributes_id, completed_on, reopened, progress,
                               created_on, assignment_state, awaiting_decision, extension_count, returned_count,
                               report_id, corrected_report_id
                        FROM issue_version WHERE issue_id = ?1 ORDER BY sequence""")
                .setParameter(1, issue).getResultList();
        List<IssueTimeline.Version> versions = rows.stream().map(IssueProjection::version).toList();
        List<IssueTimeline.Segment> segments = IssueTimeline.of(versions);
        em.createNativeQuery("DELETE FROM issue_timeline WHERE issue_id = ?1").setParameter(1, issue).executeUpdate();
        // the inspection and deadlines come with the attributes the segment has
        StringBuilder sql = new StringBuilder("""
                INSERT INTO issue_timeline (issue_id, valid_from, valid_to, attributes_id, status, completed_on,
                    last_progress_date, created_on, reopened, sequence, assignment_state, awaiting_decision,
                    extension_count, returned_count, inspection_id, deadline, original_deadline)
                SELECT s.*, a.inspection_id, a.deadline, a.original_deadline FROM (VALUES """);
        int p = 0;
        for (int k = 0; k < segments.size(); k++) {
            sql.append(k == 0 ? "" : ", ").append("(?").append(++p).append(", CAST(?").append(++p)
                    .append(" AS date), CAST(?").append(++p).append(" AS date), ?").append(++p).append(", ?")
                    .append(++p).append(", CAST(?").append(++p).append(" AS date), CAST(?").append(++p)
                    .append(" AS date), CAST(?").append(++p).append(" AS date), ?").append(++p).append(", ?")
                    .append(++p).append(", CAST(?").append(++p).append(" AS text), CAST(?").append(++p)
                    .append(" AS text), ?").append(++p).append(", ?").append(++p).append(')');
        }
        sql.append(") AS s (issue_id, valid_from, valid_to, attributes_id, status, completed_on, last_progress_date, "
                + "created_on, reopened, sequence, assignment_state, awaiting_decision, extension_count, "
                + "returned_count) JOIN issue_attributes a ON a.id = s.attributes_id");
        Query insert = em.createNativeQuery(sql.toString());
        p = 0;
        for (IssueTimeline.Segment s : segments) {
            insert.setParameter(++p, issue)
                    .setParameter(++p, s.validFrom().toString())
                    .setParameter(++p, s.validTo() == null ? "infinity" : s.validTo().toString())
                    .setParameter(++p, s.attributes())
                    .setParameter(++p, s.status().name())
                    .setParameter(++p, text(s.completedOn()))
                    .setParameter(++p, text(s.lastProgressDate()))
                    .setParameter(++p, s.createdOn().toString())
                    .setParameter(++p, s.reopened())
                    .setParameter(++p, s.sequence())
                    .setParameter(++p, s.workflow().assignment())
                    .setParameter(++p, s.workflow().awaiting())
                    .setParameter(++p, s.workflow().extensions())
                    .setParameter(++p, s.workflow().returned());
        }
        insert.executeUpdate();
    }

    /**
     * A row of {@code issue_version} (sequence, effective date, status, attributes, completed-on, reopened, progress,
     * created-on, assignment state, awaiting, extensions, returned, report, corrected report) as the timeline reads it.
     */
    public static IssueTimeline.Version version(Object[] r) {
        return new IssueTimeline.Version(Rows.count(r[0]), Rows.date(r[1]), IssueStatus.valueOf((String) r[2]),
                Rows.uuid(r[3]), Rows.date(r[4]), ((Number) r[5]).intValue(), Boolean.TRUE.equals(r[6]),
                Rows.date(r[7]), new IssueTimeline.Workflow((String) r[8], (String) r[9], ((Number) r[10]).intValue(),
                ((Number) r[11]).intValue()), Rows.uuid(r[12]), Rows.uuid(r[13]));
    }

    /**
     * All readings of a report in one statement (a column of values per field, numbered in report order), and the
     * series they belong to.
     */
    private void recordReadings(RectificationEvent event, IssueEvent.Snapshot issue, IssueEvent.Report report) {
        List<IssueEvent.Reading> readings = report.readings();
        if (readings.isEmpty()) {
            return;
        }
        em.createNativeQuery("""
                        WITH written AS (
                        INSERT INTO reading_fact (event_id, ordinal, issue_id, inspection_id, report_id, metric,
                            dimensions, value, unit, kind, qualifier, forecast, change, stated_value, stated_unit,
                            display, source_text, parts, as_of, effective_date, recorded_at)
                        SELECT ?1, CAST(u.n AS int) - 1, ?2, ?3, ?4, u.metric, CAST(u.dimensions AS jsonb),
                            CAST(u.value AS numeric), u.unit, u.kind, u.qualifier, CAST(u.forecast AS boolean),
                            CAST(u.change AS boolean), CAST(u.stated_value AS numeric), u.stated_unit, u.display,
                            u.source_text, CAST(u.parts AS jsonb), CAST(?5 AS date), CAST(?6 AS date), ?7
                        FROM unnest(CAST(?8 AS text[]), CAST(?9 AS text[]), CAST(?10 AS text[]), CAST(?11 AS text[]),
                                    CAST(?12 AS text[]), CAST(?13 AS text[]), CAST(?14 AS text[]),
                                    CAST(?15 AS text[]), CAST(?16 AS text[]), CAST(?17 AS text[]),
                                    CAST(?18 AS text[]), CAST(?19 AS text[]), CAST(?20 AS text[]))
                             WITH ORDINALITY AS u(metric, dimensions, value, unit, kind, qualifier, forecast, change,
                                                  stated_value, stated_unit, display, source_text, parts, n)
                        ON CONFLICT (event_id, ordinal) DO NOTHING
                        RETURNING metric, inspection_id, dimensions)
                        INSERT INTO reading_series (metric, inspection_id, dimensions)
                        SELECT DISTINCT metric, inspection_id, dimensions FROM written
                        ON CONFLICT DO NOTHING""")
                .setParameter(1, event.id())
                .setParameter(2, issue.id())
                .setParameter(3, issue.inspectionId())
                .setParameter(4, report.id())
                .setParameter(5, report.asOf().toString())
                .setParameter(6, event.effectiveDay(calendar.zone()).toString())
                .setParameter(7, Timestamp.from(event.time()))
                .setParameter(8, column(readings, IssueEvent.Reading::metric))
                .setParameter(9, column(readings, r -> toJson(r.dimensions())))
                .setParameter(10, column(readings, r -> r.value() == null ? null : r.value().toPlainString()))
                .setParameter(11, column(readings, IssueEvent.Reading::unit))
                .setParameter(12, column(readings, IssueEvent.Reading::kind))
                .setParameter(13, column(readings, IssueEvent.Reading::qualifier))
                .setParameter(14, column(readings, r -> Boolean.toString(r.forecast())))
                .setParameter(15, column(readings, r -> Boolean.toString(r.change())))
                .setParameter(16, column(readings, r -> r.statedValue() == null ? null
                        : r.statedValue().toPlainString()))
                .setParameter(17, column(readings, IssueEvent.Reading::statedUnit))
                .setParameter(18, column(readings, IssueEvent.Reading::display))
                .setParameter(19, column(readings, IssueEvent.Reading::sourceText))
                .setParameter(20, column(readings, r -> r.parts() == null ? null : r.parts().toString()))
                .executeUpdate();
    }

    private static String[] column(List<IssueEvent.Reading> readings, Function<IssueEvent.Reading, String> field) {
        return readings.stream().map(field).toArray(String[]::new);
    }

    private Previous previous(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        """
                        SELECT v.status, v.completed_on, v.created_on, v.reopened, v.attributes_id, t.valid_from,
                               t.last_progress_date, v.assignment_state, v.awaiting_decision, v.extension_count,
                               v.returned_count
                        FROM issue_view v
                        LEFT JOIN issue_timeline t ON t.issue_id = v.id AND t.valid_to = 'infinity'
                        WHERE v.id = ?1""")
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new Previous(IssueStatus.valueOf((String) row[0]), Rows.date(row[1]), Rows.date(row[2]),
                ((Number) row[3]).intValue(), Rows.uuid(row[4]), Rows.date(row[5]), Rows.date(row[6]),
                new IssueTimeline.Workflow((String) row[7], (String) row[8], ((Number) row[9]).intValue(),
                        ((Number) row[10]).intValue()));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    /** The issue before the event, with the start and last progress date of its open timeline segment. */
    private record Previous(IssueStatus status, LocalDate completedOn, LocalDate createdOn, int reopened,
                            UUID attributes, LocalDate openFrom, LocalDate openLastProgress,
                            IssueTimeline.Workflow workflow) {
    }
}
