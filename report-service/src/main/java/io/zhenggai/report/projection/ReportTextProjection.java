package io.zhenggai.report.projection;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

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
 * <p>
 * Batched like {@link IssueProjection}: a batch's texts and reports are written by one statement each, then its
 * corrections (the corrected report may be in the same batch).
 */
@ApplicationScoped
public class ReportTextProjection implements Projection {

    private static final String BATCH = ReportTextProjection.class.getName() + ".batch";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    ReportCalendar calendar;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Override
    public void apply(RectificationEvent event) {
        if (!IssueEvent.isIssueEvent(event)) {
            return;
        }
        Batch batch = batch();
        IssueEvent change = IssueEvent.of(event);
        IssueEvent.Snapshot issue = change.issue();
        if (IssueEvent.CREATED.equals(event.type())) {
            IssueColumns.TEXTS.add(batch.texts, new IssueColumns.TextLine(issue.id(), issue.description(),
                    toJson(change.plannedMeasures())));
        }
        IssueEvent.Report report = change.report();
        if (report != null) {
            IssueColumns.REPORTS.add(batch.reports, new IssueColumns.ReportLine(event.id(), event.sequence(), issue,
                    report, event.effectiveDay(calendar.zone()), event.time(), toJson(report.measures()),
                    report.warnings() == null ? null : toJson(report.warnings())));
        }
        if (change.correction() != null && batch.corrected.add(issue.id() + "/" + change.correction().reportId())) {
            IssueColumns.SUPERSESSION.add(batch.corrections, new IssueColumns.SupersessionLine(event.id(),
                    event.effectiveDay(calendar.zone()), event.time(), issue.id(), change.correction().reportId()));
        }
    }

    @Override
    public void flush() {
        Batch batch = (Batch) transactions.getResource(BATCH);
        if (batch != null && !batch.isEmpty()) {
            batch.write();
        }
    }

    private void write(Batch batch) {
        Unnest texts = batch.texts;
        if (!texts.isEmpty()) {
            texts.bind(em.createNativeQuery("INSERT INTO issue_text (" + texts.names() + ") SELECT " + texts.cols()
                    + " FROM " + texts.from() + " ON CONFLICT (issue_id) DO NOTHING")).executeUpdate();
        }
        Unnest reports = batch.reports;
        if (!reports.isEmpty()) {
            reports.bind(em.createNativeQuery("INSERT INTO progress_report (" + reports.names() + ") SELECT "
                    + reports.cols() + " FROM " + reports.from() + " ON CONFLICT (issue_id, report_id) DO NOTHING"))
                    .executeUpdate();
        }
        Unnest corrections = batch.corrections;
        if (!corrections.isEmpty()) {
            corrections.bind(em.createNativeQuery(IssueColumns.supersede("progress_report", corrections)))
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

    private Batch batch() {
        Batch batch = (Batch) transactions.getResource(BATCH);
        if (batch == null) {
            batch = new Batch(this);
            transactions.putResource(BATCH, batch);
            transactions.registerInterposedSynchronization(batch);
        }
        return batch;
    }

    /** What one transaction applied and has not written yet; written before it commits in any case. */
    private static final class Batch implements Synchronization {
        final ReportTextProjection projection;
        final Set<String> corrected = new HashSet<>();
        Unnest texts;
        Unnest reports;
        Unnest corrections;

        Batch(ReportTextProjection projection) {
            this.projection = projection;
            fresh();
        }

        private void fresh() {
            texts = IssueColumns.TEXTS.unnest();
            reports = IssueColumns.REPORTS.unnest();
            corrections = IssueColumns.SUPERSESSION.unnest();
        }

        boolean isEmpty() {
            return texts.isEmpty() && reports.isEmpty() && corrections.isEmpty();
        }

        void write() {
            projection.write(this);
            fresh();
        }

        @Override
        public void beforeCompletion() {
            if (!isEmpty()) {
                write();
            }
        }

        @Override
        public void afterCompletion(int status) {
        }
    }
}
