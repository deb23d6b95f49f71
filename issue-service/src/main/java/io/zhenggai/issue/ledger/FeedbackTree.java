package io.zhenggai.issue.ledger;

import java.util.List;

/**
 * The feedback tree of an inspection (反馈意见): one or more lists (the main list, an attachment 附件 tied to a
 * theme), each with aspects (方面) → optional unnumbered groups → categories (类). Issues hang under categories, or
 * a category with no sub-items is itself an issue; issues are aggregates of their own.
 */
public final class FeedbackTree {

    private FeedbackTree() {
    }

    public record FeedbackList(String key, String title, String theme, List<Aspect> aspects) {
    }

    public record Aspect(String numbering, String title, String path, List<Group> groups, List<Category> categories) {
    }

    public record Group(String title, String path, List<Category> categories) {
    }

    public record Category(String numbering, String title, String path) {
    }
}
