package io.zhenggai.issue.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An issue as the API shows it: its state, the derived warning level, and (in detail) measures, progress, leader
 * instructions (批示) and extension requests (延期申请).
 */
public record IssueView(UUID id, UUID inspectionId, String listKey, IssueSnapshot.Node aspect, String groupTitle,
                        IssueSnapshot.Node category, String path, String numbering, String title, String description,
                        List<String> leadLeaders, List<String> responsibleUnits, List<String> tags, LocalDate deadline,
                        IssueStatus status, String statusLabel, WarningLevel warningLevel, LocalDate lastProgressDate,
                        long sequence, List<MeasureView> measures, List<ProgressView> progress, String leadUnit,
                        IssueSnapshot.Assignment assignment, LocalDate originalDeadline, int extensionCount,
                        int returnedCount, AwaitingDecision awaitingDecision, List<InstructionView> instructions,
                        List<ExtensionView> extensions) {

    public static IssueView of(IssueSnapshot s, WarningLevel warning, List<MeasureView> measures,
                               List<ProgressView> progress) {
        return of(s, warning, measures, progress, List.of(), List.of());
    }

    public static IssueView of(IssueSnapshot s, WarningLevel warning, List<MeasureView> measures,
                               List<ProgressView> progress, List<InstructionView> instructions,
                               List<ExtensionView> extensions) {
        return new IssueView(s.id(), s.inspectionId(), s.listKey(), s.aspect(), s.groupTitle(), s.category(), s.path(),
                s.numbering(), s.title(), s.description(), s.leadLeaders(), s.responsibleUnits(), s.tags(),
                s.deadline(), s.status(), s.statusLabel(), warning, s.lastProgressDate(), s.sequence(), measures,
                progress, s.leadUnit(), s.assignment(), s.originalDeadline(), s.extensionCount(), s.returnedCount(),
                s.awaitingDecision(), instructions, extensions);
    }

    /** A measure (整改措施): {@code ordinal} counts from 1, so an assignment's 0-based measure index is ordinal − 1. */
    public record MeasureView(int ordinal, String text, LocalDate effectiveDate, LocalDate deadline) {
    }

    /**
     * A progress report. {@code state} is CURRENT, CORRECTED (replaced by {@code supersededBy}) or WITHDRAWN;
     * {@code corrects} names the report a correction replaced.
     */
    public record ProgressView(UUID id, LocalDate asOf, String text, List<Reading> readings, String actor,
                               Instant recordedAt, boolean backDated, ReadingSource source,
                               List<ReportWarning> warnings, String unit, String state, UUID corrects,
                               UUID supersededBy, List<EvidenceRef> attachments) {
    }

    /** 领导批示. */
    public record InstructionView(UUID id, String leader, String text, String actor, Instant recordedAt) {
    }

    /** 延期申请 and, once decided, the decision. */
    public record ExtensionView(UUID id, LocalDate currentDeadline, LocalDate requestedDeadline, String reason,
                                String unit, String requestedBy, Instant requestedAt,
                                ExtensionRequest.Decision decision, String note, String decidedBy,
                                Instant decidedAt) {
    }

    /** One page of issues in a stable order. */
    public record Page(List<IssueView> items, int page, int size, long total) {
    }
}
