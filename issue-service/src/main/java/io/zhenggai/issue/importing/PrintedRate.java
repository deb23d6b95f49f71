package io.zhenggai.issue.importing;

import io.zhenggai.issue.figures.Quantity;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Compares a printed rate with the ratio of its parts at the precision it was printed with: 55.56% agrees with 5/9
 * (55.5555…%) and 53% with 9/17 (52.94%), 80% does not agree with 16/21 (76.19%). Rounding half up, half even and
 * truncation are all accepted, since bulletins use each.
 */
final class PrintedRate {

    private PrintedRate() {
    }

    /** Whether {@code rate} as printed agrees with {@code numerator / denominator}. */
    static boolean agrees(Quantity rate, BigDecimal numerator, BigDecimal denominator) {
        if (denominator.signum() == 0 || rate.value() == null || rate.statedValue() == null) {
            return true;
        }
        BigDecimal printed = rate.statedValue();
        // The printed unit's scale (100 for %, 1000 for ‰) from the printed and the base value.
        BigDecimal scale = rate.value().signum() == 0 ? BigDecimal.valueOf(100)
                : printed.divide(rate.value(), MathContext.DECIMAL64).setScale(0, RoundingMode.HALF_UP);
        BigDecimal actual = numerator.multiply(scale).divide(denominator, MathContext.DECIMAL64);
        int digits = Math.max(printed.scale(), 0);
        for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_UP, RoundingMode.HALF_EVEN, RoundingMode.DOWN}) {
            if (actual.setScale(digits, mode).compareTo(printed) == 0) {
                return true;
            }
        }
        return false;
    }

    /** The ratio in the printed unit with one digit more than printed, for messages: 76.19. */
    static String actual(Quantity rate, BigDecimal numerator, BigDecimal denominator) {
        BigDecimal printed = rate.statedValue();
        BigDecimal scale = rate.value().signum() == 0 ? BigDecimal.valueOf(100)
                : printed.divide(rate.value(), MathContext.DECIMAL64).setScale(0, RoundingMode.HALF_UP);
        return numerator.multiply(scale).divide(denominator, MathContext.DECIMAL64)
                .setScale(Math.max(printed.scale(), 0) + 2, RoundingMode.HALF_UP).toPlainString();
    }
}
