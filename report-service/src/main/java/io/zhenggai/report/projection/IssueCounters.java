package io.zhenggai.report.projection;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

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
        StringBuilder sql = new StringBuilder("SELECT c.status, ").append(sum("c.kind = 10")).append(" AS total, ")
                .append(sum(LIT + " AND " + before(0, "redEnd"))).append(" AS red, ")
                .append(sum(LIT + " AND " + before(0, "yellowEnd"))).append(" AS red_or_yellow, ")
                .append(sum(LIT + " AND c.kind = 10 AND c.day = 'infinity'")).append(" AS lit_without_deadline, ")
                .append(sum(OPEN + " AND " + before(0, "today"))).append(" AS overdue, ")
                .append(sum(before(1, "today"))).append(" AS open_past_original, ")
                .append(sum(before(2, "staleBefore"))).append(" AS stale");
        for (String flag : FLAGS) {
            sql.append(", coalesce(sum(c.").append(flag).append(") FILTER (WHERE c.kind = 10), 0) AS ").append(flag);
        }
        // each branch an index range of (kind, day): the months, and the days of the months a boundary falls in
        sql.append(" FROM (SELECT * FROM issue_count WHERE kind >= 10").append(of)
                .append(" UNION ALL SELECT * FROM issue_count WHERE kind = 0 AND day >= :firstMonth AND day < :lastEnd")
                .append(of)
                .append(" UNION ALL SELECT * FROM issue_count WHERE kind = 1 AND day >= :todayMonth AND day < :today")
                .append(of)
                .append(" UNION ALL SELECT * FROM issue_count WHERE kind = 2 AND day >= :staleBeforeMonth")
                .append(" AND day < :staleBefore").append(of).append(") c GROUP BY c.status");
        Query query = em.createNativeQuery(sql.toString(), Tuple.class)
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
            Tuple sums = (Tuple) row;
            IssueStatus status = IssueStatus.valueOf((String) sums.get("status"));
            if (Rows.count(sums.get("total")) != 0) {
                byStatus.put(status, measures(status, sums));
            }
        }
        return byStatus;
    }

    /** Per-issue flags of {@code issue_count} summed as they are (each selected under its own name). */
    private static final String[] FLAGS = {"on_time", "late_done", "on_time_original", "late_done_original",
            "unsigned", "returned", "extended", "awaiting_completion", "awaiting_extension"};

    /** The measures of the issues in one status, from that status's sums as {@link #byStatus} names them. */
    private static Map<Measure, Long> measures(IssueStatus status, Tuple sums) {
        long total = Rows.count(sums.get("total"));
        long red = Rows.count(sums.get("red"));
        long redOrYellow = Rows.count(sums.get("red_or_yellow"));
        long litWithoutDeadline = Rows.count(sums.get("lit_without_deadline"));
        long overdue = Rows.count(sums.get("overdue"));
        long openPastOriginal = Rows.count(sums.get("open_past_original"));
        long stale = Rows.count(sums.get("stale"));
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
        counts.put(Measure.ON_TIME, Rows.count(sums.get("on_time")));
        counts.put(Measure.LATE, Rows.count(sums.get("late_done")) + overdue);
        counts.put(Measure.ON_TIME_AGAINST_ORIGINAL, Rows.count(sums.get("on_time_original")));
        counts.put(Measure.LATE_AGAINST_ORIGINAL, Rows.count(sums.get("late_done_original")) + openPastOriginal);
        counts.put(Measure.UNSIGNED, Rows.count(sums.get("unsigned")));
        counts.put(Measure.RETURNED, Rows.count(sums.get("returned")));
        counts.put(Measure.EXTENDED, Rows.count(sums.get("extended")));
        counts.put(Measure.AWAITING_COMPLETION_DECISION, Rows.count(sums.get("awaiting_completion")));
        counts.put(Measure.AWAITING_EXTENSION_DECISION, Rows.count(sums.get("awaiting_extension")));
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
