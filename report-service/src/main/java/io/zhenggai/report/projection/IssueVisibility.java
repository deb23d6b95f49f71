package io.zhenggai.report.projection;

import java.util.Collection;
import java.util.List;

import jakarta.persistence.Query;

/**
 * Which issues a caller may see one by one: every issue, or only those with one of the caller's units among their
 * responsible units (责任单位). Totals (counts, rates, indicator values) stay whole, as a bulletin prints them; lists
 * of individual issues, and the totals of such a list, are cut to the visible issues in the query itself.
 *
 * @param units the caller's units; null when every issue is visible
 */
public record IssueVisibility(List<String> units) {

    /** Every issue. */
    public static final IssueVisibility ALL = new IssueVisibility(null);

    /** Only the issues of these units (none when the collection is empty). */
    public static IssueVisibility ofUnits(Collection<String> units) {
        return new IssueVisibility(List.copyOf(units));
    }

    public boolean restricted() {
        return units != null;
    }

    /**
     * The condition on an issue relation ({@code issue_view} or its as-of form) aliased {@code alias}, for a WHERE
     * clause's conjunction (where a null, an as-of issue without attributes, filters like false): a bare {@code &&}
     * that the units' GIN index serves and whose selectivity PostgreSQL estimates (wrapped in {@code coalesce} it was
     * neither, and a unit's drill-through scanned every issue).
     */
    public String condition(String alias) {
        return restricted()
                ? alias + ".responsible_units && CAST(:visibleUnits AS text[])"
                : "TRUE";
    }

    /** Binds the units where {@code sql} uses them. */
    public Query bind(Query query, String sql) {
        if (restricted() && sql.contains(":visibleUnits")) {
            query.setParameter("visibleUnits", units.toArray(String[]::new));
        }
        return query;
    }
}
