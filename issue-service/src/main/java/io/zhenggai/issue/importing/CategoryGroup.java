package io.zhenggai.issue.importing;

import java.util.List;

/**
 * An unnumbered sub-heading inside an aspect (the seed's attachment has 加快构筑黄河安澜屏障 and three more), and the
 * categories under it. Categories before any sub-heading sit in a group with a {@code null} title.
 */
public record CategoryGroup(String title, List<Category> categories) {

    public CategoryGroup {
        categories = List.copyOf(categories);
    }
}
