package io.zhenggai.issue.figures;

import java.util.Objects;

/**
 * A base unit (基本单位): what {@link Quantity#value()} is expressed in. Units are compared by value, so two
 * quantities can be summed exactly when their units are {@link #equals equal}.
 *
 * <p>A compound unit keeps its numerator and denominator (m³/d has numerator m³ and denominator d), so an
 * aggregation can still tell what is divided by what; a simple unit has neither.
 *
 * @param symbol      a stable, storable symbol: {@code CNY}, {@code m²}, {@code 1}, {@code 家}, {@code m³/d} …
 * @param kind        what the unit measures
 * @param numerator   for {@link Kind#COMPOUND} only, else {@code null}
 * @param denominator for {@link Kind#COMPOUND} only, else {@code null}
 */
public record Unit(String symbol, Kind kind, Unit numerator, Unit denominator) {

    /** 人民币元. */
    public static final Unit CNY = simple("CNY", Kind.MONEY);
    /** 美元. */
    public static final Unit USD = simple("USD", Kind.MONEY);
    /** 欧元. */
    public static final Unit EUR = simple("EUR", Kind.MONEY);
    /** 港元. */
    public static final Unit HKD = simple("HKD", Kind.MONEY);
    /** 平方米. */
    public static final Unit SQUARE_METRE = simple("m²", Kind.AREA);
    /** 米. */
    public static final Unit METRE = simple("m", Kind.LENGTH);
    /** 立方米 (方). */
    public static final Unit CUBIC_METRE = simple("m³", Kind.VOLUME);
    /** 吨. */
    public static final Unit TONNE = simple("t", Kind.MASS);
    /** 千瓦. */
    public static final Unit KILOWATT = simple("kW", Kind.POWER);
    /** 千瓦时 (度电). */
    public static final Unit KILOWATT_HOUR = simple("kWh", Kind.ENERGY);
    /** A rate as a plain fraction: 2.41% is 0.0241 of this unit. */
    public static final Unit FRACTION = simple("1", Kind.RATE);
    /** A difference of two fractions: 0.05个百分点 is 0.0005 of this unit. */
    public static final Unit FRACTION_DIFFERENCE = simple("Δ1", Kind.DIFFERENCE_OF_RATES);
    /** 日 / 天, only as a denominator. */
    public static final Unit DAY = simple("d", Kind.TIME);
    /** 小时, only as a denominator. */
    public static final Unit HOUR = simple("h", Kind.TIME);
    /**
     * 月, only as a denominator. Months, days and years are deliberately not converted into one another: a month
     * has no fixed number of days, and bulletins compare per-day figures with per-day figures.
     */
    public static final Unit MONTH = simple("mo", Kind.TIME);
    /** 年, only as a denominator. */
    public static final Unit YEAR = simple("a", Kind.TIME);

    public Unit {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(kind, "kind");
        boolean compound = kind == Kind.COMPOUND;
        if (compound != (numerator != null) || compound != (denominator != null)) {
            throw new IllegalArgumentException("a COMPOUND unit, and only it, has a numerator and a denominator: "
                    + symbol);
        }
    }

    /**
     * The unit of a count: the classifier itself (量词), so 18个 and 18家 stay distinct and never add up.
     */
    public static Unit count(String classifier) {
        if (!CountClassifiers.contains(classifier)) {
            throw new IllegalArgumentException("not a count classifier: " + classifier);
        }
        return simple(classifier, Kind.COUNT);
    }

    /** numerator per denominator, e.g. {@code per(CUBIC_METRE, DAY)} is m³/d. */
    public static Unit per(Unit numerator, Unit denominator) {
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(denominator, "denominator");
        if (numerator.isCompound() || denominator.isCompound()) {
            throw new IllegalArgumentException("a compound unit has simple parts: "
                    + numerator.symbol + " / " + denominator.symbol);
        }
        return new Unit(numerator.symbol + "/" + denominator.symbol, Kind.COMPOUND, numerator, denominator);
    }

    public boolean isCompound() {
        return kind == Kind.COMPOUND;
    }

    private static Unit simple(String symbol, Kind kind) {
        return new Unit(symbol, kind, null, null);
    }

    @Override
    public String toString() {
        return symbol;
    }
}
