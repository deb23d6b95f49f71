package io.zhenggai.issue.importing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The number at the start of a heading line (一、 / （一） / 1. 1、 1． / （1） / ①), in full-width or ASCII
 * punctuation, and the text after it.
 *
 * @param style   how it is written
 * @param ordinal its value (一 → 1)
 * @param rest    the text after the number, possibly empty
 */
record Numbering(NumberingStyle style, int ordinal, String rest) {

    private static final Pattern CHINESE = Pattern.compile("^([一二三四五六七八九十]{1,3})[、.．]\\s*(.*)$");
    private static final Pattern CHINESE_PARENTHESISED = Pattern.compile("^[（(]([一二三四五六七八九十]{1,3})[）)]\\s*(.*)$");
    // A digit right after the dot is a decimal (1.5亿元), not a heading.
    private static final Pattern ARABIC = Pattern.compile("^(\\d{1,3})(?:[.．](?!\\d)|、)\\s*(.*)$");
    private static final Pattern ARABIC_PARENTHESISED = Pattern.compile("^[（(](\\d{1,3})[）)]\\s*(.*)$");
    private static final Pattern CIRCLED = Pattern.compile("^([\u2460-\u2473])\\s*(.*)$");
    /** The parser's own token for an unnumbered node ({@link NumberingStyle#UNNUMBERED}), as a ledger prints it back. */
    private static final Pattern UNNUMBERED = Pattern.compile("^#(\\d{1,3})[.．]\\s*(.*)$");

    /** The canonical token, e.g. {@code (一)} for （一）. */
    String token() {
        return style.token(ordinal);
    }

    /** The numbering at the start of {@code line}, if the line starts with one. */
    static Optional<Numbering> of(String line) {
        Matcher m = CHINESE.matcher(line);
        if (m.matches()) {
            return Optional.of(new Numbering(NumberingStyle.CHINESE, NumeralText.parseOr(m.group(1), 0), m.group(2)));
        }
        m = CHINESE_PARENTHESISED.matcher(line);
        if (m.matches()) {
            return Optional.of(new Numbering(NumberingStyle.CHINESE_PARENTHESISED, NumeralText.parseOr(m.group(1), 0), m.group(2)));
        }
        m = ARABIC.matcher(line);
        if (m.matches() && !m.group(2).isEmpty()) {
            return Optional.of(new Numbering(NumberingStyle.ARABIC, Integer.parseInt(m.group(1)), m.group(2)));
        }
        m = ARABIC_PARENTHESISED.matcher(line);
        if (m.matches()) {
            return Optional.of(new Numbering(NumberingStyle.ARABIC_PARENTHESISED, Integer.parseInt(m.group(1)), m.group(2)));
        }
        m = CIRCLED.matcher(line);
        if (m.matches()) {
            return Optional.of(new Numbering(NumberingStyle.CIRCLED, m.group(1).charAt(0) - '\u2460' + 1, m.group(2)));
        }
        m = UNNUMBERED.matcher(line);
        if (m.matches() && !m.group(2).isEmpty()) {
            return Optional.of(new Numbering(NumberingStyle.UNNUMBERED, Integer.parseInt(m.group(1)), m.group(2)));
        }
        return Optional.empty();
    }
}
