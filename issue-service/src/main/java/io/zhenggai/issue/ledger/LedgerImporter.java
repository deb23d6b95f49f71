package io.zhenggai.issue.ledger;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.UserTransaction;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.zhenggai.issue.importing.LedgerCells;
import io.zhenggai.issue.importing.LedgerLayout;
import io.zhenggai.issue.importing.LedgerWorkbookException;
import io.zhenggai.issue.importing.LedgerWorkbookReader;
import io.zhenggai.issue.journal.EventTypes;
import io.zhenggai.issue.journal.Journal;

/**
 * Imports an edited Excel ledger (整改台账, as report-service exports it) back into the ledger: changes only, through
 * the same domain operations as the API, so each change is the very event the API would journal.
 * <ul>
 *   <li>Read: the workbook streams through {@link LedgerWorkbookReader} (the contract's header row, hostile-file
 *   guards); each row is compared with its issue as the ledger holds it now, cell by cell, in the editable columns
 *   only: 牵头领导, 牵头单位, 配合单位, 完成时限 (responsibility and deadline: a PATCH of an issue never assigned, an
 *   assignment again, 交办, of one that was), 最新进展 with 进展日期 and 状态表述 (a new progress report, its figures
 *   read from the text by the quantity parser), 整改状态 (the steps forward: START, COMPLETE, MAKE_LONG_TERM).
 *   A row equal to the ledger changes nothing.</li>
 *   <li>Stale rows: a row that changes something is refused when its issue changed since the export, i.e. when any
 *   event but a reminder or an urge (which change nothing the ledger shows) came after the row's 版本; never
 *   overwritten.</li>
 *   <li>Dry run: every changing row is carried out in a transaction of its own that is then rolled back, so the dry
 *   run refuses exactly what applying would, with the domain's own checks, and lists per row what would change.</li>
 *   <li>Apply: refused as a whole (nothing written) while any row is refused; otherwise every change in one
 *   transaction, each row checked again under its issue's lock.</li>
 * </ul>
 * Only the office imports a ledger.
 */
@ApplicationScoped
public class LedgerImporter {

    /** The layout of the contract file: the header row the import accepts. */
    public static final LedgerLayout LAYOUT = LedgerLayout.load();

    /** Events that change nothing a ledger row shows: after them a row exported before is still current. */
    static final Set<String> NOTICES = Set.of(EventTypes.ISSUE_REMINDED, EventTypes.ISSUE_URGED);

    /** Rows compared with the ledger per read of the database. */
    static final int BATCH = 200;

    /** Settings of the ledger import ({@code zhenggai.ledger-import.*}). */
    @ConfigMapping(prefix = "zhenggai.ledger-import")
    public interface Limits {

        /** The most data rows a workbook may have. */
        @WithDefault("20000")
        int maxRows();

        /** The most characters a cell may hold (the API's longest text, a progress report's, is 50,000). */
        @WithDefault("50000")
        int maxCellLength();
    }

    @Inject
    IssueService issues;

    @Inject
    WorkflowService workflow;

    @Inject
    Journal journal;

    @Inject
    EntityManager em;

    @Inject
    UserTransaction transaction;

    @Inject
    Limits limits;

    @Inject
    jakarta.validation.Validator validator;

    /** Reads the ledger and carries out each changing row, rolling every one back: what applying would do. */
    public LedgerImport dryRun(Path workbook, Caller caller) {
        Access.checkOffice(caller, "import a ledger");
        Comparison comparison = compare(workbook);
        List<LedgerImport.Row> results = new ArrayList<>(comparison.refused());
        for (Edit edit : comparison.edits()) {
            results.add(rehearse(edit, caller));
        }
        return answer("DRY_RUN", comparison, results);
    }

    /**
     * Applies the ledger's changes in one transaction, or none of them: refused (422, or 409 when a row is stale)
     * while any row is refused, each error naming its row and column.
     */
    public LedgerImport apply(Path workbook, Caller caller) {
        Access.checkOffice(caller, "import a ledger");
        Comparison comparison = compare(workbook);
        List<LedgerImport.Row> results = new ArrayList<>(comparison.refused());
        for (Edit edit : comparison.edits()) {
            results.add(rehearse(edit, caller));
        }
        refuseIfAnyRefused(results);
        List<LedgerImport.Row> applied = new ArrayList<>();
        inTransaction(true, () -> {
            for (Edit edit : comparison.edits()) {
                Outcome outcome = carryOut(edit, caller);
                if (!outcome.errors().isEmpty()) {
                    // changed since the dry run above: nothing of the ledger is written
                    refuseIfAnyRefused(List.of(row(edit, "REFUSED", outcome)));
                }
                applied.add(row(edit, "CHANGED", outcome));
            }
        });
        return answer("APPLIED", comparison, applied);
    }

    private static LedgerImport answer(String outcome, Comparison comparison, List<LedgerImport.Row> results) {
        List<LedgerImport.Row> sorted = results.stream()
                .sorted(java.util.Comparator.comparingInt(LedgerImport.Row::row)).toList();
        int refused = (int) sorted.stream().filter(r -> "REFUSED".equals(r.state())).count();
        return new LedgerImport(outcome, comparison.rows(), comparison.rows() - sorted.size(),
                sorted.size() - refused, refused, sorted);
    }

    private static void refuseIfAnyRefused(List<LedgerImport.Row> results) {
        List<LedgerImport.Error> errors = results.stream().flatMap(r -> r.errors().stream()).toList();
        if (errors.isEmpty()) {
            return;
        }
        boolean stale = errors.stream().anyMatch(e -> e.message().startsWith(STALE));
        String detail = "整改台账未导入：" + results.stream().filter(r -> !r.errors().isEmpty()).count()
                + "行有误，须全部改正后才能导入（一行也未写入）。" + errors.get(0).field() + "：" + errors.get(0).message();
        throw new LedgerException(stale ? LedgerException.Kind.CONFLICT : LedgerException.Kind.INVALID,
                stale ? "ledger-rows-stale" : "ledger-rows-refused",
                stale ? "Ledger rows changed since the export" : "Ledger rows refused", detail,
                errors.stream().map(e -> new LedgerException.FieldError(e.field(), e.message())).toList());
    }

    // ---- comparing the rows with the ledger

    /** What a row changes: the issue, the version it was exported at, the changed cells and what to do. */
    record Edit(int row, UUID issueId, long version, String numbering, String title,
                List<LedgerImport.Change> changes, Responsibility responsibility, Progress progress,
                IssueStatus status) {
    }

    /** New responsibility and deadline (null: unchanged). */
    record Responsibility(List<String> leaders, String lead, List<String> co, LocalDate deadline,
                          boolean deadlineChanged) {
    }

    /** A new progress report: its text, its as-of date (null: today) and status words (null: as they are). */
    record Progress(String text, LocalDate asOf, String statusLabel) {
    }

    /** The sheet compared: how many data rows, the rows that change something, the rows refused. */
    record Comparison(int rows, List<Edit> edits, List<LedgerImport.Row> refused) {
    }

    /** An issue's latest report in force: its text and date. */
    private record Latest(String text, LocalDate asOf) {
    }

    private Comparison compare(Path workbook) {
        LedgerWorkbookReader reader = new LedgerWorkbookReader(LAYOUT, limits.maxRows(), limits.maxCellLength());
        List<Edit> edits = new ArrayList<>();
        List<LedgerImport.Row> refused = new ArrayList<>();
        Map<UUID, Integer> seen = new HashMap<>();
        List<LedgerWorkbookReader.Line> batch = new ArrayList<>();
        int rows;
        try {
            rows = reader.read(workbook, line -> {
                batch.add(line);
                if (batch.size() == BATCH) {
                    compareBatch(batch, seen, edits, refused);
                    batch.clear();
                }
            });
        } catch (LedgerWorkbookException e) {
            throw refusal(e);
        }
        compareBatch(batch, seen, edits, refused);
        return new Comparison(rows, edits, refused);
    }

    private static LedgerException refusal(LedgerWorkbookException e) {
        return switch (e.reason()) {
            case TOO_LARGE_UNPACKED -> new LedgerException(LedgerException.Kind.TOO_LARGE, "workbook-too-large",
                    "Workbook too large unpacked", e.getMessage(), List.of(new LedgerException.FieldError("body",
                    e.getMessage())));
            case TOO_MANY_ROWS -> new LedgerException(LedgerException.Kind.TOO_LARGE, "ledger-too-many-rows",
                    "Too many rows", e.getMessage(), List.of(new LedgerException.FieldError("body", e.getMessage())));
            case WRONG_HEADERS, NO_LEDGER_SHEET -> LedgerException.invalid("ledger-layout", "Not the ledger's layout",
                    "body", e.getMessage());
            case NOT_A_WORKBOOK -> LedgerException.invalid("not-a-workbook", "Not an Excel workbook", "body",
                    e.getMessage());
        };
    }

    private void compareBatch(List<LedgerWorkbookReader.Line> lines, Map<UUID, Integer> seen, List<Edit> edits,
                              List<LedgerImport.Row> refused) {
        if (lines.isEmpty()) {
            return;
        }
        Map<Integer, UUID> ids = new HashMap<>();
        for (LedgerWorkbookReader.Line line : lines) {
            try {
                ids.put(line.row(), UUID.fromString(line.cell("issueId")));
            } catch (IllegalArgumentException notAnId) {
                // refused below, by the row
            }
        }
        inTransaction(false, () -> {
            Map<UUID, Issue> found = new HashMap<>();
            Map<UUID, Latest> latest = new HashMap<>();
            if (!ids.isEmpty()) {
                List<UUID> wanted = List.copyOf(new HashSet<>(ids.values()));
                Issue.<Issue>list("id in ?1", wanted).forEach(i -> found.put(i.id, i));
                @SuppressWarnings("unchecked")
                List<Object[]> reports = em.createNativeQuery("""
                                SELECT DISTINCT ON (issue_id) issue_id, text, as_of FROM progress_report
                                WHERE issue_id = ANY (CAST(?1 AS uuid[])) AND superseded_by IS NULL AND NOT withdrawn
                                ORDER BY issue_id, as_of DESC, sequence DESC""")
                        .setParameter(1, wanted.stream().map(UUID::toString).toArray(String[]::new)).getResultList();
                for (Object[] r : reports) {
                    LocalDate asOf = r[2] instanceof LocalDate date ? date : ((java.sql.Date) r[2]).toLocalDate();
                    latest.put(UUID.fromString(r[0].toString()), new Latest((String) r[1], asOf));
                }
            }
            for (LedgerWorkbookReader.Line line : lines) {
                compareLine(line, ids.get(line.row()), found, latest, seen, edits, refused);
            }
            em.clear();
        });
    }

    /** Messages of a stale row start so: the import answers 409 for them. */
    static final String STALE = "该问题在导出后已有变更";

    private void compareLine(LedgerWorkbookReader.Line line, UUID id, Map<UUID, Issue> found, Map<UUID, Latest> latest,
                             Map<UUID, Integer> seen, List<Edit> edits, List<LedgerImport.Row> refused) {
        Errors errors = new Errors(line.row());
        line.tooLong().forEach(key -> errors.add(key, "超过" + limits.maxCellLength() + "个字，不能导入"));
        line.cells().forEach((key, value) -> {
            if (!Texts.isStorable(value)) {
                errors.add(key, "含有无法保存的字符（U+0000或不成对的代理字符）");
            }
        });
        if (!errors.isEmpty()) {
            refused.add(errors.row(id, null, null, null));
            return;
        }
        if (id == null) {
            errors.add("issueId", line.cell("issueId").isEmpty()
                    ? "为空：新的问题不能经台账导入，请在系统中录入；系统导出的每一行都有问题ID"
                    : "“" + LedgerCells.abbreviate(line.cell("issueId")) + "”不是系统导出的问题ID");
            refused.add(errors.row(null, null, null, null));
            return;
        }
        Integer earlier = seen.putIfAbsent(id, line.row());
        Issue issue = found.get(id);
        if (earlier != null) {
            errors.add("issueId", "与第" + earlier + "行是同一问题：每个问题只能有一行");
        } else if (issue == null) {
            errors.add("issueId", "系统中没有这个问题（" + id + "）");
        }
        if (issue == null || earlier != null) {
            refused.add(errors.row(id, null, null, null));
            return;
        }
        List<LedgerImport.Change> changes = new ArrayList<>();
        Responsibility responsibility = responsibility(line, issue, changes, errors);
        Progress progress = progress(line, issue, latest.get(id), changes, errors);
        IssueStatus status = status(line, issue, changes, errors);
        Long version = null;
        if (!changes.isEmpty() || !errors.isEmpty()) {
            try {
                version = LedgerCells.version(line.cell("version"));
                if (version > issue.sequence) {
                    errors.add("version", "“" + version + "”比系统中该问题的版本（" + issue.sequence + "）还新：不是系统导出的版本");
                } else if (version < issue.sequence && !changes.isEmpty()
                        && journal.changedAfter(id, version, NOTICES)) {
                    errors.add("version", STALE + "（导出时版本" + version + "，现为" + issue.sequence
                            + "）：此行不能覆盖他人的更改，请重新导出台账后再修改");
                }
            } catch (LedgerCells.Unreadable e) {
                errors.add("version", e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            refused.add(errors.row(id, issue, version, changes));
        } else if (!changes.isEmpty()) {
            edits.add(new Edit(line.row(), id, version, numbering(issue), issue.title, List.copyOf(changes),
                    responsibility, progress, status));
        }
    }

    private Responsibility responsibility(LedgerWorkbookReader.Line line, Issue issue,
                                          List<LedgerImport.Change> changes, Errors errors) {
        List<String> leaders = names(line, "leadLeaders", 100, errors);
        List<String> leadNames = names(line, "leadUnit", 200, errors);
        List<String> co = names(line, "coUnits", 200, errors);
        LocalDate deadline = null;
        try {
            deadline = LedgerCells.date(line.cell("deadline"));
        } catch (LedgerCells.Unreadable e) {
            errors.add("deadline", e.getMessage());
        }
        if (leaders == null || leadNames == null || co == null || errors.has("deadline")) {
            return null;
        }
        if (leadNames.size() > 1) {
            errors.add("leadUnit", "只能填一个牵头单位，其余单位请填入「" + LAYOUT.header("coUnits") + "」");
            return null;
        }
        String lead = leadNames.isEmpty() ? null : leadNames.get(0);
        String currentLead = leadUnit(issue);
        List<String> currentCo = issue.responsibleUnits.stream().filter(u -> !u.equals(currentLead)).toList();
        int before = changes.size();
        change(changes, "leadLeaders", String.join("、", issue.leadLeaders), String.join("、", leaders),
                !leaders.equals(issue.leadLeaders));
        change(changes, "leadUnit", Objects.toString(currentLead, ""), Objects.toString(lead, ""),
                !Objects.equals(lead, currentLead));
        change(changes, "coUnits", String.join("、", currentCo), String.join("、", co), !co.equals(currentCo));
        change(changes, "deadline", Objects.toString(issue.deadline, ""), Objects.toString(deadline, ""),
                !Objects.equals(deadline, issue.deadline));
        if (changes.size() == before) {
            return null;
        }
        if (lead == null && !co.isEmpty()) {
            errors.add("leadUnit", "为空而「" + LAYOUT.header("coUnits") + "」不空：请先填写牵头单位");
        } else if (co.contains(lead)) {
            errors.add("coUnits", "牵头单位“" + lead + "”不能同时是配合单位");
        } else if (issue.assignmentState != null && lead == null) {
            errors.add("leadUnit", "不能为空：问题已交办，须有牵头单位");
        } else if (issue.assignmentState != null && leaders.isEmpty()) {
            errors.add("leadLeaders", "不能为空：问题已交办，须有牵头领导");
        }
        return new Responsibility(leaders, lead, co, deadline, !Objects.equals(deadline, issue.deadline));
    }

    private Progress progress(LedgerWorkbookReader.Line line, Issue issue, Latest latest,
                              List<LedgerImport.Change> changes, Errors errors) {
        String text = line.cell("progress");
        String current = latest == null ? "" : latest.text().strip();
        boolean textChanged = !text.equals(current);
        if (textChanged && text.endsWith(LAYOUT.mark().strip())) {
            if (text.equals(Objects.toString(LAYOUT.fit(current), "").strip())) {
                textChanged = false; // the cut form of the text the ledger holds: as it was exported
            } else {
                errors.add("progress", "以“" + LAYOUT.mark() + "”结尾的是截断的进展，不能作为新的进展；请写出完整的进展");
                return null;
            }
        }
        if (textChanged && text.isEmpty()) {
            errors.add("progress", "不能清空已报送的进展（撤回须在系统中办理）");
            return null;
        }
        LocalDate asOf = null;
        boolean dateChanged = false;
        try {
            asOf = LedgerCells.date(line.cell("progressDate"));
            dateChanged = !Objects.equals(asOf, latest == null ? null : latest.asOf());
        } catch (LedgerCells.Unreadable e) {
            errors.add("progressDate", e.getMessage());
        }
        String label = line.cell("statusLabel");
        String currentLabel = Objects.toString(issue.statusLabel, "");
        boolean labelChanged = !label.equals(currentLabel);
        if (!textChanged) {
            if (dateChanged) {
                errors.add("progressDate", "只能随新的「" + LAYOUT.header("progress") + "」一同填写（已报送的进展不能改日期，"
                        + "更正须在系统中办理）");
            }
            if (labelChanged) {
                errors.add("statusLabel", "只能随新的「" + LAYOUT.header("progress") + "」一同填写");
            }
            return null;
        }
        if (labelChanged && label.isEmpty()) {
            errors.add("statusLabel", "不能清空：状态表述随进展报告填写，新的进展可以写新的表述");
        } else if (label.length() > 20) {
            errors.add("statusLabel", "最多20个字");
        }
        change(changes, "progress", current, text, true);
        if (dateChanged) {
            change(changes, "progressDate", latest == null ? "" : Objects.toString(latest.asOf(), ""),
                    Objects.toString(asOf, ""), true);
        }
        if (labelChanged) {
            change(changes, "statusLabel", currentLabel, label, true);
        }
        return new Progress(text, dateChanged ? asOf : null, labelChanged ? label : null);
    }

    private IssueStatus status(LedgerWorkbookReader.Line line, Issue issue, List<LedgerImport.Change> changes,
                               Errors errors) {
        String word = line.cell("status");
        if (word.isEmpty()) {
            errors.add("status", "不能为空：请填写" + String.join("、", LAYOUT.statuses().values()) + "之一");
            return null;
        }
        String name = LAYOUT.statusOf(word).orElse(null);
        if (name == null) {
            errors.add("status", "不能识别“" + LedgerCells.abbreviate(word) + "”：请填写"
                    + String.join("、", LAYOUT.statuses().values()) + "之一");
            return null;
        }
        IssueStatus wanted = IssueStatus.valueOf(name);
        if (wanted == issue.status) {
            return null;
        }
        change(changes, "status", issue.status.chinese(), wanted.chinese(), true);
        // after a new progress report a NOT_STARTED issue is IN_PROGRESS: the steps are checked from there
        IssueStatus from = issue.status;
        if (StatusMachine.forward(from, wanted).isEmpty()) {
            errors.add("status", "不能由“" + from.chinese() + "”改为“" + wanted.chinese() + "”：台账导入只办理开始整改、"
                    + "申请销号（改为已完成）和转为长期坚持；退回、销号、恢复整改和重新打开须在系统中办理");
        }
        return wanted;
    }

    private static List<String> names(LedgerWorkbookReader.Line line, String key, int maxLength, Errors errors) {
        try {
            return LedgerCells.names(line.cell(key), maxLength);
        } catch (LedgerCells.Unreadable e) {
            errors.add(key, e.getMessage());
            return null;
        }
    }

    private static void change(List<LedgerImport.Change> changes, String key, String from, String to, boolean changed) {
        if (changed) {
            changes.add(new LedgerImport.Change(LAYOUT.header(key), from, to));
        }
    }

    /** The issue's numbering as published: （一）1.（3）. */
    private static String numbering(Issue issue) {
        IssueSnapshot snapshot = IssueService.snapshot(issue, Inspection.findById(issue.inspectionId));
        return Objects.toString(snapshot.aspect().numbering(), "") + Objects.toString(snapshot.category().numbering(), "")
                + Objects.toString(snapshot.numbering(), "");
    }

    /** The lead unit as the ledger shows it: the issue's, or else its first responsible unit. */
    private static String leadUnit(Issue issue) {
        return issue.leadUnit != null ? issue.leadUnit
                : issue.responsibleUnits.isEmpty() ? null : issue.responsibleUnits.get(0);
    }

    /** The errors of one row, each naming its column by its Chinese header. */
    private static final class Errors {
        private final int row;
        private final List<LedgerImport.Error> errors = new ArrayList<>();
        private final Set<String> keys = new HashSet<>();

        Errors(int row) {
            this.row = row;
        }

        void add(String key, String message) {
            keys.add(key);
            errors.add(new LedgerImport.Error(row, LAYOUT.header(key), message));
        }

        boolean has(String key) {
            return keys.contains(key);
        }

        boolean isEmpty() {
            return errors.isEmpty();
        }

        LedgerImport.Row row(UUID id, Issue issue, Long version, List<LedgerImport.Change> changes) {
            return new LedgerImport.Row(row, id, issue == null ? null : numbering(issue),
                    issue == null ? null : issue.title, version, "REFUSED", changes == null ? List.of() : changes,
                    List.of(), List.of(), List.of(), List.copyOf(errors));
        }
    }

    // ---- carrying out a row

    /** What carrying out a row did: the figures and warnings of its report, its events, or its errors. */
    record Outcome(List<String> figures, List<String> warnings, List<String> events, List<LedgerImport.Error> errors) {
    }

    /** A row carried out in a transaction of its own, then rolled back: what applying it would do. */
    private LedgerImport.Row rehearse(Edit edit, Caller caller) {
        Outcome[] outcome = new Outcome[1];
        inTransaction(false, () -> outcome[0] = carryOut(edit, caller));
        return row(edit, outcome[0].errors().isEmpty() ? "CHANGED" : "REFUSED", outcome[0]);
    }

    private static LedgerImport.Row row(Edit edit, String state, Outcome outcome) {
        return new LedgerImport.Row(edit.row(), edit.issueId(), edit.numbering(), edit.title(), edit.version(),
                state, edit.changes(), outcome.figures(), outcome.warnings(), outcome.events(), outcome.errors());
    }

    /**
     * The row's changes as the API's steps, in the caller's transaction: responsibility and deadline, then the
     * progress report, then the status steps. A refusal of the ledger becomes the row's error (the transaction is
     * then only good for rolling back).
     */
    private Outcome carryOut(Edit edit, Caller caller) {
        List<String> events = new ArrayList<>();
        List<String> figures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String step = "version";
        try {
            Issue issue = IssueService.lock(edit.issueId());
            if (issue.sequence != edit.version() && journal.changedAfter(issue.id, edit.version(), NOTICES)) {
                return new Outcome(List.of(), List.of(), List.of(), List.of(new LedgerImport.Error(edit.row(),
                        LAYOUT.header("version"), STALE + "（导出时版本" + edit.version() + "，现为" + issue.sequence
                        + "）：此行不能覆盖他人的更改，请重新导出台账后再修改")));
            }
            String note = "整改台账导入（第" + edit.row() + "行）";
            Responsibility r = edit.responsibility();
            if (r != null) {
                step = r.deadlineChanged() ? "deadline" : "leadUnit";
                List<String> units = new ArrayList<>();
                if (r.lead() != null) {
                    units.add(r.lead());
                }
                units.addAll(r.co());
                if (issue.assignmentState == null) {
                    issues.update(issue.id, valid(new IssueRequests.Patch(r.leaders(), units, r.deadline(),
                            r.deadline() == null && r.deadlineChanged() ? Boolean.TRUE : null, null, note)),
                            etag(issue), caller);
                    events.add(EventTypes.ISSUE_UPDATED);
                } else {
                    List<WorkflowRequests.MeasureDeadline> kept = Measure.<Measure>list(
                                    "issueId = ?1 and deadline is not null order by ordinal", issue.id).stream()
                            .map(m -> new WorkflowRequests.MeasureDeadline(m.ordinal - 1, m.deadline)).toList();
                    workflow.assignWithin(valid(new WorkflowRequests.Assignment(issue.id, etag(issue), r.lead(),
                            r.co(), r.leaders(), r.deadline(), kept, note)), caller);
                    events.add(EventTypes.ISSUE_ASSIGNED);
                }
                issue = Issue.findById(edit.issueId());
            }
            Progress p = edit.progress();
            if (p != null) {
                step = p.asOf() != null ? "progressDate" : "progress";
                IssueView view = issues.reportProgress(issue.id, valid(new IssueRequests.Progress(p.asOf(), p.text(),
                        null, null, p.statusLabel(), null, null)), etag(issue), caller);
                events.add(EventTypes.ISSUE_PROGRESS_REPORTED);
                view.progress().forEach(report -> {
                    report.readings().forEach(reading -> figures.add(reading.display() != null ? reading.display()
                            : reading.sourceText()));
                    report.warnings().forEach(w -> warnings.add(w.message()));
                });
                issue = Issue.findById(edit.issueId());
            }
            if (edit.status() != null && edit.status() != issue.status) {
                step = "status";
                List<Transition> steps = StatusMachine.forward(issue.status, edit.status()).orElseThrow(
                        () -> LedgerException.invalid("status", "no way forward"));
                for (Transition transition : steps) {
                    issues.transition(issue.id, new IssueRequests.TransitionInput(transition,
                            transition == Transition.MAKE_LONG_TERM ? "整改台账载明长期坚持（第" + edit.row() + "行）"
                                    : null, null, null, null,
                            transition == Transition.COMPLETE ? "整改台账载明已完成（第" + edit.row() + "行）" : null,
                            null), etag(issue), caller);
                    events.add(EventTypes.ISSUE_STATUS_CHANGED);
                    issue = Issue.findById(edit.issueId());
                }
            }
            return new Outcome(List.copyOf(figures), List.copyOf(warnings), List.copyOf(events), List.of());
        } catch (LedgerException refused) {
            return new Outcome(List.of(), List.of(), List.of(), List.of(new LedgerImport.Error(edit.row(),
                    LAYOUT.header(column(refused, step)), "系统未接受此项更改：" + refused.getMessage())));
        }
    }

    /** The column a refusal of the ledger is about: the field it names, when the ledger has a column for it. */
    private static String column(LedgerException refused, String step) {
        for (LedgerException.FieldError error : refused.errors()) {
            String key = switch (error.field()) {
                case "deadline", "clearDeadline" -> "deadline";
                case "leadLeaders" -> "leadLeaders";
                case "leadUnit", "responsibleUnits" -> "leadUnit";
                case "coUnits" -> "coUnits";
                case "asOf" -> "progressDate";
                case "text" -> "progress";
                case "statusLabel" -> "statusLabel";
                default -> null;
            };
            if (key != null) {
                return key;
            }
        }
        return step;
    }

    /**
     * The request as the API would take it: its own constraints (sizes, blanks) checked here, since a call from the
     * import does not pass the API's validation. A violation refuses the row, naming the field.
     */
    private <T> T valid(T request) {
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            var violation = violations.iterator().next();
            String path = violation.getPropertyPath().toString();
            throw LedgerException.invalid(path.replaceAll("[\\[.].*", ""), path + " " + violation.getMessage());
        }
        return request;
    }

    private static String etag(Issue issue) {
        return String.valueOf(issue.sequence);
    }

    /**
     * Runs {@code work} in a transaction of its own: committed when {@code commit} and nothing went wrong, else
     * rolled back (a dry run's rehearsal always is).
     */
    private void inTransaction(boolean commit, Runnable work) {
        try {
            transaction.begin();
        } catch (jakarta.transaction.NotSupportedException | SystemException e) {
            throw new IllegalStateException("cannot begin a transaction", e);
        }
        boolean committed = false;
        try {
            work.run();
            if (commit) {
                transaction.commit();
                committed = true;
            }
        } catch (jakarta.transaction.RollbackException | jakarta.transaction.HeuristicMixedException
                 | jakarta.transaction.HeuristicRollbackException | SystemException e) {
            throw new IllegalStateException("the ledger import could not commit", e);
        } finally {
            if (!committed) {
                try {
                    if (transaction.getStatus() != Status.STATUS_NO_TRANSACTION) {
                        transaction.rollback();
                    }
                } catch (SystemException e) {
                    throw new IllegalStateException("cannot roll back", e);
                }
            }
        }
    }
}
