package io.zhenggai.issue.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.zhenggai.issue.journal.AggregateType;
import io.zhenggai.issue.journal.EventTypes;
import io.zhenggai.issue.journal.Journal;

/**
 * The units' side of rectification: 交办 (assignment), 签收 (signing for it), 延期申请 and its decision, 领导批示
 * (instructions) and corrections of progress reports. Progress and the status steps (申请销号 COMPLETE, 销号 CLOSE,
 * 退回 RETURN) are {@link IssueService}'s. Like every change of an issue, each step locks the issue row, checks the
 * caller ({@link Access}) and the state ({@link Workflow}), bumps the sequence and journals exactly one event in the
 * same transaction.
 */
@ApplicationScoped
@Transactional
public class WorkflowService {

    @Inject
    Journal journal;

    @Inject
    BusinessCalendar calendar;

    @Inject
    IssueService issues;

    @Inject
    WorkflowConfig config;

    /**
     * 交办 of one issue, in a transaction of its own so that a batch applies each item wholly or not at all whatever
     * its neighbours do. Assigning again resets the signature: the lead unit signs for what it was given.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public IssueView assign(WorkflowRequests.Assignment item, Caller caller) {
        return applyAssignment(item, caller);
    }

    /**
     * 交办 as one step of a larger change, in its transaction: a bulletin's import assigns the issues whose
     * responsibility list it prints, all of it or nothing with the rest of the import.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public IssueView assignWithin(WorkflowRequests.Assignment item, Caller caller) {
        return applyAssignment(item, caller);
    }

    private IssueView applyAssignment(WorkflowRequests.Assignment item, Caller caller) {
        Access.checkAssign(caller);
        Issue issue = IssueService.lock(item.issueId());
        IssueService.checkVersion(issue, IssueService.requireIfMatch(item.ifMatch()));
        Workflow.checkAssignable(issue);
        Inspection inspection = Inspection.forReading(issue.inspectionId);
        String lead = item.leadUnit().strip();
        List<String> co = IssueService.distinct(item.coUnits());
        if (co.contains(lead)) {
            throw LedgerException.invalid("coUnits", "the lead unit " + lead + " is not also a co-responsible unit");
        }
        List<String> leaders = IssueService.distinct(item.leadLeaders());
        if (leaders.isEmpty()) {
            throw LedgerException.invalid("leadLeaders", "an assignment names at least one lead leader (牵头领导)");
        }
        IssueService.checkDeadline(inspection, item.deadline(), "deadline");
        List<WorkflowEvents.MeasureDeadline> measureDeadlines = new ArrayList<>();
        List<WorkflowRequests.MeasureDeadline> given = item.measureDeadlines() == null ? List.of()
                : item.measureDeadlines();
        for (int i = 0; i < given.size(); i++) {
            IssueService.checkDeadline(inspection, given.get(i).deadline(), "measureDeadlines[" + i + "].deadline");
            measureDeadlines.add(new WorkflowEvents.MeasureDeadline(given.get(i).measure(), given.get(i).deadline()));
        }
        List<Measure> measures = Measure.list("issueId = ?1 order by ordinal", issue.id);
        Workflow.checkMeasureDeadlines(measureDeadlines, measures.size(), item.deadline());
        Map<Integer, LocalDate> byIndex = new HashMap<>();
        measureDeadlines.forEach(d -> byIndex.put(d.measure(), d.deadline()));
        for (Measure measure : measures) {
            measure.deadline = byIndex.get(measure.ordinal - 1); // a measure left out has no deadline of its own
        }
        measureDeadlines.sort(Comparator.comparingInt(WorkflowEvents.MeasureDeadline::measure));

        List<String> units = new ArrayList<>();
        units.add(lead);
        units.addAll(co);
        issue.leadUnit = lead;
        issue.responsibleUnits = units;
        issue.leadLeaders = leaders;
        issue.deadline = item.deadline();
        issue.originalDeadline = item.deadline();
        issue.assignmentState = AssignmentState.ASSIGNED;
        issue.assignedAt = now();
        issue.signedAt = null;
        issue.signedBy = null;
        issue.sequence++;
        issue.updatedAt = issue.assignedAt;
        IssueSnapshot snapshot = IssueService.snapshot(issue, inspection);
        IssueView answer = issues.written(snapshot, measures, null);
        journal.append(AggregateType.ISSUE, issue.id, issue.sequence, EventTypes.ISSUE_ASSIGNED, null, caller.id(),
                new WorkflowEvents.Assigned(snapshot, new WorkflowEvents.Assignment(lead, co, leaders,
                        item.deadline(), measureDeadlines, Texts.blankToNull(item.note()))));
        return answer;
    }

    /** 签收: the lead unit signs for its assignment. */
    public IssueView sign(UUID id, WorkflowRequests.Signature request, String ifMatch, Caller caller) {
        Issue issue = IssueService.lock(id);
        Access.checkSign(caller, issue);
        IssueService.checkVersion(issue, IssueService.requireIfMatch(ifMatch));
        Workflow.checkSignable(issue);
        issue.assignmentState = AssignmentState.SIGNED;
        issue.signedAt = now();
        issue.signedBy = caller.id();
        issue.sequence++;
        issue.updatedAt = issue.signedAt;
        IssueSnapshot snapshot = IssueService.snapshot(issue, Inspection.forReading(issue.inspectionId));
        IssueView answer = issues.written(snapshot, null, null);
        journal.append(AggregateType.ISSUE, issue.id, issue.sequence, EventTypes.ISSUE_SIGNED, null, caller.id(),
                new WorkflowEvents.Signed(snapshot, new WorkflowEvents.Signature(issue.leadUnit,
                        request == null ? null : Texts.blankToNull(request.note()))));
        return answer;
    }

    /** 延期申请: the lead unit asks for a later deadline; the issue then awaits the office's decision. */
    public IssueView requestExtension(UUID id, WorkflowRequests.ExtensionInput request, String ifMatch,
                                      Caller caller) {
        Issue issue = IssueService.lock(id);
        Access.checkExtensionRequest(caller, issue);
        IssueService.checkVersion(issue, IssueService.requireIfMatch(ifMatch));
        Workflow.checkSignedBeforeUnitActs(issue);
        Workflow.checkExtensionRequest(issue, request.requestedDeadline(), request.reason());
        ExtensionRequest extension = new ExtensionRequest();
        extension.id = UUID.randomUUID();
        extension.issueId = issue.id;
        extension.currentDeadline = issue.deadline;
        extension.requestedDeadline = request.requestedDeadline();
        extension.reason = request.reason().strip();
        extension.unit = issue.leadUnit;
        extension.requestedBy = caller.id();
        extension.requestedAt = now();
        extension.persist();
        issue.awaitingDecision = AwaitingDecision.EXTENSION;
        issue.sequence++;
        issue.updatedAt = extension.requestedAt;
        IssueSnapshot snapshot = IssueService.snapshot(issue, Inspection.forReading(issue.inspectionId));
        IssueView answer = withExtension(snapshot, extension);
        journal.append(AggregateType.ISSUE, issue.id, issue.sequence, EventTypes.ISSUE_EXTENSION_REQUESTED, null,
                caller.id(), new WorkflowEvents.ExtensionRequested(snapshot, new WorkflowEvents.RequestedExtension(
                        extension.id, extension.currentDeadline, extension.requestedDeadline, extension.reason)));
        return answer;
    }

    /**
     * The office approves (the deadline moves to the requested date; the original deadline stays) or rejects (with a
     * note saying why) a pending extension request.
     */
    public IssueView decideExtension(UUID id, UUID extensionId, WorkflowRequests.ExtensionDecisionInput request,
                                     String ifMatch, Caller caller) {
        Issue issue = IssueService.lock(id);
        Access.checkExtensionDecision(caller, issue);
        IssueService.checkVersion(issue, IssueService.requireIfMatch(ifMatch));
        ExtensionRequest extension = ExtensionRequest.findById(extensionId);
        Workflow.checkExtensionDecision(issue, extension, request.decision(), request.note());
        LocalDate previous = issue.deadline;
        if (request.decision() == ExtensionRequest.Decision.APPROVED) {
            issue.deadline = extension.requestedDeadline;
            issue.extensionCount++;
        }
        extension.decision = request.decision();
        extension.decisionNote = Texts.blankToNull(request.note());
        extension.decidedBy = caller.id();
        extension.decidedAt = now();
        issue.awaitingDecision = Workflow.awaiting(issue.status, false);
        issue.sequence++;
        issue.updatedAt = extension.decidedAt;
        IssueSnapshot snapshot = IssueService.snapshot(issue, Inspection.forReading(issue.inspectionId));
        IssueView answer = withExtension(snapshot, extension);
        journal.append(AggregateType.ISSUE, issue.id, issue.sequence, EventTypes.ISSUE_EXTENSION_DECIDED, null,
                caller.id(), new WorkflowEvents.ExtensionDecided(snapshot, new WorkflowEvents.DecidedExtension(
                        extension.id, extension.decision, previous, extension.requestedDeadline, issue.deadline,
                        issue.originalDeadline, extension.decisionNote)));
        return answer;
    }

    /** 领导批示: a lead leader of the issue adds an instruction. If-Match is optional: it adds, it changes nothing. */
    public IssueView addInstruction(UUID id, WorkflowRequests.InstructionInput request, String ifMatch,
                                    Caller caller) {
        Issue issue = IssueService.lock(id);
        Access.checkLeads(caller, issue);
        if (ifMatch != null) {
            IssueService.checkVersion(issue, ifMatch);
        }
        issue.sequence++;
        issue.updatedAt = now();
        Instruction instruction = new Instruction();
        instruction.id = UUID.randomUUID();
        instruction.issueId = issue.id;
        instruction.leader = caller.name();
        instruction.text = request.text().strip();
        instruction.actor = caller.id();
        instruction.recordedAt = issue.updatedAt;
        instruction.sequence = issue.sequence;
        instruction.persist();
        IssueSnapshot snapshot = IssueService.snapshot(issue, Inspection.forReading(issue.inspectionId));
        IssueView answer = IssueView.of(snapshot, warning(snapshot), List.of(), List.of(),
                List.of(new IssueView.InstructionView(instruction.id, instruction.leader, instruction.text,
                        instruction.actor, instruction.recordedAt)), List.of());
        journal.append(AggregateType.ISSUE, issue.id, issue.sequence, EventTypes.ISSUE_INSTRUCTION_ADDED, null,
                caller.id(), new WorkflowEvents.InstructionAdded(snapshot, new WorkflowEvents.AddedInstruction(
                        instruction.id, instruction.leader, instruction.text)));
        return answer;
    }

    /**
     * 更正/撤回: a new event, never an edit. A correction records a replacement report with the same as-of date and
     * marks the old one corrected; a withdrawal marks it withdrawn. Both stay in the history. The event takes effect
     * as of the corrected report's date.
     */
    public IssueView correct(UUID id, UUID reportId, WorkflowRequests.CorrectionInput request, String ifMatch,
                             Caller caller) {
        Issue issue = IssueService.lock(id);
        Access.requireVisible(caller, issue);
        ProgressReport old = ProgressReport.findById(reportId);
        if (old == null || !old.issueId.equals(issue.id)) {
            throw LedgerException.notFound("Progress report", reportId);
        }
        Instant now = now();
        Access.checkCorrection(caller, issue, old, now, config.correctionWindow());
        IssueService.checkVersion(issue, IssueService.requireIfMatch(ifMatch));
        Workflow.checkCorrectable(issue, old, request.kind(), request.text());
        issue.sequence++;
        issue.updatedAt = now;
        ProgressReport replacement = null;
        if (request.kind() == WorkflowEvents.CorrectionKind.CORRECTED) {
            ProgressFigures.Found figures = ProgressFigures.of(request.text(), old.asOf, request.readings(),
                    request.useTextReadings());
            replacement = new ProgressReport();
            replacement.id = UUID.randomUUID();
            replacement.issueId = issue.id;
            replacement.asOf = old.asOf;
            replacement.text = request.text().strip();
            replacement.readings = figures.readings();
            replacement.source = figures.source();
            replacement.warnings = figures.warnings();
            replacement.unit = old.unit; // it stands for the same unit's report, whoever corrects it
            replacement.actor = caller.id();
            replacement.recordedAt = now;
            replacement.sequence = issue.sequence;
            replacement.corrects = old.id;
            replacement.persist();
            old.supersededBy = replacement.id;
            if (request.statusLabel() != null && !request.statusLabel().isBlank()) {
                issue.statusLabel = request.statusLabel().strip();
            }
        } else {
            old.withdrawn = true;
        }
        issue.lastProgressDate = ProgressReport.getEntityManager().createQuery("select max(p.asOf) from "
                        + "ProgressReport p where p.issueId = ?1 and p.supersededBy is null and p.withdrawn = false",
                LocalDate.class).setParameter(1, issue.id).getSingleResult();
        IssueSnapshot snapshot = IssueService.snapshot(issue, Inspection.forReading(issue.inspectionId));
        IssueView answer = issues.written(snapshot, null,
                issues.progressView(replacement != null ? replacement : old));
        journal.append(AggregateType.ISSUE, issue.id, issue.sequence, EventTypes.ISSUE_PROGRESS_CORRECTED, old.asOf,
                caller.id(), new WorkflowEvents.ProgressCorrected(snapshot, new WorkflowEvents.Correction(old.id,
                        request.kind(), request.reason().strip(), replacement == null ? null
                        : IssueService.report(replacement, List.of(), issue.statusLabel))));
        return answer;
    }

    private IssueView withExtension(IssueSnapshot snapshot, ExtensionRequest extension) {
        return IssueView.of(snapshot, warning(snapshot), List.of(), List.of(), List.of(),
                List.of(IssueService.extensionView(extension)));
    }

    private WarningLevel warning(IssueSnapshot snapshot) {
        return WarningLevel.of(snapshot.status(), snapshot.deadline(), calendar.today());
    }

    /** Instants as the database keeps them (microseconds), so that an answer and a later read agree. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
