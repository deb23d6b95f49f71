package io.zhenggai.report.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/** The display forms the seed bulletin prints, from exact values in base units. */
class DisplayFormTest {

    private static String show(String value, String unit, int decimals) {
        return DisplayForm.of(new BigDecimal(value), unit, decimals);
    }

    @Test
    void shouldShowMoneyInYiAndWanAsTheBulletinDoes() {
        assertThat(show("1363000000", "CNY", 2)).isEqualTo("13.63亿元");
        assertThat(show("310000000", "CNY", 2)).isEqualTo("3.1亿元");
        assertThat(show("88394000000", "CNY", 2)).isEqualTo("883.94亿元");
        assertThat(show("33000000", "CNY", 2)).isEqualTo("3300万元");
        assertThat(show("20230000", "USD", 2)).isEqualTo("2023万美元");
        assertThat(show("8500", "CNY", 2)).isEqualTo("8500元");
        assertThat(show("-50000000", "CNY", 2)).isEqualTo("-5000万元");
    }

    @Test
    void shouldRoundPercentagesHalfUpAndDropTrailingZeros() {
        assertThat(show("2.406272", "%", 2)).isEqualTo("2.41%");
        assertThat(show("70.000000", "%", 2)).isEqualTo("70%");
        assertThat(show("55.555556", "%", 2)).isEqualTo("55.56%");
        assertThat(show("72.417202", "%", 1)).isEqualTo("72.4%");
        assertThat(show("52.941176", "%", 0)).isEqualTo("53%");
        assertThat(show("0", "%", 2)).isEqualTo("0%");
        assertThat(DisplayForm.percentOfFraction(new BigDecimal("0.0241"), 2)).isEqualTo("2.41%");
    }

    @Test
    void shouldKeepCountClassifiersAndOtherUnits() {
        assertThat(show("18", "个", 2)).isEqualTo("18个");
        assertThat(show("105000", "m³/d", 2)).isEqualTo("105000m³/d");
        assertThat(show("0.67", "1", 2)).isEqualTo("0.67");
        assertThat(show("1E+3", "", 0)).isEqualTo("1000");
    }

    @Test
    void shouldMapTheLedgersQualifiersOntoTheIndicatorsOnes() {
        assertThat(FactLoader.qualifierOf("MONEY", "EXACT", true)).isEqualTo(Qualifier.FORECAST);
        assertThat(FactLoader.qualifierOf("RATE", "EXACT", true)).isEqualTo(Qualifier.FORECAST);
        assertThat(FactLoader.qualifierOf("COUNT", "AT_LEAST", false)).isEqualTo(Qualifier.AT_LEAST);
        assertThat(FactLoader.qualifierOf("COUNT", "AT_MOST", false)).isEqualTo(Qualifier.APPROXIMATE);
        assertThat(FactLoader.qualifierOf("MONEY", "APPROXIMATE", false)).isEqualTo(Qualifier.APPROXIMATE);
        assertThat(FactLoader.qualifierOf("RATE", "EXACT", false)).isEqualTo(Qualifier.STATED);
        assertThat(FactLoader.qualifierOf("MONEY", "EXACT", false)).isEqualTo(Qualifier.EXACT);
    }

    @Test
    void shouldPrintTheQualifiersAsBulletinsDo() {
        assertThat(DisplayForm.qualified("140家", Qualifier.AT_LEAST)).isEqualTo("140余家");
        assertThat(DisplayForm.qualified("50亿元", Qualifier.AT_LEAST)).isEqualTo("50余亿元");
        assertThat(DisplayForm.qualified("13.63亿元", Qualifier.AT_LEAST)).isEqualTo("13.63亿元以上");
        assertThat(DisplayForm.qualified("300", Qualifier.AT_LEAST)).isEqualTo("300余");
        assertThat(DisplayForm.qualified("2.41%", Qualifier.FORECAST)).isEqualTo("预计2.41%");
        assertThat(DisplayForm.qualified("90%", Qualifier.APPROXIMATE)).isEqualTo("约90%");
        assertThat(DisplayForm.qualified("67%", Qualifier.STATED)).isEqualTo("67%");
        assertThat(DisplayForm.qualified("7个", Qualifier.EXACT)).isEqualTo("7个");
    }

    @Test
    void shouldPrintADifferenceOfRatesInPercentagePointsWithoutItsSign() {
        assertThat(DisplayForm.percentagePoints(new BigDecimal("-0.0005"), 2)).isEqualTo("0.05个百分点");
        assertThat(DisplayForm.percentagePoints(new BigDecimal("0.16666666"), 2)).isEqualTo("16.67个百分点");
        assertThat(DisplayForm.percentagePoints(BigDecimal.ZERO, 2)).isEqualTo("0个百分点");
    }

    @Test
    void shouldShowAnIndicatorValueRoundedOnceFromItsRatio() {
        BigDecimal ratio = new BigDecimal("2127000000").divide(new BigDecimal("88394000000"),
                IndicatorEvaluator.DIVISION);
        IndicatorValue npl = new IndicatorValue(ratio.multiply(BigDecimal.valueOf(100)).setScale(6,
                java.math.RoundingMode.HALF_UP), ratio, new BigDecimal("2127000000"), new BigDecimal("88394000000"),
                BigDecimal.valueOf(100), "%", Qualifier.FORECAST, IndicatorValue.Basis.COMPUTED, null,
                java.util.List.of(), java.util.List.of());
        assertThat(DisplayForm.of(npl, 2)).isEqualTo("2.41%");
        IndicatorValue total = new IndicatorValue(new BigDecimal("1363000000"), null, new BigDecimal("1363000000"),
                null, BigDecimal.ONE, "CNY", Qualifier.EXACT, IndicatorValue.Basis.COMPUTED, null, java.util.List.of(),
                java.util.List.of());
        assertThat(DisplayForm.of(total, 2)).isEqualTo("13.63亿元");
    }
}
