package io.zhenggai.report.indicator;

import java.util.Objects;

/** A condition on one dimension of a reading, e.g. {@code industry = 新材料} or {@code enterprise = none}. */
public record DimensionCondition(String dimension, ValueMatch match) {

    public DimensionCondition {
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(match, "match");
        if (!Syntax.NAME.matcher(dimension).matches()) {
            throw new IllegalArgumentException("not a dimension name: " + dimension);
        }
    }

    @Override
    public String toString() {
        return dimension + " " + match;
    }
}
