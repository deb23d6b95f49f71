package io.zhenggai.issue.figures;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a written unit (计量单位) means: its base {@link Unit} and the exact factor to it. The one place that knows
 * that 亿元 is 10⁸ CNY, 万方 is 10⁴ m³ and 亩 is 10000/15 m².
 *
 * <p>A written unit is resolved in this order:
 * <ol>
 *   <li>a catalogued measure unit, a count classifier ({@link CountClassifiers}) or, in a denominator only, a time
 *       unit, taken whole (so 千瓦 is kW and 百分点 is a difference of rates, not 百 × something);</li>
 *   <li>otherwise a leading multiplier (十 百 千 万 亿, also chained: 千万, 万亿) in front of one of those:
 *       3万人 is 30000 人, 1000余万元 is 10⁷ CNY;</li>
 *   <li>a bare multiplier (51.64亿) is yuan only when the caller says the context is money;</li>
 *   <li>{@code A/B} (also with a full-width slash) is a compound of two such units, each converted:
 *       10.5万方/日 = 105000 m³/d, 0.5立方米/万元 = 0.00005 m³/CNY, 1亿元/平方公里 = 100 CNY/m².</li>
 * </ol>
 *
 * <p>Base units: CNY, USD, EUR, HKD; m²; m; m³; t; kW; kWh; {@code 1} (a rate as a fraction); {@code Δ1} (a
 * difference of rates); the classifier itself for counts; d, h, mo, a in denominators.
 *
 * <p>Every factor is an exact decimal except 亩 (= 10000/15 m², the statutory 市亩), whose conversion divides by 15;
 * the quotient is exact whenever it terminates (3亩 = 2000 m²) and otherwise carries 34 significant digits.
 */
public final class UnitCatalogue {

    /**
     * A written unit and its meaning: {@code 1 stated = factor / divisor base}.
     *
     * @param stated  the unit as written (亿元, 万方/日, ㎡)
     * @param base    the base unit values are converted to
     * @param factor  multiplied in
     * @param divisor divided by last, so non-terminating factors (亩) lose nothing until the very end
     */
    public record UnitDefinition(String stated, Unit base, BigDecimal factor, BigDecimal divisor) {

        public UnitDefinition {
            Objects.requireNonNull(stated, "stated");
            Objects.requireNonNull(base, "base");
            if (factor.signum() <= 0 || divisor.signum() <= 0) {
                throw new IllegalArgumentException("a unit factor is positive: " + stated);
            }
        }

        public Kind kind() {
            return base.kind();
        }

        /** The value in the base unit of {@code statedValue} written in this unit (3.1 亿元 → 310000000 CNY). */
        public BigDecimal toBase(BigDecimal statedValue) {
            return Decimals.normalise(Decimals.divide(statedValue.multiply(factor), divisor));
        }

        /** The value in this unit of {@code baseValue} (310000000 CNY → 3.1 亿元). */
        public BigDecimal fromBase(BigDecimal baseValue) {
            return Decimals.normalise(Decimals.divide(baseValue.multiply(divisor), factor));
        }

        UnitDefinition scaled(String writtenAs, BigDecimal multiplier) {
            return new UnitDefinition(writtenAs, base, factor.multiply(multiplier), divisor);
        }
    }

    private static final Map<String, UnitDefinition> MEASURES = new HashMap<>();
    private static final Map<String, UnitDefinition> TIMES = new HashMap<>();
    private static final Map<Character, BigDecimal> MULTIPLIERS = Map.of(
            '十', BigDecimal.TEN,
            '百', new BigDecimal("100"),
            '千', new BigDecimal("1000"),
            '万', new BigDecimal("10000"),
            '亿', new BigDecimal("100000000"));

    static {
        measure(Unit.CNY, "1", "元");
        measure(Unit.CNY, "10000", "万元");
        measure(Unit.CNY, "100000000", "亿元");
        measure(Unit.USD, "1", "美元");
        measure(Unit.USD, "10000", "万美元");
        measure(Unit.USD, "100000000", "亿美元");
        measure(Unit.EUR, "1", "欧元");
        measure(Unit.HKD, "1", "港元", "港币");

        measure(Unit.SQUARE_METRE, "1", "平方米", "平米", "㎡", "m²", "m2");
        measureDivided(Unit.SQUARE_METRE, "10000", "15", "亩");
        measure(Unit.SQUARE_METRE, "10000", "公顷", "ha");
        measure(Unit.SQUARE_METRE, "1000000", "平方公里", "平方千米", "km²", "㎢");

        measure(Unit.METRE, "1", "米", "延米", "m");
        measure(Unit.METRE, "1000", "公里", "千米", "km");
        measure(Unit.METRE, "0.01", "厘米", "cm");
        measure(Unit.METRE, "0.001", "毫米", "mm");

        measure(Unit.CUBIC_METRE, "1", "立方米", "方", "m³", "m3");
        measure(Unit.CUBIC_METRE, "10000", "万立方米", "万方");
        measure(Unit.CUBIC_METRE, "0.001", "升");

        measure(Unit.TONNE, "1", "吨", "t");
        measure(Unit.TONNE, "10000", "万吨");
        measure(Unit.TONNE, "0.001", "千克", "公斤", "kg");
        measure(Unit.TONNE, "0.0005", "斤");

        measure(Unit.KILOWATT, "1", "千瓦", "kW");
        measure(Unit.KILOWATT, "10000", "万千瓦");
        measure(Unit.KILOWATT, "0.001", "瓦");
        measure(Unit.KILOWATT, "1000", "兆瓦", "MW");
        measure(Unit.KILOWATT, "1000000", "吉瓦", "GW");

        measure(Unit.KILOWATT_HOUR, "1", "千瓦时", "kWh");
        measure(Unit.KILOWATT_HOUR, "10000", "万千瓦时");
        measure(Unit.KILOWATT_HOUR, "1000", "兆瓦时", "MWh");

        measureDivided(Unit.FRACTION, "1", "100", "%", "％");
        measureDivided(Unit.FRACTION, "1", "1000", "‰");
        measureDivided(Unit.FRACTION_DIFFERENCE, "1", "100", "个百分点", "百分点");

        time(Unit.DAY, "日", "天");
        time(Unit.HOUR, "小时");
        time(Unit.MONTH, "月");
        time(Unit.YEAR, "年");
    }

    private UnitCatalogue() {
    }

    /** The meaning of {@code statedUnit} outside a money context, or empty if it is not a unit of a reading. */
    public static Optional<UnitDefinition> lookup(String statedUnit) {
        return lookup(statedUnit, false);
    }

    /** The meaning of {@code statedUnit}, or empty if it is not a unit of a reading. */
    public static Optional<UnitDefinition> lookup(String statedUnit, boolean moneyContext) {
        try {
            return Optional.of(resolve(statedUnit, moneyContext));
        } catch (QuantityException unknown) {
            return Optional.empty();
        }
    }

    /**
     * The meaning of {@code statedUnit}.
     *
     * @param moneyContext whether a bare multiplier (亿, 万) means yuan, as in 国企51.64亿公益性资产
     * @throws QuantityException {@code MISSING_UNIT} for an empty unit or a bare multiplier outside a money
     *                           context; {@code UNKNOWN_UNIT}, naming the unit, for anything else not catalogued
     */
    public static UnitDefinition resolve(String statedUnit, boolean moneyContext) {
        return resolve(statedUnit, moneyContext, statedUnit);
    }

    static UnitDefinition resolve(String statedUnit, boolean moneyContext, String sourceText) {
        String written = statedUnit == null ? "" : statedUnit.strip();
        if (written.isEmpty()) {
            throw new QuantityException(QuantityException.Reason.MISSING_UNIT, "", sourceText,
                    "no unit in \"" + sourceText + "\"");
        }
        String unit = written.replace('／', '/');
        int slash = unit.indexOf('/');
        if (slash < 0) {
            UnitDefinition simple = simple(unit, moneyContext, sourceText);
            if (simple.kind() == Kind.TIME) {
                throw unknown(written, sourceText, "a time unit is only a denominator (万方/日); "
                        + written + " on its own is a date or a duration, not a reading");
            }
            return new UnitDefinition(written, simple.base(), simple.factor(), simple.divisor());
        }
        if (unit.indexOf('/', slash + 1) >= 0) {
            throw unknown(written, sourceText, "more than one '/' in unit " + written);
        }
        UnitDefinition numerator = simple(unit.substring(0, slash), moneyContext, sourceText);
        UnitDefinition denominator = simple(unit.substring(slash + 1), false, sourceText);
        if (numerator.kind() == Kind.TIME || isRate(numerator.kind()) || isRate(denominator.kind())) {
            throw unknown(written, sourceText, "unit " + written
                    + " divides a rate or a time; only measures and counts can be divided");
        }
        return new UnitDefinition(written, Unit.per(numerator.base(), denominator.base()),
                numerator.factor().multiply(denominator.divisor()),
                numerator.divisor().multiply(denominator.factor()));
    }

    /** Whether {@code word} is a count classifier (个, 家, 人次 …); see {@link CountClassifiers}. */
    public static boolean isCountClassifier(String word) {
        return CountClassifiers.contains(word);
    }

    /** Whether {@code word} is, as written, a catalogued measure unit (亿元 yes, 家 no, 日 no). */
    public static boolean isMeasureUnit(String word) {
        return word != null && MEASURES.containsKey(word);
    }

    /** Every written measure unit and count classifier, for the scanner's pattern. */
    static Set<String> writtenUnits() {
        Set<String> all = new LinkedHashSet<>(MEASURES.keySet());
        all.addAll(CountClassifiers.all());
        return Collections.unmodifiableSet(all);
    }

    /** Every written unit allowed after a '/': measures, classifiers and time units. */
    static Set<String> writtenDenominators() {
        Set<String> all = new LinkedHashSet<>(writtenUnits());
        all.addAll(TIMES.keySet());
        return Collections.unmodifiableSet(all);
    }

    /** Whether a multiplier character (十 百 千 万 亿). */
    static boolean isMultiplier(char c) {
        return MULTIPLIERS.containsKey(c);
    }

    private static UnitDefinition simple(String written, boolean moneyContext, String sourceText) {
        UnitDefinition whole = whole(written);
        if (whole != null) {
            return whole;
        }
        BigDecimal multiplier = BigDecimal.ONE;
        for (int i = 0; i < written.length() && isMultiplier(written.charAt(i)); i++) {
            multiplier = multiplier.multiply(MULTIPLIERS.get(written.charAt(i)));
            String rest = written.substring(i + 1);
            if (rest.isEmpty()) {
                if (moneyContext) {
                    return new UnitDefinition(written, Unit.CNY, multiplier, BigDecimal.ONE);
                }
                throw new QuantityException(QuantityException.Reason.MISSING_UNIT, written, sourceText,
                        "a bare " + written + " in \"" + sourceText
                                + "\" names no unit; it means yuan only in a money context");
            }
            UnitDefinition base = whole(rest);
            if (base != null) {
                if (base.kind() == Kind.TIME || isRate(base.kind())) {
                    throw unknown(written, sourceText, "a multiplier cannot scale " + rest);
                }
                return base.scaled(written, multiplier);
            }
        }
        throw unknown(written, sourceText, "unknown unit " + written + " in \"" + sourceText + "\"");
    }

    private static UnitDefinition whole(String written) {
        UnitDefinition measure = MEASURES.get(written);
        if (measure != null) {
            return measure;
        }
        UnitDefinition time = TIMES.get(written);
        if (time != null) {
            return time;
        }
        if (CountClassifiers.contains(written)) {
            return new UnitDefinition(written, Unit.count(written), BigDecimal.ONE, BigDecimal.ONE);
        }
        return null;
    }

    private static boolean isRate(Kind kind) {
        return kind == Kind.RATE || kind == Kind.DIFFERENCE_OF_RATES;
    }

    private static QuantityException unknown(String unit, String sourceText, String detail) {
        return new QuantityException(QuantityException.Reason.UNKNOWN_UNIT, unit, sourceText, detail);
    }

    private static void measure(Unit base, String factor, String... written) {
        measureDivided(base, factor, "1", written);
    }

    private static void measureDivided(Unit base, String factor, String divisor, String... written) {
        for (String w : written) {
            MEASURES.put(w, new UnitDefinition(w, base, new BigDecimal(factor), new BigDecimal(divisor)));
        }
    }

    private static void time(Unit base, String... written) {
        for (String w : written) {
            TIMES.put(w, new UnitDefinition(w, base, BigDecimal.ONE, BigDecimal.ONE));
        }
    }
}
