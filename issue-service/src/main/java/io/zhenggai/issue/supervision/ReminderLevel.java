package io.zhenggai.issue.supervision;

/**
 * Why an issue is reminded: its assignment is unsigned for too long (签收提醒), its deadline is near (临期提醒, the
 * ledger's YELLOW) or past (逾期催办, RED), or it has had no news for too long (无进展提醒).
 */
public enum ReminderLevel {
    UNSIGNED, YELLOW, RED, STALE
}
