package io.zhenggai.issue.figures;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * The Chinese display form (显示) of a base value, as a bulletin would print it: 310000000 CNY → 3.1亿元,
 * 1363000000 CNY → 13.63亿元, 33000000 CNY → 3300万元, 0.0241 → 2.41%, 0.0005 Δ1 → 0.05个百分点,
 * 105000 m³/d → 10.5万立方米/日.
 *
 * <p>The largest step of a unit's ladder that the value reaches is used (亿元 from 10⁸ yuan, 万元 from 10⁴), and the
 * number is never rounded: a display parses back to the same base value ({@link QuantityParser}). Counts are printed
 * as they are (37719人次), as bulletins do. An area that is exact only in 亩 is shown in 亩 (2800亩).
 */
public final class QuantityDisplay {

    /** One rung of a display ladder: values of at least {@code threshold} are shown in {@code written}. */
    private record Step(BigDecimal threshold, String written) {
    }

    private static final Map<Unit, List<Step>> LADDERS = Map.ofEntries(
            Map.entry(Unit.CNY, money("元")),
            Map.entry(Unit.USD, money("美元")),
            Map.entry(Unit.EUR, money("欧元")),
            Map.entry(Unit.HKD, money("港元")),
            Map.entry(Unit.SQUARE_METRE, ladder("平方米", "1000000", "平方公里")),
            Map.entry(Unit.METRE, ladder("米", "1000", "公里")),
            Map.entry(Unit.CUBIC_METRE, ladder("立方米", "10000", "万立方米")),
            Map.entry(Unit.TONNE, ladder("吨", "10000", "万吨")),
            Map.entry(Unit.KILOWATT, ladder("千瓦", "10000", "万千瓦")),
            Map.entry(Unit.KILOWATT_HOUR, ladder("千瓦时", "10000", "万千瓦时", "100000000", "亿千瓦时")),
            Map.entry(Unit.FRACTION, ladder("%")),
            Map.entry(Unit.FRACTION_DIFFERENCE, ladder("个百分点")),
            Map.entry(Unit.DAY, ladder("日")),
            Map.entry(Unit.HOUR, ladder("小时")),
            Map.entry(Unit.MONTH, ladder("月")),
            Map.entry(Unit.YEAR, ladder("年")));

    private QuantityDisplay() {
    }

    /** {@code baseValue} of {@code unit} as printed in a bulletin: 310000000 CNY → {@code 3.1亿元}. */
    public static String render(BigDecimal baseValue, Unit unit) {
        if (unit.isCompound()) {
            return render(baseValue, unit.numerator()) + "/" + name(unit.denominator());
        }
        if (unit.kind() == Kind.COUNT) {
            return plain(baseValue) + unit.symbol();
        }
        if (unit.kind() == Kind.TIME) {
            throw new IllegalArgumentException("time is only the denominator of a compound unit: " + unit);
        }
        if (unit.equals(Unit.SQUARE_METRE)) {
            String mu = inMu(baseValue);
            if (mu != null) {
                return mu;
            }
        }
        List<Step> ladder = ladder(unit);
        Step step = ladder.get(0);
        for (Step s : ladder) {
            if (baseValue.abs().compareTo(s.threshold()) >= 0) {
                step = s;
            }
        }
        UnitCatalogue.UnitDefinition written = UnitCatalogue.resolve(step.written(), false);
        return plain(written.fromBase(baseValue)) + step.written();
    }

    /**
     * An area that is exact only in 亩 (2800亩 is 1866666.66… m², no finite decimal) is shown in 亩, so it reads as
     * printed and parses back to the same value; an area with a short decimal expansion stays in 平方米/平方公里.
     */
    private static String inMu(BigDecimal squareMetres) {
        if (Decimals.normalise(squareMetres).scale() <= 10) {
            return null;
        }
        UnitCatalogue.UnitDefinition mu = UnitCatalogue.resolve("亩", false);
        BigDecimal inMu = mu.fromBase(squareMetres).setScale(4, RoundingMode.HALF_EVEN);
        return mu.toBase(inMu).compareTo(squareMetres) == 0 ? plain(inMu) + "亩" : null;
    }

    /**
     * A quantity as printed, with its qualifier and flags in words that {@link QuantityParser} reads back:
     * {@code 预计}, a change verb, {@code 约}, the figure, {@code 以上}/{@code 以下}; {@code 若干家} for no number.
     */
    public static String render(Quantity quantity) {
        StringBuilder out = new StringBuilder();
        if (quantity.forecast()) {
            out.append("预计");
        }
        if (quantity.qualifier() == Qualifier.UNSPECIFIED) {
            return out.append(QuantityGrammar.SOME).append(name(quantity.unit())).toString();
        }
        BigDecimal value = quantity.value();
        if (quantity.change()) {
            boolean rate = quantity.kind() == Kind.RATE || quantity.kind() == Kind.DIFFERENCE_OF_RATES;
            out.append(value.signum() < 0 ? (rate ? "下降" : "减少") : (rate ? "上升" : "增加"));
            value = value.abs();
        }
        if (quantity.qualifier() == Qualifier.APPROXIMATE) {
            out.append('约');
        }
        out.append(render(value, quantity.unit()));
        if (quantity.qualifier() == Qualifier.AT_LEAST) {
            out.append("以上");
        } else if (quantity.qualifier() == Qualifier.AT_MOST) {
            out.append("以下");
        }
        return out.toString();
    }

    /** The written name of one base unit (元, 平方米, 家, 日); a compound is named part by part. */
    private static String name(Unit unit) {
        if (unit.isCompound()) {
            return name(unit.numerator()) + "/" + name(unit.denominator());
        }
        if (unit.kind() == Kind.COUNT) {
            return unit.symbol();
        }
        return ladder(unit).get(0).written();
    }

    private static List<Step> ladder(Unit unit) {
        List<Step> ladder = LADDERS.get(unit);
        if (ladder == null) {
            throw new IllegalArgumentException("no display form for unit " + unit);
        }
        return ladder;
    }

    private static String plain(BigDecimal value) {
        return Decimals.normalise(value).toPlainString();
    }

    private static List<Step> money(String currency) {
        return ladder(currency, "10000", "万" + currency, "100000000", "亿" + currency);
    }

    /** A ladder from the base name and (threshold, name) pairs in increasing order. */
    private static List<Step> ladder(String baseName, String... thresholdsAndNames) {
        Step[] steps = new Step[1 + thresholdsAndNames.length / 2];
        steps[0] = new Step(BigDecimal.ZERO, baseName);
        for (int i = 0; i < thresholdsAndNames.length; i += 2) {
            steps[1 + i / 2] = new Step(new BigDecimal(thresholdsAndNames[i]), thresholdsAndNames[i + 1]);
        }
        return List.of(steps);
    }
}
