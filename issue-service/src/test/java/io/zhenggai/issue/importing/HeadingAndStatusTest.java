package io.zhenggai.issue.importing;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Headings, labels and status labels in the forms the genre prints them. */
class HeadingAndStatusTest {

    @Test
    void readsNumberingInFullWidthAndAsciiForms() {
        assertThat(Numbering.of("（十二）关于…方面")).get().extracting(Numbering::style, Numbering::ordinal, Numbering::token)
                .containsExactly(NumberingStyle.CHINESE_PARENTHESISED, 12, "(十二)");
        assertThat(Numbering.of("(3)关于…问题")).get().extracting(Numbering::token).isEqualTo("(3)");
        assertThat(Numbering.of("2、关于…问题")).get().extracting(Numbering::token).isEqualTo("2.");
        assertThat(Numbering.of("2．关于…问题")).get().extracting(Numbering::token).isEqualTo("2.");
        assertThat(Numbering.of("③污水处理")).get().extracting(Numbering::ordinal).isEqualTo(3);
        assertThat(Numbering.of("1.5亿元已到位")).isEmpty();
        assertThat(Numbering.of("一是加强领导")).isEmpty();
    }

    @Test
    void takesAProgressLabelAndBracketedStatusFromTheHeadingLine() {
        Heading h = Heading.of("关于公车管理不规范的问题（已完成）。整改情况：已收回超标车辆2辆。");
        assertThat(h.title()).isEqualTo("关于公车管理不规范的问题");
        assertThat(h.status()).isEqualTo(ReportedStatus.COMPLETED);
        assertThat(h.statusLabel()).isEqualTo("已完成");
        assertThat(h.inlineBody()).isEqualTo("整改情况：已收回超标车辆2辆。");
    }

    @Test
    void readsStatusLabelsOnlyWhereTheGenrePutsThem() {
        assertThat(StatusVocabulary.openingOf("长期坚持。持续推进")).map(StatusVocabulary.Opening::status)
                .contains(ReportedStatus.LONG_TERM);
        assertThat(StatusVocabulary.openingOf("基本完成，正在验收")).map(StatusVocabulary.Opening::label).contains("基本完成");
        // A figure after 已完成整改 makes it a reading, not a label.
        assertThat(StatusVocabulary.openingOf("已完成整改7个，未完成整改3个")).isEmpty();
        assertThat(Label.at("整改进展: 一是…")).map(Label::kind).contains(Label.Kind.PROGRESS);
        assertThat(Label.at("完成情况：已完成")).map(Label::value).contains("已完成");
        assertThat(Label.at("责任单位：区财政局")).map(Label::kind).contains(Label.Kind.RESPONSIBLE_UNITS);
        assertThat(Label.at("整改成效显著")).isEqualTo(Optional.empty());
    }

    @Test
    void readsAResponsibilityListAndAnInlineLabelInABulletin() {
        String text = """
                关于县委第一巡察组反馈意见整改情况的通报
                一、关于落实全面从严治党责任方面
                1.关于公车管理不规范的问题（已完成）。整改情况：收回超标车辆2辆，退回费用3600元。
                牵头领导：张某某；
                责任单位：县机关事务中心
                完成时限：2023年6月底
                2.关于三重一大制度执行不严的问题。
                整改情况：
                """;
        ParseResult r = new BulletinParser().parse(text);
        Issue cars = r.bulletin().mainList().issues().get(0);
        assertThat(cars.status()).isEqualTo(ReportedStatus.COMPLETED);
        assertThat(cars.measures()).extracting(Measure::text).containsExactly("收回超标车辆2辆，退回费用3600元。");
        assertThat(cars.readings()).extracting(Reading::text).containsExactly("2辆", "3600元");
        assertThat(cars.responsibility()).isEqualTo(new Responsibility("张某某", "县机关事务中心", "2023年6月底"));
        Issue rules = r.bulletin().mainList().issues().get(1);
        assertThat(rules.status()).isEqualTo(ReportedStatus.NOT_STARTED);
        assertThat(rules.measures()).isEmpty();
    }

    @Test
    void joinsATitleBrokenOverTwoLinesAndReadsABracketedDateUnderIt() {
        String text = """
                中共西山区委组织部关于区委第一巡察组
                反馈意见整改进展情况的通报
                （2023年8月1日）
                一、关于干部队伍建设方面
                1.年轻干部培养不足的问题。
                整改情况：选派年轻干部12名到基层锻炼。
                """;
        ParseResult r = new BulletinParser().parse(text);
        assertThat(r.bulletin().title()).isEqualTo("中共西山区委组织部关于区委第一巡察组反馈意见整改进展情况的通报");
        assertThat(r.reportDate()).isEqualTo(java.time.LocalDate.of(2023, 8, 1));
        assertThat(r.bulletin().inspection().team()).isEqualTo("区委第一巡察组");
        assertThat(r.issueCount()).isEqualTo(1);
        assertThat(r.bulletin().mainList().issues().get(0).readings().get(0).asOf()).isEqualTo(java.time.LocalDate.of(2023, 8, 1));
    }

    @Test
    void takesAShortUnpunctuatedLineForASubHeadingOnlyWhenANumberedHeadingFollows() {
        String text = """
                关于县委第一巡察组反馈意见整改情况的通报
                （一）关于落实全面从严治党责任方面
                1.关于制度执行不严的问题
                整改情况：
                建立工作台账
                完善长效机制
                2.关于监督不到位的问题
                整改情况：开展专项检查2次。
                """;
        ParseResult r = new BulletinParser().parse(text);
        assertThat(r.bulletin().mainList().aspects().get(0).groups()).extracting(CategoryGroup::title).containsOnlyNulls();
        assertThat(r.bulletin().mainList().issues()).extracting(Issue::path).containsExactly("(一)1.", "(一)2.");
        assertThat(r.bulletin().mainList().issues().get(0).measures()).extracting(Measure::text)
                .containsExactly("建立工作台账\n完善长效机制");
    }

    @Test
    void keepsAQuantityWithoutANumberAndChecksNothingAgainstIt() {
        String text = """
                关于市委第二巡察组反馈意见整改情况的报告
                一、关于党建工作方面
                1.组织生活会质量不高的问题
                整改情况：走访企业若干家，其中规上企业12家；排查问题若干个，已整改8个，整改率100%。
                """;
        ParseResult r = new BulletinParser().parse(text);
        Reading some = r.bulletin().mainList().issues().get(0).readings().get(0);
        assertThat(some.text()).isEqualTo("若干家");
        assertThat(some.quantity().qualifier()).isEqualTo(io.zhenggai.issue.figures.Qualifier.UNSPECIFIED);
        assertThat(some.quantity().value()).isNull();
        assertThat(r.findings()).isEmpty();
    }
}
