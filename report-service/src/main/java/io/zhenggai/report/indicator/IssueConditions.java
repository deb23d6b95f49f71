package io.zhenggai.report.indicator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.zhenggai.report.projection.Grouping;
import io.zhenggai.report.projection.Measure;

/**
 * {@code issues(…)} conditions as SQL over {@code issue_view i} (or an as-of relation with its columns), meaning
 * exactly what {@link IssueCondition#test} means over an {@link IssueFact}: every field is a set of values, empty when
 * the issue has none; {@code = v} and {@code in […]} ask that some value be one of these, {@code *} that there be one,
 * {@code none} that there be none. Values come from the facts' own expressions: the feedback tree's keys of
 * {@link Grouping}, the on-time and overdue rules of {@link Measure}.
 */
final class IssueConditions {

    private IssueConditions() {
    }

    /** The condition; its values are bound as named parameters added to {@code parameters}. */
    static String sql(IssueField field, ValueMatch match, Map<String, Object> parameters) {
        String array = array(field);
        if (array != null) {
            String size = "coalesce(cardinality(" + array + "), 0)";
            if (match instanceof ValueMatch.AnyOf any) {
                return "coalesce(" + array + " && CAST(" + bind(any.values(), parameters) + " AS text[]), FALSE)";
            }
            return match instanceof ValueMatch.Present ? size + " > 0" : size + " = 0";
        }
        String value = single(field);
        if (match instanceof ValueMatch.AnyOf any) {
            return "coalesce(" + value + " = ANY(CAST(" + bind(any.values(), parameters) + " AS text[])), FALSE)";
        }
        return value + (match instanceof ValueMatch.Present ? " IS NOT NULL" : " IS NULL");
    }

    /**
     * The issues in the group {@code key} of {@code by}, as an indicator's breakdown scopes them: those with that
     * value ({@code key} null: those without a value). No issue has a value for a reading dimension.
     */
    static String group(String by, String key, Map<String, Object> parameters) {
        Optional<IssueField> field = IssueField.byName(by);
        if (field.isEmpty()) {
            return key == null ? "TRUE" : "FALSE";
        }
        return sql(field.get(), key == null ? new ValueMatch.Absent() : new ValueMatch.AnyOf(List.of(key)),
                parameters);
    }

    private static String bind(List<String> values, Map<String, Object> parameters) {
        String name = "c" + parameters.size();
        parameters.put(name, values.toArray(String[]::new));
        return ":" + name;
    }

    private static String array(IssueField field) {
        return switch (field) {
            case UNIT -> "i.responsible_units";
            case LEADER -> "i.lead_leaders";
            case TAG -> "i.tags";
            default -> null;
        };
    }

    private static String single(IssueField field) {
        return switch (field) {
            case STATUS -> "i.status";
            case WARNING -> "i.warning";
            case INSPECTION -> Grouping.INSPECTION.keyExpression();
            case LIST -> Grouping.LIST.keyExpression();
            case ASPECT -> Grouping.ASPECT.keyExpression();
            case CATEGORY -> Grouping.CATEGORY.keyExpression();
            case ON_TIME -> "CASE WHEN " + Measure.ON_TIME.condition() + " THEN 'true' WHEN " + Measure.LATE.condition()
                    + " THEN 'false' END";
            case OVERDUE -> "CASE WHEN coalesce(" + Measure.OVERDUE.condition() + ", FALSE) THEN 'true' ELSE 'false' END";
            default -> throw new IllegalArgumentException("not a single-valued field: " + field);
        };
    }
}
