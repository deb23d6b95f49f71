package io.zhenggai.report.projection;

/**
 * Issue state as carried by the ledger's events: 未启动 → 整改中 → 已完成(待核验) → 已销号, and 长期坚持.
 * Declared here because indicator filters validate against it; the order is the ledger's lifecycle order and is the
 * order used when a filter is printed in canonical form.
 */
public enum IssueStatus {
    NOT_STARTED,
    IN_PROGRESS,
    COMPLETED,
    CLOSED,
    LONG_TERM
}
