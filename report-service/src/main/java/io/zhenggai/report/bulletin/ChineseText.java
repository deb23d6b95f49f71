package io.zhenggai.report.bulletin;

import java.time.LocalDate;
import java.util.regex.Pattern;

/** The small pieces of Chinese typography a bulletin needs: dates, numerals, published numbering. */
final class ChineseText {

    private static final String DIGITS = "〇一二三四五六七八九";
    private static final Pattern CHINESE = Pattern.compile("^[一二三四五六七八九十]+[、.．]$");
    private static final Pattern CHINESE_PARENTHESISED = Pattern.compile("^[（(][一二三四五六七八九十]+[）)]$");
    private static final Pattern ARABIC = Pattern.compile("^\\d+[.．、]$");
    private static final Pattern GROUP_PREFIX = Pattern.compile("^「[^」]*」");
    private static final Pattern ARABIC_PARENTHESISED = Pattern.compile("^[（(]\\d+[）)]$");
    /** The importer's path token of an unnumbered node: #1. #2. … */
    private static final Pattern UNNUMBERED = Pattern.compile("^#\\d+\\.$");
    private static final Pattern ASPECT_LINE = Pattern.compile("^(?:关于|在)?[^。；;，,！!？?：:]{2,60}?方面$");
    private static final Pattern PROBLEM_PARAGRAPH = Pattern.compile("^(?:关于|针对|在)[^。；;]{2,150}?问题$");

    private ChineseText() {
    }

    /** 2023年5月10日: the form of 成文日期 and of dates in the text. */
    static String date(LocalDate date) {
        return date.getYear() + "年" + date.getMonthValue() + "月" + date.getDayOfMonth() + "日";
    }

    /** 一 … 九十九, as section numbers are written. */
    static String numeral(int n) {
        if (n <= 0 || n >= 100) {
            return String.valueOf(n);
        }
        if (n < 10) {
            return String.valueOf(DIGITS.charAt(n));
        }
        String tens = n / 10 == 1 ? "十" : DIGITS.charAt(n / 10) + "十";
        return n % 10 == 0 ? tens : tens + DIGITS.charAt(n % 10);
    }

    /**
     * A published number as printed in a document: brackets full-width, （一） rather than (一). The importer keeps a
     * category under a sub-heading with the sub-heading in its numbering (「加快构筑黄河安澜屏障」1.): the sub-heading
     * is printed as such, so only the number is.
     */
    static String numbering(String numbering) {
        if (numbering == null) {
            return "";
        }
        String n = GROUP_PREFIX.matcher(numbering.strip()).replaceFirst("").strip();
        if (CHINESE_PARENTHESISED.matcher(n).matches() || ARABIC_PARENTHESISED.matcher(n).matches()) {
            return "（" + n.substring(1, n.length() - 1) + "）";
        }
        return n;
    }

    /**
     * The number printed before a heading. A node the feedback printed without a number (ledger path {@code #1.}) is
     * printed without one where its title reads as such a node (an aspect line 关于…方面, a problem paragraph
     * 关于…问题 / 针对…问题); elsewhere its ledger token stays, the one form read back as the same node.
     */
    static String printedNumbering(String numbering, String title, boolean aspect) {
        String n = numbering(numbering);
        if (!UNNUMBERED.matcher(n).matches() || title == null) {
            return n;
        }
        return (aspect ? ASPECT_LINE : PROBLEM_PARAGRAPH).matcher(title.strip()).find() ? "" : n;
    }

    /** Whether a numbering is the ledger's token of a node printed without a number. */
    static boolean unnumbered(String numbering) {
        return numbering != null && UNNUMBERED.matcher(numbering(numbering)).matches();
    }

    /**
     * The heading level of a numbering's style, as GB/T 9704 orders them: 一、 (1), （一） (2), 1. (3), （1） and ① (4).
     * A numbering of no known style is taken for the level the tree gives it.
     */
    static int level(String numbering, int fallback) {
        String n = numbering(numbering);
        if (CHINESE.matcher(n).matches()) {
            return 1;
        }
        if (CHINESE_PARENTHESISED.matcher(n).matches()) {
            return 2;
        }
        if (ARABIC.matcher(n).matches()) {
            return 3;
        }
        if (ARABIC_PARENTHESISED.matcher(n).matches() || n.length() == 1 && n.charAt(0) >= '\u2460'
                && n.charAt(0) <= '\u2473') {
            return 4;
        }
        return fallback;
    }

    /** A heading's title with its full stop: 。 unless it already ends with a stop or a closing mark. */
    static String sentence(String title) {
        String t = title.strip();
        if (t.isEmpty() || "。！？；.!?;".indexOf(t.charAt(t.length() - 1)) >= 0) {
            return t;
        }
        return t + "。";
    }
}
