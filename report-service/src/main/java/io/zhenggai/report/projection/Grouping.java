package io.zhenggai.report.projection;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The groupings issues are counted by, each as a key and a label expression on {@code issue_view i} (and
 * {@code inspection_view v}). Keys of the feedback tree are paths from the inspection down
 * ({@code <inspection id>/main/一/1}), so that 方面（一） of the main list and of the attachment, or of two
 * inspections, never merge; a key is what a drill-through is asked for. Units, leaders and tags are many-valued: an
 * issue with two responsible units counts under both, and under the null key when it has none. The lead unit is
 * single-valued (null for an issue never assigned through the workflow).
 */
public enum Grouping {
    INSPECTION("inspection", "CAST(i.inspection_id AS text)",
            "coalesce(v.team || ' → ' || v.target_unit || '（' || v.feedback_date || '）', CAST(i.inspection_id AS text))",
            null, "i.inspection_id"),
    LIST("list", "CAST(i.inspection_id AS text) || '/' || i.list_key",
            "coalesce((SELECT l ->> 'title' FROM jsonb_array_elements(v.lists) l WHERE l ->> 'key' = i.list_key), "
                    + "i.list_key)", null, "i.inspection_id, i.list_key"),
    ASPECT("aspect", "CAST(i.inspection_id AS text) || '/' || i.list_key || '/' || i.aspect_path",
            "coalesce(i.aspect_numbering, '') || i.aspect_title", null,
            "i.inspection_id, i.list_key, i.aspect_path, i.aspect_numbering, i.aspect_title"),
    GROUP("group", "CASE WHEN i.group_title IS NULL THEN NULL "
            + "ELSE CAST(i.inspection_id AS text) || '/' || i.list_key || '/' || i.aspect_path || '/' || i.group_title END",
            "i.group_title", null, "i.inspection_id, i.list_key, i.aspect_path, i.group_title"),
    CATEGORY("category", "CAST(i.inspection_id AS text) || '/' || i.list_key || '/' || i.category_path",
            "coalesce(i.category_numbering, '') || i.category_title", null,
            "i.inspection_id, i.list_key, i.category_path, i.category_numbering, i.category_title"),
    UNIT("unit", "g.value", "g.value", "i.responsible_units", null),
    /** 牵头单位 only: the unit that signs for the issue (under {@code unit} an issue counts under its co-units too). */
    LEAD_UNIT("leadUnit", "i.lead_unit", "i.lead_unit", null, "i.inspection_id, i.lead_unit"),
    LEADER("leader", "g.value", "g.value", "i.lead_leaders", null),
    TAG("tag", "g.value", "g.value", "i.tags", null);

    private final String code;
    private final String key;
    private final String label;
    private final String array;
    private final String columns;

    Grouping(String code, String key, String label, String array, String columns) {
        this.code = code;
        this.key = key;
        this.label = label;
        this.array = array;
        this.columns = columns;
    }

    /** The name used in the API ({@code by=aspect}) and in indicator expressions ({@code issues(aspect = …)}). */
    public String code() {
        return code;
    }

    public String keyExpression() {
        return key;
    }

    public String labelExpression() {
        return label;
    }

    /**
     * For a single-valued grouping (the feedback tree, the lead unit), the columns of {@code issue_view i} its key and
     * label are made of, the inspection first: a query may group by them first and compute key and label once per
     * group instead of once per issue. Null for the many-valued groupings, whose key is an element of an array.
     */
    public String columns() {
        return columns;
    }

    /** Whether an issue may fall into several groups (units, leaders, tags): then a query must count it once. */
    public boolean manyValued() {
        return array != null;
    }

    /**
     * For a many-valued grouping, the condition that an issue is in the group {@code :key} ({@code keyed}), or in the
     * group of issues without a value (the null key, as {@link #joins}' unnest gives it): one row per issue, and the
     * array's GIN index can find them.
     */
    public String membership(boolean keyed) {
        if (array == null) {
            throw new IllegalStateException(code + " is single-valued");
        }
        return keyed ? array + " @> ARRAY[CAST(:key AS text)]"
                : "(cardinality(" + array + ") = 0 OR array_position(" + array + ", NULL) IS NOT NULL)";
    }

    /** The joins a query over {@code issue_view i} needs for this grouping's expressions. */
    public String joins() {
        String joins = " LEFT JOIN inspection_view v ON v.id = i.inspection_id";
        if (array != null) {
            joins += " LEFT JOIN LATERAL unnest(" + array + ") AS g(value) ON TRUE";
        }
        return joins;
    }

    public static Optional<Grouping> byCode(String code) {
        return Arrays.stream(values()).filter(g -> g.code.equals(code)).findFirst();
    }

    public static String codes() {
        return Arrays.stream(values()).map(Grouping::code).collect(Collectors.joining(", "));
    }
}
