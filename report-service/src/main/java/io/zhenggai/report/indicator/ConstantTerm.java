package io.zhenggai.report.indicator;

import java.math.BigDecimal;
import java.util.Objects;

/** A non-negative number written in an expression; its sign belongs to the {@link Expression.Part}. */
public record ConstantTerm(BigDecimal value) implements Term {

    public ConstantTerm {
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("a constant is written without a sign: " + value);
        }
        // 100 and 100.0 are the same constant; without this the two records would not be equal.
        value = value.stripTrailingZeros();
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }
}
