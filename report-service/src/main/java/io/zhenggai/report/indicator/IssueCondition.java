package io.zhenggai.report.indicator;

import java.util.Objects;

/** A condition on one field of an issue, e.g. {@code status in [COMPLETED, CLOSED]}. */
public record IssueCondition(IssueField field, ValueMatch match) {

    public IssueCondition {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(match, "match");
    }

    boolean test(IssueFact issue) {
        return match.test(field.valuesOf(issue));
    }

    @Override
    public String toString() {
        return field.fieldName() + " " + match;
    }
}
