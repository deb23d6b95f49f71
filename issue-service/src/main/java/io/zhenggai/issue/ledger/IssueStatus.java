package io.zhenggai.issue.ledger;

/** The states of an issue: 未启动 → 整改中 → 已完成(待核验) → 已销号, and 长期坚持. */
public enum IssueStatus {
    /** 未启动 */
    NOT_STARTED("未启动"),
    /** 整改中 */
    IN_PROGRESS("整改中"),
    /** 已完成, awaiting verification (待核验) */
    COMPLETED("已完成"),
    /** 已销号: verified and closed */
    CLOSED("已销号"),
    /** 长期坚持: open by design, tracked by milestones */
    LONG_TERM("长期坚持");

    private final String chinese;

    IssueStatus(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }
}
