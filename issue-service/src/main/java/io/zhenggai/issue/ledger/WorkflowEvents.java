package io.zhenggai.issue.ledger;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The payloads of the workflow's issue events (交办, 签收, 延期, 批示, 更正): each carries the issue's snapshot after the
 * change, and what happened. The contract file defines them; the names here are its names.
 */
public final class WorkflowEvents {

    private WorkflowEvents() {
    }

    /** zhenggai.issue.assigned.v1 */
    public record Assigned(IssueSnapshot issue, Assignment assignment) {
    }

    public record Assignment(String leadUnit, List<String> coUnits, List<String> leadLeaders, LocalDate deadline,
                             List<MeasureDeadline> measureDeadlines, String note) {
    }

    /** @param measure the measure's 0-based index in the issue's measures */
    public record MeasureDeadline(int measure, LocalDate deadline) {
    }

    /** zhenggai.issue.signed.v1: the signer is the event's actor. */
    public record Signed(IssueSnapshot issue, Signature signature) {
    }

    public record Signature(String unit, String note) {
    }

    /** zhenggai.issue.extension-requested.v1 */
    public record ExtensionRequested(IssueSnapshot issue, RequestedExtension extension) {
    }

    public record RequestedExtension(UUID id, LocalDate currentDeadline, LocalDate requestedDeadline, String reason) {
    }

    /** zhenggai.issue.extension-decided.v1 */
    public record ExtensionDecided(IssueSnapshot issue, DecidedExtension extension) {
    }

    /** {@code newDeadline} is the requested one when approved, the previous one when rejected. */
    public record DecidedExtension(UUID id, ExtensionRequest.Decision decision, LocalDate previousDeadline,
                                   LocalDate requestedDeadline, LocalDate newDeadline, LocalDate originalDeadline,
                                   String note) {
    }

    /** zhenggai.issue.instruction-added.v1 */
    public record InstructionAdded(IssueSnapshot issue, AddedInstruction instruction) {
    }

    /** @param leader the leader's name */
    public record AddedInstruction(UUID id, String leader, String text) {
    }

    /** zhenggai.issue.progress-corrected.v1: effective as of the corrected report's date. */
    public record ProgressCorrected(IssueSnapshot issue, Correction correction) {
    }

    /** @param report the replacement (same as-of date, new id), or null when WITHDRAWN */
    public record Correction(UUID reportId, CorrectionKind kind, String reason, IssueEvents.Report report) {
    }

    /** A correction replaces a report with another of the same date; a withdrawal takes it back without one. */
    public enum CorrectionKind {
        CORRECTED, WITHDRAWN
    }
}
