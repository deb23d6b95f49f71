package io.zhenggai.issue.figures;

import java.math.BigDecimal;

/**
 * The bounds of a figure, in one place: a magnitude and a precision that no real figure needs. A bulletin's largest
 * amounts are hundreds of 亿元 (10^10 CNY) and its finest rates a few decimals, so a value of 10^18 or more in its
 * base unit, or a number printed with more than 12 decimals, is a mistake or an attack and is refused before it is
 * stored, summed or published ({@link QuantityOutOfBoundsException}).
 */
public final class Bounds {

    /** Every value, in its base unit, is strictly smaller than this in magnitude. */
    public static final BigDecimal MAGNITUDE_LIMIT = BigDecimal.TEN.pow(18);
    /** The most decimals a number may be written with (trailing zeros do not count). */
    public static final int MAX_SCALE = 12;
    /**
     * The longest number text read at all: 18 integer digits, 12 decimals, a sign, a point and thousands separators
     * fit well within it. Longer texts are refused before they are converted, so a huge one costs nothing.
     */
    public static final int MAX_NUMBER_CHARACTERS = 48;

    private static final int MAX_INTEGER_DIGITS = 18;

    private Bounds() {
    }

    /** Refuses a number text too long to be within bounds, before it is read. */
    static void checkPrinted(String numberText, String source) {
        if (numberText.length() > MAX_NUMBER_CHARACTERS) {
            throw new QuantityOutOfBoundsException(numberText, source, "a number of " + numberText.length()
                    + " characters is longer than any real figure");
        }
    }

    /** Refuses a number as printed (before its unit converts it) that is too large or too finely written. */
    static void checkStated(BigDecimal stated, String numberText, String source) {
        checkMagnitude(stated, numberText, source);
        // precision and scale only: a value such as 1E-400 must not be expanded to be looked at
        if (stated.signum() != 0 && stated.stripTrailingZeros().scale() > MAX_SCALE) {
            throw new QuantityOutOfBoundsException(numberText, source, "the number "
                    + QuantityOutOfBoundsException.abbreviate(numberText) + " has more than " + MAX_SCALE
                    + " decimals");
        }
    }

    /** Refuses a value whose magnitude no figure needs: |value| must be below 10^18. */
    static void checkMagnitude(BigDecimal value, String numberText, String source) {
        if (value.signum() != 0 && value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            throw new QuantityOutOfBoundsException(numberText, source, "the magnitude of "
                    + QuantityOutOfBoundsException.abbreviate(numberText) + " is 10^18 or more in its base unit");
        }
    }
}
