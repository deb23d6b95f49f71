package io.zhenggai.report.indicator;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An indicator evaluated per value of one dimension or issue field, plus overall. The overall value is computed from
 * all facts, not from the groups: a ratio of sums, and an issue with two responsible units counts once overall though
 * it appears under both units.
 */
public record IndicatorBreakdown(String by, IndicatorValue overall, List<Group> groups) {

    /** One group; {@code key} is null for the facts that have no value for {@code by}. */
    public record Group(String key, IndicatorValue value) {
        public Group {
            Objects.requireNonNull(value, "value");
        }
    }

    public IndicatorBreakdown {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(overall, "overall");
        groups = List.copyOf(groups);
    }

    /** The group with this key, if any facts fall in it. */
    public Optional<IndicatorValue> group(String key) {
        return groups.stream().filter(g -> Objects.equals(g.key(), key)).map(Group::value).findFirst();
    }
}
