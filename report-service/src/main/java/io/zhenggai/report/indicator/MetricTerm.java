package io.zhenggai.report.indicator;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code metric(code, dim = value, ...)}: the readings of one metric whose dimensions satisfy every condition.
 * Conditions are held sorted by dimension name, so that two spellings of the same selection are equal.
 */
public record MetricTerm(String code, List<DimensionCondition> conditions) implements Term {

    public MetricTerm {
        Objects.requireNonNull(code, "code");
        if (!Syntax.METRIC_CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("not a metric code: " + code);
        }
        conditions = conditions.stream().sorted(Comparator.comparing(DimensionCondition::dimension)).toList();
        if (conditions.stream().map(DimensionCondition::dimension).distinct().count() != conditions.size()) {
            throw new IllegalArgumentException("a dimension is constrained twice in " + code);
        }
    }

    /** Whether a reading's dimensions satisfy every condition; a dimension the reading lacks has no value. */
    public boolean matches(Map<String, String> dimensions) {
        return conditions.stream().allMatch(c -> {
            String value = dimensions.get(c.dimension());
            return c.match().test(value == null ? Set.of() : Set.of(value));
        });
    }

    @Override
    public String toString() {
        return conditions.stream()
                .map(DimensionCondition::toString)
                .map(c -> ", " + c)
                .collect(Collectors.joining("", "metric(" + code, ")"));
    }
}
