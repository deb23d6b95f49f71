package io.zhenggai.issue.importing;

import java.util.List;

/**
 * A category of problems (类): a numbered heading under an aspect. Where it has no sub-items it is itself the
 * tracked issue, and {@link #issues()} holds that one issue with the category's own path.
 *
 * @param path        the published numbering, unique within the list
 * @param title       the heading without its number
 * @param description what the heading says after its title sentence; may be empty
 * @param selfIssue   whether the category is itself the issue (no sub-items)
 * @param issues      the tracked issues
 */
public record Category(String path, String title, String description, boolean selfIssue, List<Issue> issues) {

    public Category {
        issues = List.copyOf(issues);
    }
}
