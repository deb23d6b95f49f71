package io.zhenggai.report.projection;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

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
        upsert(event, issue, completedOn, previous == null ? effective : previous.createdOn(), reopened);

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
        if (change.report() != null) {
            recordReadings(event, issue, change.report());
        }
    }

    private void upsert(RectificationEvent event, IssueEvent.Snapshot issue, LocalDate completedOn, LocalDate createdOn,
                        int reopened) {
        em.createNativeQuery("""
                        INSERT INTO issue_view (id, inspection_id, list_key, aspect_path, aspect_numbering, aspect_title,
                            group_title, category_path, category_numbering, category_title, path, numbering, ordinal,
                            title, lead_leaders, responsible_units, tags, deadline, status, status_label, warning,
                            completed_on, last_progress_date, created_on, reopened, sequence, created_at, updated_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
                            ARRAY(SELECT jsonb_array_elements_text(CAST(?15 AS jsonb))),
                            ARRAY(SELECT jsonb_array_elements_text(CAST(?16 AS jsonb))),
                            ARRAY(SELECT jsonb_array_elements_text(CAST(?17 AS jsonb))),
                            CAST(?18 AS date), ?19, ?20, ?21, CAST(?22 AS date), CAST(?23 AS date), CAST(?24 AS date),
                            ?25, ?26, ?27, ?27)
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
                            updated_at = EXCLUDED.updated_at""")
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
                .executeUpdate();
    }

    private void recordReadings(RectificationEvent event, IssueEvent.Snapshot issue, IssueEvent.Report report) {
        List<IssueEvent.Reading> readings = report.readings();
        for (int ordinal = 0; ordinal < readings.size(); ordinal++) {
            IssueEvent.Reading reading = readings.get(ordinal);
            em.createNativeQuery("""
                            INSERT INTO reading_fact (event_id, ordinal, issue_id, inspection_id, report_id, metric,
                                dimensions, value, unit, kind, qualifier, forecast, change, stated_value, stated_unit,
                                display, source_text, parts, as_of, effective_date, recorded_at)
                            VALUES (?1, ?2, ?3, ?4, ?5, ?6, CAST(?7 AS jsonb), CAST(?8 AS numeric), ?9, ?10, ?11, ?12,
                                ?13, CAST(?14 AS numeric), ?15, ?16, ?17, CAST(?18 AS jsonb), CAST(?19 AS date),
                                CAST(?20 AS date), ?21)
                            ON CONFLICT (event_id, ordinal) DO NOTHING""")
                    .setParameter(1, event.id())
                    .setParameter(2, ordinal)
                    .setParameter(3, issue.id())
                    .setParameter(4, issue.inspectionId())
                    .setParameter(5, report.id())
                    .setParameter(6, reading.metric())
                    .setParameter(7, toJson(reading.dimensions()))
                    .setParameter(8, reading.value() == null ? null : reading.value().toPlainString())
                    .setParameter(9, reading.unit())
                    .setParameter(10, reading.kind())
                    .setParameter(11, reading.qualifier())
                    .setParameter(12, reading.forecast())
                    .setParameter(13, reading.change())
                    .setParameter(14, reading.statedValue() == null ? null : reading.statedValue().toPlainString())
                    .setParameter(15, reading.statedUnit())
                    .setParameter(16, reading.display())
                    .setParameter(17, reading.sourceText())
                    .setParameter(18, reading.parts() == null ? null : reading.parts().toString())
                    .setParameter(19, report.asOf().toString())
                    .setParameter(20, event.effectiveDay(calendar.zone()).toString())
                    .setParameter(21, Timestamp.from(event.time()))
                    .executeUpdate();
        }
    }

    private Previous previous(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT status, completed_on, created_on, reopened FROM issue_view WHERE id = ?1")
                .setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new Previous(IssueStatus.valueOf((String) row[0]), Rows.date(row[1]), Rows.date(row[2]),
                ((Number) row[3]).intValue());
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

    private record Previous(IssueStatus status, LocalDate completedOn, LocalDate createdOn, int reopened) {
    }
}
