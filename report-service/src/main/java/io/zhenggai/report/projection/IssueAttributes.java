package io.zhenggai.report.projection;

import java.util.Arrays;
import java.util.Objects;

/**
 * An issue's attributes as the reports group by them: a row of {@code issue_attributes} (or the same columns of
 * {@code issue_view}). Many states share one: the loader interns them by value. Arrays may hold nulls, as PostgreSQL's
 * may; a null array is a state whose attributes the SQL's LEFT JOIN did not find (see {@link IssueState}).
 */
public final class IssueAttributes {

    /** The inspection the issue belongs to (attributes of two inspections are never shared). */
    public final IssueState.Inspection inspection;
    public final String listKey;
    public final String aspectPath;
    public final String aspectNumbering;
    public final String aspectTitle;
    public final String groupTitle;
    public final String categoryPath;
    public final String categoryNumbering;
    public final String categoryTitle;
    /** Bulletin order within the inspection; {@link IssueState#NO_DAY} (null) never, it is NOT NULL in SQL. */
    public final int ordinal;
    public final String[] leadLeaders;
    public final String[] responsibleUnits;
    public final String[] tags;
    public final String leadUnit;
    private final int hash;

    public IssueAttributes(IssueState.Inspection inspection, String listKey, String aspectPath, String aspectNumbering, String aspectTitle,
                           String groupTitle, String categoryPath, String categoryNumbering, String categoryTitle,
                           int ordinal, String[] leadLeaders, String[] responsibleUnits, String[] tags,
                           String leadUnit) {
        this.inspection = inspection;
        this.listKey = listKey;
        this.aspectPath = aspectPath;
        this.aspectNumbering = aspectNumbering;
        this.aspectTitle = aspectTitle;
        this.groupTitle = groupTitle;
        this.categoryPath = categoryPath;
        this.categoryNumbering = categoryNumbering;
        this.categoryTitle = categoryTitle;
        this.ordinal = ordinal;
        this.leadLeaders = leadLeaders;
        this.responsibleUnits = responsibleUnits;
        this.tags = tags;
        this.leadUnit = leadUnit;
        this.hash = Objects.hash(inspection, listKey, aspectPath, aspectNumbering, aspectTitle, groupTitle, categoryPath,
                categoryNumbering, categoryTitle, ordinal, Arrays.hashCode(leadLeaders),
                Arrays.hashCode(responsibleUnits), Arrays.hashCode(tags), leadUnit);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IssueAttributes a && hash == a.hash && ordinal == a.ordinal
                && Objects.equals(inspection, a.inspection)
                && Objects.equals(listKey, a.listKey) && Objects.equals(aspectPath, a.aspectPath)
                && Objects.equals(aspectNumbering, a.aspectNumbering) && Objects.equals(aspectTitle, a.aspectTitle)
                && Objects.equals(groupTitle, a.groupTitle) && Objects.equals(categoryPath, a.categoryPath)
                && Objects.equals(categoryNumbering, a.categoryNumbering)
                && Objects.equals(categoryTitle, a.categoryTitle) && Arrays.equals(leadLeaders, a.leadLeaders)
                && Arrays.equals(responsibleUnits, a.responsibleUnits) && Arrays.equals(tags, a.tags)
                && Objects.equals(leadUnit, a.leadUnit);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
