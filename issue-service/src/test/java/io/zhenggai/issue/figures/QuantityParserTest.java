package io.zhenggai.issue.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityParserTest {

    private static final ParseContext MONEY = ParseContext.DEFAULT.withMoney();

    /** Asserts the exact base value, by value and by canonical printed form, and the base unit. */
    private static void assertBase(Quantity q, String expectedValue, String expectedUnit) {
        assertThat(q.value()).isEqualByComparingTo(expectedValue);
        assertThat(q.value().toPlainString()).isEqualTo(new BigDecimal(expectedValue).stripTrailingZeros()
                .toPlainString());
        assertThat(q.unit().symbol()).isEqualTo(expectedUnit);
        assertThat(q.kind()).isEqualTo(q.unit().kind());
    }

    private static QuantityException refusal(String text, ParseContext context) {
        return catchThrowableOfType(QuantityException.class, () -> QuantityParser.parse(text, context));
    }

    @Nested
    class FiguresFromTheSeedBulletin {

        @Test
        void shouldConvertYiYuanToYuan() {
            Quantity q = QuantityParser.parse("3.1亿元");
            assertBase(q, "310000000", "CNY");
            assertThat(q.kind()).isEqualTo(Kind.MONEY);
            assertThat(q.qualifier()).isEqualTo(Qualifier.EXACT);
        }

        @Test
        void shouldConvertWanYuanToYuan() {
            assertBase(QuantityParser.parse("3300万元"), "33000000", "CNY");
        }

        @Test
        void shouldConvertWanUsDollarsToDollars() {
            assertBase(QuantityParser.parse("2023万美元"), "20230000", "USD");
            assertBase(QuantityParser.parse("1465万美元"), "14650000", "USD");
        }

        @Test
        void shouldKeepTheDecimalsOfLargeYiYuanFigures() {
            assertBase(QuantityParser.parse("883.94亿元"), "88394000000", "CNY");
            assertBase(QuantityParser.parse("21.27亿元"), "2127000000", "CNY");
        }

        @Test
        void shouldConvertPercentToAFraction() {
            Quantity q = QuantityParser.parse("2.41%");
            assertBase(q, "0.0241", "1");
            assertThat(q.kind()).isEqualTo(Kind.RATE);
            assertBase(QuantityParser.parse("67%"), "0.67", "1");
        }

        @Test
        void shouldReadPercentagePointsAsADifferenceOfRatesNotARate() {
            Quantity q = QuantityParser.parse("0.05个百分点");
            assertBase(q, "0.0005", "Δ1");
            assertThat(q.kind()).isEqualTo(Kind.DIFFERENCE_OF_RATES).isNotEqualTo(Kind.RATE);
        }

        @Test
        void shouldReadYuCountAsAtLeast() {
            Quantity q = QuantityParser.parse("140余家");
            assertBase(q, "140", "家");
            assertThat(q.kind()).isEqualTo(Kind.COUNT);
            assertThat(q.qualifier()).isEqualTo(Qualifier.AT_LEAST);
            assertThat(q.statedUnit()).isEqualTo("家");
        }

        @Test
        void shouldReadABareYiAsYuanInAMoneyContext() {
            Quantity q = QuantityParser.parse("51.64亿", MONEY);
            assertBase(q, "5164000000", "CNY");
            assertThat(q.statedUnit()).isEqualTo("亿");
            assertBase(QuantityParser.parse("3300万", MONEY), "33000000", "CNY");
        }

        @Test
        void shouldConvertWanFangPerDayToCubicMetresPerDay() {
            Quantity q = QuantityParser.parse("10.5万方/日");
            assertBase(q, "105000", "m³/d");
            assertThat(q.kind()).isEqualTo(Kind.COMPOUND);
            assertThat(q.unit().numerator()).isEqualTo(Unit.CUBIC_METRE);
            assertThat(q.unit().denominator()).isEqualTo(Unit.DAY);
        }

        @Test
        void shouldKeepTheClassifierAsTheUnitOfACount() {
            Quantity q = QuantityParser.parse("18个");
            assertBase(q, "18", "个");
            assertThat(q.unit()).isEqualTo(Unit.count("个")).isNotEqualTo(Unit.count("家"));
        }

        @Test
        void shouldKeepTheSourceTextAndTheStatedValueAndUnit() {
            Quantity q = QuantityParser.parse("3.10亿元");
            assertThat(q.sourceText()).isEqualTo("3.10亿元");
            assertThat(q.statedValue()).isEqualTo(new BigDecimal("3.10"));
            assertThat(q.statedUnit()).isEqualTo("亿元");
            assertThat(q.value()).isEqualTo(new BigDecimal("310000000"));
        }

        @Test
        void shouldSumTheSeedInvestmentExactly() {
            BigDecimal total = QuantityParser.parse("3.1亿元").value()
                    .add(QuantityParser.parse("10.2亿元").value())
                    .add(QuantityParser.parse("3300万元").value());
            assertThat(total).isEqualByComparingTo("1363000000");
        }
    }

    @Nested
    class MeasureUnits {

        @ParameterizedTest(name = "{0} = {1} {2}")
        @CsvSource({
                "1元, 1, CNY",
                "2.5万元, 25000, CNY",
                "0.33亿元, 33000000, CNY",
                "12美元, 12, USD",
                "7.5万美元, 75000, USD",
                "1.2亿美元, 120000000, USD",
                "3欧元, 3, EUR",
                "4港元, 4, HKD",
                "44.1平方米, 44.1, m²",
                "15㎡, 15, m²",
                "3亩, 2000, m²",
                "1.5亩, 1000, m²",
                "2公顷, 20000, m²",
                "0.7平方公里, 700000, m²",
                "16.4公里, 16400, m",
                "500米, 500, m",
                "2.5千米, 2500, m",
                "120立方米, 120, m³",
                "500方, 500, m³",
                "3万立方米, 30000, m³",
                "2882.4万方, 28824000, m³",
                "5000吨, 5000, t",
                "10万吨, 100000, t",
                "250千克, 0.25, t",
                "600千瓦, 600, kW",
                "1.5万千瓦, 15000, kW",
                "2GW, 2000000, kW",
                "30兆瓦, 30000, kW",
                "800千瓦时, 800, kWh",
                "1.2万千瓦时, 12000, kWh",
                "5‰, 0.005, 1",
                "3百分点, 0.03, Δ1",
        })
        void shouldConvertEveryCataloguedUnitToItsBaseUnit(String text, String value, String unit) {
            assertBase(QuantityParser.parse(text), value, unit);
        }

        @Test
        void shouldConvertMuOnlyApproximatelyWhenTheQuotientDoesNotTerminate() {
            Quantity q = QuantityParser.parse("1亩");
            assertThat(q.value().precision()).isEqualTo(34);
            assertThat(q.value().subtract(new BigDecimal("666.6666666666666666666666666666667")).abs())
                    .isLessThan(new BigDecimal("1E-30"));
        }

        @Test
        void shouldApplyAMultiplierToAnyCataloguedUnit() {
            assertBase(QuantityParser.parse("3千万元"), "30000000", "CNY");
            assertBase(QuantityParser.parse("2万亩"), "13333333.33333333333333333333333333", "m²");
            assertBase(QuantityParser.parse("1.2万人"), "12000", "人");
        }

        @Test
        void shouldConvertBothSidesOfACompoundUnit() {
            assertBase(QuantityParser.parse("16.73立方米/万元"), "0.001673", "m³/CNY");
            assertBase(QuantityParser.parse("0.7亿元/平方公里"), "70", "CNY/m²");
            assertBase(QuantityParser.parse("1万元/亩"), "15", "CNY/m²");
            assertBase(QuantityParser.parse("50万吨/年"), "500000", "t/a");
            assertBase(QuantityParser.parse("300元/人"), "300", "CNY/人");
            assertBase(QuantityParser.parse("10.5万方／日"), "105000", "m³/d");
        }

        @Test
        void shouldReadFullWidthDigitsAndThousandsSeparators() {
            assertBase(QuantityParser.parse("３.１亿元"), "310000000", "CNY");
            assertBase(QuantityParser.parse("３．１亿元"), "310000000", "CNY");
            assertBase(QuantityParser.parse("1,465万美元"), "14650000", "USD");
            assertBase(QuantityParser.parse("1，465家"), "1465", "家");
            assertBase(QuantityParser.parse("１，２３４，５６７元"), "1234567", "CNY");
        }

        @Test
        void shouldAcceptABlankBetweenNumberAndUnit() {
            assertBase(QuantityParser.parse(" 3.1 亿元 "), "310000000", "CNY");
        }

        @Test
        void shouldReadAValueAndAUnitGivenApart() {
            Quantity q = QuantityParser.parse(new BigDecimal("3.1"), "亿元", ParseContext.DEFAULT);
            assertBase(q, "310000000", "CNY");
            assertThat(q.statedUnit()).isEqualTo("亿元");
            assertThat(QuantityParser.parse(new BigDecimal("140"), "余家", ParseContext.DEFAULT).qualifier())
                    .isEqualTo(Qualifier.AT_LEAST);
        }
    }

    @Nested
    class ChineseNumeralsInTokens {

        @ParameterizedTest(name = "{0} = {1} {2}")
        @CsvSource({
                "四项, 4, 项",
                "十二个, 12, 个",
                "两个, 2, 个",
                "一百零五项, 105, 项",
                "三千五百人, 3500, 人",
                "两万吨, 20000, t",
                "三亿元, 300000000, CNY",
                "十多个, 10, 个",
        })
        void shouldReadPlainChineseNumerals(String text, String value, String unit) {
            Quantity q = QuantityParser.parse(text);
            assertBase(q, value, unit);
        }

        @Test
        void shouldKeepTheChineseNumeralAsStatedValue() {
            Quantity q = QuantityParser.parse("四项");
            assertThat(q.statedValue()).isEqualByComparingTo("4");
            assertThat(q.sourceText()).isEqualTo("四项");
        }
    }

    @Nested
    class Qualifiers {

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({
                "140余家, AT_LEAST",
                "100多人, AT_LEAST",
                "50亿元以上, AT_LEAST",
                "20万方及以上, AT_LEAST",
                "超过3家, AT_LEAST",
                "不低于4次, AT_LEAST",
                "1000余万元, AT_LEAST",
                "3万余人, AT_LEAST",
                "约123132人, APPROXIMATE",
                "近100家, APPROXIMATE",
                "50人左右, APPROXIMATE",
                "大约3亿元, APPROXIMATE",
                "不足10家, AT_MOST",
                "50人以下, AT_MOST",
                "不超过3家, AT_MOST",
                "3.1亿元, EXACT",
        })
        void shouldReadTheBoundFromTheText(String text, Qualifier expected) {
            assertThat(QuantityParser.parse(text).qualifier()).isEqualTo(expected);
        }

        @Test
        void shouldApplyTheMultiplierWhereverTheYuMarkerStands() {
            assertBase(QuantityParser.parse("1000余万元"), "10000000", "CNY");
            Quantity q = QuantityParser.parse("3万余人");
            assertBase(q, "30000", "人");
            assertThat(q.statedUnit()).isEqualTo("万人");
        }

        @Test
        void shouldReadYuJiAsAForecastKeepingTheBound() {
            Quantity q = QuantityParser.parse("预计超过50亿元");
            assertThat(q.forecast()).isTrue();
            assertThat(q.qualifier()).isEqualTo(Qualifier.AT_LEAST);
            assertBase(q, "5000000000", "CNY");
        }

        @Test
        void shouldTakeTheForecastFromTheCaller() {
            assertThat(QuantityParser.parse("883.94亿元").forecast()).isFalse();
            assertThat(QuantityParser.parse("883.94亿元", ParseContext.DEFAULT.withForecast()).forecast()).isTrue();
        }

        @Test
        void shouldTakeTheBoundFromTheCaller() {
            Quantity q = QuantityParser.parse("140家", ParseContext.DEFAULT.withQualifier(Qualifier.AT_LEAST));
            assertThat(q.qualifier()).isEqualTo(Qualifier.AT_LEAST);
        }

        @Test
        void shouldReadRuoganAsAQuantityWithoutANumber() {
            Quantity q = QuantityParser.parse("若干家");
            assertThat(q.value()).isNull();
            assertThat(q.statedValue()).isNull();
            assertThat(q.qualifier()).isEqualTo(Qualifier.UNSPECIFIED);
            assertThat(q.unit()).isEqualTo(Unit.count("家"));
            assertThat(QuantityParser.parse("若干万元").unit()).isEqualTo(Unit.CNY);
        }

        @Test
        void shouldRefuseConflictingBounds() {
            QuantityException e = refusal("约50亿元以上", ParseContext.DEFAULT);
            assertThat(e.reason()).isEqualTo(QuantityException.Reason.MALFORMED);
            assertThat(e.offendingText()).isEqualTo("以上");
            assertThat(refusal("约140家", ParseContext.DEFAULT.withQualifier(Qualifier.AT_LEAST)).reason())
                    .isEqualTo(QuantityException.Reason.MALFORMED);
        }

        @Test
        void shouldRefuseANumberTheCallerSaysIsUnspecified() {
            QuantityException e = refusal("3家", ParseContext.DEFAULT.withQualifier(Qualifier.UNSPECIFIED));
            assertThat(e.reason()).isEqualTo(QuantityException.Reason.MALFORMED);
        }

        @Test
        void shouldAcceptTwoWordsForTheSameBound() {
            assertThat(QuantityParser.parse("超过100余家").qualifier()).isEqualTo(Qualifier.AT_LEAST);
        }
    }

    @Nested
    class Changes {

        @Test
        void shouldAcceptANegativeDeltaAsAChange() {
            Quantity q = QuantityParser.parse("-3家", ParseContext.DEFAULT.withChange());
            assertBase(q, "-3", "家");
            assertThat(q.change()).isTrue();
        }

        @Test
        void shouldNegateADecreaseGivenByTheCaller() {
            Quantity q = QuantityParser.parse("0.05个百分点", ParseContext.DEFAULT.withChange("降低"));
            assertBase(q, "-0.0005", "Δ1");
            assertThat(q.change()).isTrue();
            assertThat(q.statedValue()).isEqualByComparingTo("0.05");
        }

        @Test
        void shouldReadAChangeVerbInTheText() {
            Quantity fall = QuantityParser.parse("降低0.05个百分点");
            assertBase(fall, "-0.0005", "Δ1");
            assertThat(fall.change()).isTrue();
            Quantity rise = QuantityParser.parse("增长20.7%");
            assertBase(rise, "0.207", "1");
            assertThat(rise.change()).isTrue();
            assertBase(QuantityParser.parse("减少2家"), "-2", "家");
        }

        @Test
        void shouldMultiplyTheVerbAndTheSign() {
            assertBase(QuantityParser.parse("增长-3.2%"), "-0.032", "1");
            assertBase(QuantityParser.parse("下降-3.2%"), "0.032", "1");
        }

        @Test
        void shouldNotMarkALevelAsAChange() {
            assertThat(QuantityParser.parse("18个").change()).isFalse();
        }

        @Test
        void shouldAllowAGrowthRateAbove100Percent() {
            assertBase(QuantityParser.parse("增长150%"), "1.5", "1");
        }

        @Test
        void shouldRefuseAnUnknownChangeVerb() {
            assertThatThrownBy(() -> ParseContext.DEFAULT.withChange("完成"))
                    .isInstanceOfSatisfying(QuantityException.class, e -> {
                        assertThat(e.reason()).isEqualTo(QuantityException.Reason.MALFORMED);
                        assertThat(e.offendingText()).isEqualTo("完成");
                    });
        }

        @Test
        void shouldRefuseAVerbContradictingTheCaller() {
            assertThat(refusal("增加3家", ParseContext.DEFAULT.withChange("减少")).reason())
                    .isEqualTo(QuantityException.Reason.MALFORMED);
        }
    }

    @Nested
    class Refusals {

        @Test
        void shouldRefuseAnUnknownUnitNamingIt() {
            QuantityException e = refusal("5光年", ParseContext.DEFAULT);
            assertThat(e.reason()).isEqualTo(QuantityException.Reason.UNKNOWN_UNIT);
            assertThat(e.offendingText()).isEqualTo("光年");
            assertThat(e.sourceText()).isEqualTo("5光年");
            assertThat(e.getMessage()).contains("光年");
        }

        @Test
        void shouldNameTheUnknownUnitAfterAChineseNumeralAndAMarker() {
            assertThat(refusal("两万光年", ParseContext.DEFAULT).offendingText()).isEqualTo("光年");
            assertThat(refusal("3万余光年", ParseContext.DEFAULT).offendingText()).isEqualTo("万光年");
        }

        @Test
        void shouldRefuseAValueAndUnknownUnitGivenApartNamingTheUnit() {
            QuantityException e = catchThrowableOfType(QuantityException.class,
                    () -> QuantityParser.parse(new BigDecimal("3"), "桶", ParseContext.DEFAULT));
            assertThat(e.reason()).isEqualTo(QuantityException.Reason.UNKNOWN_UNIT);
            assertThat(e.offendingText()).isEqualTo("桶");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2023年", "5月", "22日", "77位", "65岁", "3个月"})
        void shouldRefuseDatesRanksAgesAndDurationsAsUnits(String text) {
            assertThat(refusal(text, ParseContext.DEFAULT).reason())
                    .isEqualTo(QuantityException.Reason.UNKNOWN_UNIT);
        }

        @Test
        void shouldRefuseABareYiOutsideAMoneyContext() {
            QuantityException e = refusal("51.64亿", ParseContext.DEFAULT);
            assertThat(e.reason()).isEqualTo(QuantityException.Reason.MISSING_UNIT);
            assertThat(e.offendingText()).isEqualTo("亿");
        }

        @Test
        void shouldRefuseANumberWithoutAUnit() {
            assertThat(refusal("42", ParseContext.DEFAULT).reason())
                    .isEqualTo(QuantityException.Reason.MISSING_UNIT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "亿元", "abc", "3.1.2亿元", "1,46万元", "十十个", "约", "签约3个"})
        void shouldRefuseTextThatIsNotAQuantity(String text) {
            assertThat(refusal(text, ParseContext.DEFAULT).reason()).isEqualTo(QuantityException.Reason.MALFORMED);
        }

        @Test
        void shouldRefuseANegativeCount() {
            QuantityException e = refusal("-3家", ParseContext.DEFAULT);
            assertThat(e.reason()).isEqualTo(QuantityException.Reason.NEGATIVE_COUNT);
            assertThat(e.offendingText()).isEqualTo("-3家");
            assertThat(refusal("－3家", ParseContext.DEFAULT).reason())
                    .isEqualTo(QuantityException.Reason.NEGATIVE_COUNT);
        }

        @Test
        void shouldRefuseANegativeLevelOfAMeasure() {
            assertThat(refusal("-3.1亿元", ParseContext.DEFAULT).reason())
                    .isEqualTo(QuantityException.Reason.NEGATIVE_VALUE);
            assertThat(refusal("-2.41%", ParseContext.DEFAULT).reason())
                    .isEqualTo(QuantityException.Reason.NEGATIVE_VALUE);
        }

        @Test
        void shouldAcceptANegativeDifferenceOfRatesWithoutAChangeFlag() {
            assertBase(QuantityParser.parse("-0.05个百分点"), "-0.0005", "Δ1");
        }

        @Test
        void shouldRefuseAFractionalCount() {
            assertThat(refusal("1.5家", ParseContext.DEFAULT).reason())
                    .isEqualTo(QuantityException.Reason.FRACTIONAL_COUNT);
            assertBase(QuantityParser.parse("1.5万家"), "15000", "家");
        }

        @Test
        void shouldRefuseARateAbove100PercentUnlessExceeded() {
            QuantityException e = refusal("120%", ParseContext.DEFAULT);
            assertThat(e.reason()).isEqualTo(QuantityException.Reason.RATE_ABOVE_100);
            assertThat(e.offendingText()).isEqualTo("120%");
            assertBase(QuantityParser.parse("120%", ParseContext.DEFAULT.withExceeding()), "1.2", "1");
            assertBase(QuantityParser.parse("超额120%"), "1.2", "1");
        }

        @Test
        void shouldAcceptExactly100Percent() {
            assertBase(QuantityParser.parse("100%"), "1", "1");
        }

        @Test
        void shouldRefuseARateInsideACompoundUnit() {
            assertThat(refusal("5%/年", ParseContext.DEFAULT).reason())
                    .isEqualTo(QuantityException.Reason.UNKNOWN_UNIT);
        }
    }
}
