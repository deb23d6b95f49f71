package io.zhenggai.issue.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityDisplayTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "310000000, CNY, 3.1亿元",
            "1363000000, CNY, 13.63亿元",
            "33000000, CNY, 3300万元",
            "7393200, CNY, 739.32万元",
            "4000, CNY, 4000元",
            "20230000, USD, 2023万美元",
            "0.0241, 1, 2.41%",
            "0.67, 1, 67%",
            "0.0005, Δ1, 0.05个百分点",
            "-0.0005, Δ1, -0.05个百分点",
            "44.1, m², 44.1平方米",
            "700000, m², 700000平方米",
            "2500000, m², 2.5平方公里",
            "16400, m, 16.4公里",
            "500, m, 500米",
            "28824000, m³, 2882.4万立方米",
            "100000, t, 10万吨",
            "2000000, kW, 200万千瓦",
            "12000, kWh, 1.2万千瓦时",
    })
    void shouldRenderABaseValueAsABulletinWould(String value, String unit, String expected) {
        assertThat(QuantityDisplay.render(new BigDecimal(value), unitOf(unit))).isEqualTo(expected);
    }

    @Test
    void shouldNeverPrintScientificNotationOrTrailingZeros() {
        assertThat(QuantityDisplay.render(new BigDecimal("3.1E+8"), Unit.CNY)).isEqualTo("3.1亿元");
        assertThat(QuantityDisplay.render(new BigDecimal("33000000.00"), Unit.CNY)).isEqualTo("3300万元");
    }

    @Test
    void shouldRenderACountWithItsClassifier() {
        assertThat(QuantityDisplay.render(new BigDecimal("37719"), Unit.count("人次"))).isEqualTo("37719人次");
    }

    @Test
    void shouldRenderACompoundUnitPartByPart() {
        assertThat(QuantityDisplay.render(new BigDecimal("105000"), Unit.per(Unit.CUBIC_METRE, Unit.DAY)))
                .isEqualTo("10.5万立方米/日");
        assertThat(QuantityDisplay.render(new BigDecimal("70"), Unit.per(Unit.CNY, Unit.SQUARE_METRE)))
                .isEqualTo("70元/平方米");
    }

    @Test
    void shouldRenderAnAreaThatIsExactOnlyInMuInMu() {
        Quantity q = QuantityParser.parse("2800亩");
        assertThat(q.display()).isEqualTo("2800亩");
        assertThat(QuantityDisplay.render(new BigDecimal("1000000"), Unit.SQUARE_METRE)).isEqualTo("1平方公里");
    }

    @Test
    void shouldRenderQualifiersAndFlagsInWordsTheParserReads() {
        assertThat(QuantityParser.parse("140余家").display()).isEqualTo("140家以上");
        assertThat(QuantityParser.parse("约123132人").display()).isEqualTo("约123132人");
        assertThat(QuantityParser.parse("预计超过50亿元").display()).isEqualTo("预计50亿元以上");
        assertThat(QuantityParser.parse("降低0.05个百分点").display()).isEqualTo("下降0.05个百分点");
        assertThat(QuantityParser.parse("减少3家").display()).isEqualTo("减少3家");
        assertThat(QuantityParser.parse("若干家").display()).isEqualTo("若干家");
        assertThat(QuantityParser.parse("51.64亿", ParseContext.DEFAULT.withMoney()).display())
                .isEqualTo("51.64亿元");
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.1亿元", "3300万元", "2023万美元", "1465万美元", "883.94亿元", "21.27亿元", "2.41%",
            "0.05个百分点", "140余家", "10.5万方/日", "18个", "67%", "约123132人", "预计超过50亿元", "不足10家",
            "降低0.05个百分点", "增长20.7%", "减少3家", "若干家", "2800亩", "3亩", "1亩", "16.73立方米/万元",
            "0.7亿元/平方公里", "1.2345万元", "0.5千瓦", "20万方及以上", "四项", "2GW", "300元/人", "1万元/亩"})
    void shouldRoundTripThroughTheDisplayForm(String text) {
        Quantity parsed = QuantityParser.parse(text);
        Quantity again = QuantityParser.parse(parsed.display());
        assertThat(again.value()).isEqualTo(parsed.value());
        assertThat(again.unit()).isEqualTo(parsed.unit());
        assertThat(again.qualifier()).isEqualTo(parsed.qualifier());
        assertThat(again.forecast()).isEqualTo(parsed.forecast());
        assertThat(again.change()).isEqualTo(parsed.change());
    }

    private static Unit unitOf(String symbol) {
        return switch (symbol) {
            case "CNY" -> Unit.CNY;
            case "USD" -> Unit.USD;
            case "1" -> Unit.FRACTION;
            case "Δ1" -> Unit.FRACTION_DIFFERENCE;
            case "m²" -> Unit.SQUARE_METRE;
            case "m" -> Unit.METRE;
            case "m³" -> Unit.CUBIC_METRE;
            case "t" -> Unit.TONNE;
            case "kW" -> Unit.KILOWATT;
            case "kWh" -> Unit.KILOWATT_HOUR;
            default -> throw new IllegalArgumentException(symbol);
        };
    }
}
