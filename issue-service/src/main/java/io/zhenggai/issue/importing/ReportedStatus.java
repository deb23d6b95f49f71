package io.zhenggai.issue.importing;

/**
 * The status of an issue as a bulletin reports it (整改状态). The ledger's state machine decides what may follow; the
 * importer only reads what was published: 已完成 is COMPLETED, not CLOSED, because 销号 needs a verification that a
 * bulletin of the reporting unit cannot give.
 */
public enum ReportedStatus {
    /** 未启动: nothing reported. */
    NOT_STARTED,
    /** 整改中: 基本完成, 正在整改, or measures reported without a status label. */
    IN_PROGRESS,
    /** 已完成 (待核验). */
    COMPLETED,
    /** 长期坚持. */
    LONG_TERM
}
