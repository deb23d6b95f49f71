package io.zhenggai.report.projection;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The deadline warning (预警) rule, written once: RED past the deadline, YELLOW with at most {@value #YELLOW_DAYS} days
 * left, GREEN later, NONE without a deadline or once CLOSED or LONG_TERM (the ledger's rule, as in issue-service).
 * <p>
 * Why a Java class that renders SQL rather than one SQL function: the rule is needed in three shapes, a value in
 * Java (an issue's light as an event changes it), a CASE over rows in SQL (the midnight recompute, answers as of a
 * date), and two day boundaries the counters sum ranges below ({@link IssueCounters}: a counter row is a deadline
 * day, never one issue). A SQL function could give the first two but not the third, and would live in each
 * generation's schema; here every shape is derived from {@link #redBefore} and {@link #yellowBefore}, and
 * {@code WarningRuleTest} runs the rendered SQL in PostgreSQL against {@link #level} on generated days.
 */
public final class WarningRule {

    public static final int YELLOW_DAYS = 10;

    /** The boundaries as days after today: RED before the first, YELLOW before the second. */
    private static final int RED_BEFORE = 0;
    private static final int YELLOW_BEFORE = YELLOW_DAYS + 1;

    /** Statuses that show no light whatever the deadline. */
    private static final Set<IssueStatus> UNLIT = EnumSet.of(IssueStatus.CLOSED, IssueStatus.LONG_TERM);

    private WarningRule() {
    }

    /** A lit issue whose deadline is before this day is RED. */
    public static LocalDate redBefore(LocalDate today) {
        return today.plusDays(RED_BEFORE);
    }

    /** A lit issue whose deadline is before this day (and not RED) is YELLOW; on or after it GREEN. */
    public static LocalDate yellowBefore(LocalDate today) {
        return today.plusDays(YELLOW_BEFORE);
    }

    /** Whether an issue in this status can show a light at all (CLOSED and LONG_TERM never do). */
    public static boolean lights(IssueStatus status) {
        return !UNLIT.contains(status);
    }

    public static WarningLevel level(IssueStatus status, LocalDate deadline, LocalDate today) {
        return level(lights(status), IssueState.day(deadline), IssueState.day(today));
    }

    /** The same in epoch days ({@link IssueState#NO_DAY} for no deadline), for counting in memory. */
    public static WarningLevel level(boolean lit, int deadline, int today) {
        if (deadline == IssueState.NO_DAY || !lit) {
            return WarningLevel.NONE;
        }
        if (deadline < today + RED_BEFORE) {
            return WarningLevel.RED;
        }
        return deadline < today + YELLOW_BEFORE ? WarningLevel.YELLOW : WarningLevel.GREEN;
    }

    /** SQL: whether the status can show a light (the condition on a status column, e.g. {@code c.status}). */
    public static String lit(String status) {
        return status + " NOT IN (" + UNLIT.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "))
                + ")";
    }

    /**
     * SQL: the level as text, of the columns {@code status} and {@code deadline}, judged at the SQL date expression
     * {@code today} (e.g. {@code CAST(:today AS date)}).
     */
    public static String sql(String status, String deadline, String today) {
        return "CASE WHEN " + deadline + " IS NULL OR NOT (" + lit(status) + ") THEN '" + WarningLevel.NONE + "'"
                + " WHEN " + deadline + " < " + plus(today, RED_BEFORE) + " THEN '" + WarningLevel.RED + "'"
                + " WHEN " + deadline + " < " + plus(today, YELLOW_BEFORE) + " THEN '" + WarningLevel.YELLOW
                + "' ELSE '" + WarningLevel.GREEN + "' END";
    }

    private static String plus(String day, int days) {
        return days == 0 ? day : "(" + day + " + " + days + ")";
    }
}
