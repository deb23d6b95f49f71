package io.zhenggai.report.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

import jakarta.persistence.Query;

/**
 * The moment an answer is given for (截至): the ledger as it stood then, on one of two clocks.
 * <ul>
 *   <li><b>effective</b> (the default): by the dates changes took effect. On day D an issue exists once its creation
 *       is effective (the inspection's feedback date), its status, attributes and last progress date are those of
 *       its effective timeline on D ({@link IssueTimeline}), readings count when effective and true (as-of) on or
 *       before D, and warnings, overdue and stale are judged with D as "today". An instant is read as its date in the
 *       business zone.</li>
 *   <li><b>recorded</b>: by what the system had recorded by then: every issue as the projection stood after its last
 *       event recorded at or before T, readings recorded by T, inspections whose created event was recorded by T.
 *       A date means the end of that day in the business zone; an instant is exact. "Today" is T's date.</li>
 * </ul>
 * Without an AsOf (null where one is taken) an answer is live: {@code issue_view} as it stands.
 *
 * @param given          the moment as asked: a date, or an instant
 * @param day            the business date the answer is judged at (warnings, overdue, stale)
 * @param recordedBefore recorded basis: everything recorded strictly before this instant counts
 */
public record AsOf(Basis basis, String given, LocalDate day, Instant recordedBefore) {

    /** The clock an answer as of a moment is read on. */
    public enum Basis {
        EFFECTIVE, RECORDED;

        /** The name used in the API ({@code basis=effective}). */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Basis byCode(String code) {
            return valueOf(code.strip().toUpperCase(Locale.ROOT));
        }
    }

    /** The ledger as of the end of {@code date} (recorded basis) or on {@code date} (effective basis). */
    public static AsOf date(LocalDate date, Basis basis, ZoneId zone) {
        return new AsOf(basis, date.toString(), date, date.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /** The ledger at {@code instant}: exact on the recorded basis, its date in {@code zone} on the effective basis. */
    public static AsOf instant(Instant instant, Basis basis, ZoneId zone) {
        // PostgreSQL keeps microseconds: "at or before T" is "before T plus one microsecond"
        return new AsOf(basis, instant.toString(), instant.atZone(zone).toLocalDate(),
                instant.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS));
    }

    /** The relation the report queries read as {@code issue_view i}, live or as of a moment. */
    public static String issues(AsOf asOf) {
        return asOf == null ? "issue_view i" : asOf.issueRelation();
    }

    /** The condition on {@code applied_event e} that it was part of the ledger then; TRUE when live. */
    public static String events(AsOf asOf, String alias) {
        if (asOf == null) {
            return "TRUE";
        }
        return asOf.basis == Basis.RECORDED
                ? alias + ".recorded_at < CAST(:recordedBefore AS timestamptz)"
                : "coalesce(" + alias + ".effective_date, CAST(" + alias + ".recorded_at AT TIME ZONE :zone AS date)) "
                + "<= CAST(:asOfDay AS date)";
    }

    /**
     * The condition on {@code reading_fact r} that the fact was part of the ledger then: live, every reading no
     * correction (更正/撤回) has superseded; recorded, those recorded by then and not yet superseded by a correction
     * recorded by then; effective, those effective and true by the day and not superseded by a correction effective
     * by the day (by the contract from the corrected report's as-of date, so that a corrected figure never counts on
     * this clock and its replacement counts in its place).
     */
    public static String readings(AsOf asOf, String alias) {
        if (asOf == null) {
            return alias + ".superseded_at IS NULL";
        }
        return asOf.basis == Basis.RECORDED
                ? alias + ".recorded_at < CAST(:recordedBefore AS timestamptz) AND (" + alias + ".superseded_at IS NULL"
                + " OR " + alias + ".superseded_at >= CAST(:recordedBefore AS timestamptz))"
                : alias + ".effective_date <= CAST(:asOfDay AS date) AND " + alias + ".as_of <= CAST(:asOfDay AS date)"
                + " AND (" + alias + ".superseded_on IS NULL OR " + alias + ".superseded_on > CAST(:asOfDay AS date))";
    }

    /** The condition on {@code inspection_view v} that the inspection was in the ledger then; TRUE when live. */
    public static String inspections(AsOf asOf, String alias) {
        if (asOf == null) {
            return "TRUE";
        }
        return asOf.basis == Basis.RECORDED
                ? alias + ".recorded_at < CAST(:recordedBefore AS timestamptz)"
                : alias + ".effective_on <= CAST(:asOfDay AS date)";
    }

    /**
     * Sets the parameters the conditions above use, where the query has them. Dates and instants are bound typed, not
     * as text: a cast from text to date or timestamptz depends on the session's settings, so PostgreSQL would repeat it
     * for every row it filters (about a third of an as-of breakdown's time over a million history rows).
     */
    public static Query bind(Query query, String sql, AsOf asOf, ZoneId zone) {
        if (asOf != null) {
            if (sql.contains(":asOfDay")) {
                query.setParameter("asOfDay", asOf.day);
            }
            if (sql.contains(":recordedBefore")) {
                query.setParameter("recordedBefore", OffsetDateTime.ofInstant(asOf.recordedBefore, ZoneOffset.UTC));
            }
        }
        if (sql.contains(":zone")) {
            query.setParameter("zone", zone.getId());
        }
        return query;
    }

    /**
     * The issues with the columns of {@code issue_view} the reports read, as they stood: the effective timeline's
     * segment containing the day, or the version in force at the instant, with their attributes; the warning is
     * computed for "today" (the {@code :today} parameter, the answer's day) by {@link WarningRule}.
     * The state rows carry the inspection and the deadline themselves and the attributes are a LEFT JOIN on their
     * key, so PostgreSQL leaves the join out of a query that reads nothing else of them (a summary's counts).
     * {@code latest} says whether the row is the issue's last state (its open segment or version): the issue as it
     * stands now, with nothing recorded or taking effect after it.
     */
    private String issueRelation() {
        String from;
        String latest;
        if (basis == Basis.RECORDED) {
            from = " FROM issue_version s LEFT JOIN issue_attributes a ON a.id = s.attributes_id"
                    + " WHERE s.recorded_to >= CAST(:recordedBefore AS timestamptz)"
                    + " AND s.recorded_from < CAST(:recordedBefore AS timestamptz)";
            latest = "s.recorded_to = 'infinity'";
        } else {
            from = " FROM issue_timeline s LEFT JOIN issue_attributes a ON a.id = s.attributes_id"
                    + " WHERE s.valid_to > CAST(:asOfDay AS date) AND s.valid_from <= CAST(:asOfDay AS date)";
            latest = "s.valid_to = 'infinity'";
        }
        return "(SELECT s.issue_id AS id, " + IssueColumns.asOfColumns() + ", "
                + WarningRule.sql("s.status", "s.deadline", "CAST(:today AS date)") + " AS warning, " + latest
                + " AS latest" + from + ") i";
    }
}
