package io.zhenggai.issue.figures;

import java.math.BigDecimal;
import java.math.MathContext;

/** Exact decimal arithmetic shared by the package; the only place where a scale is chosen. */
final class Decimals {

    private Decimals() {
    }

    /**
     * The canonical form of a value: no trailing zeros and never a negative scale, so 3.1亿元 is stored and printed
     * as {@code 310000000} (not {@code 3.1E+8}) and two equal quantities are also {@code equals}.
     */
    static BigDecimal normalise(BigDecimal value) {
        if (value == null) {
            return null;
        }
        if (value.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /**
     * {@code dividend / divisor}, exactly when the quotient has a finite decimal expansion (every factor in the
     * catalogue except 亩), otherwise to 34 significant digits (IEEE decimal128, half-even), which is far below any
     * precision a bulletin states.
     */
    static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
        if (divisor.compareTo(BigDecimal.ONE) == 0) {
            return dividend;
        }
        try {
            return dividend.divide(divisor);
        } catch (ArithmeticException nonTerminating) {
            return dividend.divide(divisor, MathContext.DECIMAL128);
        }
    }

    /**
     * Reads a number written with ASCII or full-width digits, an optional sign, an ASCII or full-width decimal
     * point and ASCII or full-width thousands separators ({@code 1,465}, {@code １，４６５}, {@code ３.１}).
     * The grammar has already checked the shape; this only normalises the characters.
     */
    static BigDecimal parseDigits(String text) {
        StringBuilder ascii = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '０' && c <= '９') {
                ascii.append((char) ('0' + (c - '０')));
            } else if (c == '．') {
                ascii.append('.');
            } else if (c == '−' || c == '－') {
                ascii.append('-');
            } else if (c == '＋') {
                ascii.append('+');
            } else if (c != ',' && c != '，') {
                ascii.append(c);
            }
        }
        return new BigDecimal(ascii.toString());
    }
}
