package io.zhenggai.issue.ledger;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The payloads of issue events: each carries the issue's snapshot after the change, and what changed. */
public final class IssueEvents {

    private IssueEvents() {
    }

    public record Created(IssueSnapshot issue, List<String> measures) {
    }

    /** A progress report; {@code statusChange} is set when the first report started the issue. */
    public record ProgressReported(IssueSnapshot issue, Report report, StatusChange statusChange) {
    }

    /**
     * A progress report as events carry it (also the replacement in a correction): {@code source} says where its
     * readings came from, {@code warnings} are the consistency findings on its text, {@code attachments} the
     * evidence it refers to (left out of the event when none).
     */
    public record Report(UUID id, LocalDate asOf, String text, List<String> measures, List<Reading> readings,
                         String statusLabel, List<ReportWarning> warnings, ReadingSource source,
                         @JsonInclude(JsonInclude.Include.NON_EMPTY) List<EvidenceRef> attachments) {

        public Report(UUID id, LocalDate asOf, String text, List<String> measures, List<Reading> readings,
                      String statusLabel, List<ReportWarning> warnings, ReadingSource source) {
            this(id, asOf, text, measures, readings, statusLabel, warnings, source, List.of());
        }
    }

    public record StatusChanged(IssueSnapshot issue, StatusChange change) {
    }

    /** 回头看: a closed issue reopened. */
    public record Reopened(IssueSnapshot issue, StatusChange change) {
    }

    /**
     * A workflow step; {@code note} is the lead unit's note with a completion request (申请销号说明), {@code evidence}
     * the references the caller wrote, {@code attachments} the evidence it referred to by id (left out of the event
     * when none).
     */
    public record StatusChange(IssueStatus from, IssueStatus to, Transition transition, String reason,
                               String verificationNote, List<String> evidence, String note,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<EvidenceRef> attachments) {

        public StatusChange(IssueStatus from, IssueStatus to, Transition transition, String reason,
                            String verificationNote, List<String> evidence, String note) {
            this(from, to, transition, reason, verificationNote, evidence, note, List.of());
        }
    }

    /** Responsibility, deadline or tags changed: each changed field with its old and new value. */
    public record Updated(IssueSnapshot issue, Map<String, Change> changes, String reason) {
    }

    public record Change(Object from, Object to) {
    }
}
