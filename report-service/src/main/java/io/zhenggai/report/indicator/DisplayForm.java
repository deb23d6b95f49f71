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
