package io.zhenggai.issue.importing;

/**
 * The ways a bulletin numbers its headings (序号). Which style sits at which level is not fixed: the tree builder
 * learns it from the order in which the styles appear, so that （一） can be an aspect in one bulletin and a category
 * in another.
 */
public enum NumberingStyle {
    /** 一、 */
    CHINESE,
    /** （一） or (一) */
    CHINESE_PARENTHESISED,
    /** 1. 1、 1． */
    ARABIC,
    /** （1） or (1) */
    ARABIC_PARENTHESISED,
    /** ① */
    CIRCLED,
    /**
     * No number printed: a problem paragraph (针对“…”的问题), an aspect line (关于…方面) or a table row without 序号. The
     * parser numbers these in order within their parent, {@code #1.} {@code #2.} …, so that every node has a path; a
     * line that starts with such a token reads back as the same node.
     */
    UNNUMBERED;

    /** The canonical, punctuation-normalised token for the ordinal in this style, used in numbering paths. */
    public String token(int ordinal) {
        return switch (this) {
            case CHINESE -> NumeralText.format(ordinal) + "、";
            case CHINESE_PARENTHESISED -> "(" + NumeralText.format(ordinal) + ")";
            case ARABIC -> ordinal + ".";
            case ARABIC_PARENTHESISED -> "(" + ordinal + ")";
            case CIRCLED -> String.valueOf((char) ('\u2460' + ordinal - 1));
            case UNNUMBERED -> "#" + ordinal + ".";
        };
    }
}
