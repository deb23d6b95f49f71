package io.zhenggai.report.indicator;

/** One summand of an indicator side: a metric selection, an issue count, or a constant. */
public sealed interface Term permits MetricTerm, IssuesTerm, ConstantTerm {
}
