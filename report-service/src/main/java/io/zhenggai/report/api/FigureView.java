package io.zhenggai.report.api;

import java.math.BigDecimal;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.zhenggai.report.indicator.DisplayForm;
import io.zhenggai.report.indicator.IndicatorValue;
import io.zhenggai.report.indicator.NoValue;
import io.zhenggai.report.indicator.Qualifier;

/**
 * One figure: the exact decimal, its unit, how far it can be taken at face value, and its Chinese display form; for a
 * ratio also its numerator and denominator (a ratio of sums, never an average of ratios). Without a value,
 * {@code noValue} says why.
 */
@Schema(name = "Figure", description = "A figure with its exact value, unit, qualifier and Chinese display form")
public record FigureView(
        @Schema(description = "ratio × factor to 6 places, or a total exactly; null without a value",
                example = "2.406272") BigDecimal value,
        @Schema(description = "as a bulletin prints it, rounded once from the exact ratio", example = "2.41%")
        String display,
        @Schema(example = "%") String unit,
        @Schema(description = "the weakest qualifier of what the figure is made of", example = "FORECAST")
        Qualifier qualifier,
        @Schema(description = "COMPUTED from parts, or STATED as the document printed it", example = "COMPUTED")
        IndicatorValue.Basis basis,
        @Schema(example = "2127000000") BigDecimal numerator,
        @Schema(example = "88394000000") BigDecimal denominator,
        @Schema(description = "numerator ÷ denominator to 34 significant digits",
                example = "0.02406272145167093920401837228771184") BigDecimal ratio,
        @Schema(example = "100") BigDecimal factor,
        NoValueView noValue,
        @Schema(description = "distinct facts (each counted once however often reported)", example = "2")
        int facts,
        @Schema(description = "issues counted or reporting the facts", example = "1") int issues) {

    /** Why a figure has no value. */
    @Schema(name = "NoValue")
    public record NoValueView(@Schema(example = "MISSING_READINGS") NoValue.Reason reason,
                              @Schema(example = "numerator: no readings of metric(loan.npl, entity = none)")
                              String message) {
    }

    public static FigureView of(IndicatorValue value, int decimals) {
        String display = DisplayForm.of(value, decimals);
        // the issues counted (tallied, or each by id), and those reporting the facts that are not among them
        Set<String> counted = Set.copyOf(value.issueIds());
        long issues = value.issueCount() + value.readings().stream().flatMap(f -> f.issueIds().stream())
                .filter(id -> !counted.contains(id)).distinct().count();
        return new FigureView(value.value(), display, value.unit(), value.qualifier(), value.basis(),
                value.numerator(), value.denominator(), value.ratio(), value.factor(),
                value.noValue() == null ? null : new NoValueView(value.noValue().reason(), value.noValue().message()),
                value.readings().size(), (int) issues);
    }
}
