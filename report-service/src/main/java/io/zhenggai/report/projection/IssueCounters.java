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

    @Inject
    EntityManager em;

    /** The counts of {@link Measure} for the issues of {@code inspection} (null: all), judged at {@code today}. */
    public Map<Measure, Long> counts(UUID inspection, LocalDate today, LocalDate staleBefore) {
        Map<Measure, Long> counts = new EnumMap<>(Measure.class);
        for (Measure measure : Measure.values()) {
            counts.put(measure, 0L);
        }
        byStatus(inspection, today, staleBefore).values()
                .forEach(of -> of.forEach((measure, n) -> counts.merge(measure, n, Long::sum)));
        return counts;
    }

    /**
     * The same counts per status: every {@link Measure} of the issues in each status (a status without issues is
     * left out). An indicator's issue tallies by status and by on time, overdue or warning come from these
     * ({@code FactLoader}).
     */
    public Map<IssueStatus, Map<Measure, Long>> byStatus(UUID inspection, LocalDate today, LocalDate staleBefore) {
        LocalDate redEnd = WarningRule.redBefore(today);
        LocalDate yellowEnd = WarningRule.yellowBefore(today);
        String of = inspection == null ? "" : " AND inspection_id = :inspection";
        StringBuilder sql = new StringBuilder("SELECT c.status, ").append(sum("c.kind = 10")).append(", ")
                .append(sum(LIT + " AND " + before(0, "redEnd"))).append(", ")
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
                .append(" AND day < :staleBefore").append(of).append(") c GROUP BY c.status");
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
        Map<IssueStatus, Map<Measure, Long>> byStatus = new EnumMap<>(IssueStatus.class);
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            long[] v = new long[columns.length - 1];
            for (int i = 0; i < v.length; i++) {
                v[i] = Rows.count(columns[i + 1]);
            }
            IssueStatus status = IssueStatus.valueOf((String) columns[0]);
            if (v[0] != 0) {
                byStatus.put(status, measures(status, v));
            }
        }
        return byStatus;
    }

    /** The measures of the issues in one status, from that status's sums (in the order {@link #byStatus} selects). */
    private static Map<Measure, Long> measures(IssueStatus status, long[] v) {
        long total = v[0], red = v[1], redOrYellow = v[2], litWithoutDeadline = v[3], overdue = v[4];
        long openPastOriginal = v[5], stale = v[6];
        long lit = WarningRule.lights(status) ? total : 0;
        Map<Measure, Long> counts = new EnumMap<>(Measure.class);
        counts.put(Measure.TOTAL, total);
        counts.put(Measure.NOT_STARTED, status == IssueStatus.NOT_STARTED ? total : 0);
        counts.put(Measure.IN_PROGRESS, status == IssueStatus.IN_PROGRESS ? total : 0);
        counts.put(Measure.COMPLETED, status == IssueStatus.COMPLETED ? total : 0);
        counts.put(Measure.CLOSED, status == IssueStatus.CLOSED ? total : 0);
        counts.put(Measure.LONG_TERM, status == IssueStatus.LONG_TERM ? total : 0);
        counts.put(Measure.COMPLETED_OR_CLOSED,
                status == IssueStatus.COMPLETED || status == IssueStatus.CLOSED ? total : 0);
        counts.put(Measure.OVERDUE, overdue);
        counts.put(Measure.RED, red);
        counts.put(Measure.YELLOW, redOrYellow - red);
        counts.put(Measure.GREEN, lit - redOrYellow - litWithoutDeadline);
        counts.put(Measure.NO_WARNING, total - lit + litWithoutDeadline);
        counts.put(Measure.STALE, stale);
        counts.put(Measure.ON_TIME, v[7]);
        counts.put(Measure.LATE, v[8] + overdue);
        counts.put(Measure.ON_TIME_AGAINST_ORIGINAL, v[9]);
        counts.put(Measure.LATE_AGAINST_ORIGINAL, v[10] + openPastOriginal);
        counts.put(Measure.UNSIGNED, v[11]);
        counts.put(Measure.RETURNED, v[12]);
        counts.put(Measure.EXTENDED, v[13]);
        counts.put(Measure.AWAITING_COMPLETION_DECISION, v[14]);
        counts.put(Measure.AWAITING_EXTENSION_DECISION, v[15]);
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
