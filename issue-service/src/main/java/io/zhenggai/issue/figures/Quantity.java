package io.zhenggai.issue.figures;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A quantity (数量) read from a bulletin or an API call: an exact value in a base unit, together with what was
 * printed, so that a display can show 3.1亿元 again while sums use 310000000 CNY.
 *
 * <p>{@link #value()} is always in canonical form (no trailing zeros, never a negative scale), so equal quantities
 * are {@code equals}; {@link #statedValue()} is kept as printed (3.10 stays 3.10).
 *
 * @param value       in {@link #unit()}; {@code null} exactly when the qualifier is {@link Qualifier#UNSPECIFIED}
 *                    (若干); negative only for a change or a difference of rates; below 10^18 in magnitude
 *                    ({@link Bounds}, else {@link QuantityOutOfBoundsException})
 * @param unit        the base unit (CNY, m³/d, 家 …)
 * @param kind        always {@code unit.kind()}, repeated for convenience
 * @param qualifier   how the number bounds the true value
 * @param forecast    预计: a forecast rather than an achieved figure
 * @param change      a signed change (增加/下降 …) rather than a level
 * @param sourceText  the text read, e.g. {@code 降低0.05个百分点}
 * @param statedValue the number as printed, before unit conversion and without the sign a change verb gives it
 *                    (0.05 for 降低0.05个百分点, 4 for 四项); {@code null} for 若干
 * @param statedUnit  the unit as printed (亿元, 万方/日, 亿)
 */
public record Quantity(BigDecimal value, Unit unit, Kind kind, Qualifier qualifier, boolean forecast,
                       boolean change, String sourceText, BigDecimal statedValue, String statedUnit) {

    public Quantity {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(qualifier, "qualifier");
        if (kind != unit.kind()) {
            throw new IllegalArgumentException("kind " + kind + " does not match unit " + unit);
        }
        if ((value == null) != (qualifier == Qualifier.UNSPECIFIED)) {
            throw new IllegalArgumentException("a value is absent exactly when the qualifier is UNSPECIFIED");
        }
        if (value != null) {
            Bounds.checkMagnitude(value, sourceText != null ? sourceText : value.toString(), sourceText);
        }
        value = Decimals.normalise(value);
    }

    /** The Chinese display form, from the base value: 310000000 CNY as 3.1亿元, AT_LEAST 140 家 as 140家以上. */
    public String display() {
        return QuantityDisplay.render(this);
    }
}
