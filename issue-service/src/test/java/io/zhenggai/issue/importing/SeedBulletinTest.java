package io.zhenggai.issue.importing;

import io.zhenggai.issue.figures.Qualifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** What the seed bulletin must give (issue 4, "What it must show"). */
class SeedBulletinTest {

    private static ParseResult result;

    @BeforeAll
    static void parse() {
        result = new BulletinParser().parse(Bulletins.seedText());
    }

    @Test
    void countsTheTreeOfBothLists() {
        assertThat(result.aspectCount()).isEqualTo(8);
        assertThat(result.categoryCount()).isEqualTo(31);
        assertThat(result.issueCount()).isEqualTo(53);
        assertThat(result.lists()).extracting(ListCounts::key, ListCounts::aspectCount, ListCounts::categoryCount, ListCounts::issueCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("main", 4, 15, 37),
                        org.assertj.core.groups.Tuple.tuple("attachment-1", 4, 16, 16));
        assertThat(result.readingCount()).isEqualTo(result.lists().stream().mapToInt(ListCounts::readingCount).sum())
                .isGreaterThan(200);
    }

    @Test
    void readsTheHeader() {
        Bulletin b = result.bulletin();
        assertThat(b.title()).startsWith("中共东营市委经济技术开发区工作委员会关于市委第五巡察组");
        assertThat(b.issuingUnit()).isEqualTo("中共东营市委经济技术开发区工作委员会");
        assertThat(b.inspection().team()).isEqualTo("市委第五巡察组");
        assertThat(b.inspection().targetUnit()).isEqualTo("东营经济技术开发区党工委");
        assertThat(b.inspection().kinds()).containsExactlyInAnyOrder(InspectionKind.SPECIAL, InspectionKind.ROUTINE);
        assertThat(b.inspection().specialTheme()).isEqualTo("黄河流域生态保护和高质量发展");
        assertThat(b.inspection().onSiteFrom()).isEqualTo(LocalDate.of(2022, 6, 22));
        assertThat(b.inspection().onSiteTo()).isEqualTo(LocalDate.of(2022, 9, 30));
        assertThat(b.inspection().feedbackDate()).isEqualTo(LocalDate.of(2022, 12, 7));
        assertThat(b.declared().aspects()).isEqualTo(4);
        assertThat(b.declared().categories()).isEqualTo(16);
        assertThat(b.declared().suggestions()).isEqualTo(4);
        assertThat(b.signatory()).isEqualTo("中共东营市委经济技术开发区工作委员会");
        assertThat(result.reportDate()).isEqualTo(LocalDate.of(2023, 5, 10));
    }

    @Test
    void keepsTheGeneralWorkSectionAndThePlansOutOfTheTree() {
        List<String> aspectTitles = result.bulletin().lists().stream().flatMap(l -> l.aspects().stream()).map(Aspect::title).toList();
        assertThat(aspectTitles).noneMatch(t -> t.contains("提高思想认识") || t.contains("三个不变"));
        assertThat(result.bulletin().mainList().aspects()).extracting(Aspect::path).containsExactly("(一)", "(二)", "(三)", "(四)");
    }

    @Test
    void keepsTheAttachmentWithItsThemeAndGroups() {
        FeedbackList attachment = result.bulletin().lists().get(1);
        assertThat(attachment.kind()).isEqualTo(FeedbackList.Kind.ATTACHMENT);
        assertThat(attachment.title()).isEqualTo("关于落实黄河国家战略重点任务方面存在问题整改进展情况");
        assertThat(attachment.theme()).isEqualTo("黄河国家战略重点任务");
        Aspect second = attachment.aspects().get(1);
        assertThat(second.groups()).extracting(CategoryGroup::title).containsExactly(
                "加快构筑黄河安澜屏障", "深度贯彻“四水四定”原则情况", "全面建设黄河三角洲生态廊道情况", "打造黄河流域高质量发展标杆情况");
        assertThat(second.categories()).extracting(Category::path).containsExactly(
                "(二)「加快构筑黄河安澜屏障」1.", "(二)「加快构筑黄河安澜屏障」2.", "(二)「深度贯彻“四水四定”原则情况」1.",
                "(二)「全面建设黄河三角洲生态廊道情况」1.", "(二)「全面建设黄河三角洲生态廊道情况」2.",
                "(二)「打造黄河流域高质量发展标杆情况」1.", "(二)「打造黄河流域高质量发展标杆情况」2.");
        assertThat(attachment.categories()).allMatch(Category::selfIssue);
    }

    @Test
    void keepsNumberingPathsUniqueWithinEachList() {
        for (FeedbackList list : result.bulletin().lists()) {
            List<String> paths = list.issues().stream().map(Issue::path).toList();
            assertThat(paths).doesNotHaveDuplicates().noneMatch(p -> p.contains("~"));
        }
        assertThat(issue("main", "(一)1.(3)").title()).isEqualTo("关于推动科技创新力度不够大的问题");
    }

    @Test
    void splitsACategoryHeadingIntoTitleAndDescription() {
        Issue i = issue("main", "(三)1.");
        assertThat(i.title()).isEqualTo("关于落实党的建设主体责任不到位的问题");
        assertThat(i.description()).startsWith("党的建设工作领导小组成立以来未开展实质性工作。");
    }

    @Test
    void derivesStatusFromMeasuresWhenNoStatusLabelIsPrinted() {
        assertThat(result.bulletin().lists().stream().flatMap(l -> l.issues().stream()))
                .allSatisfy(i -> {
                    assertThat(i.status()).isEqualTo(ReportedStatus.IN_PROGRESS);
                    assertThat(i.statusLabel()).isNull();
                    assertThat(i.measures()).isNotEmpty();
                });
        assertThat(issue("main", "(二)3.(4)").progressLabel()).isEqualTo("整改进展情况");
        assertThat(issue("main", "(一)1.(3)").measures()).extracting(Measure::marker).containsExactly("一是", "二是", "三是", "四是");
        // ① inside 五是 stays part of 五是.
        Issue water = issue("attachment-1", "(二)「全面建设黄河三角洲生态廊道情况」2.");
        assertThat(water.measures()).hasSize(7);
        assertThat(water.measures().get(4).text()).contains("①雨污分流工程", "③国控河流水质提升工程");
        // An unenumerated paragraph is one measure.
        assertThat(issue("main", "(二)5.(3)").measures()).hasSize(1);
    }

    @Test
    void findsExactlyTheKnownFindings() {
        assertThat(result.findings()).extracting(Finding::kind).containsExactly(
                FindingKind.COUNT_MISMATCH, FindingKind.CONFLICTING_FIGURES, FindingKind.NAME_MISMATCH);
        Finding count = result.findings().get(0);
        assertThat(count.message()).contains("16类问题", "15");
        assertThat(count.location().list()).isEqualTo("main");
        Finding conflict = result.findings().get(1);
        assertThat(conflict.message()).contains("62家", "43家");
        assertThat(conflict.location().list()).isEqualTo("attachment-1");
        assertThat(conflict.location().path()).isEqualTo("(四)1.");
        assertThat(conflict.location().sentence()).contains("43家重点排污企业及涉水企业现场初步调查");
        Finding name = result.findings().get(2);
        assertThat(name.message()).contains("市委第五巡察组", "市委第一巡察组");
        assertThat(name.location().sentence()).contains("传达市委第一巡察组的反馈意见");
        assertThat(result.findings()).allSatisfy(f -> {
            assertThat(f.message()).isNotBlank();
            assertThat(f.messageEn()).isNotBlank();
        });
    }

    @Test
    void checksEveryRateWithItsPartsAndFlagsNone() {
        assertThat(result.findings()).noneMatch(f -> f.kind() == FindingKind.RATE_MISMATCH);
        assertThat(result.findings()).noneMatch(f -> f.message().contains("7亿元") || f.message().contains("21.27"));
    }

    @Test
    void keepsPatchFiguresWithTheirParts() {
        List<Reading> land = issue("main", "(一)3.(2)").readings();
        Reading rate2021 = find(land, "70%");
        assertThat(rate2021.metric()).isEqualTo("patches.completion_rate");
        assertThat(rate2021.dimensions()).containsEntry("batch", "2021耕地保护督察");
        assertThat(rate2021.rate().numeratorValue()).isEqualByComparingTo("7");
        assertThat(rate2021.rate().denominatorValue()).isEqualByComparingTo("10");
        assertThat(rate2021.rate().complement()).isEqualTo("3个");
        Reading rateQ4 = find(land, "55.56%");
        assertThat(rateQ4.dimensions()).containsEntry("period", "2022Q4");
        assertThat(rateQ4.rate().numerator()).isEqualTo("5个");
        assertThat(rateQ4.rate().denominator()).isEqualTo("9个");
        assertThat(find(land, "10个").metric()).isEqualTo("patches.total");
        assertThat(find(land, "7个").metric()).isEqualTo("patches.rectified");
        assertThat(find(land, "3个").metric()).isEqualTo("patches.unrectified");
    }

    @Test
    void keepsAStartRateWithoutItsDenominatorAsStated() {
        List<Reading> projects = issue("main", "(一)1.(2)").readings();
        Reading started = find(projects, "18个");
        assertThat(started.metric()).isEqualTo("project.started");
        assertThat(started.dimensions()).containsEntry("industry", "新材料");
        Reading rate = find(projects, "67%");
        assertThat(rate.rate()).isEqualTo(RateParts.STATED);
        assertThat(rate.rate().denominatorValue()).isNull();
        Reading wind = find(projects, "53%");
        assertThat(wind.rate().numerator()).isEqualTo("9个");
        assertThat(wind.rate().denominator()).isEqualTo("17个");
        assertThat(find(projects, "17个").metric()).isEqualTo("project.total");
    }

    @Test
    void keepsForeignCapitalAndItsManufacturingShare() {
        List<Reading> capital = issue("main", "(一)2.(6)").readings();
        assertThat(capital).filteredOn(r -> r.text().equals("2023万美元")).hasSize(2)
                .allSatisfy(r -> assertThat(r.metric()).isEqualTo("foreign_capital.in_place"));
        Reading manufacturing = find(capital, "1465万美元");
        assertThat(manufacturing.dimensions()).containsEntry("sector", "制造业");
        Reading share = find(capital, "72.4%");
        assertThat(share.metric()).isEqualTo("foreign_capital.share");
        assertThat(share.rate().numeratorValue()).isEqualByComparingTo("14650000");
        assertThat(share.rate().denominatorValue()).isEqualByComparingTo("20230000");
    }

    @Test
    void tellsTheEntityOfTheNonPerformingLoanApart() {
        List<Reading> finance = issue("main", "(一)3.(3)").readings();
        Reading fangyuan = find(finance, "7亿元");
        assertThat(fangyuan.metric()).isEqualTo("loan.npl");
        assertThat(fangyuan.dimensions()).containsEntry("entity", "方圆公司").containsEntry("bank", "农业银行");
        assertThat(fangyuan.quantity().forecast()).isFalse();
        Reading npl = find(finance, "21.27亿元");
        assertThat(npl.dimensions()).doesNotContainKey("entity");
        Reading ratio = find(finance, "2.41%");
        assertThat(ratio.rate().numerator()).isEqualTo("21.27亿元");
        assertThat(ratio.rate().denominator()).isEqualTo("883.94亿元");
    }

    @Test
    void leavesDatesNumbersRanksThresholdsAndCapacitiesOut() {
        List<String> texts = result.bulletin().lists().stream().flatMap(l -> l.issues().stream())
                .flatMap(i -> i.readings().stream()).map(Reading::text).toList();
        assertThat(texts).noneMatch(t -> t.contains("年") || t.contains("号") || t.contains("位") || t.contains("岁"));
        assertThat(texts).doesNotContain("10万吨", "5000吨", "2GW", "20万方及以上", "50万方及以上", "77位", "十项", "四个",
                "六个", "五个", "提升9个", "10亿元");
        assertThat(texts).noneMatch(t -> t.startsWith("一"));
    }

    @Test
    void capturesUnknownPhrasesAsUnclassifiedWithTheirWords() {
        Reading pumps = find(issue("main", "(一)3.(1)").readings(), "2台");
        assertThat(pumps.metric()).isEqualTo(MetricDefinition.UNCLASSIFIED);
        assertThat(pumps.phrase()).isEqualTo("新购置大功率抽水泵");
        assertThat(pumps.sentence()).contains("新购置大功率抽水泵2台");
    }

    @Test
    void datesAFigureByTheDateItsSentenceStates() {
        Reading visits = find(issue("main", "(一)3.(5)").readings(), "37719人次");
        assertThat(visits.asOf()).isEqualTo(LocalDate.of(2023, 2, 22));
        assertThat(find(issue("main", "(一)1.(3)").readings(), "202400万元").asOf()).isEqualTo(LocalDate.of(2023, 3, 10));
        assertThat(find(issue("main", "(一)1.(3)").readings(), "140余家").asOf()).isEqualTo(LocalDate.of(2023, 5, 10));
    }

    /** list | path | text | base value | unit | qualifier | forecast | metric | dimensions (k=v;k=v) */
    @ParameterizedTest(name = "{2} in {0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            main | (一)1.(1) | 3次 | 3 | 次 | EXACT | false | unclassified | -
            main | (一)1.(1) | 45次 | 45 | 次 | EXACT | false | unclassified | -
            main | (一)1.(2) | 8个 | 8 | 个 | EXACT | false | project.in_operation | industry=新材料
            main | (一)1.(2) | 50亿元以上 | 5000000000 | CNY | AT_LEAST | true | output.added | industry=海上风电装备制造
            main | (一)1.(2) | 3.1亿元 | 310000000 | CNY | EXACT | false | investment.completed | industry=新材料
            main | (一)1.(2) | 10.2亿元 | 1020000000 | CNY | EXACT | false | investment.completed | industry=风电装备
            main | (一)1.(2) | 3300万元 | 33000000 | CNY | EXACT | false | investment.completed | industry=生物医药
            main | (一)1.(2) | 9个 | 9 | 个 | EXACT | false | project.started | industry=风电装备
            main | (一)1.(2) | 25% | 0.25 | 1 | EXACT | false | project.start_rate | industry=生物医药
            main | (一)1.(2) | 52家 | 52 | 家 | EXACT | false | enterprises.digital_core | -
            main | (一)1.(3) | 140余家 | 140 | 家 | AT_LEAST | false | enterprises.visited | -
            main | (一)1.(3) | 739.32万元 | 7393200 | CNY | EXACT | false | subsidy.disbursed | -
            main | (一)1.(3) | 202400万元 | 2024000000 | CNY | EXACT | false | rd.expenditure_reported | -
            main | (一)1.(4) | 45个 | 45 | 个 | EXACT | false | project.planned_start | period=Q1
            main | (一)1.(4) | 84.6% | 0.846 | 1 | EXACT | false | project.start_rate | tier=省级重点项目
            main | (一)1.(4) | 46.6% | 0.466 | 1 | EXACT | false | project.statistics_inclusion_rate | tier=市级重点项目
            main | (一)2.(1) | 4000元 | 4000 | CNY | EXACT | false | enforcement.penalty_amount | -
            main | (一)2.(1) | 50余家 | 50 | 家 | AT_LEAST | false | unclassified | -
            main | (一)2.(1) | 62家 | 62 | 家 | EXACT | false | survey.on_site_completed | -
            main | (一)2.(1) | 72家 | 72 | 家 | EXACT | false | survey.outfall_scope | -
            main | (一)2.(2) | 10.5万方/日 | 105000 | m³/d | EXACT | false | sewage.daily_inflow | -
            main | (一)2.(3) | 16起 | 16 | 起 | EXACT | false | unclassified | period=2023Q1
            main | (一)2.(5) | 17个 | 17 | 个 | EXACT | false | project.signed | -
            main | (一)2.(6) | 2023万美元 | 20230000 | USD | EXACT | false | foreign_capital.in_place | -
            main | (一)2.(6) | 1465万美元 | 14650000 | USD | EXACT | false | foreign_capital.in_place | sector=制造业
            main | (一)2.(6) | 237万美元 | 2370000 | USD | EXACT | false | foreign_capital.in_place | sector=贸易
            main | (一)3.(1) | 10000个 | 10000 | 个 | EXACT | false | unclassified | -
            main | (一)3.(1) | 100套 | 100 | 套 | EXACT | false | unclassified | -
            main | (一)3.(3) | 883.94亿元 | 88394000000 | CNY | EXACT | true | loan.balance | period=Q1
            main | (一)3.(3) | 21.27亿元 | 2127000000 | CNY | EXACT | true | loan.npl | period=Q1
            main | (一)3.(3) | 2.41% | 0.0241 | 1 | EXACT | true | loan.npl_ratio | period=Q1
            main | (一)3.(4) | 20余次 | 20 | 次 | AT_LEAST | false | unclassified | -
            main | (一)3.(4) | 49宗 | 49 | 宗 | EXACT | false | enforcement.cases_filed | -
            main | (一)3.(5) | 300余例 | 300 | 例 | AT_LEAST | false | unclassified | -
            main | (二)1.(2) | 123132人 | 123132 | 人 | EXACT | false | health.contracted_residents | -
            main | (二)3.(1) | 5050万元 | 50500000 | CNY | EXACT | false | debt.repaid | -
            main | (二)3.(2) | 51.64亿 | 5164000000 | CNY | EXACT | false | assets.transferred | -
            main | (二)3.(2) | 两家 | 2 | 家 | EXACT | false | unclassified | -
            main | (二)3.(3) | 17件 | 17 | 件 | EXACT | false | rectification.completed | -
            main | (二)3.(4) | 44.1平方米 | 44.1 | m² | EXACT | false | unclassified | -
            main | (二)5.(1) | 3.6亿元 | 360000000 | CNY | EXACT | false | special_bonds.rectified | -
            main | (二)5.(2) | 1560.75元 | 1560.75 | CNY | EXACT | false | unclassified | -
            main | (二)5.(2) | 576辆 | 576 | 辆 | EXACT | false | vehicles.supervised | -
            main | (四)2. | 2181个 | 2181 | 个 | EXACT | false | charging_piles.built | -
            attachment-1 | (一)4. | 16.73立方米/万元 | 0.001673 | m³/CNY | EXACT | false | water_intensity.industrial | -
            attachment-1 | (一)4. | 0.7亿元/平方公里 | 70 | CNY/m² | EXACT | false | land_output_intensity | -
            attachment-1 | (二)「全面建设黄河三角洲生态廊道情况」2. | 2882.4万方 | 28824000 | m³ | EXACT | false | ecological_water.volume | -
            attachment-1 | (二)「全面建设黄河三角洲生态廊道情况」2. | 不低于4次 | 4 | 次 | AT_LEAST | false | unclassified | -
            attachment-1 | (二)「打造黄河流域高质量发展标杆情况」2. | 300余家 | 300 | 家 | AT_LEAST | false | enterprises.visited | -
            attachment-1 | (二)「打造黄河流域高质量发展标杆情况」2. | 90%以上 | 0.9 | 1 | AT_LEAST | false | unclassified | -
            attachment-1 | (四)1. | 43家 | 43 | 家 | EXACT | false | survey.on_site_completed | -
            attachment-1 | (四)3. | 16.4公里 | 16400 | m | EXACT | false | unclassified | -
            """)
    void readsTheFigure(String list, String path, String text, String value, String unit, Qualifier qualifier,
                        boolean forecast, String metric, String dimensions) {
        Reading r = find(issue(list, path).readings(), text);
        assertThat(r.quantity().value()).isEqualByComparingTo(new BigDecimal(value));
        assertThat(r.quantity().unit().toString()).isEqualTo(unit);
        assertThat(r.quantity().qualifier()).isEqualTo(qualifier);
        assertThat(r.quantity().forecast()).isEqualTo(forecast);
        assertThat(r.metric()).isEqualTo(metric);
        Map<String, String> dims = new TreeMap<>();
        if (dimensions != null) {
            Arrays.stream(dimensions.split(";")).map(kv -> kv.split("=", 2)).forEach(kv -> dims.put(kv[0], kv[1]));
        }
        assertThat(r.dimensions()).containsAllEntriesOf(dims);
        if (dimensions == null) {
            assertThat(r.dimensions()).doesNotContainKeys("industry", "entity", "batch", "sector");
        }
        assertThat(r.sentence()).contains(text.replace("降低", ""));
    }

    @Test
    void readsADifferenceOfRatesAsAChangeInPercentagePoints() {
        Reading points = result.bulletin().mainList().issues().stream().flatMap(i -> i.readings().stream())
                .filter(r -> r.text().endsWith("0.05个百分点")).findFirst().orElseThrow();
        assertThat(points.quantity().statedValue()).isEqualByComparingTo("0.05");
        assertThat(points.quantity().value()).isEqualByComparingTo("-0.0005");
        assertThat(points.quantity().unit().toString()).isEqualTo("Δ1");
        assertThat(points.quantity().change()).isTrue();
        assertThat(points.quantity().forecast()).isTrue();
        assertThat(points.rate()).isNull();
    }

    @Test
    void readsTheSameBulletinTypedWithFullWidthPunctuation() {
        String fullWidth = Bulletins.seedText().replace('(', '（').replace(')', '）').replace(',', '，')
                .replace(':', '：').replace(';', '；');
        ParseResult other = new BulletinParser().parse(fullWidth);
        assertThat(other.lists()).extracting(ListCounts::aspectCount, ListCounts::categoryCount, ListCounts::issueCount, ListCounts::readingCount)
                .containsExactlyElementsOf(result.lists().stream()
                        .map(c -> org.assertj.core.groups.Tuple.tuple(c.aspectCount(), c.categoryCount(), c.issueCount(), c.readingCount()))
                        .toList());
        assertThat(other.findings()).extracting(Finding::kind).containsExactlyElementsOf(
                result.findings().stream().map(Finding::kind).toList());
        assertThat(other.bulletin().mainList().issues()).extracting(Issue::path)
                .containsExactlyElementsOf(result.bulletin().mainList().issues().stream().map(Issue::path).toList());
    }

    private static Issue issue(String list, String path) {
        return result.bulletin().lists().stream().filter(l -> l.key().equals(list)).flatMap(l -> l.issues().stream())
                .filter(i -> i.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no issue " + list + " " + path));
    }

    private static Reading find(List<Reading> readings, String text) {
        return readings.stream().filter(r -> r.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no reading " + text + " among " + readings.stream().map(Reading::text).toList()));
    }
}
