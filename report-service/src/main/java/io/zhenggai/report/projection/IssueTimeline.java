package io.zhenggai.report.projection;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

import io.zhenggai.report.indicator.IssueStatus;

/**
 * An issue's effective timeline (按生效日期): what the issue was on each day, by the dates its changes took effect
 * rather than the order they were recorded in. Pure, so that a back-dated entry (补录) can recompute one issue's
 * timeline from its versions, and so that the rules below are tested on their own.
 * <p>
 * Every event of the issue is a {@link Version}: the issue as the projection stood after it, with its effective date.
 * Three independent chains are read from the versions, in sequence order:
 * <ul>
 *   <li><b>status</b>: the versions whose status changed (or that a 回头看 reopened), and the first;</li>
 *   <li><b>attributes</b>: the versions whose attributes (tree place, title, deadline, leaders, units, tags, status
 *       label) changed, and the first;</li>
 *   <li><b>progress</b>: the progress reports, each effective on its report's as-of date.</li>
 * </ul>
 * Within the status and the attributes chain, an entry takes effect from min(its effective date, the next entry's
 * effective-from), computed from the last entry back: a back-dated completion counts from its date, it pulls earlier
 * entries of its chain back with it rather than letting them overtake it, and the latest entry is always the state in
 * force on and after its date, so the timeline's last segment equals the issue as it stands now. The issue exists
 * from the earliest effective-from of the two chains. On day D its status, completed-on date and reopen count are the
 * status chain's latest entry in effect, its attributes the attributes chain's, and its last progress date the latest
 * progress report effective on or before D (by date, then sequence). A segment's {@code sequence} is the highest
 * sequence among those three entries.
 */
public final class IssueTimeline {

    private IssueTimeline() {
    }

    /** The issue after one event: what {@code issue_version} keeps of it. */
    public record Version(long sequence, LocalDate effective, IssueStatus status, UUID attributes,
                          LocalDate completedOn, int reopened, boolean progress, LocalDate createdOn) {
    }

    /**
     * The issue's state from {@code validFrom} (inclusive) to {@code validTo} (exclusive; null for "still").
     */
    public record Segment(LocalDate validFrom, LocalDate validTo, IssueStatus status, UUID attributes,
                          LocalDate completedOn, LocalDate lastProgressDate, int reopened, LocalDate createdOn,
                          long sequence) {

        boolean sameStateAs(Segment other) {
            return status == other.status && attributes.equals(other.attributes)
                    && Objects.equals(completedOn, other.completedOn)
                    && Objects.equals(lastProgressDate, other.lastProgressDate) && reopened == other.reopened
                    && Objects.equals(createdOn, other.createdOn) && sequence == other.sequence;
        }

        Segment until(LocalDate to) {
            return new Segment(validFrom, to, status, attributes, completedOn, lastProgressDate, reopened, createdOn,
                    sequence);
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

    /**
     * The timeline of an issue from its versions in sequence order: consecutive segments, the last open-ended; empty
     * for no versions.
     */
    public static List<Segment> of(List<Version> versions) {
        if (versions.isEmpty()) {
            return List.of();
        }
        List<Version> status = new ArrayList<>();
        List<Version> attributes = new ArrayList<>();
        List<Version> progress = new ArrayList<>();
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
            if (version.progress()) {
                progress.add(version);
            }
            previous = version;
        }
        LocalDate[] statusFrom = effectiveFrom(status);
        LocalDate[] attributesFrom = effectiveFrom(attributes);
        LocalDate exists = min(statusFrom[0], attributesFrom[0]);
        statusFrom[0] = exists;
        attributesFrom[0] = exists;

        TreeSet<LocalDate> boundaries = new TreeSet<>();
        boundaries.add(exists);
        boundaries.addAll(List.of(statusFrom));
        boundaries.addAll(List.of(attributesFrom));
        progress.stream().map(Version::effective).filter(d -> d.isAfter(exists)).forEach(boundaries::add);

        LocalDate createdOn = versions.get(0).createdOn();
        List<Segment> segments = new ArrayList<>();
        for (LocalDate day : boundaries) {
            Version s = inEffect(status, statusFrom, day);
            Version a = inEffect(attributes, attributesFrom, day);
            Version p = null;
            for (Version report : progress) {
                if (!report.effective().isAfter(day) && (p == null || !report.effective().isBefore(p.effective()))) {
                    p = report; // later date wins; on the same date, the later sequence
                }
            }
            long sequence = Math.max(s.sequence(), Math.max(a.sequence(), p == null ? 0 : p.sequence()));
            Segment segment = new Segment(day, null, s.status(), a.attributes(), s.completedOn(),
                    p == null ? null : p.effective(), s.reopened(), createdOn, sequence);
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

    /** Each entry's effective-from: min(its effective date, the next entry's effective-from), from the last back. */
    private static LocalDate[] effectiveFrom(List<Version> chain) {
        LocalDate[] from = new LocalDate[chain.size()];
        for (int k = chain.size() - 1; k >= 0; k--) {
            LocalDate own = chain.get(k).effective();
            from[k] = k == chain.size() - 1 ? own : min(own, from[k + 1]);
        }
        return from;
    }

    /** The chain's latest entry in effect on {@code day}; the effective-froms never decrease along the chain. */
    private static Version inEffect(List<Version> chain, LocalDate[] from, LocalDate day) {
        Version found = chain.get(0);
        for (int k = 0; k < chain.size() && !from[k].isAfter(day); k++) {
            found = chain.get(k);
        }
        return found;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
