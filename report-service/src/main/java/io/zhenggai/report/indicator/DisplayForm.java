package io.zhenggai.report.indicator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The Chinese display form of a figure, as a bulletin prints it: 13.63亿元, 3300万元, 2023万美元, 2.41%, 18个.
 * Money in a base currency unit is shown in 亿 from one hundred million and in 万 from ten thousand; a percentage is
 * already × 100. Rounded HALF_UP to the given places, then trailing zeros dropped (70%, not 70.00%). Display only:
 * the exact value always travels next to it.
 */
public final class DisplayForm {

    private static final BigDecimal YI = new BigDecimal("100000000");
    private static final BigDecimal WAN = new BigDecimal("10000");
    private static final Map<String, String> CURRENCIES = Map.of("CNY", "元", "USD", "美元", "EUR", "欧元",
            "HKD", "港元", "JPY", "日元");

    private DisplayForm() {
    }

    /**
     * @param value    exact value in {@code unit}
     * @param unit     %, a currency code (CNY, USD, …), a count classifier (个, 家, …), another unit symbol, or
     *                 empty / {@code 1} for a plain number
     * @param decimals places after the point, at most
     */
    public static String of(BigDecimal value, String unit, int decimals) {
        if (value == null) {
            return null;
        }
        String u = unit == null ? "" : unit;
        String currency = CURRENCIES.get(u);
        if (currency != null) {
            BigDecimal magnitude = value.abs();
            if (magnitude.compareTo(YI) >= 0) {
                return number(value.divide(YI), decimals) + "亿" + currency;
            }
            if (magnitude.compareTo(WAN) >= 0) {
                return number(value.divide(WAN), decimals) + "万" + currency;
            }
            return number(value, decimals) + currency;
        }
        if (u.isEmpty() || u.equals("1")) {
            return number(value, decimals);
        }
        return number(value, decimals) + u;
    }

    /**
     * An indicator's value as printed: a ratio rounded once from its exact ratio, a total as it is; null without a
     * value. The one display of indicator values, for the API and the bulletin alike.
     */
    public static String of(IndicatorValue value, int decimals) {
        if (!value.hasValue()) {
            return null;
        }
        BigDecimal shown = value.ratio() != null ? value.rounded(decimals).orElseThrow() : value.value();
        return of(shown, value.unit(), decimals);
    }

    /**
     * A displayed figure with the words a bulletin prints for its qualifier: a forecast (预计) before it, a lower bound
     * as 余 between a whole number and its unit (140余家, 50余亿元) or 以上 after a fraction (13.63亿元以上), an
     * approximate figure after 约. A figure stated as printed, or exact, is shown as it is.
     */
    public static String qualified(String display, Qualifier qualifier) {
        if (display == null || qualifier == null) {
            return display;
        }
        return switch (qualifier) {
            case FORECAST -> "预计" + display;
            case APPROXIMATE -> "约" + display;
            case AT_LEAST -> atLeast(display);
            case EXACT, STATED -> display;
        };
    }

    private static String atLeast(String display) {
        int end = 0;
        while (end < display.length() && (Character.isDigit(display.charAt(end)) || display.charAt(end) == '-')) {
            end++;
        }
        if (end == 0 || end < display.length() && display.charAt(end) == '.') {
            return display + "以上";
        }
        return display.substring(0, end) + "余" + display.substring(end);
    }

    /**
     * A difference of two rates given as a fraction (−0.0005) as bulletins print it, without its sign, which the
     * words around it carry (较年初降低0.05个百分点).
     */
    public static String percentagePoints(BigDecimal fractionDifference, int decimals) {
        return fractionDifference == null ? null
                : of(fractionDifference.abs().movePointRight(2), "个百分点", decimals);
    }

    /** A rate given as a fraction (0.0241) in the display form of a percentage (2.41%). */
    public static String percentOfFraction(BigDecimal fraction, int decimals) {
        return fraction == null ? null : of(fraction.movePointRight(2), "%", decimals);
    }

    private static String number(BigDecimal value, int decimals) {
        BigDecimal rounded = value.setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0";
        }
        return rounded.toPlainString();
    }
}
