package io.zhenggai.report.indicator;

import io.zhenggai.report.indicator.IndicatorValue.Basis;
import io.zhenggai.report.indicator.NoValue.Reason;
import io.zhenggai.report.projection.IssueStatus;
import io.zhenggai.report.projection.WarningLevel;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Evaluation on facts shaped like the readings the seed bulletin (2023-05-10) yields. */
class IndicatorEvaluatorTest {

    private static final LocalDate BULLETIN = LocalDate.of(2023, 5, 10);
    private static final LocalDate Q1_END = LocalDate.of(2023, 3, 31);

    private final IndicatorEvaluator evaluator = new IndicatorEvaluator(MetricCatalogue.defaults());
    private int events;

    private ReadingFact reading(String metric, Map<String, String> dimensions, String value, String unit,
                                Qualifier qualifier, LocalDate asOf, String issueId) {
        return new ReadingFact(metric, dimensions, new BigDecimal(value), unit, qualifier, asOf, issueId,
                "event-" + (++events));
    }

    private ReadingFact reading(String metric, Map<String, String> dimensions, String value, String unit,
                                LocalDate asOf, String issueId) {
        return reading(metric, dimensions, value, unit, Qualifier.EXACT, asOf, issueId);
    }

    private static IssueFact issue(String id, IssueStatus status, String aspect, Set<String> units, Boolean onTime) {
        return new IssueFact(id, status, WarningLevel.NONE, "市委第五巡察组", "main", aspect, null, units, Set.of(),
                Set.of(), onTime, false);
    }

    private static IndicatorDefinition builtIn(String code) {
        return BuiltInIndicators.byCode(code);
    }

    /** 新材料 3.1亿元, 风电 10.2亿元, 生物医药 3300万元, each printed under (一)1.(1) and again in the attachment. */
    private List<ReadingFact> investmentCompletedPrintedTwice() {
        List<ReadingFact> readings = new ArrayList<>();
        for (String issueId : List.of("issue-main-1-1", "issue-attachment-2-1")) {
            readings.add(reading("investment.completed", Map.of("industry", "新材料"), "310000000", "CNY", BULLETIN, issueId));
            readings.add(reading("investment.completed", Map.of("industry", "风电"), "1020000000", "CNY", BULLETIN, issueId));
            readings.add(reading("investment.completed", Map.of("industry", "生物医药"), "33000000", "CNY", BULLETIN, issueId));
        }
        return readings;
    }

    @Nested
    class InvestmentCompleted {

        @Test
        void shouldCountAFactPrintedUnderTwoIssuesOnce() {
            IndicatorValue value = evaluator.evaluate(builtIn("investment.completed"),
                    FactSet.of(investmentCompletedPrintedTwice()), Window.asOf(BULLETIN));

            assertThat(value.value()).isEqualByComparingTo("1363000000");
            assertThat(value.value()).isNotEqualByComparingTo("2726000000");
            assertThat(value.ratio()).isNull();
            assertThat(value.denominator()).isNull();
            assertThat(value.qualifier()).isEqualTo(Qualifier.EXACT);
            assertThat(value.basis()).isEqualTo(Basis.COMPUTED);
        }

        @Test
        void shouldKeepEveryReportOfAFactForDrillThrough() {
            IndicatorValue value = evaluator.evaluate(builtIn("investment.completed"),
                    FactSet.of(investmentCompletedPrintedTwice()), Window.asOf(BULLETIN));

            assertThat(value.readings()).hasSize(3);
            assertThat(value.readings()).allSatisfy(fact -> {
                assertThat(fact.issueIds()).containsExactlyInAnyOrder("issue-main-1-1", "issue-attachment-2-1");
                assertThat(fact.eventIds()).hasSize(2);
            });
        }

        @Test
        void shouldTreatTheSameValueAtADifferentScaleAsTheSameFact() {
            List<ReadingFact> readings = List.of(
                    reading("investment.completed", Map.of("industry", "新材料"), "310000000", "CNY", BULLETIN, "a"),
                    reading("investment.completed", Map.of("industry", "新材料"), "3.10E+8", "CNY", BULLETIN, "b"));

            IndicatorValue value = evaluator.evaluate(builtIn("investment.completed"), FactSet.of(readings),
                    Window.asOf(BULLETIN));

            assertThat(value.value()).isEqualByComparingTo("310000000");
            assertThat(value.readings()).singleElement().extracting(ObservedFact::issueIds)
                    .isEqualTo(List.of("a", "b"));
        }

        @Test
        void shouldBreakDownByIndustryAndKeepTheTotalOverall() {
            IndicatorBreakdown breakdown = evaluator.evaluateBy(builtIn("investment.completed"),
                    FactSet.of(investmentCompletedPrintedTwice()), Window.asOf(BULLETIN), "industry");

            assertThat(breakdown.overall().value()).isEqualByComparingTo("1363000000");
            assertThat(breakdown.groups()).extracting(IndicatorBreakdown.Group::key)
                    .containsExactly("新材料", "生物医药", "风电");
            assertThat(breakdown.group("新材料").orElseThrow().value()).isEqualByComparingTo("310000000");
            assertThat(breakdown.group("风电").orElseThrow().value()).isEqualByComparingTo("1020000000");
            assertThat(breakdown.group("生物医药").orElseThrow().value()).isEqualByComparingTo("33000000");
        }

        @Test
        void shouldSelectIndustriesByFilter() {
            SideValue value = evaluator.evaluate(
                    Expression.parse("metric(investment.completed, industry in [新材料, 风电])"),
                    FactSet.of(investmentCompletedPrintedTwice()), Window.asOf(BULLETIN));

            assertThat(value.value()).isEqualByComparingTo("1330000000");
            assertThat(value.unit()).isEqualTo("CNY");
        }
    }

    @Nested
    class NonPerformingLoanRatio {

        /** 预计一季度贷款余额883.94亿元,不良贷款21.27亿元,不良率2.41% */
        private final List<ReadingFact> forecast = List.of(
                reading("loan.balance", Map.of(), "88394000000", "CNY", Qualifier.FORECAST, Q1_END, "issue-npl"),
                reading("loan.npl", Map.of(), "2127000000", "CNY", Qualifier.FORECAST, Q1_END, "issue-npl"),
                reading("loan.npl_ratio", Map.of(), "0.0241", "", Qualifier.FORECAST, Q1_END, "issue-npl"));

        @Test
        void shouldComputeTheRatioOfTheForecastFiguresAndMarkItForecast() {
            IndicatorValue value = evaluator.evaluate(builtIn("loan.npl_ratio"), FactSet.of(forecast),
                    Window.asOf(BULLETIN));

            assertThat(value.ratio().setScale(4, java.math.RoundingMode.HALF_UP)).isEqualByComparingTo("0.0241");
            assertThat(value.rounded(2)).contains(new BigDecimal("2.41"));
            assertThat(value.value()).isEqualByComparingTo("2.406272");
            assertThat(value.numerator()).isEqualByComparingTo("2127000000");
            assertThat(value.denominator()).isEqualByComparingTo("88394000000");
            assertThat(value.qualifier()).isEqualTo(Qualifier.FORECAST);
            assertThat(value.unit()).isEqualTo("%");
        }

        @Test
        void shouldMarkTheRatioForecastWhenOnlyOnePartIsForecast() {
            List<ReadingFact> mixed = List.of(
                    reading("loan.balance", Map.of(), "88394000000", "CNY", Qualifier.EXACT, Q1_END, "a"),
                    reading("loan.npl", Map.of(), "2127000000", "CNY", Qualifier.FORECAST, Q1_END, "a"));

            assertThat(evaluator.evaluate(builtIn("loan.npl_ratio"), FactSet.of(mixed), Window.asOf(BULLETIN))
                    .qualifier()).isEqualTo(Qualifier.FORECAST);
        }

        @Test
        void shouldNotSeeAForecastDatedAfterTheWindow() {
            IndicatorValue value = evaluator.evaluate(builtIn("loan.npl_ratio"), FactSet.of(forecast),
                    Window.asOf(LocalDate.of(2023, 3, 30)));

            assertThat(value.hasValue()).isFalse();
            assertThat(value.noValue().reason()).isEqualTo(Reason.MISSING_READINGS);
            assertThat(value.noValue().message())
                    .isEqualTo("numerator: no readings of metric(loan.npl, entity = none) up to 2023-03-30");
        }
    }

    @Nested
    class PatchRectification {

        /** 2021年耕地保护督察 10个图斑, 已完成整改7个; 2022Q4遥感监测 9个, 已完成整改5个. */
        private final List<ReadingFact> patches = List.of(
                reading("patches.total", Map.of("batch", "2021耕地保护督察"), "10", "个", BULLETIN, "issue-land"),
                reading("patches.rectified", Map.of("batch", "2021耕地保护督察"), "7", "个", BULLETIN, "issue-land"),
                reading("patches.total", Map.of("batch", "2022Q4遥感监测"), "9", "个", BULLETIN, "issue-land"),
                reading("patches.rectified", Map.of("batch", "2022Q4遥感监测"), "5", "个", BULLETIN, "issue-land"));

        @Test
        void shouldComputeTheRateByBatchAndOverallAsARatioOfSums() {
            IndicatorBreakdown breakdown = evaluator.evaluateBy(builtIn("land.patch.rectification_rate"),
                    FactSet.of(patches), Window.asOf(BULLETIN), "batch");

            assertThat(breakdown.group("2021耕地保护督察").orElseThrow().rounded(2)).contains(new BigDecimal("70.00"));
            assertThat(breakdown.group("2022Q4遥感监测").orElseThrow().rounded(2)).contains(new BigDecimal("55.56"));
            IndicatorValue overall = breakdown.overall();
            assertThat(overall.numerator()).isEqualByComparingTo("12");
            assertThat(overall.denominator()).isEqualByComparingTo("19");
            assertThat(overall.rounded(2)).contains(new BigDecimal("63.16"));
            // The average of the two batch rates would be 62.78: the overall rate is not that.
            assertThat(overall.value()).isEqualByComparingTo("63.157895");
        }

        @Test
        void shouldRoundForDisplayOnceFromTheFullPrecisionRatio() {
            IndicatorValue overall = evaluator.evaluate(builtIn("land.patch.rectification_rate"),
                    FactSet.of(patches), Window.asOf(BULLETIN));

            assertThat(overall.ratio()).isEqualByComparingTo("0.6315789473684210526315789473684211");
            assertThat(overall.rounded(1)).contains(new BigDecimal("63.2"));
            assertThat(overall.rounded(0)).contains(new BigDecimal("63"));
        }
    }

    @Nested
    class ForeignCapital {

        /**
         * 已到位外资2023万美元 (printed twice in one paragraph), of which 信汇达 制造业 1465万美元, 聚智研 贸易 237万美元,
         * 百齐新材料 日资 321万美元.
         */
        private final List<ReadingFact> foreignCapital = List.of(
                reading("foreign_capital.in_place", Map.of(), "20230000", "USD", BULLETIN, "issue-fdi"),
                reading("foreign_capital.in_place", Map.of(), "20230000", "USD", BULLETIN, "issue-fdi"),
                reading("foreign_capital.in_place", Map.of("enterprise", "信汇达", "sector", "制造业"), "14650000", "USD",
                        BULLETIN, "issue-fdi"),
                reading("foreign_capital.in_place", Map.of("enterprise", "聚智研", "sector", "贸易"), "2370000", "USD",
                        BULLETIN, "issue-fdi"),
                reading("foreign_capital.in_place", Map.of("enterprise", "百齐新材料", "origin", "日本"), "3210000",
                        "USD", BULLETIN, "issue-fdi"));

        @Test
        void shouldTakeTheStatedTotalNotTheTotalPlusItsParts() {
            IndicatorValue value = evaluator.evaluate(builtIn("foreign_capital.in_place"), FactSet.of(foreignCapital),
                    Window.asOf(BULLETIN));

            assertThat(value.value()).isEqualByComparingTo("20230000");
            assertThat(value.unit()).isEqualTo("USD");
        }

        @Test
        void shouldComputeTheManufacturingShare() {
            IndicatorValue value = evaluator.evaluate(builtIn("foreign_capital.manufacturing_share"),
                    FactSet.of(foreignCapital), Window.asOf(BULLETIN));

            assertThat(value.numerator()).isEqualByComparingTo("14650000");
            assertThat(value.denominator()).isEqualByComparingTo("20230000");
            assertThat(value.rounded(2)).contains(new BigDecimal("72.42"));
            assertThat(value.rounded(1)).contains(new BigDecimal("72.4"));
        }

        @Test
        void shouldAddEveryCombinationWhenATermFiltersNothing() {
            SideValue value = evaluator.evaluate(Expression.parse("metric(foreign_capital.in_place, enterprise = *)"),
                    FactSet.of(foreignCapital), Window.asOf(BULLETIN));

            assertThat(value.value()).isEqualByComparingTo("20230000");
            assertThat(value.readings()).hasSize(3);
        }
    }

    @Nested
    class ProjectStartRate {

        /** 新材料 已开工18个, 开工率67%; 17个风电装备产业项目已开工9个、开工率53%; 8个生物医药项目已开工2个, 开工率25%. */
        private final List<ReadingFact> projects = List.of(
                reading("project.started", Map.of("industry", "新材料"), "18", "个", BULLETIN, "issue-1-1"),
                reading("project.start_rate", Map.of("industry", "新材料"), "0.67", "", Qualifier.STATED, BULLETIN,
                        "issue-1-1"),
                reading("project.total", Map.of("industry", "风电"), "17", "个", BULLETIN, "issue-1-1"),
                reading("project.started", Map.of("industry", "风电"), "9", "个", BULLETIN, "issue-1-1"),
                reading("project.start_rate", Map.of("industry", "风电"), "0.53", "", Qualifier.STATED, BULLETIN,
                        "issue-1-1"),
                reading("project.total", Map.of("industry", "生物医药"), "8", "个", BULLETIN, "issue-1-1"),
                reading("project.started", Map.of("industry", "生物医药"), "2", "个", BULLETIN, "issue-1-1"),
                reading("project.start_rate", Map.of("industry", "生物医药"), "0.25", "", Qualifier.STATED, BULLETIN,
                        "issue-1-1"));

        @Test
        void shouldShowAStatedRateAsStatedWhereItsPartsAreNotReported() {
            IndicatorBreakdown breakdown = evaluator.evaluateBy(builtIn("project.start_rate"), FactSet.of(projects),
                    Window.asOf(BULLETIN), "industry");

            IndicatorValue newMaterials = breakdown.group("新材料").orElseThrow();
            assertThat(newMaterials.value()).isEqualByComparingTo("67");
            assertThat(newMaterials.basis()).isEqualTo(Basis.STATED);
            assertThat(newMaterials.qualifier()).isEqualTo(Qualifier.STATED);
            assertThat(newMaterials.readings()).singleElement().extracting(ObservedFact::metric)
                    .isEqualTo("project.start_rate");
        }

        @Test
        void shouldComputeTheRateWhereBothPartsAreReported() {
            IndicatorBreakdown breakdown = evaluator.evaluateBy(builtIn("project.start_rate"), FactSet.of(projects),
                    Window.asOf(BULLETIN), "industry");

            IndicatorValue wind = breakdown.group("风电").orElseThrow();
            assertThat(wind.basis()).isEqualTo(Basis.COMPUTED);
            assertThat(wind.rounded(2)).contains(new BigDecimal("52.94"));
            assertThat(breakdown.group("生物医药").orElseThrow().rounded(2)).contains(new BigDecimal("25.00"));
        }

        @Test
        void shouldComputeTheOverallRateOnlyOverIndustriesWithBothParts() {
            IndicatorValue overall = evaluator.evaluate(builtIn("project.start_rate"), FactSet.of(projects),
                    Window.asOf(BULLETIN));

            // (9 + 2) / (17 + 8): 新材料's 18 starts have no planned count to be divided by.
            assertThat(overall.numerator()).isEqualByComparingTo("11");
            assertThat(overall.denominator()).isEqualByComparingTo("25");
            assertThat(overall.rounded(2)).contains(new BigDecimal("44.00"));
            assertThat(overall.basis()).isEqualTo(Basis.COMPUTED);
        }

        @Test
        void shouldReturnAStatedRateAloneAsStated() {
            List<ReadingFact> statedOnly = List.of(reading("project.start_rate", Map.of("industry", "新材料"), "0.67",
                    "", Qualifier.STATED, BULLETIN, "issue-1-1"));

            IndicatorValue value = evaluator.evaluate(builtIn("project.start_rate"), FactSet.of(statedOnly),
                    Window.asOf(BULLETIN));

            assertThat(value.value()).isEqualByComparingTo("67");
            assertThat(value.ratio()).isEqualByComparingTo("0.67");
            assertThat(value.basis()).isEqualTo(Basis.STATED);
            assertThat(value.qualifier()).isEqualTo(Qualifier.STATED);
            assertThat(value.numerator()).isNull();
        }

        @Test
        void shouldNeverAddStatedRatesUp() {
            SideValue value = evaluator.evaluate(Expression.parse("metric(project.start_rate)"), FactSet.of(projects),
                    Window.asOf(BULLETIN));

            assertThat(value.hasValue()).isFalse();
            assertThat(value.noValue().reason()).isEqualTo(Reason.AMBIGUOUS_READINGS);
        }
    }

    @Nested
    class IssueCounts {

        private final List<IssueFact> issues = List.of(
                issue("i1", IssueStatus.COMPLETED, "(一)", Set.of("经济发展局"), true),
                issue("i2", IssueStatus.IN_PROGRESS, "(一)", Set.of("经济发展局", "财政金融局"), false),
                issue("i3", IssueStatus.NOT_STARTED, "(一)", Set.of(), null),
                issue("i4", IssueStatus.CLOSED, "(二)", Set.of("财政金融局"), true),
                issue("i5", IssueStatus.LONG_TERM, "(二)", Set.of(), null));

        private IndicatorValue evaluate(String code) {
            return evaluator.evaluate(builtIn(code), new FactSet(List.of(), issues), Window.asOf(BULLETIN));
        }

        @Test
        void shouldComputeTheCompletionRateAsCompletedAndClosedOverAll() {
            IndicatorValue value = evaluate("issue.completion_rate");

            assertThat(value.numerator()).isEqualByComparingTo("2");
            assertThat(value.denominator()).isEqualByComparingTo("5");
            assertThat(value.value()).isEqualByComparingTo("40");
            assertThat(value.issueIds()).containsExactlyInAnyOrder("i1", "i2", "i3", "i4", "i5");
        }

        @Test
        void shouldComputeTheClosureRateAsClosedOverAll() {
            assertThat(evaluate("issue.closure_rate").value()).isEqualByComparingTo("20");
        }

        @Test
        void shouldComputeTheOnTimeRateOverIssuesWhoseTimelinessIsDecided() {
            IndicatorValue value = evaluate("issue.on_time_rate");

            assertThat(value.numerator()).isEqualByComparingTo("2");
            assertThat(value.denominator()).isEqualByComparingTo("3");
            assertThat(value.rounded(2)).contains(new BigDecimal("66.67"));
        }

        @Test
        void shouldBreakTheCompletionRateDownByAspect() {
            IndicatorBreakdown breakdown = evaluator.evaluateBy(builtIn("issue.completion_rate"),
                    new FactSet(List.of(), issues), Window.asOf(BULLETIN), "aspect");

            assertThat(breakdown.groups()).extracting(IndicatorBreakdown.Group::key).containsExactly("(一)", "(二)");
            assertThat(breakdown.group("(一)").orElseThrow().rounded(2)).contains(new BigDecimal("33.33"));
            assertThat(breakdown.group("(二)").orElseThrow().rounded(2)).contains(new BigDecimal("50.00"));
        }

        @Test
        void shouldCountAnIssueUnderEachOfItsUnitsButOnceOverall() {
            IndicatorBreakdown breakdown = evaluator.evaluateBy(builtIn("issue.completion_rate"),
                    new FactSet(List.of(), issues), Window.asOf(BULLETIN), "unit");

            assertThat(breakdown.groups()).extracting(IndicatorBreakdown.Group::key)
                    .containsExactly("经济发展局", "财政金融局", null);
            assertThat(breakdown.group("经济发展局").orElseThrow().denominator()).isEqualByComparingTo("2");
            assertThat(breakdown.group("财政金融局").orElseThrow().denominator()).isEqualByComparingTo("2");
            assertThat(breakdown.group(null).orElseThrow().denominator()).isEqualByComparingTo("2");
            assertThat(breakdown.overall().denominator()).isEqualByComparingTo("5");
        }

        @Test
        void shouldGiveTheSameFiguresOverTalliesAsOverIssuesOneByOne() {
            // the issues grouped by what the built-ins and the groupings test: status, onTime, aspect, units
            Map<List<Object>, Long> counts = new LinkedHashMap<>();
            issues.forEach(i -> counts.merge(List.of(i.status(), String.valueOf(i.onTime()), i.aspect(), i.units()),
                    1L, Long::sum));
            List<IssueFact> tallies = new ArrayList<>();
            counts.forEach((key, count) -> {
                IssueFact one = issues.stream().filter(i -> List.of(i.status(), String.valueOf(i.onTime()), i.aspect(),
                        i.units()).equals(key)).findFirst().orElseThrow();
                tallies.add(new IssueFact(null, one.status(), WarningLevel.NONE, null, null, one.aspect(), null,
                        one.units(), Set.of(), Set.of(), one.onTime(), false, count));
            });
            FactSet byId = new FactSet(List.of(), issues);
            FactSet tallied = new FactSet(List.of(), tallies);

            for (String code : List.of("issue.completion_rate", "issue.closure_rate", "issue.on_time_rate")) {
                for (String by : List.of("aspect", "unit", "status")) {
                    IndicatorBreakdown one = evaluator.evaluateBy(builtIn(code), byId, Window.asOf(BULLETIN), by);
                    IndicatorBreakdown other = evaluator.evaluateBy(builtIn(code), tallied, Window.asOf(BULLETIN), by);
                    assertThat(other.groups()).extracting(IndicatorBreakdown.Group::key)
                            .as("%s by %s", code, by).isEqualTo(one.groups().stream()
                                    .map(IndicatorBreakdown.Group::key).toList());
                    assertSameFigure(code + " by " + by + " overall", other.overall(), one.overall());
                    for (IndicatorBreakdown.Group group : one.groups()) {
                        assertSameFigure(code + " by " + by + " = " + group.key(),
                                other.group(group.key()).orElseThrow(), group.value());
                    }
                }
            }
            IndicatorValue completion = evaluator.evaluate(builtIn("issue.completion_rate"), tallied,
                    Window.asOf(BULLETIN));
            assertThat(completion.denominator()).isEqualByComparingTo("5");
            assertThat(completion.issueCount()).isEqualTo(5);
        }

        private static void assertSameFigure(String what, IndicatorValue tallied, IndicatorValue byId) {
            assertThat(tallied.value()).as(what).isEqualTo(byId.value());
            assertThat(tallied.numerator()).as(what).isEqualTo(byId.numerator());
            assertThat(tallied.denominator()).as(what).isEqualTo(byId.denominator());
            assertThat(tallied.issueCount()).as(what).isEqualTo(byId.issueIds().size()).isEqualTo(byId.issueCount());
            assertThat(tallied.issueIds()).as(what).isEmpty();
        }

        @Test
        void shouldCountIssuesByWarningAndTags() {
            List<IssueFact> warned = List.of(
                    new IssueFact("r", IssueStatus.IN_PROGRESS, WarningLevel.RED, null, null, null, null, null, null,
                            Set.of("黄河流域"), false, true),
                    new IssueFact("y", IssueStatus.IN_PROGRESS, WarningLevel.YELLOW, null, null, null, null, null, null,
                            Set.of(), null, false));

            SideValue red = evaluator.evaluate(Expression.parse("issues(warning = RED, overdue = true)"),
                    new FactSet(List.of(), warned), Window.all());
            SideValue tagged = evaluator.evaluate(Expression.parse("issues(tag = 黄河流域)"),
                    new FactSet(List.of(), warned), Window.all());

            assertThat(red.value()).isEqualByComparingTo("1");
            assertThat(red.issueIds()).containsExactly("r");
            assertThat(tagged.issueIds()).containsExactly("r");
        }

        @Test
        void shouldGiveNoValueInsteadOfDividingByZero() {
            IndicatorValue value = evaluator.evaluate(builtIn("issue.completion_rate"),
                    new FactSet(List.of(), List.of()), Window.asOf(BULLETIN));

            assertThat(value.hasValue()).isFalse();
            assertThat(value.value()).isNull();
            assertThat(value.rounded(2)).isEmpty();
            assertThat(value.noValue().reason()).isEqualTo(Reason.DENOMINATOR_ZERO);
            assertThat(value.numerator()).isEqualByComparingTo("0");
            assertThat(value.denominator()).isEqualByComparingTo("0");
        }
    }

    @Nested
    class AggregationOverTime {

        private final List<ReadingFact> cumulative = List.of(
                reading("investment.completed", Map.of("industry", "新材料"), "250000000", "CNY",
                        LocalDate.of(2023, 3, 31), "a"),
                reading("investment.completed", Map.of("industry", "新材料"), "310000000", "CNY", BULLETIN, "a"),
                reading("investment.completed", Map.of("industry", "新材料"), "350000000", "CNY",
                        LocalDate.of(2023, 6, 30), "a"),
                reading("investment.completed", Map.of("industry", "风电"), "900000000", "CNY",
                        LocalDate.of(2023, 3, 31), "b"));

        @Test
        void shouldTakeTheLatestValueNotAfterTheAsOfDatePerCombinationAndSumThem() {
            SideValue value = evaluator.evaluate(Expression.parse("metric(investment.completed)"),
                    FactSet.of(cumulative), Window.asOf(LocalDate.of(2023, 5, 31)));

            // 新材料 as of 05-10 (not 03-31, not the 06-30 figure from the future) + 风电 as of 03-31.
            assertThat(value.value()).isEqualByComparingTo("1210000000");
            assertThat(value.readings()).extracting(ObservedFact::asOf)
                    .containsExactlyInAnyOrder(BULLETIN, LocalDate.of(2023, 3, 31));
        }

        @Test
        void shouldIgnoreTheWindowStartForCumulativeFigures() {
            SideValue value = evaluator.evaluate(Expression.parse("metric(investment.completed, industry = 风电)"),
                    FactSet.of(cumulative), Window.between(LocalDate.of(2023, 4, 1), BULLETIN));

            assertThat(value.value()).isEqualByComparingTo("900000000");
        }

        private final List<ReadingFact> monthly = List.of(
                reading("investment.monthly", Map.of(), "100", "CNY", LocalDate.of(2023, 3, 31), "a"),
                reading("investment.monthly", Map.of(), "200", "CNY", LocalDate.of(2023, 4, 30), "a"),
                reading("investment.monthly", Map.of(), "200", "CNY", LocalDate.of(2023, 4, 30), "b"),
                reading("investment.monthly", Map.of(), "300", "CNY", LocalDate.of(2023, 5, 31), "a"));

        @Test
        void shouldSumAFlowOverThePeriodsInTheWindowCountingEachPeriodOnce() {
            IndicatorEvaluator flows = new IndicatorEvaluator(
                    MetricCatalogue.defaults().with("investment.monthly", MetricAggregation.FLOW));
            Expression expression = Expression.parse("metric(investment.monthly)");

            assertThat(flows.evaluate(expression, FactSet.of(monthly), Window.asOf(LocalDate.of(2023, 4, 30))).value())
                    .isEqualByComparingTo("300");
            assertThat(flows.evaluate(expression, FactSet.of(monthly),
                    Window.between(LocalDate.of(2023, 4, 1), LocalDate.of(2023, 5, 31))).value())
                    .isEqualByComparingTo("500");
        }

        @Test
        void shouldTakeTheLastValueOfTheSameReadingsWhenTheMetricIsNotAFlow() {
            SideValue value = evaluator.evaluate(Expression.parse("metric(investment.monthly)"), FactSet.of(monthly),
                    Window.asOf(LocalDate.of(2023, 5, 31)));

            assertThat(value.value()).isEqualByComparingTo("300");
        }
    }

    @Nested
    class FactsThatDisagree {

        @Test
        void shouldGiveNoValueWhenTheSameFactIsReportedWithTwoValues() {
            List<ReadingFact> conflicting = List.of(
                    reading("investment.completed", Map.of("industry", "新材料"), "310000000", "CNY", BULLETIN, "a"),
                    reading("investment.completed", Map.of("industry", "新材料"), "320000000", "CNY", BULLETIN, "b"));

            IndicatorValue value = evaluator.evaluate(builtIn("investment.completed"), FactSet.of(conflicting),
                    Window.asOf(BULLETIN));

            assertThat(value.hasValue()).isFalse();
            assertThat(value.noValue().reason()).isEqualTo(Reason.CONFLICTING_READINGS);
            assertThat(value.noValue().message()).contains("310000000 CNY and 320000000 CNY");
            assertThat(value.readings()).hasSize(2);
        }

        @Test
        void shouldIgnoreAConflictThatALaterFigureSupersedes() {
            List<ReadingFact> readings = List.of(
                    reading("investment.completed", Map.of(), "1", "CNY", Q1_END, "a"),
                    reading("investment.completed", Map.of(), "2", "CNY", Q1_END, "b"),
                    reading("investment.completed", Map.of(), "3", "CNY", BULLETIN, "c"));

            assertThat(evaluator.evaluate(builtIn("investment.completed"), FactSet.of(readings), Window.asOf(BULLETIN))
                    .value()).isEqualByComparingTo("3");
        }

        @Test
        void shouldRefuseToAddDifferentUnits() {
            List<ReadingFact> readings = List.of(
                    reading("investment.completed", Map.of("industry", "新材料"), "310000000", "CNY", BULLETIN, "a"),
                    reading("investment.completed", Map.of("industry", "外资"), "20230000", "USD", BULLETIN, "a"));

            IndicatorValue value = evaluator.evaluate(builtIn("investment.completed"), FactSet.of(readings),
                    Window.asOf(BULLETIN));

            assertThat(value.noValue().reason()).isEqualTo(Reason.UNIT_MISMATCH);
        }

        @Test
        void shouldTakeTheWeakestQualifierOfTheReportsOfOneFact() {
            List<ReadingFact> readings = List.of(
                    reading("loan.npl", Map.of(), "2127000000", "CNY", Qualifier.EXACT, Q1_END, "a"),
                    reading("loan.npl", Map.of(), "2127000000", "CNY", Qualifier.FORECAST, Q1_END, "b"));

            SideValue value = evaluator.evaluate(Expression.parse("metric(loan.npl)"), FactSet.of(readings),
                    Window.all());

            assertThat(value.value()).isEqualByComparingTo("2127000000");
            assertThat(value.qualifier()).isEqualTo(Qualifier.FORECAST);
        }

        @Test
        void shouldMakeALowerBoundApproximateWhenItIsSubtractedOrDividedBy() {
            List<ReadingFact> readings = List.of(
                    reading("enterprise.served", Map.of(), "140", "家", Qualifier.AT_LEAST, BULLETIN, "a"),
                    reading("enterprise.total", Map.of(), "200", "家", Qualifier.EXACT, BULLETIN, "a"));
            FactSet facts = FactSet.of(readings);

            assertThat(evaluator.evaluate(Expression.parse("metric(enterprise.served) + 10"), facts, Window.all())
                    .qualifier()).isEqualTo(Qualifier.AT_LEAST);
            assertThat(evaluator.evaluate(Expression.parse("metric(enterprise.total) - metric(enterprise.served)"),
                    facts, Window.all()).qualifier()).isEqualTo(Qualifier.APPROXIMATE);
            IndicatorDefinition share = IndicatorDefinition.parse(IndicatorSpec.of("x.share", "占比",
                    "metric(enterprise.total)", "metric(enterprise.served)", BigDecimal.ONE, "", ""));
            assertThat(evaluator.evaluate(share, facts, Window.all()).qualifier()).isEqualTo(Qualifier.APPROXIMATE);
        }
    }
}
