package io.zhenggai.report.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class ChineseTextTest {

    @Test
    void shouldPrintNumberingFullWidthWithoutTheSubHeadingTheImporterKeepsInIt() {
        assertThat(ChineseText.numbering("(一)")).isEqualTo("（一）");
        assertThat(ChineseText.numbering("(12)")).isEqualTo("（12）");
        assertThat(ChineseText.numbering("1.")).isEqualTo("1.");
        assertThat(ChineseText.numbering("一、")).isEqualTo("一、");
        assertThat(ChineseText.numbering("「加快构筑黄河安澜屏障」1.")).isEqualTo("1.");
        assertThat(ChineseText.numbering(null)).isEmpty();
    }

    @Test
    void shouldLevelHeadingsByTheStyleOfTheirNumbering() {
        assertThat(ChineseText.level("一、", 9)).isEqualTo(1);
        assertThat(ChineseText.level("（三）", 9)).isEqualTo(2);
        assertThat(ChineseText.level("(三)", 9)).isEqualTo(2);
        assertThat(ChineseText.level("「产业发展」2.", 9)).isEqualTo(3);
        assertThat(ChineseText.level("(2)", 9)).isEqualTo(4);
        assertThat(ChineseText.level("②", 9)).isEqualTo(4);
        assertThat(ChineseText.level("第一部分", 9)).isEqualTo(9);
    }

    @Test
    void shouldWriteDatesNumeralsAndSentences() {
        assertThat(ChineseText.date(LocalDate.of(2023, 5, 10))).isEqualTo("2023年5月10日");
        assertThat(ChineseText.numeral(3)).isEqualTo("三");
        assertThat(ChineseText.numeral(10)).isEqualTo("十");
        assertThat(ChineseText.numeral(14)).isEqualTo("十四");
        assertThat(ChineseText.numeral(20)).isEqualTo("二十");
        assertThat(ChineseText.numeral(31)).isEqualTo("三十一");
        assertThat(ChineseText.sentence("关于…的问题")).isEqualTo("关于…的问题。");
        assertThat(ChineseText.sentence("关于…的问题。")).isEqualTo("关于…的问题。");
        assertThat(ChineseText.sentence("落实不到位的问题.")).isEqualTo("落实不到位的问题.");
    }
}
