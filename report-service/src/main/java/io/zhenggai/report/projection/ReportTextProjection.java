package io.zhenggai.report.projection;

import java.sql.Timestamp;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.report.intake.Projection;
import io.zhenggai.report.intake.RectificationEvent;

/**
 * The words a bulletin (通报) prints for each issue: its own text ({@code issue_text}: the problem's description and
 * the measures planned when it was entered) and every progress report's text, measures, status words and the
 * consistency findings issue-service made on it ({@code progress_report}). A correction (更正/撤回) supersedes the
 * corrected report from its effective date and recorded time, as it does the report's readings, and adds the
 * replacement; the rows stay, so that an answer as of an earlier moment still prints what stood then.
 */
@ApplicationScoped
public class ReportTextProjection implements Projection {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    ReportCalendar calendar;

    @Override
    public void apply(RectificationEvent event) {
        if (!IssueEvent.isIssueEvent(event)) {
            return;
        }
        IssueEvent change = IssueEvent.of(event);
        IssueEvent.Snapshot issue = change.issue();
        if (IssueEvent.CREATED.equals(event.type())) {
            em.createNativeQuery("""
                            INSERT INTO issue_text (issue_id, description, measures) VALUES (?1, ?2, CAST(?3 AS jsonb))
                            ON CONFLICT (issue_id) DO NOTHING""")
                    .setParameter(1, issue.id())
                    .setParameter(2, issue.description())
                    .setParameter(3, toJson(change.plannedMeasures()))
                    .executeUpdate();
        }
        if (change.correction() != null) {
            em.createNativeQuery("""
                            UPDATE progress_report SET superseded_by = ?1, superseded_on = CAST(?2 AS date),
                                superseded_at = ?3
                            WHERE issue_id = ?4 AND report_id = ?5 AND superseded_by IS NULL""")
                    .setParameter(1, event.id())
                    .setParameter(2, event.effectiveDay(calendar.zone()).toString())
                    .setParameter(3, Timestamp.from(event.time()))
                    .setParameter(4, issue.id())
                    .setParameter(5, change.correction().reportId())
                    .executeUpdate();
        }
        IssueEvent.Report report = change.report();
        if (report != null) {
            em.createNativeQuery("""
                            INSERT INTO progress_report (issue_id, report_id, event_id, sequence, inspection_id, as_of,
                                effective_date, recorded_at, text, measures, status_label, warnings)
                            VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS date), CAST(?7 AS date), ?8, ?9, CAST(?10 AS jsonb),
                                ?11, CAST(?12 AS jsonb))
                            ON CONFLICT (issue_id, report_id) DO NOTHING""")
                    .setParameter(1, issue.id())
                    .setParameter(2, report.id())
                    .setParameter(3, event.id())
                    .setParameter(4, event.sequence())
                    .setParameter(5, issue.inspectionId())
                    .setParameter(6, report.asOf().toString())
                    .setParameter(7, event.effectiveDay(calendar.zone()).toString())
                    .setParameter(8, Timestamp.from(event.time()))
                    .setParameter(9, report.text())
                    .setParameter(10, toJson(report.measures()))
                    .setParameter(11, report.statusLabel())
                    .setParameter(12, report.warnings() == null ? null : toJson(report.warnings()))
                    .executeUpdate();
        }
    }

    private String toJson(List<?> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
