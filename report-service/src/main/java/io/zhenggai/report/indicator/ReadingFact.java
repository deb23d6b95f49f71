package io.zhenggai.report.indicator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * One figure as reported in one progress report (数据): already in base units (3.1亿元 is 310000000 CNY, 2.41% is
 * 0.0241). The same fact reported under two issues arrives as two readings; {@link IndicatorEvaluator} counts it once.
 *
 * @param metric     what is measured, e.g. {@code investment.completed}
 * @param dimensions e.g. {@code industry=新材料}; empty for a total
 * @param value      exact value in {@code unit}
 * @param unit       base unit or count classifier (CNY, USD, 个, ...)
 * @param qualifier  how far the figure can be taken at face value
 * @param asOf       the date the figure is true at
 * @param issueId    the issue the report was filed under
 * @param eventId    the event that carried it
 */
public record ReadingFact(
        String metric,
        Map<String, String> dimensions,
        BigDecimal value,
        String unit,
        Qualifier qualifier,
        LocalDate asOf,
        String issueId,
        String eventId) {

    public ReadingFact {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(asOf, "asOf");
        dimensions = dimensions == null ? Map.of() : Map.copyOf(dimensions);
        unit = unit == null ? "" : unit;
        qualifier = qualifier == null ? Qualifier.EXACT : qualifier;
    }
}
