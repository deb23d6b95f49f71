package io.zhenggai.issue.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The corpus of issue 18: bulletins in the shapes they are published in (problems as unnumbered paragraphs, aspects
 * without numbers, three-level trees, measures numbered like the problems above them, mixed numbering styles, tables
 * pasted as text with tabs or spaces, tours of the centre and the province, 专项巡察, 回头看 and audits). Each was
 * written for the project after published ones, with figures and faults planted: every finding below is planted, and
 * every correct figure beside it must not be flagged. The texts are under {@code src/test/resources/bulletins/} (read
 * fully, each with issues and figures: report-service's round trip imports them all) and those meant to be refused
 * under {@code bulletins-refused/}.
 */
class BulletinCorpusTest {

    private final BulletinParser parser = new BulletinParser();

    @Test
    void readsProblemParagraphsUnderNumberedAspectsWithStatusWordsAtEitherEnd() {
        ParseResult r = parser.parse(Bulletins.resource("university-paragraphs.txt"));
        Bulletin b = r.bulletin();
        assertThat(b.issuingUnit()).isEqualTo("中共江城理工大学委员会");
        assertThat(b.inspection().team()).isEqualTo("省委第六巡视组");
        assertThat(b.inspection().targetUnit()).isEqualTo("江城理工大学党委");
        assertThat(b.inspection().onSiteFrom()).isEqualTo(LocalDate.of(2023, 4, 10));
        assertThat(b.inspection().onSiteTo()).isEqualTo(LocalDate.of(2023, 6, 9));
        // 7月12日，省委第六巡视组向学校党委反馈了巡视意见: the date stands apart from 反馈 and takes the period's year
        assertThat(b.inspection().feedbackDate()).isEqualTo(LocalDate.of(2023, 7, 12));
        assertThat(r.reportDate()).isEqualTo(LocalDate.of(2023, 11, 20));
        assertThat(b.declared()).extracting(DeclaredTotals::aspects, DeclaredTotals::issues, DeclaredTotals::suggestions)
                .containsExactly(3, 9, 4);
        assertThat(List.of(r.aspectCount(), r.categoryCount(), r.issueCount())).containsExactly(3, 8, 8);
        assertThat(b.mainList().issues()).extracting(Issue::path, Issue::status, Issue::statusLabel).containsExactly(
                tuple("(一)#1.", ReportedStatus.COMPLETED, "已完成"),
                tuple("(一)#2.", ReportedStatus.IN_PROGRESS, "正在推进"),
                tuple("(一)#3.", ReportedStatus.COMPLETED, "已完成"),
                tuple("(二)#1.", ReportedStatus.IN_PROGRESS, "正在推进"),
                tuple("(二)#2.", ReportedStatus.COMPLETED, "已完成"),
                tuple("(二)#3.", ReportedStatus.COMPLETED, "已完成"),
                tuple("(三)#1.", ReportedStatus.LONG_TERM, "长期坚持"),
                tuple("(三)#2.", ReportedStatus.IN_PROGRESS, "正在推进"));
        Issue study = b.mainList().issues().get(0);
        assertThat(study.title()).isEqualTo("针对“理论学习中心组学习不够深入”的问题");
        assertThat(study.progressLabel()).isEqualTo("整改进展");
        // the closing 已完成 is the status, not part of the last measure
        assertThat(study.measures()).extracting(Measure::marker, Measure::text).containsExactly(
                tuple("一是", "修订《党委理论学习中心组学习规则》，2023年开展集体学习11次"),
                tuple("二是", "建立二级党组织中心组学习旁听制度，旁听28次。"));
        Issue funds = b.mainList().issues().get(3);
        assertThat(funds.description()).isEqualTo("巡视指出，部分课题组以虚假票据报销科研经费。");
        assertThat(reading(funds.readings(), "46.8万元").quantity().value()).isEqualByComparingTo("468000");
        assertThat(reading(b.mainList().issues().get(2).readings(), "2860.5万元").quantity().value())
                .isEqualByComparingTo("28605000");

        // Planted: 20 of 23 stated as 90%; 9 problems declared, 8 listed. Correct: 其中5人、12人 of 37 (a part).
        assertThat(r.findings()).extracting(Finding::kind)
                .containsExactly(FindingKind.RATE_MISMATCH, FindingKind.COUNT_MISMATCH);
        assertThat(r.findings().get(0).message()).contains("90%", "20个/23个", "86.96");
        assertThat(r.findings().get(0).location().path()).isEqualTo("(二)#1.");
        assertThat(r.findings().get(1).message()).contains("9个问题", "8");
    }

    @Test
    void readsAspectsAndProblemsThatCarryNoNumberAndEndsTheTreeAtThePlans() {
        ParseResult r = parser.parse(Bulletins.resource("unnumbered-aspects.txt"));
        Bulletin b = r.bulletin();
        assertThat(b.inspection().team()).isEqualTo("县委第三巡察组");
        // 县委第三巡察组于2023年3月6日至4月28日对县交通运输局党组开展了…
        assertThat(b.inspection().targetUnit()).isEqualTo("县交通运输局党组");
        assertThat(b.inspection().feedbackDate()).isEqualTo(LocalDate.of(2023, 5, 30));
        // 2大项6小项: with no 方面 beside them, the 大项 are the aspects
        assertThat(b.declared()).extracting(DeclaredTotals::aspects, DeclaredTotals::categories, DeclaredTotals::issues)
                .containsExactly(2, null, 6);
        assertThat(b.mainList().aspects()).extracting(Aspect::path, Aspect::title).containsExactly(
                tuple("#1.", "关于落实全面从严治党主体责任方面"), tuple("#2.", "关于推进交通重点工作方面"));
        assertThat(b.mainList().issues()).extracting(Issue::path, Issue::title).containsExactly(
                tuple("#1.#1.", "关于党组主体责任落实不到位的问题"),
                tuple("#1.#2.", "关于“三重一大”决策制度执行不严格的问题"),
                tuple("#1.#3.", "在干部队伍管理方面存在的问题"),
                tuple("#2.#1.", "关于农村公路建设进度滞后的问题"),
                tuple("#2.#2.", "关于交通安全隐患排查整治不彻底的问题"),
                tuple("#2.#3.", "关于项目资金监管不严的问题"));
        Issue first = b.mainList().issues().get(0);
        assertThat(first.status()).isEqualTo(ReportedStatus.COMPLETED);
        assertThat(first.progressLabel()).isNull();
        assertThat(first.progressText()).startsWith("局党组召开专题会议3次").endsWith("签订责任书17份。");
        assertThat(b.mainList().issues().get(2).description()).isEqualTo("巡察指出，部分干部长期借调在外，岗位职责不清。");
        // 下一步工作打算 ends the problems: its paragraph is no one's progress
        assertThat(b.mainList().issues().get(5).progressText()).doesNotContain("巩固整改成果");

        // Planted: 已完成投资 of the rural roads as of 2023-09-30, 1.2亿元 in one problem and 1.5亿元 in another.
        // Correct: 52 of 58 is 89.7%.
        assertThat(r.findings()).extracting(Finding::kind).containsExactly(FindingKind.CONFLICTING_FIGURES);
        assertThat(r.findings().get(0).message()).contains("1.2亿元", "1.5亿元", "2023-09-30");
        Reading rate = reading(b.mainList().issues().get(4).readings(), "89.7%");
        assertThat(rate.rate().numerator()).isEqualTo("52处");
        assertThat(rate.rate().denominator()).isEqualTo("58处");
    }

    @Test
    void readsAThreeLevelTreeWithItsRoundAndCircledMeasures() {
        ParseResult r = parser.parse(Bulletins.resource("three-level.txt"));
        Bulletin b = r.bulletin();
        assertThat(b.inspection().team()).isEqualTo("省委第二巡视组");
        assertThat(b.inspection().round()).isEqualTo("十二届省委第三轮巡视");
        assertThat(b.inspection().targetUnit()).isEqualTo("临江市");
        assertThat(b.inspection().feedbackDate()).isEqualTo(LocalDate.of(2023, 7, 6));
        assertThat(List.of(r.aspectCount(), r.categoryCount(), r.issueCount())).containsExactly(2, 4, 7);
        assertThat(b.mainList().categories()).extracting(Category::path, Category::title).containsExactly(
                tuple("一、(一)", "推动高质量发展用力不足"), tuple("一、(二)", "防范化解风险有差距"),
                tuple("二、(一)", "“两个责任”落实不到位"), tuple("二、(二)", "选人用人问题"));
        assertThat(b.mainList().issues()).extracting(Issue::path).containsExactly("一、(一)1.", "一、(一)2.",
                "一、(二)1.", "一、(二)2.", "二、(一)1.", "二、(一)2.", "二、(二)1.");
        Issue industry = b.mainList().issues().get(0);
        assertThat(industry.measures()).extracting(Measure::marker).containsExactly("①", "②", "③");
        Reading investment = reading(industry.readings(), "18.6亿元");
        assertThat(investment.metric()).isEqualTo("investment.completed");
        assertThat(investment.dimensions()).containsEntry("industry", "新材料");
        assertThat(investment.asOf()).isEqualTo(LocalDate.of(2023, 10, 31));
        assertThat(b.mainList().issues().get(1).statusLabel()).isEqualTo("基本完成");

        // Planted: 5类 declared, 4 listed. Correct: 1180 of 1260 is 93.7% with 80 pending; 其中亿元以上项目6个 of 15.
        assertThat(r.findings()).extracting(Finding::kind).containsExactly(FindingKind.COUNT_MISMATCH);
        assertThat(r.findings().get(0).message()).contains("5类问题", "4");
        assertThat(reading(b.mainList().issues().get(3).readings(), "93.7%").rate().denominator()).isEqualTo("1260个");
    }

    @Test
    void readsMeasuresNumberedLikeTheProblemsAboveThemAndCountsThem() {
        ParseResult r = parser.parse(Bulletins.resource("measures-numbered-like-problems.txt"));
        Bulletin b = r.bulletin();
        assertThat(b.declared().measures()).isEqualTo(12);
        // 1. 2. 3. under the problem 1. are measures; 2.关于…的问题 after them is the next problem
        assertThat(b.mainList().issues()).extracting(Issue::path, Issue::status).containsExactly(
                tuple("(一)1.", ReportedStatus.COMPLETED), tuple("(一)2.", ReportedStatus.IN_PROGRESS),
                tuple("(一)3.", ReportedStatus.IN_PROGRESS), tuple("(二)1.", ReportedStatus.COMPLETED),
                tuple("(二)2.", ReportedStatus.COMPLETED));
        Issue first = b.mainList().issues().get(0);
        assertThat(first.progressLabel()).isEqualTo("整改措施");
        assertThat(first.statusLabel()).isEqualTo("已完成");
        assertThat(first.measures()).extracting(Measure::marker, Measure::text).containsExactly(
                tuple("1.", "修订《县委统一战线工作领导小组工作规则》。"),
                tuple("2.", "将统战工作纳入乡镇（街道）党建述职评议考核。"),
                tuple("3.", "开展统战工作专项督查2次。"));
        assertThat(b.mainList().issues()).extracting(i -> i.measures().size()).containsExactly(3, 2, 1, 2, 3);

        // Planted: 12 measures declared, 11 listed. Correct: 12 of 15 is 80%.
        assertThat(r.findings()).extracting(Finding::kind).containsExactly(FindingKind.COUNT_MISMATCH);
        assertThat(r.findings().get(0).message()).contains("整改措施12条", "11条");
        assertThat(r.findings().get(0).location().sentence()).contains("整改措施12条");
        assertThat(reading(b.mainList().issues().get(2).readings(), "80%").rate().numerator()).isEqualTo("12处");
    }

    @Test
    void readsACentralTourWithBracketedStatusesAndFindsTheTeamNamedTwoWays() {
        ParseResult r = parser.parse(Bulletins.resource("central-tour.txt"));
        Bulletin b = r.bulletin();
        assertThat(b.inspection().team()).isEqualTo("中央第七巡视组");
        assertThat(b.inspection().targetUnit()).isEqualTo("江南省");
        assertThat(b.inspection().onSiteFrom()).isEqualTo(LocalDate.of(2022, 10, 9));
        assertThat(b.inspection().onSiteTo()).isEqualTo(LocalDate.of(2023, 1, 10));
        assertThat(b.inspection().feedbackDate()).isEqualTo(LocalDate.of(2023, 3, 28));
        assertThat(b.declared()).extracting(DeclaredTotals::aspects, DeclaredTotals::issues, DeclaredTotals::suggestions)
                .containsExactly(3, 8, 5);
        assertThat(List.of(r.aspectCount(), r.issueCount())).containsExactly(3, 8);
        assertThat(b.mainList().issues()).extracting(Issue::statusLabel).containsExactly(
                "已完成", "正在推进", "正在推进", "已完成", "长期坚持", "已完成", "已完成", "正在推进");
        // Correct: 320.5亿元 + 940.3亿元 = 1260.8亿元.
        List<Reading> debt = b.mainList().issues().get(2).readings();
        assertThat(debt).extracting(Reading::metric).containsOnly("debt.repaid");

        // Planted: 中央第八巡视组 once, where 中央第七巡视组 is named three times.
        assertThat(r.findings()).extracting(Finding::kind).containsExactly(FindingKind.NAME_MISMATCH);
        assertThat(r.findings().get(0).message()).startsWith("巡视组名称不一致").contains("中央第七巡视组", "中央第八巡视组");
    }

    @Test
    void readsASpecialInspectionWhoseProblemsStandWithoutAnAspect() {
        ParseResult r = parser.parse(Bulletins.resource("special-inspection.txt"));
        Bulletin b = r.bulletin();
        assertThat(b.inspection().kinds()).containsExactly(InspectionKind.SPECIAL);
        assertThat(b.inspection().specialTheme()).isEqualTo("粮食购销领域腐败问题");
        assertThat(b.inspection().targetUnit()).isEqualTo("市粮食和物资储备局党组");
        assertThat(b.declared().issues()).isEqualTo(6);
        // a flat list of problems is one aspect, titled by its section
        assertThat(b.mainList().aspects()).extracting(Aspect::path, Aspect::title)
                .containsExactly(tuple("#1.", "巡察反馈问题整改落实情况"));
        assertThat(b.mainList().issues()).extracting(Issue::path).containsExactly(
                "#1.1.", "#1.2.", "#1.3.", "#1.4.", "#1.5.", "#1.6.");
        assertThat(b.mainList().issues().get(0).measures()).extracting(Measure::marker).containsExactly("（1）", "（2）");
        assertThat(reading(b.mainList().issues().get(1).readings(), "426.8万元").quantity().value())
                .isEqualByComparingTo("4268000");

        // Planted: a subsidy (money) counted in 个. Correct: 78 of 85 is 91.8%; 105% of the plan is a share.
        assertThat(r.findings()).extracting(Finding::kind).containsExactly(FindingKind.UNIT_SUSPECT);
        assertThat(r.findings().get(0).message()).contains("补助资金", "96个");
        assertThat(r.findings().get(0).location().path()).isEqualTo("#1.5.");
    }

    @Test
    void readsARecheckWithoutASignatureDatedByItsStatedDay() {
        ParseResult r = parser.parse(Bulletins.resource("recheck.txt"));
        Bulletin b = r.bulletin();
        assertThat(b.inspection().recheck()).isTrue();
        assertThat(b.inspection().team()).isEqualTo("区委第四巡察组");
        assertThat(b.inspection().targetUnit()).isEqualTo("区市场监督管理局党组");
        assertThat(b.inspection().feedbackDate()).isEqualTo(LocalDate.of(2023, 8, 22));
        assertThat(b.signatory()).isNull();
        // no date under a signature: 截至2023年11月30日 dates the bulletin
        assertThat(r.reportDate()).isEqualTo(LocalDate.of(2023, 11, 30));
        assertThat(b.mainList().issues()).extracting(Issue::path).containsExactly("(一)1.", "(一)2.", "(二)1.", "(二)2.");
        // the call for supervision at the end is no one's progress
        assertThat(b.mainList().issues().get(3).progressText()).doesNotContain("监督电话");

        // Planted: 82 of 96 stated as 90%.
        assertThat(r.findings()).extracting(Finding::kind).containsExactly(FindingKind.RATE_MISMATCH);
        assertThat(r.findings().get(0).message()).contains("82台/96台", "85.42");
    }

    @Test
    void readsAnAuditRectificationReport() {
        ParseResult r = parser.parse(Bulletins.resource("audit.txt"));
        Bulletin b = r.bulletin();
        assertThat(b.issuingUnit()).isEqualTo("临河县交通运输局");
        assertThat(b.inspection().team()).isEqualTo("临河县审计局");
        assertThat(b.inspection().targetUnit()).isEqualTo("县交通运输局");
        assertThat(b.inspection().onSiteFrom()).isEqualTo(LocalDate.of(2023, 3, 6));
        // the auditor's report issued (出具了审计报告) stands for the feedback
        assertThat(b.inspection().feedbackDate()).isEqualTo(LocalDate.of(2023, 5, 18));
        assertThat(b.declared().issues()).isEqualTo(7);
        assertThat(List.of(r.aspectCount(), r.issueCount())).containsExactly(2, 7);
        assertThat(b.mainList().issues()).extracting(Issue::status).containsExactly(ReportedStatus.COMPLETED,
                ReportedStatus.COMPLETED, ReportedStatus.COMPLETED, ReportedStatus.IN_PROGRESS,
                ReportedStatus.IN_PROGRESS, ReportedStatus.COMPLETED, ReportedStatus.COMPLETED);

        // Planted: 10 of 14 stated as 78.6%. Correct: 1100 of 1260 is 87.3%.
        assertThat(r.findings()).extracting(Finding::kind).containsExactly(FindingKind.RATE_MISMATCH);
        assertThat(r.findings().get(0).message()).contains("78.6%", "10个/14个");
        assertThat(r.findings().get(0).location().path()).isEqualTo("(二)2.");
        assertThat(reading(b.mainList().issues().get(3).readings(), "87.3%").rate().denominator()).isEqualTo("1260项");
    }

    @Test
    void readsATablePastedWithTabsWithItsResponsibilityAndDeadlines() {
        ParseResult r = parser.parse(Bulletins.resource("table-tabs.txt"));
        Bulletin b = r.bulletin();
        assertThat(b.declared().issues()).isEqualTo(6);
        assertThat(b.mainList().aspects()).extracting(Aspect::path, Aspect::title).containsExactly(
                tuple("一、", "关于党的领导弱化方面"), tuple("二、", "关于群众身边腐败问题方面"));
        assertThat(b.mainList().issues()).extracting(Issue::path, Issue::status).containsExactly(
                tuple("一、1.", ReportedStatus.COMPLETED), tuple("一、2.", ReportedStatus.COMPLETED),
                tuple("一、3.", ReportedStatus.LONG_TERM), tuple("二、4.", ReportedStatus.IN_PROGRESS),
                tuple("二、5.", ReportedStatus.COMPLETED), tuple("二、6.", ReportedStatus.IN_PROGRESS));
        Issue study = b.mainList().issues().get(0);
        assertThat(study.title()).isEqualTo("关于理论学习走过场的问题");
        assertThat(study.measures()).extracting(Measure::marker).containsExactly("1.", "2.");
        assertThat(study.progressLabel()).isEqualTo("进展");
        assertThat(study.progressText()).isEqualTo("2023年以来开展集中学习6次。");
        assertThat(study.responsibility()).isEqualTo(new Responsibility("张建国", "党政办公室", "2023年8月底前"));
        assertThat(study.responsibility().deadlineDate(b.inspection().feedbackDate())).contains(LocalDate.of(2023, 8, 31));
        Issue finances = b.mainList().issues().get(3);
        // 经管站（牵头）leads although 财政所 is named beside it
        assertThat(finances.responsibility().units()).containsExactly("经管站", "财政所");
        assertThat(finances.responsibility().leaders()).containsExactly("王海");
        assertThat(finances.statusLabel()).isEqualTo("正在推进");
        assertThat(reading(finances.readings(), "23.6万元").quantity().value()).isEqualByComparingTo("236000");
        Issue ideology = b.mainList().issues().get(2);
        assertThat(ideology.statusLabel()).isEqualTo("长期坚持");
        assertThat(ideology.responsibility().deadlineDate(b.inspection().feedbackDate())).isEmpty();

        // Planted: 10 of 12 stated as 80%.
        assertThat(r.findings()).extracting(Finding::kind).containsExactly(FindingKind.RATE_MISMATCH);
        assertThat(r.findings().get(0).location().path()).isEqualTo("一、3.");
    }

    @Test
    void readsATablePastedWithSpacesGroupedByItsCategoryColumn() {
        ParseResult r = parser.parse(Bulletins.resource("table-spaces.txt"));
        Bulletin b = r.bulletin();
        assertThat(b.declared()).extracting(DeclaredTotals::issues, DeclaredTotals::suggestions).containsExactly(5, 3);
        assertThat(b.mainList().aspects()).extracting(Aspect::path, Aspect::title)
                .containsExactly(tuple("#1.", "党的建设"), tuple("#2.", "业务工作"));
        assertThat(b.mainList().issues()).extracting(Issue::path, Issue::title).containsExactly(
                tuple("#1.1.", "党组理论学习中心组学习不规范"), tuple("#1.2.", "基层党支部组织生活不严肃"),
                tuple("#2.3.", "医疗机构药品耗材采购不规范"), tuple("#2.4.", "基层医疗卫生服务能力薄弱"),
                tuple("#2.5.", "医保基金监管不到位"));
        Issue purchasing = b.mainList().issues().get(2);
        assertThat(purchasing.responsibility().units()).containsExactly("医政医管股", "县人民医院");
        assertThat(purchasing.responsibility().leaders()).isEmpty();
        assertThat(purchasing.responsibility().deadlineDate(b.inspection().feedbackDate()))
                .contains(LocalDate.of(2024, 6, 30));
        assertThat(purchasing.statusLabel()).isEqualTo("正在推进");
        assertThat(purchasing.progressText()).isEqualTo("完成集中采购药品金额3260万元，节约资金486万元。");
        // 立行立改 names no date
        assertThat(b.mainList().issues().get(0).responsibility().deadlineDate(b.inspection().feedbackDate())).isEmpty();
        assertThat(b.mainList().issues().get(3).status()).isEqualTo(ReportedStatus.LONG_TERM);

        // Planted: 家庭医生累计签约 12.6万人 in one row and 11.8万人 in another, as of the same day.
        assertThat(r.findings()).extracting(Finding::kind).containsExactly(FindingKind.CONFLICTING_FIGURES);
        assertThat(r.findings().get(0).message()).contains("12.6万人", "11.8万人");
    }

    @Test
    void readsAspectsNumberedWithDigitsAndIssuesWithCircledNumbers() {
        ParseResult r = parser.parse(Bulletins.resource("mixed-styles.txt"));
        Bulletin b = r.bulletin();
        assertThat(b.declared()).extracting(DeclaredTotals::aspects, DeclaredTotals::categories, DeclaredTotals::issues)
                .containsExactly(2, 5, 7);
        assertThat(List.of(r.aspectCount(), r.categoryCount(), r.issueCount())).containsExactly(2, 5, 7);
        assertThat(b.mainList().issues()).extracting(Issue::path).containsExactly(
                "1.(1)①", "1.(1)②", "1.(2)", "2.(1)①", "2.(1)②", "2.(2)", "2.(3)");
        assertThat(b.mainList().categories()).extracting(Category::selfIssue)
                .containsExactly(false, true, false, true, true);

        // Planted: 98 + 68 under a total of 156. Correct: 9 of 9 rectified; 27 of 27.
        assertThat(r.findings()).extracting(Finding::kind).containsExactly(FindingKind.COUNT_MISMATCH);
        assertThat(r.findings().get(0).message()).contains("98人", "68人", "156人");
        assertThat(r.findings().get(0).location().path()).isEqualTo("1.(2)");
    }

    @Test
    void everyBulletinOfTheCorpusIsReadWithIssuesAndFigures() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(folder("bulletins"))) {
            List<Path> corpus = files.filter(f -> !f.getFileName().toString().equals("not-a-bulletin.txt")).sorted().toList();
            assertThat(corpus).hasSizeGreaterThanOrEqualTo(16);
            for (Path file : corpus) {
                ParseResult r = parser.parse(Files.readString(file));
                assertThat(r.issueCount()).as(file.getFileName().toString()).isPositive();
                assertThat(r.readingCount()).as(file.getFileName().toString()).isPositive();
            }
        }
    }

    @Test
    void aBulletinInAShapeNotReadIsRefusedNamingWhatWasFoundAndWhatWasMissing() {
        String text = Bulletins.refused("numbered-as-words.txt");
        assertThatThrownBy(() -> parser.parse(text)).isInstanceOfSatisfying(NotABulletinException.class, e -> {
            assertThat(e.reason()).isEqualTo(NotABulletinException.Reason.NO_FEEDBACK_TREE);
            assertThat(e.getMessage()).contains("未能读出反馈问题清单", "已读到", "缺少", "区委第二巡察组",
                    "no feedback tree could be read", "Found:", "Missing:");
            PartialRead partial = e.partial();
            assertThat(partial.inspection().team()).isEqualTo("区委第二巡察组");
            assertThat(partial.inspection().feedbackDate()).isEqualTo(LocalDate.of(2023, 5, 20));
            assertThat(partial.reportDate()).isEqualTo(LocalDate.of(2023, 9, 8));
            assertThat(partial.declared().aspects()).isEqualTo(3);
            assertThat(partial.declared().issues()).isEqualTo(8);
            // the figures of the progress paragraphs, not the declared totals
            assertThat(partial.readings()).extracting(Reading::text)
                    .containsExactly("3个", "126次", "12个", "3860万元", "96个", "90个");
            assertThat(reading(partial.readings(), "3860万元").quantity().value())
                    .isEqualByComparingTo(new BigDecimal("38600000"));
            assertThat(partial.found()).extracting(Clue::part).contains("team", "targetUnit", "feedbackDate",
                    "reportDate", "declared", "figures", "progressParagraphs");
            assertThat(partial.missing()).extracting(Clue::part).containsExactly("tree");
        });
    }

    @Test
    void aWorkSummaryWithoutProblemsIsRefusedNamingItsHeadingsAndTheMissingInspection() {
        assertThatThrownBy(() -> parser.parse(Bulletins.refused("work-summary.txt")))
                .isInstanceOfSatisfying(NotABulletinException.class, e -> {
                    assertThat(e.partial().found()).extracting(Clue::part).contains("numberedHeadings");
                    assertThat(e.partial().missing()).extracting(Clue::part)
                            .containsExactly("targetUnit", "feedbackDate", "tree");
                    assertThat(e.getMessage()).contains("编号行3行", "缺少：被巡察单位；反馈日期",
                            "3 numbered lines", "Missing: the inspected unit; the feedback date");
                });
    }

    private static Path folder(String name) throws URISyntaxException {
        return Path.of(BulletinCorpusTest.class.getResource("/" + name).toURI());
    }

    static Reading reading(List<Reading> readings, String text) {
        return readings.stream().filter(x -> x.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no reading " + text + " among "
                        + readings.stream().map(Reading::text).toList()));
    }
}
