package io.zhenggai.report.projection;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * An issue's effective timeline (按生效日期): what the issue was on each day, by the dates its changes took effect
 * rather than the order they were recorded in. Pure, so that a back-dated entry (补录) can recompute one issue's
 * timeline from its versions, and so that the rules below are tested on their own.
 * <p>
 * Every event of the issue is a {@link Version}: the issue as the projection stood after it, with its effective date.
 * Independent chains are read from the versions, in sequence order:
 * <ul>
 *   <li><b>status</b>: the versions whose status changed (or that a 回头看 reopened), and the first;</li>
 *   <li><b>attributes</b>: the versions whose attributes (tree place, title, deadlines, leaders, units, tags, status
 *       label) changed, and the first;</li>
 *   <li><b>workflow</b>, one chain per part of {@link Workflow} (签收 state, what awaits a decision, approved
 *       extensions, returns): the versions that changed that part, and the first. One chain each, so that a
 *       back-dated completion (which sets "awaiting COMPLETION") does not drag a later signature back with it;</li>
 *   <li><b>progress</b>: the progress reports, each effective on its report's as-of date; a correction's replacement
 *       is a progress report too, and a correction (更正 or 撤回) takes the report it corrects out of the chain from
 *       the correction's effective date on.</li>
 * </ul>
 * Within the status, attributes and workflow chains, an entry takes effect from min(its effective date, the next
 * entry's effective-from), computed from the last entry back: a back-dated completion counts from its date, it pulls
 * earlier entries of its chain back with it rather than letting them overtake it, and the latest entry is always the
 * state in force on and after its date, so the timeline's last segment equals the issue as it stands now. The issue
 * exists from the earliest effective-from of the chains. On day D its status, completed-on date and reopen count are
 * the status chain's latest entry in effect, its attributes the attributes chain's, each part of its workflow that
 * part's chain's, and its last progress date the latest progress report effective on or before D and not corrected by
 * then (by date, then sequence). A segment's {@code sequence} is the highest sequence among those entries and the
 * corrections in effect.
 */
public final class IssueTimeline {

    private IssueTimeline() {
    }

    /**
     * The workflow's state of an issue (交办/签收, 延期, 退回), as its snapshot gives it.
     *
     * @param assignment ASSIGNED (not signed yet), SIGNED, or null when never assigned
     * @param awaiting   COMPLETION, EXTENSION, or null
     * @param extensions approved extensions
     * @param returned   completions returned (退回)
     */
    public record Workflow(String assignment, String awaiting, int extensions, int returned) {

        /** An issue the workflow never touched (every event before it existed). */
        public static final Workflow NONE = new Workflow(null, null, 0, 0);
    }

    /**
     * The issue after one event: what {@code issue_version} keeps of it.
     *
     * @param report    the report the event carried (a progress report, or a correction's replacement), if any
     * @param corrected the report a correction corrected or withdrew, if the event is one
     */
    public record Version(long sequence, LocalDate effective, IssueStatus status, UUID attributes,
                          LocalDate completedOn, int reopened, boolean progress, LocalDate createdOn,
                          Workflow workflow, UUID report, UUID corrected) {

        /** A version of an issue the workflow never touched, carrying no identified report. */
        public Version(long sequence, LocalDate effective, IssueStatus status, UUID attributes, LocalDate completedOn,
                       int reopened, boolean progress, LocalDate createdOn) {
            this(sequence, effective, status, attributes, completedOn, reopened, progress, createdOn, Workflow.NONE,
                    null, null);
        }
    }

    /**
     * The issue's state from {@code validFrom} (inclusive) to {@code validTo} (exclusive; null for "still").
     */
    public record Segment(LocalDate validFrom, LocalDate validTo, IssueStatus status, UUID attributes,
                          LocalDate completedOn, LocalDate lastProgressDate, int reopened, LocalDate createdOn,
                          long sequence, Workflow workflow) {

        /** A segment of an issue the workflow never touched. */
        public Segment(LocalDate validFrom, LocalDate validTo, IssueStatus status, UUID attributes,
                       LocalDate completedOn, LocalDate lastProgressDate, int reopened, LocalDate createdOn,
                       long sequence) {
            this(validFrom, validTo, status, attributes, completedOn, lastProgressDate, reopened, createdOn, sequence,
                    Workflow.NONE);
        }

        boolean sameStateAs(Segment other) {
            return status == other.status && attributes.equals(other.attributes)
                    && Objects.equals(completedOn, other.completedOn)
                    && Objects.equals(lastProgressDate, other.lastProgressDate) && reopened == other.reopened
                    && Objects.equals(createdOn, other.createdOn) && sequence == other.sequence
                    && workflow.equals(other.workflow);
        }

        Segment until(LocalDate to) {
            return new Segment(validFrom, to, status, attributes, completedOn, lastProgressDate, reopened, createdOn,
                    sequence, workflow);
        }
    }

    /** Whether a version enters the status chain (its status changed, or it was reopened) after {@code before}. */
    public static boolean changesStatus(Version before, Version after) {
        return before == null || before.status() != after.status() || before.reopened() != after.reopened();
    }

    /** Whether a version enters the attributes chain after {@code before}. */
    public static boolean changesAttributes(Version before, Version after) {
        return before == null || !before.attributes().equals(after.attributes());
    }

    /** Whether a version enters any of the workflow chains after {@code before}. */
    public static boolean changesWorkflow(Version before, Version after) {
        return before == null || !before.workflow().equals(after.workflow());
    }

    /** The parts of the workflow, each a chain of its own. */
    private static final List<Function<Workflow, Object>> WORKFLOW_PARTS = List.of(Workflow::assignment,
            Workflow::awaiting, Workflow::extensions, Workflow::returned);

    /**
     * The timeline of an issue from its versions in sequence order: consecutive segments, the last open-ended; empty
     * for no versions.
     */
    public static List<Segment> of(List<Version> versions) {
        if (versions.isEmpty()) {
            return List.of();
        }
        Chain status = new Chain();
        Chain attributes = new Chain();
        List<Chain> workflow = WORKFLOW_PARTS.stream().map(part -> new Chain()).toList();
        List<Version> progress = new ArrayList<>();
        List<Version> corrections = new ArrayList<>();
        Map<UUID, LocalDate> correctedFrom = new HashMap<>();
        Version previous = null;
        for (Version version : versions) {
            if (previous != null && version.sequence() <= previous.sequence()) {
                throw new IllegalArgumentException("versions out of sequence order at " + version.sequence());
            }
            if (changesStatus(previous, version)) {
                status.add(version);
            }
            if (changesAttributes(previous, version)) {
                attributes.add(version);
            }
            for (int k = 0; k < WORKFLOW_PARTS.size(); k++) {
                Function<Workflow, Object> part = WORKFLOW_PARTS.get(k);
                if (previous == null || !Objects.equals(part.apply(previous.workflow()), part.apply(version.workflow()))) {
                    workflow.get(k).add(version);
                }
            }
            if (version.progress()) {
                progress.add(version);
            }
            if (version.corrected() != null) {
                corrections.add(version);
                correctedFrom.merge(version.corrected(), version.effective(), IssueTimeline::min);
            }
            previous = version;
        }
        List<Chain> chains = new ArrayList<>(List.of(status, attributes));
        chains.addAll(workflow);
        chains.forEach(Chain::computeFrom);
        LocalDate exists = chains.stream().map(c -> c.from[0]).reduce(IssueTimeline::min).orElseThrow();
        chains.forEach(c -> c.from[0] = exists);

        TreeSet<LocalDate> boundaries = new TreeSet<>();
        boundaries.add(exists);
        chains.forEach(c -> boundaries.addAll(List.of(c.from)));
        progress.stream().map(Version::effective).filter(d -> d.isAfter(exists)).forEach(boundaries::add);
        corrections.stream().map(Version::effective).filter(d -> d.isAfter(exists)).forEach(boundaries::add);

        LocalDate createdOn = versions.get(0).createdOn();
        List<Segment> segments = new ArrayList<>();
        for (LocalDate day : boundaries) {
            Version s = status.inEffect(day);
            Version a = attributes.inEffect(day);
            long sequence = Math.max(s.sequence(), a.sequence());
            Object[] parts = new Object[WORKFLOW_PARTS.size()];
            for (int k = 0; k < parts.length; k++) {
                Version w = workflow.get(k).inEffect(day);
                parts[k] = WORKFLOW_PARTS.get(k).apply(w.workflow());
                sequence = Math.max(sequence, w.sequence());
            }
            Version p = null;
            for (Version report : progress) {
                LocalDate corrected = report.report() == null ? null : correctedFrom.get(report.report());
                if (!report.effective().isAfter(day) && (corrected == null || corrected.isAfter(day))
                        && (p == null || !report.effective().isBefore(p.effective()))) {
                    p = report; // later date wins; on the same date, the later sequence
                }
            }
            sequence = Math.max(sequence, p == null ? 0 : p.sequence());
            for (Version correction : corrections) {
                if (!correction.effective().isAfter(day)) {
                    sequence = Math.max(sequence, correction.sequence()); // it shaped the progress chain
                }
            }
            Segment segment = new Segment(day, null, s.status(), a.attributes(), s.completedOn(),
                    p == null ? null : p.effective(), s.reopened(), createdOn, sequence,
                    new Workflow((String) parts[0], (String) parts[1], (Integer) parts[2], (Integer) parts[3]));
            if (!segments.isEmpty()) {
                Segment last = segments.get(segments.size() - 1);
                if (last.sameStateAs(segment)) {
                    continue;
                }
                segments.set(segments.size() - 1, last.until(day));
            }
            segments.add(segment);
        }
        return List.copyOf(segments);
    }

    /** The entries of one chain, and the day each takes effect from. */
    private static final class Chain {
        private final List<Version> entries = new ArrayList<>();
        private LocalDate[] from;

        void add(Version version) {
            entries.add(version);
        }

        /** Each entry's effective-from: min(its effective date, the next entry's effective-from), from the last back. */
        void computeFrom() {
            from = new LocalDate[entries.size()];
            for (int k = entries.size() - 1; k >= 0; k--) {
                LocalDate own = entries.get(k).effective();
                from[k] = k == entries.size() - 1 ? own : min(own, from[k + 1]);
            }
        }

        /** The latest entry in effect on {@code day}; the effective-froms never decrease along the chain. */
        Version inEffect(LocalDate day) {
            Version found = entries.get(0);
            for (int k = 0; k < entries.size() && !from[k].isAfter(day); k++) {
                found = entries.get(k);
            }
            return found;
        }
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
