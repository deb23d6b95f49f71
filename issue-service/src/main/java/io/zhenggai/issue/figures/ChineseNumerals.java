package io.zhenggai.issue.figures;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Plain Chinese numerals (中文数字) as bulletins write them in running text: 四项, 十二个, 两个, 一百零五项, 三千五百人,
 * 二〇二三. Financial numerals (壹贰叁) and fractions (三点五, 百分之五) are not used for figures in bulletins and
 * are not read.
 *
 * <p>A digit written directly after a place without 零 abbreviates the next lower place, as everyone reads it:
 * 一百五 is 150, 三千五 is 3500, 一万五 is 15000 (while 一百零五 is 105).
 */
public final class ChineseNumerals {

    private static final BigInteger WAN = BigInteger.valueOf(10_000);
    private static final BigInteger YI = BigInteger.valueOf(100_000_000);

    private ChineseNumerals() {
    }

    /** Whether {@code text} is a well-formed plain Chinese numeral. */
    public static boolean isNumeral(String text) {
        try {
            parse(text);
            return true;
        } catch (QuantityException e) {
            return false;
        }
    }

    /**
     * The value of a plain Chinese numeral.
     *
     * @throws QuantityException {@link QuantityException.Reason#MALFORMED} if {@code text} is not one
     */
    public static BigDecimal parse(String text) {
        if (text == null || text.isEmpty()) {
            throw malformed(text, "an empty numeral");
        }
        boolean hasPlace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (place(c) > 0 || c == '万' || c == '亿') {
                hasPlace = true;
            } else if (digit(c) < 0) {
                throw malformed(text, "not a Chinese numeral character: " + c);
            }
        }
        return new BigDecimal(hasPlace ? positional(text) : digitSequence(text));
    }

    /** 二〇二三 read digit by digit. */
    private static BigInteger digitSequence(String text) {
        BigInteger value = BigInteger.ZERO;
        for (int i = 0; i < text.length(); i++) {
            value = value.multiply(BigInteger.TEN).add(BigInteger.valueOf(digit(text.charAt(i))));
        }
        return value;
    }

    private static BigInteger positional(String text) {
        BigInteger total = BigInteger.ZERO;      // the part in 亿
        BigInteger wanPart = BigInteger.ZERO;    // the part in 万, below 亿
        BigInteger section = BigInteger.ZERO;    // below 万
        int pending = -1;                        // a digit waiting for its place
        long lastPlace = 0;                      // the place just written, for the abbreviation rule
        int smallestPlaceInSection = Integer.MAX_VALUE;
        boolean zeroSinceLastPlace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int d = digit(c);
            int p = place(c);
            if (d == 0) {
                zeroSinceLastPlace = true;
            } else if (d > 0) {
                if (pending >= 0) {
                    throw malformed(text, "two digits without a place between them");
                }
                pending = d;
            } else if (p > 0) {
                int n;
                if (pending >= 0) {
                    n = pending;
                } else if (c == '十' && section.signum() == 0 && !zeroSinceLastPlace) {
                    n = 1; // 十二 is 12: a leading 十 stands for 一十
                } else {
                    throw malformed(text, "a place without a digit: " + c);
                }
                if (p >= smallestPlaceInSection) {
                    throw malformed(text, "places out of order at " + c);
                }
                section = section.add(BigInteger.valueOf((long) n * p));
                smallestPlaceInSection = p;
                pending = -1;
                lastPlace = p;
                zeroSinceLastPlace = false;
            } else if (c == '万') {
                section = flush(section, pending);
                if (section.signum() == 0 || wanPart.signum() != 0) {
                    throw malformed(text, "misplaced 万");
                }
                wanPart = section;
                section = BigInteger.ZERO;
                pending = -1;
                lastPlace = 10_000;
                smallestPlaceInSection = Integer.MAX_VALUE;
                zeroSinceLastPlace = false;
            } else { // 亿
                BigInteger below = wanPart.multiply(WAN).add(flush(section, pending));
                if (below.signum() == 0 || total.signum() != 0) {
                    throw malformed(text, "misplaced 亿");
                }
                total = below.multiply(YI);
                wanPart = BigInteger.ZERO;
                section = BigInteger.ZERO;
                pending = -1;
                lastPlace = 100_000_000;
                smallestPlaceInSection = Integer.MAX_VALUE;
                zeroSinceLastPlace = false;
            }
        }
        if (pending >= 0) {
            boolean abbreviated = !zeroSinceLastPlace && lastPlace >= 10 && lastDigitFollowsPlace(text);
            long scale = abbreviated ? lastPlace / 10 : 1;
            section = section.add(BigInteger.valueOf(pending * scale));
        }
        return total.add(wanPart.multiply(WAN)).add(section);
    }

    /** Whether the last digit of {@code text} directly follows a place character (一百五, not 一百零五). */
    private static boolean lastDigitFollowsPlace(String text) {
        if (text.length() < 2) {
            return false;
        }
        char before = text.charAt(text.length() - 2);
        return place(before) > 0 || before == '万' || before == '亿';
    }

    private static BigInteger flush(BigInteger section, int pending) {
        return pending >= 0 ? section.add(BigInteger.valueOf(pending)) : section;
    }

    private static int digit(char c) {
        return switch (c) {
            case '零', '〇' -> 0;
            case '一' -> 1;
            case '二', '两' -> 2;
            case '三' -> 3;
            case '四' -> 4;
            case '五' -> 5;
            case '六' -> 6;
            case '七' -> 7;
            case '八' -> 8;
            case '九' -> 9;
            default -> -1;
        };
    }

    private static int place(char c) {
        return switch (c) {
            case '十' -> 10;
            case '百' -> 100;
            case '千' -> 1000;
            default -> -1;
        };
    }

    private static QuantityException malformed(String text, String detail) {
        return new QuantityException(QuantityException.Reason.MALFORMED, text, text,
                "not a Chinese numeral \"" + text + "\": " + detail);
    }
}
