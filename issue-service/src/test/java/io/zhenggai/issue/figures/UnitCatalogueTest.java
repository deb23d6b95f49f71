package io.zhenggai.issue.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnitCatalogueTest {

    @Test
    void shouldLookUpAWrittenUnitWithItsBaseUnitAndFactor() {
        UnitCatalogue.UnitDefinition yi = UnitCatalogue.lookup("亿元").orElseThrow();
        assertThat(yi.base()).isEqualTo(Unit.CNY);
        assertThat(yi.toBase(new BigDecimal("3.1"))).isEqualByComparingTo("310000000");
        assertThat(yi.fromBase(new BigDecimal("310000000"))).isEqualByComparingTo("3.1");
    }

    @Test
    void shouldTreatAMultipliedCountAsTheSameClassifier() {
        UnitCatalogue.UnitDefinition wanRen = UnitCatalogue.lookup("万人次").orElseThrow();
        assertThat(wanRen.base()).isEqualTo(Unit.count("人次"));
        assertThat(wanRen.toBase(new BigDecimal("3.7719"))).isEqualByComparingTo("37719");
    }

    @Test
    void shouldPreferAWholeCataloguedUnitToAMultiplierReading() {
        assertThat(UnitCatalogue.lookup("千瓦").orElseThrow().base()).isEqualTo(Unit.KILOWATT);
        assertThat(UnitCatalogue.lookup("百分点").orElseThrow().base()).isEqualTo(Unit.FRACTION_DIFFERENCE);
        assertThat(UnitCatalogue.lookup("万千瓦时").orElseThrow().toBase(BigDecimal.ONE))
                .isEqualByComparingTo("10000");
    }

    @Test
    void shouldKnowCountClassifiersInOnePlace() {
        assertThat(UnitCatalogue.isCountClassifier("家")).isTrue();
        assertThat(UnitCatalogue.isCountClassifier("批次")).isTrue();
        assertThat(UnitCatalogue.isCountClassifier("亿元")).isFalse();
        assertThat(UnitCatalogue.isCountClassifier("万家")).isFalse();
        assertThat(CountClassifiers.all()).contains("个", "家", "人", "人次", "次", "件", "宗", "起", "项", "台",
                "处", "口", "例", "份", "批次", "批", "条", "套", "名", "期", "艘", "把", "根", "辆", "所", "座", "栋",
                "户", "篇", "场", "轮", "堂", "张", "本");
    }

    @ParameterizedTest
    @ValueSource(strings = {"年", "月", "日", "天", "号", "位", "岁"})
    void shouldNotTreatDatesRanksOrAgesAsUnits(String word) {
        assertThat(UnitCatalogue.lookup(word)).isEmpty();
        assertThat(UnitCatalogue.isCountClassifier(word)).isFalse();
        assertThat(UnitCatalogue.isMeasureUnit(word)).isFalse();
    }

    @Test
    void shouldAllowTimeOnlyAsADenominator() {
        assertThat(UnitCatalogue.lookup("万方/日").orElseThrow().base())
                .isEqualTo(Unit.per(Unit.CUBIC_METRE, Unit.DAY));
        assertThat(UnitCatalogue.lookup("日/万方")).isEmpty();
    }

    @Test
    void shouldResolveABareMultiplierOnlyInAMoneyContext() {
        assertThat(UnitCatalogue.lookup("亿")).isEmpty();
        UnitCatalogue.UnitDefinition yi = UnitCatalogue.lookup("亿", true).orElseThrow();
        assertThat(yi.base()).isEqualTo(Unit.CNY);
        assertThat(yi.toBase(new BigDecimal("51.64"))).isEqualByComparingTo("5164000000");
    }

    @Test
    void shouldRefuseAnUnknownUnitNamingIt() {
        QuantityException e = catchThrowableOfType(QuantityException.class,
                () -> UnitCatalogue.resolve("光年", false));
        assertThat(e.reason()).isEqualTo(QuantityException.Reason.UNKNOWN_UNIT);
        assertThat(e.offendingText()).isEqualTo("光年");
    }

    @Test
    void shouldRefuseMoreThanOneSlash() {
        assertThat(UnitCatalogue.lookup("元/人/日")).isEmpty();
    }

    @Test
    void shouldNotMultiplyARate() {
        assertThat(UnitCatalogue.lookup("万%")).isEmpty();
    }

    @Test
    void shouldKeepTheWrittenFormOfACompound() {
        UnitCatalogue.UnitDefinition d = UnitCatalogue.lookup("亿元/平方公里").orElseThrow();
        assertThat(d.stated()).isEqualTo("亿元/平方公里");
        assertThat(d.base().symbol()).isEqualTo("CNY/m²");
        assertThat(d.toBase(new BigDecimal("0.7"))).isEqualByComparingTo("70");
    }

    @Test
    void shouldNormaliseTheScaleOfConvertedValues() {
        BigDecimal v = UnitCatalogue.lookup("万元").orElseThrow().toBase(new BigDecimal("3300.00"));
        assertThat(v).isEqualTo(new BigDecimal("33000000"));
        assertThat(v.scale()).isZero();
    }
}
