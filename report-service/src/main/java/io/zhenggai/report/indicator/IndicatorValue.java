package io.zhenggai.report.indicator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * One figure of an indicator, with everything needed to explain it.
 *
 * @param value       ratio × factor rounded to {@link IndicatorEvaluator#VALUE_SCALE} places HALF_UP; for a plain total,
 *                    numerator × factor exactly; null when there is no value
 * @param ratio       numerator ÷ denominator to {@link IndicatorEvaluator#DIVISION} precision (or the stated fraction
 *                    for a STATED value); null for a plain total or no value
 * @param numerator   sum of the numerator terms, when it could be computed
 * @param denominator sum of the denominator terms, when there is one and it could be computed
 * @param factor      the definition's factor
 * @param unit        the definition's display unit
 * @param qualifier   weakest qualifier of what the value was made of (see {@link Qualifier}); null without a value
 * @param basis       COMPUTED from parts, or STATED as the document printed it; null without a value
 * @param noValue     why there is no value; null when there is one
 * @param readings    the facts the value was made of, each once, with the readings (issues, events) that reported it
 * @param issueIds    the issues counted by {@code issues(...)} terms, when they were loaded one by one (not as tallies)
 * @param issueCount  how many issues the {@code issues(...)} terms counted, each once however many terms counted it
 */
public record IndicatorValue(
        BigDecimal value,
        BigDecimal ratio,
        BigDecimal numerator,
        BigDecimal denominator,
        BigDecimal factor,
        String unit,
        Qualifier qualifier,
        Basis basis,
        NoValue noValue,
        List<ObservedFact> readings,
        List<String> issueIds,
        long issueCount) {

    /** A value whose counted issues are all in {@code issueIds}. */
    public IndicatorValue(BigDecimal value, BigDecimal ratio, BigDecimal numerator, BigDecimal denominator,
                          BigDecimal factor, String unit, Qualifier qualifier, Basis basis, NoValue noValue,
                          List<ObservedFact> readings, List<String> issueIds) {
        this(value, ratio, numerator, denominator, factor, unit, qualifier, basis, noValue, readings, issueIds,
                issueIds.stream().distinct().count());
    }

    public enum Basis {
        /** Computed from readings and issue counts. */
        COMPUTED,
        /** A figure the document stated, shown because its parts are not all reported (开工率67% without 计划数). */
        STATED
    }

    public IndicatorValue {
        if ((value == null) == (noValue == null)) {
            throw new IllegalArgumentException("exactly one of value and noValue");
        }
        readings = List.copyOf(readings);
        issueIds = List.copyOf(issueIds);
    }

    public boolean hasValue() {
        return value != null;
    }

    /** The same value with {@code count} counted issues. */
    public IndicatorValue withIssueCount(long count) {
        return new IndicatorValue(value, ratio, numerator, denominator, factor, unit, qualifier, basis, noValue,
                readings, issueIds, count);
    }

    /**
     * The value rounded HALF_UP to {@code scale} places, rounded once from the full-precision ratio rather than from
     * {@link #value()}, so that display rounding never rounds twice (x.xx4999996 must not become x.xx5 and then x.xy).
     */
    public Optional<BigDecimal> rounded(int scale) {
        if (value == null) {
            return Optional.empty();
        }
        BigDecimal exact = ratio == null ? value : ratio.multiply(factor);
        return Optional.of(exact.setScale(scale, RoundingMode.HALF_UP));
    }
}
