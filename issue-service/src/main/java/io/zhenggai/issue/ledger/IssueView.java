package io.zhenggai.issue.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** An issue as the API shows it: its state, the derived warning level, and (in detail) measures and progress. */
public record IssueView(UUID id, UUID inspectionId, String listKey, IssueSnapshot.Node aspect, String groupTitle,
                        IssueSnapshot.Node category, String path, String numbering, String title, String description,
                        List<String> leadLeaders, List<String> responsibleUnits, List<String> tags, LocalDate deadline,
                        IssueStatus status, String statusLabel, WarningLevel warningLevel, LocalDate lastProgressDate,
                        long sequence, List<MeasureView> measures, List<ProgressView> progress) {

    public static IssueView of(IssueSnapshot s, WarningLevel warning, List<MeasureView> measures,
                               List<ProgressView> progress) {
        return new IssueView(s.id(), s.inspectionId(), s.listKey(), s.aspect(), s.groupTitle(), s.category(), s.path(),
                s.numbering(), s.title(), s.description(), s.leadLeaders(), s.responsibleUnits(), s.tags(),
                s.deadline(), s.status(), s.statusLabel(), warning, s.lastProgressDate(), s.sequence(), measures,
                progress);
    }

    public record MeasureView(int ordinal, String text, LocalDate effectiveDate) {
    }

    public record ProgressView(UUID id, LocalDate asOf, String text, List<Reading> readings, String actor,
                               Instant recordedAt, boolean backDated, List<EvidenceRef> attachments) {
    }

    /** One page of issues in a stable order. */
    public record Page(List<IssueView> items, int page, int size, long total) {
    }
}
