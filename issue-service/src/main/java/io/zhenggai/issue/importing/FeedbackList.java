package io.zhenggai.issue.importing;

import java.util.List;

/**
 * One feedback tree of an inspection: the main list of the bulletin, or an attachment (附件) with its own tree, such
 * as the seed's 关于落实黄河国家战略重点任务方面存在问题整改进展情况.
 *
 * @param key     {@code main}, or {@code attachment-1}, {@code attachment-2} …; used in finding locations
 * @param kind    main list or attachment
 * @param title   the attachment's title (the document title for the main list)
 * @param theme   the theme an attachment is tied to (黄河国家战略重点任务), or {@code null}
 * @param aspects the tree
 */
public record FeedbackList(String key, Kind kind, String title, String theme, List<Aspect> aspects) {

    /** Main list or attachment. */
    public enum Kind { MAIN, ATTACHMENT }

    public FeedbackList {
        aspects = List.copyOf(aspects);
    }

    public List<Category> categories() {
        return aspects.stream().flatMap(a -> a.categories().stream()).toList();
    }

    public List<Issue> issues() {
        return aspects.stream().flatMap(a -> a.issues().stream()).toList();
    }
}
