package io.zhenggai.issue.ledger;

/** Where an assignment (交办) stands: given to the lead unit, or signed for by it (签收). */
public enum AssignmentState {
    /** 已交办, 待签收 */
    ASSIGNED,
    /** 已签收 */
    SIGNED
}
