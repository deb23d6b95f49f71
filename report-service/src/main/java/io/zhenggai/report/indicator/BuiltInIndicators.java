package io.zhenggai.report.indicator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The indicators the report-service ships with, as data in the same form users author theirs, so that they can be
 * seeded into the definitions table and versioned like any other. Metric codes and dimensions are the ones the
 * seed's readings are expected to carry:
 * <ul>
 *   <li>{@code investment.completed} (已完成投资, CNY) by {@code industry};</li>
 *   <li>{@code project.started} (已开工, 个), {@code project.total} (计划/项目数, 个) and the stated
 *       {@code project.start_rate} (开工率, a fraction) by {@code industry};</li>
 *   <li>{@code loan.balance} (贷款余额) and {@code loan.npl} (不良贷款), CNY: the district's figures carry no
 *       {@code entity}; a named borrower's loans do (方圆公司 7亿元), and are not added to them;</li>
 *   <li>{@code patches.total} (需要整改的图斑) and {@code patches.rectified} (已完成整改), 个, by {@code batch};</li>
 *   <li>{@code foreign_capital.in_place} (已到位外资, USD): the total without dimensions, the parts with
 *       {@code sector} (制造业 1465万美元) and, where the bulletin names one, {@code enterprise} (信汇达).</li>
 * </ul>
 * "By industry" and "by batch" are not separate definitions: any definition is evaluated per group with
 * {@link IndicatorEvaluator#evaluateBy}.
 */
public final class BuiltInIndicators {

    private static final BigDecimal PERCENT = BigDecimal.valueOf(100);

    public static final List<IndicatorSpec> SPECS = List.of(
            IndicatorSpec.of("issue.completion_rate", "整改完成率",
                    "issues(status in [COMPLETED, CLOSED])", "issues()", PERCENT, "%",
                    "Issues completed (pending or past verification) over all issues."),
            IndicatorSpec.of("issue.closure_rate", "销号率",
                    "issues(status = CLOSED)", "issues()", PERCENT, "%",
                    "Issues closed after verification over all issues."),
            IndicatorSpec.of("issue.on_time_rate", "按期完成率",
                    "issues(onTime = true)", "issues(onTime = *)", PERCENT, "%",
                    "Issues completed by their deadline over issues whose timeliness is decided "
                            + "(completed, or open past the deadline)."),
            IndicatorSpec.of("investment.completed", "已完成投资",
                    "metric(investment.completed)", null, BigDecimal.ONE, "CNY",
                    "Investment completed to date, each fact counted once, summed over industries."),
            IndicatorSpec.of("loan.npl_ratio", "不良贷款率",
                    "metric(loan.npl, entity = none)", "metric(loan.balance, entity = none)", PERCENT, "%",
                    "Non-performing loans over the loan balance, for the whole district: a named borrower's "
                            + "non-performing loan (方圆公司 7亿元) is part of the total, not added to it."),
            IndicatorSpec.of("project.start_rate", "项目开工率",
                    "metric(project.started)", "metric(project.total)", PERCENT, "%",
                    "Projects started over projects planned, for industries that report both; "
                            + "otherwise the rate the bulletin states, marked STATED.")
                    .withPairing("industry", "metric(project.start_rate)"),
            IndicatorSpec.of("land.patch.rectification_rate", "图斑整改完成率",
                    "metric(patches.rectified)", "metric(patches.total)", PERCENT, "%",
                    "Patches rectified over patches requiring rectification; by batch and overall."),
            IndicatorSpec.of("foreign_capital.in_place", "已到位外资",
                    "metric(foreign_capital.in_place, enterprise = none, origin = none, sector = none)", null, BigDecimal.ONE, "USD",
                    "Foreign capital in place: the stated total, not the sum of the enterprises or sectors named."),
            IndicatorSpec.of("foreign_capital.manufacturing_share", "制造业外资占比",
                    "metric(foreign_capital.in_place, sector = 制造业)",
                    "metric(foreign_capital.in_place, enterprise = none, origin = none, sector = none)", PERCENT, "%",
                    "Manufacturing foreign capital in place over all foreign capital in place."));

    /**
     * Decimal places of the display form where the bulletin prints another precision than the default 2: the
     * manufacturing share as 72.4%, start rates as whole percentages (开工率53%, 25%).
     */
    private static final Map<String, Integer> DISPLAY_DECIMALS = Map.of(
            "foreign_capital.manufacturing_share", 1,
            "project.start_rate", 0);

    public static final int DEFAULT_DISPLAY_DECIMALS = 2;

    private BuiltInIndicators() {
    }

    /** Places the display form of a built-in shows (13.63亿元, 2.41%, 72.4%, 67%). */
    public static int displayDecimals(String code) {
        return DISPLAY_DECIMALS.getOrDefault(code, DEFAULT_DISPLAY_DECIMALS);
    }

    /** The built-ins, parsed. */
    public static List<IndicatorDefinition> definitions() {
        return SPECS.stream().map(IndicatorDefinition::parse).toList();
    }

    public static IndicatorDefinition byCode(String code) {
        return definitions().stream()
                .filter(d -> d.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no built-in indicator " + code));
    }
}
