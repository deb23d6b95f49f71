package io.zhenggai.issue.importing;

import io.zhenggai.issue.figures.QuantityParser;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class PrintedRateTest {

    @Test
    void acceptsARateWithinTheRoundingOfItsPrintedDigits() {
        assertThat(PrintedRate.agrees(QuantityParser.parse("55.56%"), BigDecimal.valueOf(5), BigDecimal.valueOf(9))).isTrue();
        assertThat(PrintedRate.agrees(QuantityParser.parse("53%"), BigDecimal.valueOf(9), BigDecimal.valueOf(17))).isTrue();
        assertThat(PrintedRate.agrees(QuantityParser.parse("2.41%"), new BigDecimal("2127000000"), new BigDecimal("88394000000"))).isTrue();
        // Truncated rather than rounded: 2/3 printed as 66.6%.
        assertThat(PrintedRate.agrees(QuantityParser.parse("66.6%"), BigDecimal.valueOf(2), BigDecimal.valueOf(3))).isTrue();
    }

    @Test
    void refusesARateBeyondThatRounding() {
        assertThat(PrintedRate.agrees(QuantityParser.parse("80%"), BigDecimal.valueOf(16), BigDecimal.valueOf(21))).isFalse();
        assertThat(PrintedRate.agrees(QuantityParser.parse("55.55%"), BigDecimal.valueOf(5), BigDecimal.valueOf(8))).isFalse();
        assertThat(PrintedRate.actual(QuantityParser.parse("80%"), BigDecimal.valueOf(16), BigDecimal.valueOf(21))).isEqualTo("76.19");
    }
}
