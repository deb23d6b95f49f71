package io.zhenggai.issue.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.zhenggai.issue.journal.AggregateType;
import io.zhenggai.issue.journal.EventTypes;
import io.zhenggai.issue.journal.Journal;
import io.zhenggai.issue.journal.JournalEntry;

/**
 * Issues: creation under the feedback tree, progress reports with readings, the workflow, and responsibility.
 * Every change locks the issue row, bumps its sequence and journals one event in the same transaction. Who may see
 * and do what is asked of {@link Access} on every read and change, with the issue in hand.
 */
@ApplicationScoped
@Transactional
public class IssueService {

    @Inject
    Journal journal;

    @Inject
    BusinessCalendar calendar;

    @Inject
    EntityManager em;

    @Inject
    EvidenceCatalogue evidenceCatalogue;

    @Inject
    ProgressRows rows;

    /** The issue with its measures and progress, if the caller may see it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<IssueView> find(Caller caller, UUID id) {
        return Issue.<Issue>findByIdOptional(id).filter(issue -> Access.sees(caller, issue)).map(this::detail);
    }

    /** The issue's journal entries in sequence order, if the caller may see it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<JournalEntry> history(Caller caller, UUID id) {
        Issue issue = Issue.findById(id);
        if (issue == null) {
            throw LedgerException.notFound("Issue", id);
        }
        Access.requireVisible(caller, issue);
        return journal.history(id);
    }

    public IssueView create(IssueRequests.Create request, Caller caller) {
        Access.checkOffice(caller, "record an issue");
        String actor = caller.id();
        Inspection inspection = Inspection.findById(request.inspectionId(), LockModeType.PESSIMISTIC_WRITE);
        if (inspection == null) {
            throw LedgerException.invalid("inspectionId", "inspection " + request.inspectionId() + " does not exist");
        }
        TreePlace place = TreePlace.find(inspection, request.listKey(), request.categoryPath());
        String numbering = Texts.blankToNull(request.numbering());
        String path = numbering == null ? place.category().path()
                : Numbering.join(place.category().path(), Numbering.segment(numbering));
        if (numbering != null && Numbering.segment(numbering).isEmpty()) {
            throw LedgerException.invalid("numbering", "numbering '" + numbering + "' has no number in it");
        }
        if (Issue.count("inspectionId = ?1 and listKey = ?2 and path = ?3", inspection.id, request.listKey(), path) > 0) {
            throw LedgerException.conflict("issue-exists", "list " + request.listKey() + " already has an issue at "
                    + path);
        }
        checkDeadline(inspection, request.deadline(), "deadline");
        Issue issue = new Issue();
        issue.id = UUID.randomUUID();
        issue.inspectionId = inspection.id;
        issue.listKey = request.listKey();
        issue.aspectPath = place.aspect().path();
        issue.groupTitle = place.group() == null ? null : place.group().title();
        issue.categoryPath = place.category().path();
        issue.path = path;
        issue.numbering = numbering;
        issue.ordinal = (int) Issue.count("inspectionId", inspection.id) + 1;
        issue.title = request.title().strip();
        issue.description = Texts.blankToNull(request.description());
        issue.leadLeaders = distinct(request.leadLeaders());
        issue.responsibleUnits = distinct(request.responsibleUnits());
        issue.tags = distinct(request.tags());
        issue.leadUnit = issue.responsibleUnits.isEmpty() ? null : issue.responsibleUnits.get(0);
        issue.deadline = request.deadline();
        issue.originalDeadline = request.deadline();
        issue.status = IssueStatus.NOT_STARTED;
        issue.sequence = 1;
        issue.createdAt = Instant.now();
        issue.updatedAt = issue.createdAt;
        issue.persist();
        List<Measure> measures = addMeasures(issue, request.measures(), null);
        IssueSnapshot snapshot = snapshot(issue, inspection);
        IssueView answer = written(snapshot, measures, null);
        // an issue is what the inspection fed back: it stands in the ledger from the feedback date, whenever entered
        journal.append(AggregateType.ISSUE, issue.id, issue.sequence, EventTypes.ISSUE_CREATED,
                inspection.feedbackDate, actor, new IssueEvents.Created(snapshot, texts(measures)));
        return answer;
    }

    /**
     * A progress report from the API: the text's figures are read and checked; they are its readings unless the
     * caller gives its own (see {@link ProgressFigures}).
     */
    public IssueView reportProgress(UUID id, IssueRequests.Progress request, String ifMatch, Caller caller) {
        return reportProgress(id, request, ifMatch, caller, false);
    }

    /**
     * {@link #reportProgress(UUID, IssueRequests.Progress, String, Caller)} in a transaction that has written
     * nothing through the ORM session and holds none of the issue's entities (the API's request: its Idempotency
     * row is written in SQL), so the report needs no ORM session at all: see {@link ProgressRows}.
     */
    public IssueView reportProgressAlone(UUID id, IssueRequests.Progress request, String ifMatch, Caller caller) {
        return reportProgress(id, request, ifMatch, caller, true);
    }

    private IssueView reportProgress(UUID id, IssueRequests.Progress request, String ifMatch, Caller caller,
                                     boolean alone) {
        LocalDate asOf = request.asOf() == null ? calendar.today() : request.asOf();
        return reportProgress(id, request.asOf(), request.text(), request.measures(),
                ProgressFigures.of(request.text(), asOf, request.readings(), request.useTextReadings()),
                request.statusLabel(), request.evidenceIds(), ifMatch, caller, alone);
    }

    /** What a progress report's text would yield, for the caller to confirm: nothing is stored. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ProgressFigures.Found previewProgress(UUID id, IssueRequests.Progress request, Caller caller) {
        Issue issue = Issue.findById(id);
        if (issue == null) {
            throw LedgerException.notFound("Issue", id);
        }
        Access.checkProgress(caller, issue);
        LocalDate asOf = request.asOf() == null ? calendar.today() : request.asOf();
        return ProgressFigures.of(request.text(), asOf, request.readings(), request.useTextReadings());
    }

    /** A progress report with its figures already read (the API's, or a bulletin's). */
    IssueView reportProgress(UUID id, LocalDate requestedAsOf, String text, List<String> newMeasures,
                             ProgressFigures.Found figures, String statusLabel, String ifMatch, Caller caller) {
        return reportProgress(id, requestedAsOf, text, newMeasures, figures, statusLabel, null, ifMatch, caller,
                false);
    }

    /**
     * The issue is read, and its report and event written, in plain SQL ({@link ProgressRows}). Unless the
     * transaction is {@code alone} (nothing of it in the ORM session), the session is flushed and cleared first:
     * the SQL sees what the transaction wrote through it, and no entity it held is left stale by the SQL's update.
     */
    private IssueView reportProgress(UUID id, LocalDate requestedAsOf, String text, List<String> newMeasures,
                                     ProgressFigures.Found figures, String statusLabel, List<UUID> evidenceIds,
                                     String ifMatch, Caller caller, boolean alone) {
        if (!alone) {
            em.flush();
            em.clear();
        }
        ProgressRows.Locked locked = rows.lock(id);
        Issue issue = locked.issue();
        Access.checkProgress(caller, issue);
        String unit = Access.actingUnit(caller, issue);
        if (unit != null && !caller.has(Roles.OFFICE)) {
            Workflow.checkSignedBeforeUnitActs(issue);
        }
        String actor = caller.id();
        if (ifMatch != null) {
            checkVersion(issue, ifMatch);
        }
        List<EvidenceRef> attachments = evidenceCatalogue.resolve(issue.id, evidenceIds, "evidenceIds");
        Inspection inspection = Inspection.forReading(issue.inspectionId, locked.inspectionSequence());
        LocalDate asOf = checkAsOf(inspection, requestedAsOf);
        List<Reading> readings = figures.readings();
        IssueStatus before = issue.status;
        issue.status = StatusMachine.afterProgress(issue.status);
        if (statusLabel != null && !statusLabel.isBlank()) {
            issue.statusLabel = statusLabel.strip();
        }
        issue.lastProgressDate = issue.lastProgressDate == null || asOf.isAfter(issue.lastProgressDate)
                ? asOf : issue.lastProgressDate;
        issue.sequence++;
        issue.updatedAt = Instant.now();
        List<Measure> measures = addMeasures(issue, newMeasures, asOf);
        ProgressReport report = new ProgressReport();
        report.id = UUID.randomUUID();
        report.issueId = issue.id;
        report.asOf = asOf;
        report.text = text.strip();
        report.readings = readings;
        report.actor = actor;
        report.recordedAt = issue.updatedAt;
        report.sequence = issue.sequence;
        report.source = figures.source();
        report.warnings = figures.warnings();
        report.unit = caller.has(Roles.OFFICE) ? null : unit;
        report.attachments = new ArrayList<>(attachments);
        if (!measures.isEmpty()) {
            em.flush(); // the measures before the report and its event, as every change writes its rows
        }
        IssueEvents.StatusChange started = before == issue.status ? null
                : new IssueEvents.StatusChange(before, issue.status, Transition.START, "first progress report", null,
                null, null);
        IssueSnapshot snapshot = snapshot(issue, inspection);
        IssueView answer = written(snapshot, measures, progressView(report));
        journal.append(List.of(ProgressRows.reported(issue), rows.inserted(report)), AggregateType.ISSUE, issue.id,
                issue.sequence, EventTypes.ISSUE_PROGRESS_REPORTED, asOf, actor,
                new IssueEvents.ProgressReported(snapshot, report(report, texts(measures), issue.statusLabel),
                        started));
        return answer;
    }

    /** A progress report as events carry it. */
    static IssueEvents.Report report(ProgressReport report, List<String> measures, String statusLabel) {
        return new IssueEvents.Report(report.id, report.asOf, report.text, measures, report.readings, statusLabel,
                report.warnings, report.source,
                report.attachments == null ? List.of() : List.copyOf(report.attachments));
    }

    /** The date a progress report stands for: today if not given, never in the future nor before the feedback. */
    LocalDate checkAsOf(Inspection inspection, LocalDate requestedAsOf) {
        LocalDate today = calendar.today();
        LocalDate asOf = requestedAsOf == null ? today : requestedAsOf;
        if (asOf.isAfter(today)) {
            throw LedgerException.invalid("asOf", "a progress report cannot be dated in the future (" + asOf + ")");
        }
        if (asOf.isBefore(inspection.feedbackDate)) {
            throw LedgerException.invalid("asOf", "a progress report cannot be dated before the feedback date "
                    + inspection.feedbackDate);
        }
        return asOf;
    }

    public IssueView transition(UUID id, IssueRequests.TransitionInput request, String ifMatch, Caller caller) {
        Issue issue = lock(id);
        Access.checkTransition(caller, issue, request.action());
        String actor = caller.id();
        checkVersion(issue, requireIfMatch(ifMatch));
        if (!caller.has(Roles.OFFICE) && caller.has(Roles.UNIT)) {
            Workflow.checkSignedBeforeUnitActs(issue);
        }
        List<EvidenceRef> attachments = evidenceCatalogue.resolve(issue.id, request.evidenceIds(), "evidenceIds");
        // evidence referred to by id counts as evidence of a CLOSE as much as a written reference does
        List<String> evidenceGiven = new ArrayList<>(request.evidence() == null ? List.of() : request.evidence());
        attachments.forEach(ref -> evidenceGiven.add(ref.id().toString()));
        IssueStatus before = issue.status;
        IssueStatus after;
        try {
            after = StatusMachine.apply(before, new StatusMachine.Request(request.action(), request.reason(),
                    request.verificationNote(), evidenceGiven, request.note()));
        } catch (StatusMachine.Refusal refusal) {
            throw refusal.isConflict()
                    ? new LedgerException(LedgerException.Kind.CONFLICT, "transition-refused", "Transition refused",
                    refusal.getMessage(), List.of(new LedgerException.FieldError(refusal.field(),
                    refusal.getMessage())))
                    : LedgerException.invalid(refusal.field(), refusal.getMessage());
        }
        LocalDate effective = request.effectiveDate() == null ? calendar.today() : request.effectiveDate();
        if (effective.isAfter(calendar.today())) {
            throw LedgerException.invalid("effectiveDate", "a transition cannot take effect in the future");
        }
        if (request.action() == Transition.COMPLETE) {
            Workflow.checkCompletionRequest(issue);
        }
        issue.status = after;
        if (request.action() == Transition.COMPLETE) {
            issue.completedBy = actor;
        } else if (after == IssueStatus.IN_PROGRESS) {
            issue.completedBy = null; // a later completion is a new report, to be verified by someone else again
        }
        if (request.action() == Transition.RETURN) {
            issue.returnedCount++;
        }
        issue.awaitingDecision = Workflow.awaiting(after, issue.awaitingDecision == AwaitingDecision.EXTENSION);
        issue.sequence++;
        issue.updatedAt = Instant.now();
        Inspection inspection = Inspection.forReading(issue.inspectionId);
        IssueEvents.StatusChange change = new IssueEvents.StatusChange(before, after, request.action(),
                Texts.blankToNull(request.reason()), Texts.blankToNull(request.verificationNote()),
                request.evidence() == null ? List.of() : List.copyOf(request.evidence()),
                Texts.blankToNull(request.note()), attachments);
        IssueSnapshot snapshot = snapshot(issue, inspection);
        IssueView answer = written(snapshot, null, null);
        if (request.action() == Transition.REOPEN) {
            journal.append(AggregateType.ISSUE, issue.id, issue.sequence, EventTypes.ISSUE_REOPENED, effective, actor,
                    new IssueEvents.Reopened(snapshot, change));
        } else {
            journal.append(AggregateType.ISSUE, issue.id, issue.sequence, EventTypes.ISSUE_STATUS_CHANGED, effective,
                    actor, new IssueEvents.StatusChanged(snapshot, change));
        }
        return answer;
    }

    public IssueView update(UUID id, IssueRequests.Patch request, String ifMatch, Caller caller) {
        Access.checkOffice(caller, "change responsibility, deadlines or tags");
        String actor = caller.id();
        Issue issue = lock(id);
        checkVersion(issue, requireIfMatch(ifMatch));
        Inspection inspection = Inspection.forReading(issue.inspectionId);
        if (issue.assignmentState != null && (request.leadLeaders() != null || request.responsibleUnits() != null
                || request.deadline() != null || Boolean.TRUE.equals(request.clearDeadline()))) {
            throw LedgerException.conflict("assigned", "The issue was assigned (交办): its responsibility and deadline "
                    + "change by assigning it again (POST /api/issues/assignments) or by an approved extension");
        }
        Map<String, IssueEvents.Change> changes = new LinkedHashMap<>();
        if (request.leadLeaders() != null && !distinct(request.leadLeaders()).equals(issue.leadLeaders)) {
            changes.put("leadLeaders", new IssueEvents.Change(issue.leadLeaders, distinct(request.leadLeaders())));
            issue.leadLeaders = distinct(request.leadLeaders());
        }
        if (request.responsibleUnits() != null && !distinct(request.responsibleUnits()).equals(issue.responsibleUnits)) {
            changes.put("responsibleUnits", new IssueEvents.Change(issue.responsibleUnits,
                    distinct(request.responsibleUnits())));
            issue.responsibleUnits = distinct(request.responsibleUnits());
            issue.leadUnit = issue.responsibleUnits.isEmpty() ? null : issue.responsibleUnits.get(0);
        }
        if (request.tags() != null && !distinct(request.tags()).equals(issue.tags)) {
            changes.put("tags", new IssueEvents.Change(issue.tags, distinct(request.tags())));
            issue.tags = distinct(request.tags());
        }
        if (request.deadline() != null && Boolean.TRUE.equals(request.clearDeadline())) {
            throw LedgerException.invalid("clearDeadline", "give a deadline or clear it, not both");
        }
        LocalDate deadline = Boolean.TRUE.equals(request.clearDeadline()) ? null
                : request.deadline() != null ? request.deadline() : issue.deadline;
        if (!Objects.equals(deadline, issue.deadline)) {
            checkDeadline(inspection, deadline, "deadline");
            if (issue.status != IssueStatus.NOT_STARTED && (request.reason() == null || request.reason().isBlank())) {
                throw LedgerException.invalid("reason", "changing the deadline of an issue that is " + issue.status
                        + " needs a reason");
            }
            changes.put("deadline", new IssueEvents.Change(issue.deadline, deadline));
            issue.deadline = deadline;
            issue.originalDeadline = deadline; // the office sets it: not an extension
        }
        if (changes.isEmpty()) {
            return written(snapshot(issue, inspection), null, null); // nothing changed: nothing to journal
        }
        issue.sequence++;
        issue.updatedAt = Instant.now();
        IssueSnapshot snapshot = snapshot(issue, inspection);
        IssueView answer = written(snapshot, null, null);
        journal.append(AggregateType.ISSUE, issue.id, issue.sequence, EventTypes.ISSUE_UPDATED, null, actor,
                new IssueEvents.Updated(snapshot, changes, Texts.blankToNull(request.reason())));
        return answer;
    }

    /** A page of the issues the caller sees: a unit's scope is a condition of the query, so paging stays right. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public IssueView.Page search(Caller caller, IssueQuery query) {
        return query.run(em, calendar.today(), Access.scope(caller), Access.signingUnits(caller), this::summary);
    }

    /** The state an event carries: the issue with its place in the tree spelled out. */
    public static IssueSnapshot snapshot(Issue issue, Inspection inspection) {
        TreePlace place = TreePlace.find(inspection, issue.listKey, issue.categoryPath);
        return new IssueSnapshot(issue.id, issue.inspectionId, issue.listKey,
                new IssueSnapshot.Node(place.aspect().path(), place.aspect().numbering(), place.aspect().title()),
                issue.groupTitle,
                new IssueSnapshot.Node(place.category().path(), place.category().numbering(), place.category().title()),
                issue.path, issue.numbering, issue.ordinal, issue.title, issue.description,
                List.copyOf(issue.leadLeaders), List.copyOf(issue.responsibleUnits), List.copyOf(issue.tags),
                issue.deadline, issue.status, issue.statusLabel, issue.lastProgressDate, issue.sequence,
                issue.leadUnit, issue.assignmentState == null ? null : new IssueSnapshot.Assignment(
                issue.assignmentState, issue.assignedAt, issue.signedAt, issue.signedBy),
                issue.originalDeadline, issue.extensionCount, issue.returnedCount, issue.awaitingDecision);
    }

    private IssueView summary(Issue issue, Inspection inspection) {
        return IssueView.of(snapshot(issue, inspection), WarningLevel.of(issue.status, issue.deadline, calendar.today()),
                null, null);
    }

    /**
     * The answer to a change, built before the change is journaled (the journal append takes the position lock, and
     * nothing more should happen while it is held): the issue with only the measures and report this change added,
     * so the answer stays small however long the issue's history grows. GET /api/issues/{id} has the whole issue.
     */
    IssueView written(IssueSnapshot snapshot, List<Measure> measuresAdded, IssueView.ProgressView reportAdded) {
        List<IssueView.MeasureView> measures = measuresAdded == null ? List.of()
                : measuresAdded.stream().map(IssueService::measureView).toList();
        return IssueView.of(snapshot, WarningLevel.of(snapshot.status(), snapshot.deadline(), calendar.today()),
                measures, reportAdded == null ? List.of() : List.of(reportAdded));
    }

    static IssueView.MeasureView measureView(Measure m) {
        return new IssueView.MeasureView(m.ordinal, m.text, m.effectiveDate, m.deadline);
    }

    private static List<String> texts(List<Measure> measures) {
        return measures.stream().map(m -> m.text).toList();
    }

    IssueView.ProgressView progressView(ProgressReport p) {
        return new IssueView.ProgressView(p.id, p.asOf, p.text, p.readings, p.actor, p.recordedAt,
                p.asOf.isBefore(p.recordedAt.atZone(calendar.zone()).toLocalDate()), p.source,
                p.warnings == null ? List.of() : p.warnings, p.unit,
                p.withdrawn ? "WITHDRAWN" : p.supersededBy != null ? "CORRECTED" : "CURRENT", p.corrects,
                p.supersededBy, p.attachments == null ? List.of() : List.copyOf(p.attachments));
    }

    private IssueView detail(Issue issue) {
        Inspection inspection = Inspection.forReading(issue.inspectionId);
        List<IssueView.MeasureView> measures = Measure.<Measure>list("issueId = ?1 order by ordinal", issue.id).stream()
                .map(IssueService::measureView).toList();
        List<IssueView.ProgressView> progress = ProgressReport.<ProgressReport>list(
                        "issueId = ?1 order by asOf, sequence", issue.id).stream()
                .map(this::progressView).toList();
        List<IssueView.InstructionView> instructions = Instruction.<Instruction>list(
                        "issueId = ?1 order by sequence", issue.id).stream()
                .map(i -> new IssueView.InstructionView(i.id, i.leader, i.text, i.actor, i.recordedAt)).toList();
        List<IssueView.ExtensionView> extensions = ExtensionRequest.<ExtensionRequest>list(
                        "issueId = ?1 order by requestedAt", issue.id).stream()
                .map(IssueService::extensionView).toList();
        return IssueView.of(snapshot(issue, inspection), WarningLevel.of(issue.status, issue.deadline, calendar.today()),
                measures, progress, instructions, extensions);
    }

    static IssueView.ExtensionView extensionView(ExtensionRequest e) {
        return new IssueView.ExtensionView(e.id, e.currentDeadline, e.requestedDeadline, e.reason, e.unit,
                e.requestedBy, e.requestedAt, e.decision, e.decisionNote, e.decidedBy, e.decidedAt);
    }

    private List<Measure> addMeasures(Issue issue, List<String> texts, LocalDate effective) {
        List<Measure> added = new ArrayList<>();
        if (texts == null || texts.isEmpty()) {
            return added;
        }
        int next = (int) Measure.count("issueId", issue.id) + 1;
        for (String text : texts) {
            Measure measure = new Measure();
            measure.id = UUID.randomUUID();
            measure.issueId = issue.id;
            measure.ordinal = next++;
            measure.text = text.strip();
            measure.effectiveDate = effective;
            measure.recordedAt = Instant.now();
            measure.persist();
            added.add(measure);
        }
        return added;
    }

    static Issue lock(UUID id) {
        Issue issue = Issue.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (issue == null) {
            throw LedgerException.notFound("Issue", id);
        }
        return issue;
    }

    static String requireIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new LedgerException(LedgerException.Kind.PRECONDITION_REQUIRED, "precondition-required",
                    "Precondition required", "This change needs an If-Match header with the issue's ETag (its sequence)",
                    List.of(new LedgerException.FieldError("If-Match", "missing")));
        }
        return ifMatch;
    }

    public static void checkVersion(Issue issue, String ifMatch) {
        String expected = String.valueOf(issue.sequence);
        boolean matches = false;
        for (String tag : ifMatch.split(",")) {
            String value = tag.strip();
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            value = value.replace("\"", "");
            matches |= value.equals("*") || value.equals(expected);
        }
        if (!matches) {
            throw new LedgerException(LedgerException.Kind.PRECONDITION_FAILED, "precondition-failed",
                    "Precondition failed", "The issue has changed: its ETag is \"" + expected + "\", not " + ifMatch
                    + ". Read it again and retry.", List.of(new LedgerException.FieldError("If-Match", "stale")));
        }
    }

    static void checkDeadline(Inspection inspection, LocalDate deadline, String field) {
        if (deadline != null && deadline.isBefore(inspection.feedbackDate)) {
            throw LedgerException.invalid(field, "the deadline " + deadline + " is before the feedback date "
                    + inspection.feedbackDate);
        }
    }

    static List<String> distinct(List<String> values) {
        return values == null ? new ArrayList<>() : new ArrayList<>(values.stream().map(String::strip).distinct().toList());
    }
}
