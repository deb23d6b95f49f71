package io.zhenggai.issue.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The responsibility list as printed: units (the lead first), leaders, and deadlines read as the last day allowed. */
class ResponsibilityTest {

    private static final LocalDate FEEDBACK = LocalDate.of(2023, 6, 28);

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "none", value = {
            "2023年6月30日, 2023-06-30",
            "2023年6月30日前完成, 2023-06-30",
            "2023年8月底前, 2023-08-31",
            "2023年8月, 2023-08-31",
            "2024年2月底, 2024-02-29",
            "2023年底前, 2023-12-31",
            "2023年年底, 2023-12-31",
            "2024年上半年, 2024-06-30",
            "2024年第三季度, 2024-09-30",
            "2023.10.15, 2023-10-15",
            "二〇二三年十二月三十一日, 2023-12-31",
            "9月底前, 2023-09-30",
            "3月底前, 2024-03-31",
            "2023年9月底前阶段性完成，2023年12月底前全面完成, 2023-12-31",
            "长期坚持, none",
            "立行立改, none",
            "持续推进, none"})
    void readsADeadlineAsTheLastDayItAllows(String printed, LocalDate expected) {
        assertThat(DeadlineText.parse(printed, FEEDBACK)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void putsTheLeadUnitFirstAndReadsTheLeaders() {
        assertThat(new Responsibility(null, "财政所、经管站（牵头）、财政所", null).units()).containsExactly("经管站", "财政所");
        assertThat(new Responsibility(null, "区发改局，区财政局；区审计局", null).units())
                .containsExactly("区发改局", "区财政局", "区审计局");
        assertThat(new Responsibility("张建国、李红", null, null).leaders()).containsExactly("张建国", "李红");
        assertThat(new Responsibility(null, null, "长期坚持").isLongTerm()).isTrue();
        assertThat(new Responsibility(null, null, "2023年底前").isLongTerm()).isFalse();
        assertThat(Responsibility.NONE.units()).isEmpty();
    }

    @Test
    void takesTheLeadUnitOfItsOwnLabelFirstWhereverItStands() {
        String text = """
                关于县委第一巡察组反馈意见整改情况的通报
                一、关于落实全面从严治党责任方面
                1.关于公车管理不规范的问题。整改情况：收回超标车辆2辆。
                配合单位：县财政局
                牵头单位：县机关事务中心
                牵头领导：张某某
                完成时限：2023年底前
                """;
        Issue cars = new BulletinParser().parse(text).bulletin().mainList().issues().get(0);
        assertThat(cars.responsibility().units()).containsExactly("县机关事务中心", "县财政局");
        assertThat(cars.responsibility().leaders()).containsExactly("张某某");
        assertThat(cars.responsibility().deadlineDate(FEEDBACK)).contains(LocalDate.of(2023, 12, 31));
    }
}
