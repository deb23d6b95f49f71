package io.zhenggai.issue.supervision;

/** What an inbox item is about. The first three are tasks (待办): the event that does them closes them. */
public enum InboxKind {
    /** 待签收: the lead unit signs for an assignment. */
    SIGN(true),
    /** 待核验: the office verifies a completion request (申请销号). */
    VERIFY_COMPLETION(true),
    /** 待审批: the office decides an extension request (延期申请). */
    DECIDE_EXTENSION(true),
    /** 退回: a completion request returned to the lead unit. */
    RETURNED(false),
    /** 领导批示, to the issue's units. */
    INSTRUCTION(false),
    /** The office's decision on the lead unit's extension request. */
    EXTENSION_DECIDED(false),
    /** An automatic reminder (督办). */
    REMINDER(false),
    /** 催办 by the office. */
    URGE(false);

    private final boolean task;

    InboxKind(boolean task) {
        this.task = task;
    }

    public boolean task() {
        return task;
    }
}
