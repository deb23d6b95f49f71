package io.zhenggai.issue.importing;

import io.zhenggai.issue.figures.Kind;

import java.util.List;

/**
 * One entry of the metric catalogue (指标目录): a metric code, the counting phrases that name it, and for a rate the
 * metrics of its parts. See {@code importing/metric-catalogue.yaml}.
 *
 * @param code        e.g. {@code investment.completed}
 * @param kind        the figures kind a reading of this metric has (MONEY for 已完成投资)
 * @param phrases     the counting phrases, as printed
 * @param context     words of which one must be in the same sentence segment, or empty
 * @param numerator   for a rate, the metric of its numerator, or {@code null}
 * @param denominator for a rate, the metric of its denominator, or {@code null}
 * @param complement  for a rate, the metric of the part that is not done (未完成), or {@code null}
 * @param share       whether the rate is a share of its denominator by a dimension (制造业外资占比)
 * @param conflicts   whether two values at one date contradict each other (false for per-activity counts)
 */
public record MetricDefinition(
        String code,
        Kind kind,
        List<String> phrases,
        List<String> context,
        String numerator,
        String denominator,
        String complement,
        boolean share,
        boolean conflicts) {

    /** The metric of a reading whose phrase the catalogue does not know. */
    public static final String UNCLASSIFIED = "unclassified";

    public MetricDefinition {
        phrases = phrases == null ? List.of() : List.copyOf(phrases);
        context = context == null ? List.of() : List.copyOf(context);
    }

    public boolean isRate() {
        return numerator != null && denominator != null;
    }
}
