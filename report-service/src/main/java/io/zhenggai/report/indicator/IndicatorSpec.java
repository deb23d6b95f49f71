package io.zhenggai.report.indicator;

import java.math.BigDecimal;

/**
 * An indicator definition as authored and stored: plain text and numbers, as the API receives them and the database
 * keeps them. {@link IndicatorDefinition#parse(IndicatorSpec)} validates it; {@link IndicatorDefinition#toSpec()}
 * gives it back in canonical form, which is what should be stored and compared when deciding whether a change makes a
 * new version.
 *
 * @param code        stable identifier, same shape as a metric code, e.g. {@code loan.npl_ratio}
 * @param name        Chinese display name, e.g. 不良贷款率
 * @param numerator   expression
 * @param denominator expression, or null/blank for a plain total (numerator × factor)
 * @param factor      multiplier applied to the ratio, e.g. 100 for a percentage; null means 1
 * @param unit        display unit of the value, e.g. {@code %} or {@code CNY}; null means none
 * @param description free text
 * @param pairedBy    optional dimension: only values of it present on both sides count, so that a ratio is taken
 *                    "where both exist" (项目开工率: started ÷ planned only for industries that report both)
 * @param stated      optional single {@code metric(...)} term: a stated value (a fraction such as 0.67 for 67%) used,
 *                    marked STATED, where the ratio cannot be computed for want of readings
 */
public record IndicatorSpec(
        String code,
        String name,
        String numerator,
        String denominator,
        BigDecimal factor,
        String unit,
        String description,
        String pairedBy,
        String stated) {

    /** A definition without pairing or stated fallback, which is most of them. */
    public static IndicatorSpec of(String code, String name, String numerator, String denominator, BigDecimal factor,
                                   String unit, String description) {
        return new IndicatorSpec(code, name, numerator, denominator, factor, unit, description, null, null);
    }

    public IndicatorSpec withPairing(String pairedByDimension, String statedTerm) {
        return new IndicatorSpec(code, name, numerator, denominator, factor, unit, description, pairedByDimension,
                statedTerm);
    }
}
