package io.zhenggai.issue.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * A filtered, paged search of issues in a stable order. The warning level is derived from deadline, status and
 * today, so filtering by it becomes conditions on those; the caller's {@link Access.Scope} is a condition too, so a
 * page and its total count only what the caller sees.
 */
public record IssueQuery(UUID inspection, String list, String aspect, String category, Set<IssueStatus> statuses,
                         String unit, String leader, String tag, Set<WarningLevel> warnings, Sort sort, int page,
                         int size, AssignmentFilter assignment, boolean awaitingMySignature,
                         AwaitingDecision awaitingDecision) {

    /** Where the assignment stands: never assigned, assigned and not signed for (待签收), signed for. */
    public enum AssignmentFilter {
        NONE, UNSIGNED, SIGNED
    }

    /** A query without the workflow's filters. */
    public IssueQuery(UUID inspection, String list, String aspect, String category, Set<IssueStatus> statuses,
                      String unit, String leader, String tag, Set<WarningLevel> warnings, Sort sort, int page,
                      int size) {
        this(inspection, list, aspect, category, statuses, unit, leader, tag, warnings, sort, page, size, null, false,
                null);
    }

    /** The last page anyone may ask for: with {@link #MAX_SIZE} the offset stays far below any overflow. */
    public static final int MAX_PAGE = 100_000;
    public static final int MAX_SIZE = 500;

    public IssueQuery {
        if (page < 0 || page > MAX_PAGE) {
            throw LedgerException.invalid("page", "page is between 0 and " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw LedgerException.invalid("size", "size is between 1 and " + MAX_SIZE);
        }
    }

    /** Orders with a unique tie-break, so paging never repeats or skips an issue. */
    public enum Sort {
        ORDINAL("i.inspection_id, i.ordinal, i.id"),
        DEADLINE("i.deadline NULLS LAST, i.inspection_id, i.ordinal, i.id"),
        UPDATED("i.updated_at DESC, i.id");

        private final String orderBy;

        Sort(String orderBy) {
            this.orderBy = orderBy;
        }
    }

    /**
     * @param signingUnits the units whose signature the caller gives: "awaiting my signature" is an assignment not
     *                     signed for whose lead unit is one of them
     */
    IssueView.Page run(EntityManager em, LocalDate today, Access.Scope scope, Set<String> signingUnits,
                       BiFunction<Issue, Inspection, IssueView> view) {
        StringBuilder where = new StringBuilder(" WHERE true");
        Map<String, Object> parameters = new HashMap<>();
        if (!scope.all()) {
            // the GIN index on responsible_units serves the overlap; an empty scope matches nothing
            where.append(" AND i.responsible_units && CAST(:scopeUnits AS text[])");
            parameters.put("scopeUnits", scope.units().toArray(String[]::new));
        }
        condition(where, parameters, inspection, "i.inspection_id = :inspection", "inspection");
        condition(where, parameters, list, "i.list_key = :list", "list");
        condition(where, parameters, aspect, "i.aspect_path = :aspect", "aspect");
        condition(where, parameters, category, "i.category_path = :category", "category");
        condition(where, parameters, unit, ":unit = ANY(i.responsible_units)", "unit");
        condition(where, parameters, leader, ":leader = ANY(i.lead_leaders)", "leader");
        condition(where, parameters, tag, ":tag = ANY(i.tags)", "tag");
        if (assignment != null) {
            where.append(switch (assignment) {
                case NONE -> " AND i.assignment_state IS NULL";
                case UNSIGNED -> " AND i.assignment_state = 'ASSIGNED'";
                case SIGNED -> " AND i.assignment_state = 'SIGNED'";
            });
        }
        if (awaitingMySignature) {
            // a caller who signs for no unit awaits nothing
            where.append(" AND i.assignment_state = 'ASSIGNED' AND i.lead_unit = ANY(CAST(:signingUnits AS text[]))");
            parameters.put("signingUnits", signingUnits.toArray(String[]::new));
        }
        condition(where, parameters, awaitingDecision == null ? null : awaitingDecision.name(),
                "i.awaiting_decision = :awaitingDecision", "awaitingDecision");
        if (statuses != null && !statuses.isEmpty()) {
            where.append(" AND i.status IN (:statuses)");
            parameters.put("statuses", statuses.stream().map(Enum::name).toList());
        }
        if (warnings != null && !warnings.isEmpty()) {
            List<String> any = new ArrayList<>();
            String open = "i.deadline IS NOT NULL AND i.status NOT IN ('CLOSED', 'LONG_TERM')";
            for (WarningLevel warning : warnings) {
                any.add(switch (warning) {
                    case NONE -> "(i.deadline IS NULL OR i.status IN ('CLOSED', 'LONG_TERM'))";
                    case RED -> "(" + open + " AND i.deadline < :today)";
                    case YELLOW -> "(" + open + " AND i.deadline >= :today AND i.deadline <= :yellowUntil)";
                    case GREEN -> "(" + open + " AND i.deadline > :yellowUntil)";
                });
            }
            String conditions = String.join(" OR ", any);
            where.append(" AND (").append(conditions).append(")");
            if (conditions.contains(":today")) {
                parameters.put("today", today);
            }
            if (conditions.contains(":yellowUntil")) {
                parameters.put("yellowUntil", today.plusDays(WarningLevel.YELLOW_DAYS));
            }
        }
        Query count = em.createNativeQuery("SELECT count(*) FROM issue i" + where);
        Query select = em.createNativeQuery("SELECT i.* FROM issue i" + where + " ORDER BY "
                + (sort == null ? Sort.ORDINAL : sort).orderBy, Issue.class);
        parameters.forEach((name, value) -> {
            count.setParameter(name, value);
            select.setParameter(name, value);
        });
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Issue> issues = select.setFirstResult(Math.multiplyExact(page, size)).setMaxResults(size).getResultList();
        Map<UUID, Inspection> inspections = new HashMap<>();
        List<IssueView> items = issues.stream().map(i -> view.apply(i,
                inspections.computeIfAbsent(i.inspectionId, id -> em.find(Inspection.class, id)))).toList();
        return new IssueView.Page(items, page, size, total);
    }

    private static void condition(StringBuilder where, Map<String, Object> parameters, Object value, String sql,
                                  String name) {
        if (value != null && !(value instanceof String text && text.isBlank())) {
            where.append(" AND ").append(sql);
            parameters.put(name, value);
        }
    }
}
