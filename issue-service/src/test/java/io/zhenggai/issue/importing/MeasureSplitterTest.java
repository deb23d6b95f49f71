package io.zhenggai.issue.importing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MeasureSplitterTest {

    @Test
    void splitsInlineOrdinalMeasuresAfterFullWidthOrAsciiSeparators() {
        assertThat(MeasureSplitter.split("一是完善制度；二是加强培训;三是严格考核。"))
                .extracting(Measure::marker, Measure::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("一是", "完善制度"),
                        org.assertj.core.groups.Tuple.tuple("二是", "加强培训"),
                        org.assertj.core.groups.Tuple.tuple("三是", "严格考核。"));
    }

    @Test
    void splitsMeasuresOnTheirOwnLines() {
        assertThat(MeasureSplitter.split("（1）建立台账。\n（2）逐项销号。")).extracting(Measure::marker)
                .containsExactly("（1）", "（2）");
        assertThat(MeasureSplitter.split("1.建立台账\n2.逐项销号")).extracting(Measure::text)
                .containsExactly("建立台账", "逐项销号");
    }

    @Test
    void keepsANestedEnumerationInsideItsOuterMeasure() {
        assertThat(MeasureSplitter.split("一是推进工程。①雨污分流；②提标改造。二是持续补水。"))
                .extracting(Measure::marker).containsExactly("一是", "二是");
    }

    @Test
    void doesNotSplitAtWordsThatOnlyLookLikeEnumerators() {
        // 统一是 is not 一是, and a decimal 1.5 is not a heading 1.
        assertThat(MeasureSplitter.split("按照统一是非标准，完成投资1.5亿元，2.5亿元在建。")).hasSize(1)
                .first().extracting(Measure::marker).isNull();
        assertThat(MeasureSplitter.split("")).isEmpty();
    }

    @Test
    void keepsAPreambleBeforeTheFirstEnumerator() {
        assertThat(MeasureSplitter.split("高度重视。一是建章立制；二是督导检查。")).extracting(Measure::marker)
                .containsExactly(null, "一是", "二是");
    }
}
