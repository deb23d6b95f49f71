package io.zhenggai.issue.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.zhenggai.issue.figures.QuantityOutOfBoundsException;
import io.zhenggai.issue.importing.Aspect;
import io.zhenggai.issue.importing.Bulletin;
import io.zhenggai.issue.importing.BulletinParser;
import io.zhenggai.issue.importing.Category;
import io.zhenggai.issue.importing.CategoryGroup;
import io.zhenggai.issue.importing.DeclaredTotals;
import io.zhenggai.issue.importing.FeedbackList;
import io.zhenggai.issue.importing.Finding;
import io.zhenggai.issue.importing.InspectionHeader;
import io.zhenggai.issue.importing.Issue;
import io.zhenggai.issue.importing.NotABulletinException;
import io.zhenggai.issue.importing.ParseResult;
import io.zhenggai.issue.importing.PartialRead;
import io.zhenggai.issue.importing.ReportedStatus;
import io.zhenggai.issue.importing.Responsibility;

/**
 * Imports a published bulletin (通报) into the ledger through the same domain services as the API, so every change
 * is journaled and published like any other. The whole import is one transaction: all of it or nothing. The parsing
 * is the {@code importing} package's, which knows nothing of the database; this is the import's database work.
 * <p>
 * An inspection is identified by team + target unit + feedback date. The same bulletin again changes nothing; a
 * later bulletin of a known inspection matches issues by list, numbering path and title and adds its measures and
 * readings as new progress reports as of its report date, and its status changes.
 */
@ApplicationScoped
public class BulletinImporter {

    static final String LONG_TERM_REASON = "通报载明长期坚持";
    static final String COMPLETED_NOTE = "通报载明已完成";
    static final String ASSIGNMENT_NOTE = "通报所列责任清单";

    private final BulletinParser parser = new BulletinParser();

    @Inject
    InspectionService inspections;

    @Inject
    IssueService issues;

    @Inject
    WorkflowService workflow;

    @Inject
    EntityManager em;

    /** Parses and checks without writing anything. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ImportReport dryRun(String text, Caller caller) {
        Access.checkOffice(caller, "import a bulletin");
        ParseResult result = parse(text);
        checkDeadlines(result.bulletin());
        UUID known = existing(result.bulletin()).map(i -> i.id).orElse(null);
        Tree tree = Tree.of(result.bulletin());
        List<ImportReport.PlannedIssue> planned = tree.leaves().stream().map(leaf -> {
            Issue issue = leaf.issue();
            return new ImportReport.PlannedIssue(leaf.listKey(), leaf.ledgerPath(), leaf.numbering(),
                    issue.title().strip(), Texts.blankToNull(issue.description()), issue.status().name(),
                    issue.statusLabel(), issue.measures().stream()
                    .map(m -> (m.marker() == null ? "" : m.marker()) + m.text()).toList(),
                    issue.readings().stream().map(Readings::of).toList());
        }).toList();
        ImportReport report = report("DRY_RUN", known, result, ImportReport.Changes.NONE);
        return new ImportReport(report.outcome(), report.inspectionId(), report.team(), report.targetUnit(),
                report.feedbackDate(), report.reportDate(), report.aspectCount(), report.categoryCount(),
                report.issueCount(), report.readingCount(), report.lists(), report.findings(), report.changes(),
                report.issuingUnit(), report.inspection(), report.declared(), tree.lists(), planned);
    }

    @Transactional
    public ImportReport importBulletin(String text, Caller caller) {
        Access.checkOffice(caller, "import a bulletin");
        ParseResult result = parse(text);
        Bulletin bulletin = result.bulletin();
        if (bulletin.reportDate() == null) {
            throw LedgerException.invalid("body", "the bulletin has no report date (the date under its signature): "
                    + "without it its figures cannot be dated");
        }
        checkDeadlines(bulletin);
        String sha = Digests.sha256(text);
        Optional<Inspection> known = existing(bulletin);
        if (known.isPresent()) {
            List<?> previous = em.createNativeQuery(
                            "SELECT text_sha256 FROM bulletin_import WHERE inspection_id = ?1 AND report_date = ?2")
                    .setParameter(1, known.get().id).setParameter(2, bulletin.reportDate()).getResultList();
            if (!previous.isEmpty()) {
                if (!sha.equals(previous.get(0))) {
                    throw LedgerException.conflict("bulletin-date-imported", "A different bulletin of this inspection "
                            + "dated " + bulletin.reportDate() + " was imported already");
                }
                return report("UNCHANGED", known.get().id, result, ImportReport.Changes.NONE);
            }
        }
        Tree tree = Tree.of(bulletin);
        UUID inspectionId = known.map(i -> i.id)
                .orElseGet(() -> inspections.create(tree.inspection(bulletin), caller).id());
        ImportReport.Changes changes = applyIssues(inspectionId, bulletin, tree, result.findings(), known.isEmpty(),
                caller);
        em.createNativeQuery("""
                        INSERT INTO bulletin_import (id, inspection_id, report_date, text_sha256, actor, imported_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, inspectionId)
                .setParameter(3, bulletin.reportDate()).setParameter(4, sha).setParameter(5, caller.id())
                .setParameter(6, java.sql.Timestamp.from(Instant.now())).executeUpdate();
        return report("IMPORTED", inspectionId, result, changes);
    }

    private ImportReport.Changes applyIssues(UUID inspectionId, Bulletin bulletin, Tree tree, List<Finding> findings,
                                             boolean fresh, Caller caller) {
        int created = 0;
        int reports = 0;
        int transitions = 0;
        int missing = 0;
        int responsible = 0;
        int assigned = 0;
        for (Tree.Leaf leaf : tree.leaves()) {
            IssueView current;
            Optional<IssueView> existing = fresh ? Optional.empty() : find(inspectionId, leaf, caller);
            if (existing.isPresent()) {
                current = existing.get();
            } else if (fresh) {
                Duty duty = Duty.of(leaf.issue().responsibility(), bulletin.inspection().feedbackDate());
                // with a lead leader the list is a 交办, as POST /api/issues/assignments makes it; without one (the
                // assignment needs one) the issue is recorded with its units and deadline, as POST /api/issues does
                boolean assign = !duty.units().isEmpty() && !duty.leaders().isEmpty();
                current = issues.create(new IssueRequests.Create(inspectionId, leaf.listKey(), leaf.categoryPath(),
                        leaf.numbering(), leaf.issue().title(), Texts.blankToNull(leaf.issue().description()),
                        assign ? null : duty.leaders(), assign ? null : duty.units(), assign ? null : duty.deadline(),
                        null, null), caller);
                created++;
                if (!duty.isEmpty()) {
                    responsible++;
                }
                if (assign) {
                    current = workflow.assignWithin(new WorkflowRequests.Assignment(current.id(), "*",
                            duty.units().get(0), duty.units().subList(1, duty.units().size()), duty.leaders(),
                            duty.deadline(), null, ASSIGNMENT_NOTE), caller);
                    assigned++;
                }
            } else {
                missing++; // a later bulletin with an item the ledger does not know: reported, not invented
                continue;
            }
            Issue parsed = leaf.issue();
            boolean hasProgress = parsed.progressText() != null && !parsed.progressText().isBlank()
                    || !parsed.measures().isEmpty();
            if (hasProgress) {
                current = issues.reportProgress(current.id(), bulletin.reportDate(), progressText(parsed),
                        parsed.measures().stream().map(m -> (m.marker() == null ? "" : m.marker()) + m.text()).toList(),
                        new ProgressFigures.Found(parsed.readings().stream().map(Readings::of).toList(),
                                ReadingSource.TEXT, warnings(findings, leaf)),
                        parsed.statusLabel(), null, caller);
                reports++;
            }
            for (Transition step : steps(current.status(), parsed.status())) {
                current = issues.transition(current.id(), new IssueRequests.TransitionInput(step,
                        step == Transition.MAKE_LONG_TERM ? LONG_TERM_REASON : null, null, null,
                        bulletin.reportDate(), step == Transition.COMPLETE ? COMPLETED_NOTE : null, null), "*", caller);
                transitions++;
            }
            // each issue is written: keep the persistence context small, or every flush dirty-checks them all
            em.flush();
            em.clear();
        }
        return new ImportReport.Changes(created, reports, transitions, missing, responsible, assigned);
    }

    /** The responsibility a bulletin prints for an issue, as the ledger records it. */
    record Duty(List<String> units, List<String> leaders, LocalDate deadline) {

        static Duty of(Responsibility printed, LocalDate feedbackDate) {
            if (printed == null) {
                return new Duty(List.of(), List.of(), null);
            }
            return new Duty(printed.units(), printed.leaders(), printed.deadlineDate(feedbackDate).orElse(null));
        }

        boolean isEmpty() {
            return units.isEmpty() && leaders.isEmpty() && deadline == null;
        }
    }

    /**
     * A deadline before the feedback is refused as the API refuses it, but naming the problem of the bulletin it
     * belongs to, before anything is written.
     */
    private static void checkDeadlines(Bulletin bulletin) {
        LocalDate feedback = bulletin.inspection().feedbackDate();
        if (feedback == null) {
            return;
        }
        for (FeedbackList list : bulletin.lists()) {
            for (Issue issue : list.issues()) {
                Duty duty = Duty.of(issue.responsibility(), feedback);
                if (duty.deadline() != null && duty.deadline().isBefore(feedback)) {
                    throw LedgerException.invalid("body", "第" + issue.path() + "项的完成时限“"
                            + issue.responsibility().deadline() + "”（" + duty.deadline() + "）早于反馈日期" + feedback
                            + " (the deadline of " + list.key() + " " + issue.path() + ", " + duty.deadline()
                            + ", is before the feedback date " + feedback + ")");
                }
            }
        }
    }

    /** The workflow steps that bring the ledger's status to what the bulletin reports, if it moves forward. */
    private static List<Transition> steps(IssueStatus ledger, ReportedStatus reported) {
        IssueStatus wanted = switch (reported) {
            case NOT_STARTED -> IssueStatus.NOT_STARTED;
            case IN_PROGRESS -> IssueStatus.IN_PROGRESS;
            case COMPLETED -> IssueStatus.COMPLETED;
            case LONG_TERM -> IssueStatus.LONG_TERM;
        };
        return StatusMachine.forward(ledger, wanted).orElse(List.of());
    }

    private Optional<IssueView> find(UUID inspectionId, Tree.Leaf leaf, Caller caller) {
        List<?> ids = em.createNativeQuery(
                        "SELECT id FROM issue WHERE inspection_id = ?1 AND list_key = ?2 AND path = ?3 AND title = ?4")
                .setParameter(1, inspectionId).setParameter(2, leaf.listKey()).setParameter(3, leaf.ledgerPath())
                .setParameter(4, leaf.issue().title().strip()).getResultList();
        return ids.isEmpty() ? Optional.empty() : issues.find(caller, (UUID) ids.get(0));
    }

    /** The bulletin's findings on one issue's text, as its progress report's warnings. */
    private static List<ReportWarning> warnings(List<Finding> findings, Tree.Leaf leaf) {
        return findings.stream()
                .filter(f -> f.location() != null && leaf.listKey().equals(f.location().list())
                        && leaf.issue().path().equals(f.location().path()))
                .map(f -> new ReportWarning(f.kind().name(), f.message() + " (" + f.messageEn() + ")"))
                .toList();
    }

    private static String progressText(Issue parsed) {
        if (parsed.progressText() != null && !parsed.progressText().isBlank()) {
            return parsed.progressText().strip();
        }
        StringBuilder text = new StringBuilder();
        parsed.measures().forEach(m -> text.append(m.marker() == null ? "" : m.marker()).append(m.text()));
        return text.toString();
    }

    private Optional<Inspection> existing(Bulletin bulletin) {
        InspectionHeader header = bulletin.inspection();
        if (header == null || header.team() == null || header.targetUnit() == null || header.feedbackDate() == null) {
            return Optional.empty();
        }
        return Inspection.<Inspection>find("team = ?1 and targetUnit = ?2 and feedbackDate = ?3",
                header.team(), header.targetUnit(), header.feedbackDate()).firstResultOptional();
    }

    private ParseResult parse(String text) {
        try {
            return parser.parse(text);
        } catch (NotABulletinException e) {
            throw new LedgerException(LedgerException.Kind.INVALID, "not-a-bulletin", "Not a bulletin", e.getMessage(),
                    List.of(new LedgerException.FieldError("body", e.reason().name())), unread(e.partial()));
        } catch (QuantityOutOfBoundsException e) {
            // one absurd number refuses the bulletin: nothing of it is stored
            throw Readings.outOfBounds("body", e);
        }
    }

    private static ImportReport report(String outcome, UUID inspectionId, ParseResult result,
                                       ImportReport.Changes changes) {
        Bulletin b = result.bulletin();
        InspectionHeader h = b.inspection();
        return new ImportReport(outcome, inspectionId, h == null ? null : h.team(), h == null ? null : h.targetUnit(),
                h == null ? null : h.feedbackDate(), b.reportDate(), result.aspectCount(), result.categoryCount(),
                result.issueCount(), result.readingCount(), result.lists(), result.findings(), changes,
                b.issuingUnit(), h, b.declared(), null, null);
    }

    /**
     * What a refused bulletin did hold, as members of the problem: {@code found} and {@code missing} (each part with
     * its message in Chinese and English) and {@code read} (header, declared totals and figures), so that the office
     * sees why.
     */
    private static Map<String, Object> unread(PartialRead partial) {
        if (partial == null) {
            return Map.of();
        }
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("found", partial.found());
        members.put("missing", partial.missing());
        members.put("read", new UnreadBulletin(partial.title(), partial.issuingUnit(), partial.inspection(),
                partial.declared(), partial.reportDate(), partial.readings().stream().map(Readings::of).toList()));
        return members;
    }

    /** What could be read of a refused bulletin: its header, declared totals and figures. */
    public record UnreadBulletin(String title, String issuingUnit, InspectionHeader inspection, DeclaredTotals declared,
                                 LocalDate reportDate, List<Reading> readings) {
    }


    /**
     * The parsed tree as the ledger records it: the published numbering of each level, and for each issue the
     * category it hangs under and its path in the ledger.
     */
    record Tree(List<InspectionRequest.ListRequest> lists, List<Leaf> leaves) {

        record Leaf(String listKey, String categoryPath, String numbering, String ledgerPath, Issue issue) {
        }

        InspectionRequest inspection(Bulletin bulletin) {
            InspectionHeader h = bulletin.inspection();
            if (h == null || h.team() == null || h.targetUnit() == null || h.feedbackDate() == null) {
                throw LedgerException.invalid("body", "the bulletin does not say which inspection it answers "
                        + "(team, target unit and feedback date are needed to record it)");
            }
            DeclaredTotals d = bulletin.declared();
            return new InspectionRequest(h.team(), h.targetUnit(), h.kinds().isEmpty()
                    ? java.util.Set.of(io.zhenggai.issue.ledger.InspectionKind.ROUTINE)
                    : h.kinds().stream().map(k -> io.zhenggai.issue.ledger.InspectionKind.valueOf(k.name()))
                    .collect(java.util.stream.Collectors.toSet()),
                    h.specialTheme(), h.onSiteFrom(), h.onSiteTo(), h.feedbackDate(),
                    d == null ? null : new InspectionRequest.DeclaredCounts(d.aspects(), d.categories(), d.issues(),
                            d.suggestions()), lists);
        }

        static Tree of(Bulletin bulletin) {
            List<InspectionRequest.ListRequest> lists = new ArrayList<>();
            List<Leaf> leaves = new ArrayList<>();
            for (FeedbackList list : bulletin.lists()) {
                List<InspectionRequest.AspectRequest> aspects = new ArrayList<>();
                for (Aspect aspect : list.aspects()) {
                    String aspectSegment = Numbering.segment(aspect.path());
                    List<InspectionRequest.CategoryRequest> direct = new ArrayList<>();
                    List<InspectionRequest.GroupRequest> groups = new ArrayList<>();
                    for (CategoryGroup group : aspect.groups()) {
                        List<InspectionRequest.CategoryRequest> categories = new ArrayList<>();
                        String parent = group.title() == null ? aspectSegment
                                : Numbering.join(aspectSegment, Numbering.groupSegment(group.title()));
                        for (Category category : group.categories()) {
                            String numbering = relative(category.path(), aspect.path());
                            String categoryPath = Numbering.join(parent, Numbering.segment(numbering));
                            categories.add(new InspectionRequest.CategoryRequest(numbering, category.title()));
                            for (Issue issue : category.issues()) {
                                String issueNumbering = category.selfIssue() ? null
                                        : relative(issue.path(), category.path());
                                String ledgerPath = issueNumbering == null ? categoryPath
                                        : Numbering.join(categoryPath, Numbering.segment(issueNumbering));
                                leaves.add(new Leaf(list.key(), categoryPath, issueNumbering, ledgerPath, issue));
                            }
                        }
                        if (group.title() == null) {
                            direct.addAll(categories);
                        } else {
                            groups.add(new InspectionRequest.GroupRequest(group.title(), categories));
                        }
                    }
                    aspects.add(new InspectionRequest.AspectRequest(aspect.path(), aspect.title(), groups, direct));
                }
                lists.add(new InspectionRequest.ListRequest(list.key(), list.title(), list.theme(), aspects));
            }
            return new Tree(lists, leaves);
        }

        /** The part of a published path below its parent: "(一)1.(3)" under "(一)1." is "(3)". */
        private static String relative(String path, String parent) {
            String own = path.startsWith(parent) ? path.substring(parent.length()) : path;
            return own.isBlank() ? path : own;
        }
    }
}
