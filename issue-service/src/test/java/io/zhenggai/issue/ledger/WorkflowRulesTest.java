package io.zhenggai.issue.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The state rules of {@link Workflow} on their own.
 * <pre>
 *   step                 allowed when                                          else
 *   assign (交办)         not CLOSED, no extension request waits               409
 *   sign (签收)           assigned and not signed                               409
 *   a unit acts          never assigned, or signed                             409 not-signed
 *   extension request    NOT_STARTED/IN_PROGRESS, a deadline, nothing awaits,  409; 422 for the date or reason
 *                        a later date, a reason
 *   decision             the issue's own pending request; a rejection a note   404, 409, 422
 *   COMPLETE             no extension request waits                            409
 *   correction           a current report of the issue; text iff CORRECTED     404, 409, 422
 * </pre>
 */
class WorkflowRulesTest {

    static final LocalDate DEADLINE = LocalDate.of(2023, 6, 30);

    static Issue issue(IssueStatus status, AssignmentState assignment, AwaitingDecision awaiting) {
        Issue issue = new Issue();
        issue.id = UUID.randomUUID();
        issue.status = status;
        issue.assignmentState = assignment;
        issue.awaitingDecision = awaiting;
        issue.deadline = DEADLINE;
        issue.leadUnit = "党政办公室";
        issue.responsibleUnits = new ArrayList<>(List.of("党政办公室"));
        return issue;
    }

    static String refusal(Runnable rule) {
        try {
            rule.run();
            return null;
        } catch (LedgerException e) {
            return e.kind() + " " + e.slug() + (e.errors().isEmpty() ? "" : " " + e.errors().get(0).field());
        }
    }

    @ParameterizedTest
    @EnumSource(IssueStatus.class)
    void shouldAssignAnyIssueButAClosedOne(IssueStatus status) {
        String refused = refusal(() -> Workflow.checkAssignable(issue(status, AssignmentState.SIGNED, null)));
        assertThat(refused).isEqualTo(status == IssueStatus.CLOSED ? "CONFLICT issue-closed" : null);
    }

    @Test
    void shouldNotAssignWhileAnExtensionRequestAwaitsTheOffice() {
        assertThat(refusal(() -> Workflow.checkAssignable(issue(IssueStatus.IN_PROGRESS, null,
                AwaitingDecision.EXTENSION)))).isEqualTo("CONFLICT decision-pending");
        assertThat(refusal(() -> Workflow.checkAssignable(issue(IssueStatus.COMPLETED, null,
                AwaitingDecision.COMPLETION)))).as("an imported item reported done still needs its units").isNull();
    }

    @Test
    void shouldSignAnAssignmentOnceAndOnlyAnAssignedOne() {
        assertThat(refusal(() -> Workflow.checkSignable(issue(IssueStatus.NOT_STARTED, AssignmentState.ASSIGNED,
                null)))).isNull();
        assertThat(refusal(() -> Workflow.checkSignable(issue(IssueStatus.NOT_STARTED, AssignmentState.SIGNED,
                null)))).isEqualTo("CONFLICT already-signed");
        assertThat(refusal(() -> Workflow.checkSignable(issue(IssueStatus.NOT_STARTED, null, null))))
                .isEqualTo("CONFLICT not-assigned");
    }

    @Test
    void shouldLetAUnitActOnlyOnceItsAssignmentIsSigned() {
        assertThat(refusal(() -> Workflow.checkSignedBeforeUnitActs(issue(IssueStatus.NOT_STARTED,
                AssignmentState.ASSIGNED, null)))).isEqualTo("CONFLICT not-signed");
        assertThat(refusal(() -> Workflow.checkSignedBeforeUnitActs(issue(IssueStatus.NOT_STARTED,
                AssignmentState.SIGNED, null)))).isNull();
        assertThat(refusal(() -> Workflow.checkSignedBeforeUnitActs(issue(IssueStatus.NOT_STARTED, null, null))))
                .as("responsibility set by hand, never assigned").isNull();
    }

    @ParameterizedTest
    @EnumSource(IssueStatus.class)
    void shouldAskForAnExtensionOfOpenWorkOnly(IssueStatus status) {
        String refused = refusal(() -> Workflow.checkExtensionRequest(issue(status, AssignmentState.SIGNED, null),
                DEADLINE.plusDays(1), "项目审批延后"));
        if (EnumSet.of(IssueStatus.NOT_STARTED, IssueStatus.IN_PROGRESS).contains(status)) {
            assertThat(refused).isNull();
        } else {
            assertThat(refused).isEqualTo("CONFLICT not-extendable");
        }
    }

    @Test
    void shouldAskForOneLaterDeadlineAtATimeWithAReason() {
        Issue open = issue(IssueStatus.IN_PROGRESS, AssignmentState.SIGNED, null);
        assertThat(refusal(() -> Workflow.checkExtensionRequest(open, DEADLINE, "理由")))
                .isEqualTo("INVALID invalid-input requestedDeadline");
        assertThat(refusal(() -> Workflow.checkExtensionRequest(open, DEADLINE.minusDays(5), "理由")))
                .isEqualTo("INVALID invalid-input requestedDeadline");
        assertThat(refusal(() -> Workflow.checkExtensionRequest(open, DEADLINE.plusDays(1), " ")))
                .isEqualTo("INVALID invalid-input reason");
        Issue pending = issue(IssueStatus.IN_PROGRESS, AssignmentState.SIGNED, AwaitingDecision.EXTENSION);
        assertThat(refusal(() -> Workflow.checkExtensionRequest(pending, DEADLINE.plusDays(1), "理由")))
                .isEqualTo("CONFLICT decision-pending");
        Issue noDeadline = issue(IssueStatus.IN_PROGRESS, AssignmentState.SIGNED, null);
        noDeadline.deadline = null;
        assertThat(refusal(() -> Workflow.checkExtensionRequest(noDeadline, DEADLINE, "理由")))
                .isEqualTo("CONFLICT no-deadline");
    }

    @Test
    void shouldDecideThePendingRequestOfTheIssueOnceAndRejectWithANote() {
        Issue issue = issue(IssueStatus.IN_PROGRESS, AssignmentState.SIGNED, AwaitingDecision.EXTENSION);
        ExtensionRequest request = new ExtensionRequest();
        request.id = UUID.randomUUID();
        request.issueId = issue.id;
        assertThat(refusal(() -> Workflow.checkExtensionDecision(issue, request, ExtensionRequest.Decision.APPROVED,
                null))).isNull();
        assertThat(refusal(() -> Workflow.checkExtensionDecision(issue, request, ExtensionRequest.Decision.REJECTED,
                " "))).isEqualTo("INVALID invalid-input note");
        assertThat(refusal(() -> Workflow.checkExtensionDecision(issue, null, ExtensionRequest.Decision.APPROVED,
                null))).startsWith("NOT_FOUND");
        Issue other = issue(IssueStatus.IN_PROGRESS, AssignmentState.SIGNED, AwaitingDecision.EXTENSION);
        assertThat(refusal(() -> Workflow.checkExtensionDecision(other, request, ExtensionRequest.Decision.APPROVED,
                null))).as("another issue's request").startsWith("NOT_FOUND");
        request.decision = ExtensionRequest.Decision.REJECTED;
        assertThat(refusal(() -> Workflow.checkExtensionDecision(issue, request, ExtensionRequest.Decision.APPROVED,
                null))).isEqualTo("CONFLICT already-decided");
    }

    @Test
    void shouldNotAskForCompletionWhileAnExtensionRequestWaits() {
        assertThat(refusal(() -> Workflow.checkCompletionRequest(issue(IssueStatus.IN_PROGRESS,
                AssignmentState.SIGNED, AwaitingDecision.EXTENSION)))).isEqualTo("CONFLICT decision-pending");
        assertThat(refusal(() -> Workflow.checkCompletionRequest(issue(IssueStatus.IN_PROGRESS,
                AssignmentState.SIGNED, null)))).isNull();
    }

    @Test
    void shouldDeriveWhatAwaitsTheOffice() {
        assertThat(Workflow.awaiting(IssueStatus.COMPLETED, false)).isEqualTo(AwaitingDecision.COMPLETION);
        assertThat(Workflow.awaiting(IssueStatus.IN_PROGRESS, true)).isEqualTo(AwaitingDecision.EXTENSION);
        assertThat(Workflow.awaiting(IssueStatus.IN_PROGRESS, false)).isNull();
        assertThat(Workflow.awaiting(IssueStatus.CLOSED, false)).isNull();
    }

    @Test
    void shouldCheckMeasureDeadlinesAgainstTheMeasuresAndTheIssuesDeadline() {
        var ok = List.of(new WorkflowEvents.MeasureDeadline(0, DEADLINE.minusDays(10)),
                new WorkflowEvents.MeasureDeadline(1, DEADLINE));
        assertThat(refusal(() -> Workflow.checkMeasureDeadlines(ok, 2, DEADLINE))).isNull();
        assertThat(refusal(() -> Workflow.checkMeasureDeadlines(ok, 1, DEADLINE)))
                .isEqualTo("INVALID invalid-input measureDeadlines[1].measure");
        assertThat(refusal(() -> Workflow.checkMeasureDeadlines(List.of(new WorkflowEvents.MeasureDeadline(0,
                DEADLINE), new WorkflowEvents.MeasureDeadline(0, DEADLINE)), 2, DEADLINE)))
                .isEqualTo("INVALID invalid-input measureDeadlines[1].measure");
        assertThat(refusal(() -> Workflow.checkMeasureDeadlines(List.of(new WorkflowEvents.MeasureDeadline(0,
                DEADLINE.plusDays(1))), 2, DEADLINE))).isEqualTo("INVALID invalid-input measureDeadlines[0].deadline");
        assertThat(refusal(() -> Workflow.checkMeasureDeadlines(List.of(new WorkflowEvents.MeasureDeadline(0,
                DEADLINE.plusDays(1))), 2, null))).as("no issue deadline to stay within").isNull();
    }

    @Test
    void shouldCorrectOrWithdrawOnlyAReportThatStillCounts() {
        Issue issue = issue(IssueStatus.IN_PROGRESS, null, null);
        ProgressReport report = new ProgressReport();
        report.id = UUID.randomUUID();
        report.issueId = issue.id;
        var corrected = WorkflowEvents.CorrectionKind.CORRECTED;
        var withdrawn = WorkflowEvents.CorrectionKind.WITHDRAWN;
        assertThat(refusal(() -> Workflow.checkCorrectable(issue, report, corrected, "已完成投资3.2亿元"))).isNull();
        assertThat(refusal(() -> Workflow.checkCorrectable(issue, report, withdrawn, null))).isNull();
        assertThat(refusal(() -> Workflow.checkCorrectable(issue, report, corrected, " ")))
                .isEqualTo("INVALID invalid-input text");
        assertThat(refusal(() -> Workflow.checkCorrectable(issue, report, withdrawn, "x")))
                .isEqualTo("INVALID invalid-input text");
        assertThat(refusal(() -> Workflow.checkCorrectable(issue(IssueStatus.IN_PROGRESS, null, null), report,
                withdrawn, null))).as("another issue's report").startsWith("NOT_FOUND");
        report.supersededBy = UUID.randomUUID();
        assertThat(refusal(() -> Workflow.checkCorrectable(issue, report, withdrawn, null)))
                .isEqualTo("CONFLICT report-corrected");
        report.supersededBy = null;
        report.withdrawn = true;
        assertThat(refusal(() -> Workflow.checkCorrectable(issue, report, corrected, "x")))
                .isEqualTo("CONFLICT report-withdrawn");
    }
}
