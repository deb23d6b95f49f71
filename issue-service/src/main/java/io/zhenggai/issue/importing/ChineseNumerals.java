package io.zhenggai.issue.importing;

import java.util.OptionalInt;

/**
 * Small Chinese numerals (小写中文数字) as used in bulletin numbering and prose totals: 一 … 九十九, 两, 〇/零, and
 * Arabic digits. Bulletins write 四项意见建议 as readily as 4个方面, and number their headings 十一、 or （十二）.
 */
final class ChineseNumerals {

    private static final String DIGITS = "〇一二三四五六七八九";

    private ChineseNumerals() {
    }

    /** The value of {@code text} (Arabic or Chinese, up to 999), or empty when it is not such a numeral. */
    static OptionalInt parse(String text) {
        if (text == null || text.isEmpty()) {
            return OptionalInt.empty();
        }
        if (text.chars().allMatch(Character::isDigit)) {
            return text.length() > 6 ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(text));
        }
        int total = 0;
        int pending = -1;
        boolean seenUnit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = digit(c);
            if (digit >= 0) {
                if (pending >= 0 && !seenUnit) {
                    // Digit strings such as 二〇二三 read positionally.
                    pending = pending * 10 + digit;
                } else {
                    pending = digit;
                }
            } else if (c == '十') {
                total += (pending < 0 ? 1 : pending) * 10;
                pending = -1;
                seenUnit = true;
            } else if (c == '百') {
                total += (pending < 0 ? 1 : pending) * 100;
                pending = -1;
                seenUnit = true;
            } else {
                return OptionalInt.empty();
            }
        }
        return OptionalInt.of(total + Math.max(pending, 0));
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

    private static int digit(char c) {
        if (c == '两') {
            return 2;
        }
        if (c == '零') {
            return 0;
        }
        return DIGITS.indexOf(c);
    }
}
