package io.zhenggai.report.projection;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * A live summary's counts from the counters ({@code issue_count}, kept by triggers on {@code issue_view}; see
 * db/generation/projection.sql) instead of a scan of every issue. What depends on today (the warning colours, overdue,
 * late, stale) is summed from the deadline and activity days on either side of today: whole months before the month
 * a boundary falls in, and that month's days before it. The warning colours are {@link WarningRule}'s, by its two day
 * boundaries ({@link WarningRule#redBefore}, {@link WarningRule#yellowBefore}) and the statuses it lights; each
 * {@link Measure}'s condition has its counterpart below, and the oracle property test compares every count with the
 * scan's.
 */
@ApplicationScoped
public class IssueCounters {

    private static final String OPEN = "c.status IN ('NOT_STARTED', 'IN_PROGRESS')";
    private static final String LIT = WarningRule.lit("c.status");
    private static final String[] STATUSES = {"NOT_STARTED", "IN_PROGRESS", "COMPLETED", "CLOSED", "LONG_TERM"};

    @Inject
    EntityManager em;

    /** The counts of {@link Measure} for the issues of {@code inspection} (null: all), judged at {@code today}. */
    public Map<Measure, Long> counts(UUID inspection, LocalDate today, LocalDate staleBefore) {
        LocalDate redEnd = WarningRule.redBefore(today);
        LocalDate yellowEnd = WarningRule.yellowBefore(today);
        String of = inspection == null ? "" : " AND inspection_id = :inspection";
        StringBuilder sql = new StringBuilder("SELECT ");
        for (String status : STATUSES) {
            sql.append(sum("c.kind = 10 AND c.status = '" + status + "'")).append(", ");
        }
        sql.append(sum(LIT + " AND " + before(0, "redEnd"))).append(", ")
                .append(sum(LIT + " AND " + before(0, "yellowEnd"))).append(", ")
                .append(sum(LIT + " AND c.kind = 10 AND c.day = 'infinity'")).append(", ")
                .append(sum(OPEN + " AND " + before(0, "today"))).append(", ")
                .append(sum(before(1, "today"))).append(", ")
                .append(sum(before(2, "staleBefore")));
        for (String flag : new String[] {"on_time", "late_done", "on_time_original", "late_done_original", "unsigned",
                "returned", "extended", "awaiting_completion", "awaiting_extension"}) {
            sql.append(", coalesce(sum(c.").append(flag).append(") FILTER (WHERE c.kind = 10), 0)");
        }
        // each branch an index range of (kind, day): the months, and the days of the months a boundary falls in
        sql.append(" FROM (SELECT * FROM issue_count WHERE kind >= 10").append(of)
                .append(" UNION ALL SELECT * FROM issue_count WHERE kind = 0 AND day >= :firstMonth AND day < :lastEnd")
                .append(of)
                .append(" UNION ALL SELECT * FROM issue_count WHERE kind = 1 AND day >= :todayMonth AND day < :today")
                .append(of)
                .append(" UNION ALL SELECT * FROM issue_count WHERE kind = 2 AND day >= :staleBeforeMonth")
                .append(" AND day < :staleBefore").append(of).append(") c");
        Query query = em.createNativeQuery(sql.toString())
                .setParameter("today", today).setParameter("todayMonth", today.withDayOfMonth(1))
                .setParameter("redEnd", redEnd).setParameter("redEndMonth", redEnd.withDayOfMonth(1))
                .setParameter("yellowEnd", yellowEnd).setParameter("yellowEndMonth", yellowEnd.withDayOfMonth(1))
                // the kind-0 days read: from the earliest boundary's month to the latest boundary
                .setParameter("firstMonth", min(today, redEnd).withDayOfMonth(1))
                .setParameter("lastEnd", max(max(today, redEnd), yellowEnd))
                .setParameter("staleBefore", staleBefore)
                .setParameter("staleBeforeMonth", staleBefore.withDayOfMonth(1));
        if (inspection != null) {
            query.setParameter("inspection", inspection);
        }
        Object[] row = (Object[]) query.getSingleResult();
        long[] v = new long[row.length];
        for (int i = 0; i < row.length; i++) {
            v[i] = Rows.count(row[i]);
        }
        long notStarted = v[0], inProgress = v[1], completed = v[2], closed = v[3], longTerm = v[4];
        long red = v[5], redOrYellow = v[6], litWithoutDeadline = v[7], overdue = v[8], openPastOriginal = v[9];
        long stale = v[10];
        long total = notStarted + inProgress + completed + closed + longTerm;
        long lit = total - closed - longTerm;
        Map<Measure, Long> counts = new EnumMap<>(Measure.class);
        counts.put(Measure.TOTAL, total);
        counts.put(Measure.NOT_STARTED, notStarted);
        counts.put(Measure.IN_PROGRESS, inProgress);
        counts.put(Measure.COMPLETED, completed);
        counts.put(Measure.CLOSED, closed);
        counts.put(Measure.LONG_TERM, longTerm);
        counts.put(Measure.COMPLETED_OR_CLOSED, completed + closed);
        counts.put(Measure.OVERDUE, overdue);
        counts.put(Measure.RED, red);
        counts.put(Measure.YELLOW, redOrYellow - red);
        counts.put(Measure.GREEN, lit - redOrYellow - litWithoutDeadline);
        counts.put(Measure.NO_WARNING, closed + longTerm + litWithoutDeadline);
        counts.put(Measure.STALE, stale);
        counts.put(Measure.ON_TIME, v[11]);
        counts.put(Measure.LATE, v[12] + overdue);
        counts.put(Measure.ON_TIME_AGAINST_ORIGINAL, v[13]);
        counts.put(Measure.LATE_AGAINST_ORIGINAL, v[14] + openPastOriginal);
        counts.put(Measure.UNSIGNED, v[15]);
        counts.put(Measure.RETURNED, v[16]);
        counts.put(Measure.EXTENDED, v[17]);
        counts.put(Measure.AWAITING_COMPLETION_DECISION, v[18]);
        counts.put(Measure.AWAITING_EXTENSION_DECISION, v[19]);
        return counts;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static String sum(String condition) {
        return "coalesce(sum(c.issues) FILTER (WHERE " + condition + "), 0)";
    }

    /** The rows of counter kind {@code kind} whose day is before the parameter {@code :day}. */
    private static String before(int kind, String day) {
        return "((c.kind = " + (kind + 10) + " AND c.day < :" + day + "Month) OR (c.kind = " + kind + " AND c.day >= :"
                + day + "Month AND c.day < :" + day + "))";
    }
}
