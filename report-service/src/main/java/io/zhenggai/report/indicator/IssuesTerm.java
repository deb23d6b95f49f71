package io.zhenggai.report.indicator;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code issues(field = value, ...)}: the number of issues that satisfy every condition; {@code issues()} counts all.
 * Conditions are held in the order of {@link IssueField}, so that two spellings of the same filter are equal.
 */
public record IssuesTerm(List<IssueCondition> conditions) implements Term {

    public IssuesTerm {
        conditions = conditions.stream().sorted(Comparator.comparing(IssueCondition::field)).toList();
        if (conditions.stream().map(IssueCondition::field).distinct().count() != conditions.size()) {
            throw new IllegalArgumentException("an issue field is constrained twice");
        }
    }

    public boolean matches(IssueFact issue) {
        return conditions.stream().allMatch(c -> c.test(issue));
    }

    @Override
    public String toString() {
        return conditions.stream().map(IssueCondition::toString).collect(Collectors.joining(", ", "issues(", ")"));
    }
}
