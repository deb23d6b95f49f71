package io.zhenggai.issue.ledger;

import java.util.regex.Pattern;

/**
 * Published numbering (（一）, 1., (3), ①) and the paths built from it. A path joins the segments from the aspect
 * down with {@code /}, e.g. {@code 一/1/3}; an unnumbered group contributes its title, so a path is unique within a
 * list and a bulletin can be regenerated in the same order.
 */
public final class Numbering {

    private static final Pattern DECORATION = Pattern.compile("[\\s（）()、.．。:：]");
    private static final String CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";

    private Numbering() {
    }

    /** The path segment of one published number: "（一）" → "一", "1." → "1", "(3)" → "3", "②" → "2". */
    public static String segment(String numbering) {
        String stripped = DECORATION.matcher(numbering == null ? "" : numbering).replaceAll("");
        if (stripped.length() == 1 && CIRCLED.indexOf(stripped.charAt(0)) >= 0) {
            return String.valueOf(CIRCLED.indexOf(stripped.charAt(0)) + 1);
        }
        return stripped;
    }

    /** A group title as a path segment: slashes would split it, so they become full-width. */
    public static String groupSegment(String title) {
        return title.strip().replace('/', '／');
    }

    public static String join(String parent, String segment) {
        return parent == null || parent.isEmpty() ? segment : parent + "/" + segment;
    }
}
