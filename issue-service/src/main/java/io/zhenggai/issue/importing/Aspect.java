package io.zhenggai.issue.importing;

import java.util.List;

/**
 * An aspect (方面): the first level of a feedback tree, e.g. （一）关于聚焦党中央各项决策部署在基层的落实情况方面.
 *
 * @param path   the published numbering, e.g. {@code (一)}
 * @param title  the heading without its number
 * @param groups the categories, in groups of unnumbered sub-headings
 */
public record Aspect(String path, String title, List<CategoryGroup> groups) {

    public Aspect {
        groups = List.copyOf(groups);
    }

    /** The categories of all groups, in document order. */
    public List<Category> categories() {
        return groups.stream().flatMap(g -> g.categories().stream()).toList();
    }

    /** The tracked issues of all categories, in document order. */
    public List<Issue> issues() {
        return categories().stream().flatMap(c -> c.issues().stream()).toList();
    }
}
