package io.zhenggai.issue.ledger;

/** A request of the lead unit that waits for the office's decision; at most one at a time per issue. */
public enum AwaitingDecision {
    /** 申请销号: reported COMPLETE, to be closed (销号) or returned (退回). */
    COMPLETION,
    /** 延期申请: a later deadline asked for, to be approved or rejected. */
    EXTENSION
}
