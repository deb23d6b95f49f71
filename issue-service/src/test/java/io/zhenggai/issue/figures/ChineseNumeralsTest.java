package io.zhenggai.issue.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChineseNumeralsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "一, 1",
            "四, 4",
            "两, 2",
            "十, 10",
            "十二, 12",
            "二十, 20",
            "二十五, 25",
            "一百零五, 105",
            "一百五, 150",
            "一百一十, 110",
            "三千五百, 3500",
            "三千五, 3500",
            "一千零五十, 1050",
            "两万, 20000",
            "一万五, 15000",
            "十万, 100000",
            "一万零五, 10005",
            "一亿二千万, 120000000",
            "两亿三, 230000000",
            "一万亿, 1000000000000",
            "二〇二三, 2023",
    })
    void shouldReadPlainChineseNumerals(String text, String value) {
        assertThat(ChineseNumerals.parse(text)).isEqualByComparingTo(value);
        assertThat(ChineseNumerals.isNumeral(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "百", "万", "十十", "三百四千", "一亿二亿", "三点五", "壹"})
    void shouldRefuseWhatIsNotAPlainNumeral(String text) {
        assertThat(ChineseNumerals.isNumeral(text)).isFalse();
        assertThatThrownBy(() -> ChineseNumerals.parse(text))
                .isInstanceOfSatisfying(QuantityException.class,
                        e -> assertThat(e.reason()).isEqualTo(QuantityException.Reason.MALFORMED));
    }
}
