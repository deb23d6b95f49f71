package io.zhenggai.report.indicator;

import java.util.Objects;

/**
 * How the readings of one metric combine (the DHIS2 aggregation type): first over time within each combination of
 * dimensions, then across the combinations a term selects.
 */
public record MetricAggregation(OverTime overTime, OverDimensions overDimensions) {

    /** Cumulative-to-date figures (已完成投资, 已开工, 贷款余额), summed over industries and the like. */
    public static final MetricAggregation DEFAULT = new MetricAggregation(OverTime.LAST, OverDimensions.SUM);
    /** A flow reported per period: summed over the periods in the window. */
    public static final MetricAggregation FLOW = new MetricAggregation(OverTime.SUM, OverDimensions.SUM);
    /** A rate or other non-additive figure: its latest value, and only ever one combination at a time. */
    public static final MetricAggregation RATE = new MetricAggregation(OverTime.LAST, OverDimensions.SINGLE);

    public enum OverTime {
        /** The value at the latest as-of date not after the window's end. */
        LAST,
        /** The sum of the values at every as-of date inside the window. */
        SUM
    }

    public enum OverDimensions {
        /** Add the combinations. */
        SUM,
        /**
         * Exactly one combination must be selected; several give no value. Adding rates (67% + 53%) is meaningless,
         * and failing says so instead of printing 120%.
         */
        SINGLE
    }

    public MetricAggregation {
        Objects.requireNonNull(overTime, "overTime");
        Objects.requireNonNull(overDimensions, "overDimensions");
    }
}
