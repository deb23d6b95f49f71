package io.zhenggai.issue.importing;

import java.math.BigDecimal;

/**
 * The parts of a stated rate as the text gives them: 已完成整改7个,未完成整改3个,完成率70% has numerator 7个,
 * complement 3个 and (from them) denominator 10个. When the text gives no parts (开工率67%), the rate is
 * {@link #STATED}: no denominator is invented.
 *
 * @param numerator            the numerator as printed, or {@code null}
 * @param denominator          the denominator as printed, or {@code null} when derived or absent
 * @param complement           the 未完成 part as printed, or {@code null}
 * @param numeratorValue       the numerator in base units, or {@code null}
 * @param denominatorValue     the denominator in base units (printed, or numerator + complement), or {@code null}
 */
public record RateParts(String numerator, String denominator, String complement, BigDecimal numeratorValue,
                        BigDecimal denominatorValue) {

    /** A rate the text states without its parts. */
    public static final RateParts STATED = new RateParts(null, null, null, null, null);

    public boolean stated() {
        return numeratorValue == null || denominatorValue == null;
    }
}
