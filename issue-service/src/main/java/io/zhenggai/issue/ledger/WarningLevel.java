package io.zhenggai.issue.ledger;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The warning light of an issue, derived and never stored: RED overdue, YELLOW deadline within 10 days (inclusive),
 * GREEN otherwise; NONE without a deadline or when CLOSED or LONG_TERM. "Today" is a date in Asia/Shanghai.
 */
public enum WarningLevel {
    RED, YELLOW, GREEN, NONE;

    public static final int YELLOW_DAYS = 10;

    public static WarningLevel of(IssueStatus status, LocalDate deadline, LocalDate today) {
        if (deadline == null || status == IssueStatus.CLOSED || status == IssueStatus.LONG_TERM) {
            return NONE;
        }
        long daysLeft = ChronoUnit.DAYS.between(today, deadline);
        if (daysLeft < 0) {
            return RED;
        }
        return daysLeft <= YELLOW_DAYS ? YELLOW : GREEN;
    }
}
