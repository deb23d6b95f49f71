package io.zhenggai.issue.importing;

/**
 * What one list holds.
 *
 * @param key          the list key
 * @param title        the list title
 * @param aspectCount  aspects
 * @param categoryCount numbered second-level headings, including those that are issues themselves
 * @param issueCount   tracked issues
 * @param readingCount readings
 */
public record ListCounts(String key, String title, int aspectCount, int categoryCount, int issueCount, int readingCount) {

    static ListCounts of(FeedbackList list) {
        int readings = list.issues().stream().mapToInt(i -> i.readings().size()).sum();
        return new ListCounts(list.key(), list.title(), list.aspects().size(), list.categories().size(),
                list.issues().size(), readings);
    }
}
