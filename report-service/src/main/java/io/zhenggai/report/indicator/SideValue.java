package io.zhenggai.report.indicator;

import java.math.BigDecimal;
import java.util.List;

/**
 * The value of one expression (a numerator, a denominator, or any expression evaluated alone), with what it is made
 * of. Exactly one of {@code value} and {@code noValue} is set. The unit is the common unit of its metric terms, empty
 * when it has none (issue counts, constants).
 */
public record SideValue(
        BigDecimal value,
        String unit,
        Qualifier qualifier,
        NoValue noValue,
        List<ObservedFact> readings,
        List<String> issueIds) {

    public SideValue {
        if ((value == null) == (noValue == null)) {
            throw new IllegalArgumentException("exactly one of value and noValue");
        }
        readings = List.copyOf(readings);
        issueIds = List.copyOf(issueIds);
    }

    public boolean hasValue() {
        return value != null;
    }
}
