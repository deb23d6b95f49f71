package io.zhenggai.issue.importing;

import io.zhenggai.issue.figures.ChineseNumerals;

import java.util.OptionalInt;

/**
 * Small whole numbers as headings, dates and prose totals print them, in Arabic digits or Chinese numerals (十二,
 * 二〇二三, 两); reading the Chinese ones is the figures package's {@link ChineseNumerals}. Also writes the Chinese
 * numeral of a heading number (（十二）, 三是).
 */
final class NumeralText {

    private static final String DIGITS = "〇一二三四五六七八九";

    private NumeralText() {
    }

    /** The value of {@code text}, or empty when it is not a whole numeral below a million. */
    static OptionalInt parse(String text) {
        if (text == null || text.isEmpty()) {
            return OptionalInt.empty();
        }
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return text.length() > 6 ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(text));
        }
        if (!ChineseNumerals.isNumeral(text)) {
            return OptionalInt.empty();
        }
        try {
            int value = ChineseNumerals.parse(text).intValueExact();
            return value < 1_000_000 ? OptionalInt.of(value) : OptionalInt.empty();
        } catch (ArithmeticException e) {
            return OptionalInt.empty();
        }
    }

    /** The value of {@code text}, or {@code fallback} when it is not a numeral. */
    static int parseOr(String text, int fallback) {
        return parse(text).orElse(fallback);
    }

    /** The Chinese numeral for 1 … 99, as bulletins write it in 一是 or （十二）. */
    static String format(int value) {
        if (value <= 0 || value >= 100) {
            throw new IllegalArgumentException("out of range: " + value);
        }
        if (value < 10) {
            return String.valueOf(DIGITS.charAt(value));
        }
        int tens = value / 10;
        int units = value % 10;
        return (tens == 1 ? "" : String.valueOf(DIGITS.charAt(tens))) + "十" + (units == 0 ? "" : String.valueOf(DIGITS.charAt(units)));
    }
}
