package io.zhenggai.issue.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No quantity leaves the parser with a magnitude or precision that no real figure needs. */
class BoundsTest {

    @Test
    void shouldReadTheLargestAndFinestFiguresWithinBounds() {
        assertThat(QuantityParser.parse("99999999.9999亿元").value()).isEqualByComparingTo("9999999999990000");
        assertThat(QuantityParser.parse(new BigDecimal("999999999999999999"), "个", ParseContext.DEFAULT).value())
                .isEqualByComparingTo("999999999999999999");
        assertThat(QuantityParser.parse(new BigDecimal("0.000000000001"), "元", ParseContext.DEFAULT).value())
                .isEqualByComparingTo("0.000000000001");
        assertThat(QuantityParser.parse(new BigDecimal("3.100000000000000000000"), "亿元", ParseContext.DEFAULT)
                .value()).as("trailing zeros are not precision").isEqualByComparingTo("310000000");
        assertThat(QuantityParser.parse(new BigDecimal("-0"), "个", ParseContext.DEFAULT).value()).isZero();
        assertThat(QuantityParser.parse("1亩").value()).as("a conversion's own decimals are not the input's")
                .isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1E+1001", "1E+999", "1E+18", "-1E+18", "1E-13", "1E-400", "123456789.0123456789012"})
    void shouldRefuseAValueOutOfBounds(String value) {
        assertThatThrownBy(() -> QuantityParser.parse(new BigDecimal(value), "个", ParseContext.DEFAULT.withChange()))
                .isInstanceOf(QuantityOutOfBoundsException.class);
    }

    @Test
    void shouldRefuseAMagnitudeReachedOnlyInBaseUnits() {
        assertThatThrownBy(() -> QuantityParser.parse("10000000000亿元"))
                .isInstanceOf(QuantityOutOfBoundsException.class).hasMessageContaining("10^18");
        assertThat(QuantityParser.parse("9999999999亿元").value()).isEqualByComparingTo("999999999900000000");
    }

    @Test
    void shouldRefuseAHugeNumberTextBeforeReadingIt() {
        String digits = "9".repeat(100_000);
        long started = System.nanoTime();
        assertThatThrownBy(() -> QuantityParser.parse(digits + "元"))
                .isInstanceOfSatisfying(QuantityOutOfBoundsException.class, e -> {
                    assertThat(e.offendingText()).hasSizeLessThan(100).contains("100000 characters");
                    assertThat(e).isNotInstanceOf(QuantityException.class);
                });
        assertThat(System.nanoTime() - started).as("refused without being read").isLessThan(2_000_000_000L);
        assertThatThrownBy(() -> QuantityParser.parse("一" + "〇".repeat(40) + "个"))
                .isInstanceOf(QuantityOutOfBoundsException.class);
    }

    @Test
    void shouldBoundEveryQuantityBuilt() {
        assertThatThrownBy(() -> new Quantity(new BigDecimal("1E+20"), Unit.CNY, Kind.MONEY, Qualifier.EXACT, false,
                false, "x", BigDecimal.ONE, "元")).isInstanceOf(QuantityOutOfBoundsException.class);
    }
}
