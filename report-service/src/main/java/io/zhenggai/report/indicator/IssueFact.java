package io.zhenggai.report.indicator;

import java.util.Objects;
import java.util.Set;

import io.zhenggai.report.projection.IssueStatus;
import io.zhenggai.report.projection.WarningLevel;

/**
 * The current state of one issue (问题), or of a tally of issues alike in everything the indicators at hand test, as
 * far as indicators need it; the projection supplies it, this package only reads it.
 *
 * @param id          issue id (opaque); null for a tally
 * @param status      lifecycle state
 * @param warning     deadline warning level, {@link WarningLevel#NONE} without a deadline
 * @param inspection  inspection round (巡察) the issue belongs to, or null
 * @param list        feedback list (e.g. the attachment 附件), or null
 * @param aspect      方面, or null
 * @param category    类, or null
 * @param units       responsible units (责任单位); empty when not set
 * @param leaders     lead leaders (牵头领导); empty when not set
 * @param tags        free tags
 * @param onTime      TRUE when completed by its deadline, FALSE when completed late or still open past it, null while
 *                    that cannot be decided yet (no deadline, or open and not yet due)
 * @param overdue     open and past its deadline
 * @param count       how many issues this fact stands for: 1 for one issue (with its id); more for a tally of issues
 *                    that agree on every field the indicators at hand test (id null: a tally names no issue, and the
 *                    fields no term or grouping tests are left empty)
 */
public record IssueFact(
        String id,
        IssueStatus status,
        WarningLevel warning,
        String inspection,
        String list,
        String aspect,
        String category,
        Set<String> units,
        Set<String> leaders,
        Set<String> tags,
        Boolean onTime,
        boolean overdue,
        long count) {

    /** One issue. */
    public IssueFact(String id, IssueStatus status, WarningLevel warning, String inspection, String list, String aspect,
                     String category, Set<String> units, Set<String> leaders, Set<String> tags, Boolean onTime,
                     boolean overdue) {
        this(Objects.requireNonNull(id, "id"), status, warning, inspection, list, aspect, category, units, leaders,
                tags, onTime, overdue, 1);
    }

    public IssueFact {
        if (count < 1) {
            throw new IllegalArgumentException("a fact stands for at least one issue");
        }
        Objects.requireNonNull(status, "status");
        warning = warning == null ? WarningLevel.NONE : warning;
        units = units == null ? Set.of() : Set.copyOf(units);
        leaders = leaders == null ? Set.of() : Set.copyOf(leaders);
        tags = tags == null ? Set.of() : Set.copyOf(tags);
    }
}
