package io.zhenggai.report.indicator;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Aggregation types per metric code. A metric not listed is cumulative to date ({@link MetricAggregation#DEFAULT}),
 * which is what most bulletin figures are. Immutable: {@link #with} returns a new catalogue.
 */
public final class MetricCatalogue {

    private final Map<String, MetricAggregation> aggregations;

    private MetricCatalogue(Map<String, MetricAggregation> aggregations) {
        this.aggregations = Map.copyOf(aggregations);
    }

    /** Nothing listed: every metric is LAST over time, SUM over dimensions. */
    public static MetricCatalogue empty() {
        return new MetricCatalogue(Map.of());
    }

    /** The metrics the seed bulletin reports that are not cumulative stocks: its stated rates. */
    public static MetricCatalogue defaults() {
        return empty()
                .with("project.start_rate", MetricAggregation.RATE)
                .with("loan.npl_ratio", MetricAggregation.RATE)
                .with("land.patch.rectification_rate", MetricAggregation.RATE)
                .with("foreign_capital.manufacturing_share", MetricAggregation.RATE);
    }

    public MetricCatalogue with(String metric, MetricAggregation aggregation) {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(aggregation, "aggregation");
        Map<String, MetricAggregation> copy = new HashMap<>(aggregations);
        copy.put(metric, aggregation);
        return new MetricCatalogue(copy);
    }

    public MetricAggregation aggregationOf(String metric) {
        return aggregations.getOrDefault(metric, MetricAggregation.DEFAULT);
    }
}
