package io.zhenggai.issue.importing;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bulletins in the genre's other shapes, each with planted faults that must be found and correct figures that must
 * not be flagged.
 */
class BulletinShapesTest {

    private final BulletinParser parser = new BulletinParser();

    @Test
    void readsABulletinTypedWithAsciiPunctuation() {
        ParseResult r = parser.parse(Bulletins.resource("ascii-punctuation.txt"));
        Bulletin b = r.bulletin();
        assertThat(b.inspection().team()).isEqualTo("县委第二巡察组");
        assertThat(b.inspection().targetUnit()).isEqualTo("临河县住房和城乡建设局党组");
        assertThat(b.inspection().onSiteFrom()).isEqualTo(LocalDate.of(2023, 3, 1));
        assertThat(b.inspection().feedbackDate()).isEqualTo(LocalDate.of(2023, 6, 5));
        assertThat(b.declared().aspects()).isEqualTo(3);
        assertThat(b.declared().categories()).isEqualTo(4);
        assertThat(b.declared().suggestions()).isEqualTo(3);
        assertThat(r.reportDate()).isEqualTo(LocalDate.of(2023, 9, 20));
        assertThat(b.signatory()).isEqualTo("中共临河县委住房和城乡建设局党组");
        // 一、总体情况 and 三、下一步工作打算 are not part of the tree; 二、… wraps it.
        assertThat(r.aspectCount()).isEqualTo(3);
        assertThat(r.categoryCount()).isEqualTo(4);
        assertThat(r.issueCount()).isEqualTo(5);
        assertThat(b.mainList().issues()).extracting(Issue::path)
                .containsExactly("(一)1.", "(一)2.(1)", "(一)2.(2)", "(二)1.", "(三)1.");
        Issue safety = b.mainList().issues().get(0);
        assertThat(safety.title()).isEqualTo("落实安全生产责任不到位的问题");
        assertThat(safety.measures()).extracting(Measure::marker).containsExactly("一是", "二是");
        Issue longTerm = b.mainList().issues().get(4);
        assertThat(longTerm.status()).isEqualTo(ReportedStatus.LONG_TERM);
        assertThat(longTerm.statusLabel()).isEqualTo("长期坚持");
        assertThat(longTerm.measures()).isEmpty();

        // Planted: 16 of 21 is 76.19%, not 80%. Correct: 42/45 = 93.3%, 18/23 = 78.3%.
        assertThat(r.findings()).extracting(Finding::kind).containsExactly(FindingKind.RATE_MISMATCH);
        Finding rate = r.findings().get(0);
        assertThat(rate.message()).contains("80%", "16件/21件", "76.19");
        assertThat(rate.location().path()).isEqualTo("(一)2.(2)");
        Reading starts = reading(b.mainList().issues().get(1).readings(), "78.3%");
        assertThat(starts.rate().numerator()).isEqualTo("18个");
        assertThat(starts.rate().denominator()).isEqualTo("23个");
        Reading fixed = reading(safety.readings(), "93.3%");
        assertThat(fixed.rate().denominator()).isEqualTo("45个");
    }

    @Test
    void readsProblemsDirectlyUnderTopLevelAspectsWithoutAWrapper() {
        ParseResult r = parser.parse(Bulletins.resource("no-wrapper.txt"));
        Bulletin b = r.bulletin();
        assertThat(r.aspectCount()).isEqualTo(3);
        assertThat(r.categoryCount()).isEqualTo(7);
        assertThat(r.issueCount()).isEqualTo(7);
        assertThat(b.mainList().aspects()).extracting(Aspect::path).containsExactly("一、", "二、", "三、");
        assertThat(b.mainList().issues()).extracting(Issue::path, Issue::status, Issue::statusLabel).containsExactly(
                org.assertj.core.groups.Tuple.tuple("一、(一)", ReportedStatus.COMPLETED, "已完成"),
                org.assertj.core.groups.Tuple.tuple("一、(二)", ReportedStatus.IN_PROGRESS, "基本完成"),
                org.assertj.core.groups.Tuple.tuple("二、(一)", ReportedStatus.IN_PROGRESS, "正在整改"),
                org.assertj.core.groups.Tuple.tuple("二、(二)", ReportedStatus.LONG_TERM, "长期坚持"),
                org.assertj.core.groups.Tuple.tuple("二、(三)", ReportedStatus.NOT_STARTED, null),
                org.assertj.core.groups.Tuple.tuple("三、(一)", ReportedStatus.COMPLETED, "已完成整改"),
                org.assertj.core.groups.Tuple.tuple("三、(二)", ReportedStatus.IN_PROGRESS, null));
        assertThat(b.mainList().issues().get(0).measures()).extracting(Measure::text)
                .containsExactly("修订理论学习中心组学习制度，2023年开展集体学习8次。");

        // Planted: 8 problems declared, 7 present; 8+5 done and pending of 12; 6 done + 3 pending of 10.
        // Correct: 其中乡镇阵地6个 of 15 (a partial breakdown), 完成率60% = 6/10.
        assertThat(r.findings()).extracting(Finding::kind).containsOnly(FindingKind.COUNT_MISMATCH).hasSize(3);
        assertThat(r.findings()).extracting(f -> f.location().path()).containsExactly(null, "一、(二)", "二、(一)");
        assertThat(r.findings().get(0).message()).contains("8个问题", "7");
        assertThat(r.findings().get(1).message()).contains("8个", "5个", "12个");
        assertThat(r.findings().get(2).message()).contains("6个", "3个", "10个");
        Reading rate = reading(b.mainList().issues().get(2).readings(), "60%");
        assertThat(rate.rate().denominator()).isEqualTo("10个");
    }

    @Test
    void readsItemsDirectlyUnderAnAspectWithSubHeadingsAndCircledMeasures() {
        ParseResult r = parser.parse(Bulletins.resource("aspect-items.txt"));
        Bulletin b = r.bulletin();
        assertThat(r.reportDate()).isEqualTo(LocalDate.of(2023, 11, 15));
        assertThat(b.declared().aspects()).isEqualTo(2);
        assertThat(b.declared().issues()).isEqualTo(5);
        assertThat(r.aspectCount()).isEqualTo(2);
        assertThat(r.categoryCount()).isEqualTo(5);
        assertThat(r.issueCount()).isEqualTo(5);
        assertThat(b.mainList().aspects().get(0).groups()).extracting(CategoryGroup::title).containsExactly("产业发展", "人居环境");
        assertThat(b.mainList().issues()).extracting(Issue::path).containsExactly(
                "(一)「产业发展」(1)", "(一)「产业发展」(2)", "(一)「人居环境」(1)", "(二)(1)", "(二)(2)");
        Issue industry = b.mainList().issues().get(0);
        assertThat(industry.progressLabel()).isEqualTo("整改进展");
        assertThat(industry.measures()).extracting(Measure::marker).containsExactly("①", "②", "③");
        assertThat(b.mainList().issues().get(1).status()).isEqualTo(ReportedStatus.COMPLETED);
        assertThat(b.mainList().issues().get(1).progressLabel()).isEqualTo("完成情况");
        assertThat(b.mainList().issues().get(4).statusLabel()).isEqualTo("正在整改");
        Reading forecast = reading(industry.readings(), "2.5亿元");
        assertThat(forecast.quantity().forecast()).isTrue();
        assertThat(forecast.metric()).isEqualTo("investment.completed");

        // Planted: investment counted in 个; a completion rate of 120% (impossible, and not 260/260).
        // Correct: 115% after 超额完成, 超过10万元, 约占应发资金的90%.
        assertThat(r.findings()).extracting(Finding::kind)
                .containsExactly(FindingKind.RATE_MISMATCH, FindingKind.UNIT_SUSPECT, FindingKind.UNIT_SUSPECT);
        assertThat(r.findings().get(0).message()).contains("120%", "260座/260座");
        assertThat(r.findings().get(1).message()).contains("3个");
        assertThat(r.findings().get(1).location().path()).isEqualTo("(一)「产业发展」(1)");
        assertThat(r.findings().get(2).message()).contains("120%");
        assertThat(r.findings().get(2).location().path()).isEqualTo("(一)「人居环境」(1)");
        assertThat(industry.readings()).extracting(Reading::text).contains("115%");
    }

    @Test
    void readsAnAttachmentWithItsOwnTreeAndChecksFiguresAcrossLists() {
        ParseResult r = parser.parse(Bulletins.resource("with-attachment.txt"));
        Bulletin b = r.bulletin();
        assertThat(b.inspection().team()).isEqualTo("省委第三巡视组");
        assertThat(b.inspection().specialTheme()).isEqualTo("长江经济带发展");
        assertThat(b.inspection().feedbackDate()).isEqualTo(LocalDate.of(2022, 12, 20));
        assertThat(r.reportDate()).isEqualTo(LocalDate.of(2023, 4, 15));
        assertThat(r.lists()).extracting(ListCounts::key, ListCounts::aspectCount, ListCounts::categoryCount, ListCounts::issueCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("main", 2, 3, 3),
                        org.assertj.core.groups.Tuple.tuple("attachment-1", 1, 2, 2));
        FeedbackList attachment = b.lists().get(1);
        assertThat(attachment.title()).isEqualTo("关于长江经济带发展专项巡视反馈问题整改进展情况");
        assertThat(attachment.theme()).isEqualTo("长江经济带发展");
        assertThat(attachment.issues().get(1).status()).isEqualTo(ReportedStatus.COMPLETED);
        Issue materials = b.mainList().issues().get(0);
        assertThat(materials.measures()).extracting(Measure::marker).containsExactly("一是", "二是");
        assertThat(reading(materials.readings(), "5.2亿元").asOf()).isEqualTo(LocalDate.of(2023, 3, 31));

        // Planted: 5 done and 2 pending of 8 with no rate printed; 5.2亿元 and 5.6亿元 invested in new materials as of
        // the same day; two names of the team. Correct: 已开工12个 repeated in the attachment, 其中亿元以上项目4个 of 9.
        assertThat(r.findings()).extracting(Finding::kind)
                .containsExactly(FindingKind.COUNT_MISMATCH, FindingKind.CONFLICTING_FIGURES, FindingKind.NAME_MISMATCH);
        assertThat(r.findings().get(0).message()).contains("5个", "2个", "8个");
        assertThat(r.findings().get(0).location().path()).isEqualTo("(二)1.");
        assertThat(r.findings().get(1).message()).contains("5.2亿元", "5.6亿元");
        assertThat(r.findings().get(1).location().list()).isEqualTo("attachment-1");
        assertThat(r.findings().get(2).message()).contains("省委第三巡视组", "省委第二巡视组");
    }

    @Test
    void readsMeasuresOnTheirOwnLinesAndLeavesAShareOfAPlanAboveAHundredPercentAlone() {
        ParseResult r = parser.parse(Bulletins.resource("plan-share.txt"));
        // The bare 附件 before the signature holds a table, not a tree: it is not a list.
        assertThat(r.lists()).extracting(ListCounts::key).containsExactly("main");
        assertThat(r.bulletin().declared().issues()).isEqualTo(3);
        Issue meetings = r.bulletin().mainList().issues().get(0);
        assertThat(meetings.measures()).extracting(Measure::marker).containsExactly("（1）", "（2）");
        assertThat(meetings.responsibility().responsibleUnits()).isEqualTo("机关党委");
        assertThat(meetings.readings()).extracting(Reading::phrase).containsExactly("开展专题培训", "覆盖党员");
        Issue projects = r.bulletin().mainList().issues().get(2);
        assertThat(reading(projects.readings(), "90%").rate().denominator()).isEqualTo("40个");
        assertThat(reading(projects.readings(), "105%").metric()).isEqualTo(MetricDefinition.UNCLASSIFIED);
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void refusesATextThatIsNotABulletinSayingWhy() {
        assertThatThrownBy(() -> parser.parse(Bulletins.resource("not-a-bulletin.txt")))
                .isInstanceOfSatisfying(NotABulletinException.class,
                        e -> assertThat(e.reason()).isEqualTo(NotABulletinException.Reason.NO_FEEDBACK_TREE));
        assertThatThrownBy(() -> parser.parse("  \n "))
                .isInstanceOfSatisfying(NotABulletinException.class,
                        e -> assertThat(e.reason()).isEqualTo(NotABulletinException.Reason.EMPTY));
        assertThatThrownBy(() -> parser.parse("Quarterly report\n1. Revenue grew by 5%."))
                .isInstanceOfSatisfying(NotABulletinException.class,
                        e -> assertThat(e.reason()).isEqualTo(NotABulletinException.Reason.NOT_RECTIFICATION));
        assertThatThrownBy(() -> parser.parse("整改\u0000\u0001"))
                .isInstanceOfSatisfying(NotABulletinException.class,
                        e -> assertThat(e.reason()).isEqualTo(NotABulletinException.Reason.NOT_TEXT));
    }

    private static Reading reading(List<Reading> readings, String text) {
        return readings.stream().filter(x -> x.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no reading " + text + " among " + readings.stream().map(Reading::text).toList()));
    }
}
