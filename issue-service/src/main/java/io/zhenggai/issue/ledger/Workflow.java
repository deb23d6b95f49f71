package io.zhenggai.issue.ledger;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The state rules of the units' side of the workflow, in one place beside {@link StatusMachine} (which owns the
 * status transitions): 交办 → 签收 → 办理/报告 → 申请销号 (COMPLETE) → 销号 (CLOSE) or 退回 (RETURN), 延期申请 and its
 * decision, and corrections of progress reports. Each rule refuses with a {@link LedgerException} that says why:
 * CONFLICT when the issue's state does not allow the step (409), INVALID when an input is wrong (422). Who may take a
 * step is {@link Access}'s concern. Pure: no database, no clock.
 */
public final class Workflow {

    /** The states in which the lead unit may ask for a later deadline: the work is under way or about to be. */
    static final Set<IssueStatus> EXTENDABLE = EnumSet.of(IssueStatus.NOT_STARTED, IssueStatus.IN_PROGRESS);

    private Workflow() {
    }

    /**
     * 交办: any issue but a closed one (a 回头看 reopens it first), and not while an extension request waits (an
     * assignment sets the deadline it asks to move: decide it first). A completion request may wait: an imported
     * bulletin reports items done before anyone is responsible for them, and the office verifies them either way.
     */
    static void checkAssignable(Issue issue) {
        if (issue.status == IssueStatus.CLOSED) {
            throw conflict("issue-closed", "a closed (已销号) issue is not assigned again; REOPEN it first (回头看)");
        }
        if (issue.awaitingDecision == AwaitingDecision.EXTENSION) {
            throw conflict("decision-pending", "an extension request (延期申请) waits for the office's decision; "
                    + "decide it before assigning the issue again");
        }
    }

    /** The measure deadlines of an assignment: each names an existing measure, once, by its 0-based index. */
    static void checkMeasureDeadlines(List<WorkflowEvents.MeasureDeadline> deadlines, int measures,
                                      LocalDate issueDeadline) {
        Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < deadlines.size(); i++) {
            WorkflowEvents.MeasureDeadline d = deadlines.get(i);
            String field = "measureDeadlines[" + i + "]";
            if (d.measure() >= measures) {
                throw LedgerException.invalid(field + ".measure", "the issue has " + measures + " measures (0 to "
                        + (measures - 1) + "), so there is no measure " + d.measure());
            }
            if (!seen.add(d.measure())) {
                throw LedgerException.invalid(field + ".measure", "measure " + d.measure() + " is given twice");
            }
            if (issueDeadline != null && d.deadline().isAfter(issueDeadline)) {
                throw LedgerException.invalid(field + ".deadline", "a measure's deadline " + d.deadline()
                        + " cannot be later than the issue's " + issueDeadline);
            }
        }
    }

    /** 签收: an assignment that waits for its signature. */
    static void checkSignable(Issue issue) {
        if (issue.assignmentState == null) {
            throw conflict("not-assigned", "the issue has not been assigned (交办), so there is nothing to sign for");
        }
        if (issue.assignmentState == AssignmentState.SIGNED) {
            throw conflict("already-signed", "the assignment was signed for already (by " + issue.signedBy + ")");
        }
    }

    /**
     * A unit acts on an assigned issue (reports, asks for completion or an extension) only once its lead unit has
     * signed for it: 交办 → 签收 → 办理. An issue never assigned (responsibility set by hand) needs no signature.
     */
    static void checkSignedBeforeUnitActs(Issue issue) {
        if (issue.assignmentState == AssignmentState.ASSIGNED) {
            throw conflict("not-signed", "the lead unit " + issue.leadUnit + " has not signed for the assignment "
                    + "(签收) yet: sign first, then report");
        }
    }

    /** 申请销号 while an extension request waits is a second request at once: one at a time. */
    static void checkCompletionRequest(Issue issue) {
        if (issue.awaitingDecision == AwaitingDecision.EXTENSION) {
            throw conflict("decision-pending", "an extension request waits for the office's decision; one request "
                    + "at a time");
        }
    }

    /** 延期申请: an open issue with a deadline, nothing else waiting, a later date and a reason. */
    static void checkExtensionRequest(Issue issue, LocalDate requested, String reason) {
        if (issue.awaitingDecision != null) {
            throw conflict("decision-pending", "a " + describe(issue.awaitingDecision) + " waits for the office's "
                    + "decision; one request at a time");
        }
        if (!EXTENDABLE.contains(issue.status)) {
            throw conflict("not-extendable", "an extension is asked for an issue NOT_STARTED or IN_PROGRESS, not "
                    + issue.status + " (" + issue.status.chinese() + ")");
        }
        if (issue.deadline == null) {
            throw conflict("no-deadline", "the issue has no deadline to extend");
        }
        if (!requested.isAfter(issue.deadline)) {
            throw LedgerException.invalid("requestedDeadline", "an extension asks for a date after the current "
                    + "deadline " + issue.deadline + ", not " + requested);
        }
        if (reason == null || reason.isBlank()) {
            throw LedgerException.invalid("reason", "an extension request needs a reason");
        }
    }

    /** The decision on an extension request: the issue's, still pending; a rejection says why. */
    static void checkExtensionDecision(Issue issue, ExtensionRequest request, ExtensionRequest.Decision decision,
                                       String note) {
        if (request == null || !request.issueId.equals(issue.id)) {
            throw LedgerException.notFound("Extension request", request == null ? "?" : request.id);
        }
        if (!request.pending()) {
            throw conflict("already-decided", "the extension request was " + request.decision + " already");
        }
        if (decision == ExtensionRequest.Decision.REJECTED && (note == null || note.isBlank())) {
            throw LedgerException.invalid("note", "a rejected extension request needs a note saying why");
        }
    }

    /** A correction or withdrawal: of a report of this issue that still counts. */
    static void checkCorrectable(Issue issue, ProgressReport report, WorkflowEvents.CorrectionKind kind,
                                 String text) {
        if (report == null || !report.issueId.equals(issue.id)) {
            throw LedgerException.notFound("Progress report", report == null ? "?" : report.id);
        }
        if (report.withdrawn) {
            throw conflict("report-withdrawn", "the report was withdrawn; there is nothing left to correct");
        }
        if (report.supersededBy != null) {
            throw conflict("report-corrected", "the report was corrected already by " + report.supersededBy
                    + "; correct that one instead");
        }
        boolean hasText = text != null && !text.isBlank();
        if (kind == WorkflowEvents.CorrectionKind.CORRECTED && !hasText) {
            throw LedgerException.invalid("text", "a correction gives the corrected report's text");
        }
        if (kind == WorkflowEvents.CorrectionKind.WITHDRAWN && hasText) {
            throw LedgerException.invalid("text", "a withdrawal has no text: correct the report to replace it");
        }
    }

    /** What waits for the office once a step is taken: derived from the status and a pending extension. */
    static AwaitingDecision awaiting(IssueStatus status, boolean extensionPending) {
        if (status == IssueStatus.COMPLETED) {
            return AwaitingDecision.COMPLETION;
        }
        return extensionPending ? AwaitingDecision.EXTENSION : null;
    }

    private static String describe(AwaitingDecision awaiting) {
        return awaiting == AwaitingDecision.COMPLETION ? "completion request (申请销号)" : "extension request (延期申请)";
    }

    private static LedgerException conflict(String slug, String detail) {
        return LedgerException.conflict(slug, "The workflow does not allow this: " + detail);
    }
}
