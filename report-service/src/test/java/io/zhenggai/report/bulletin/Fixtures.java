package io.zhenggai.report.bulletin;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.zhenggai.report.indicator.IndicatorValue;
import io.zhenggai.report.indicator.NoValue;
import io.zhenggai.report.indicator.Qualifier;
import io.zhenggai.report.projection.BulletinQueries;
import io.zhenggai.report.projection.BulletinQueries.Aspect;
import io.zhenggai.report.projection.BulletinQueries.Category;
import io.zhenggai.report.projection.BulletinQueries.FeedbackList;
import io.zhenggai.report.projection.BulletinQueries.Group;
import io.zhenggai.report.projection.BulletinQueries.IssueRow;
import io.zhenggai.report.projection.BulletinQueries.ReportRow;
import io.zhenggai.report.projection.BulletinQueries.Warning;
import io.zhenggai.report.query.ReportQueries;

/**
 * A small ledger shaped like the seed's, as the projections would hand it to the assembler, as of 2023-05-10:
 * <pre>
 *   list        place                               status        report
 *   main        (一)1.(1) 理论学习                   IN_PROGRESS   一是…二是…, a RATE_MISMATCH found on it
 *   main        (一)1.(2) 新旧动能转换               COMPLETED     已完成 (its own words)
 *   main        (一)2.    安全生产 (itself the issue) LONG_TERM     none: 长期坚持
 *   main        (二)「产业发展」1. 特色产业           COMPLETED     基本完成, but completed since: 已完成
 *   main        (二)「产业发展」2. 集体经济           NOT_STARTED   none
 *   attachment  (一)1. 互花米草                      IN_PROGRESS   two lines, a report from before findings travelled
 * </pre>
 * Declared: 2个方面3类问题 (the main list holds 4 categories, 5 with the attachment: a finding). Key figures: 已完成投资
 * 13.63亿元, 不良贷款率 预计2.41%, 走访企业 140余家, and 现场初步调查 with two values for one date (a finding).
 */
final class Fixtures {

    static final LocalDate DATE = LocalDate.of(2023, 5, 10);
    static final UUID INSPECTION = UUID.fromString("0b8e0000-0000-4000-8000-000000000001");

    private Fixtures() {
    }

    static BulletinQueries.InspectionRow inspection(List<FeedbackList> lists) {
        return new BulletinQueries.InspectionRow(INSPECTION, "市委第五巡察组", "东营经济技术开发区党工委",
                List.of("ROUTINE", "SPECIAL"), "黄河流域生态保护和高质量发展", LocalDate.of(2022, 6, 22),
                LocalDate.of(2022, 9, 30), LocalDate.of(2022, 12, 7), 2, 3, null, 4, lists);
    }

    static List<FeedbackList> lists() {
        FeedbackList main = new FeedbackList("main", "中共东营市委经济技术开发区工作委员会关于市委第五巡察组反馈意见集中整改进展情况的通报",
                null, List.of(
                new Aspect("(一)", "关于聚焦党中央各项决策部署在基层的落实情况方面", "一", List.of(), List.of(
                        new Category("1.", "学习贯彻落实不够深入,在学懂弄通做实上有差距", "一/1"),
                        new Category("2.", "关于安全生产存在较多薄弱环节的问题", "一/2"))),
                new Aspect("(二)", "关于聚焦群众身边腐败问题和不正之风方面", "二", List.of(
                        new Group("产业发展", "二/产业发展", List.of(
                                new Category("「产业发展」1.", "特色产业项目推进慢的问题", "二/产业发展/「产业发展」1"),
                                new Category("「产业发展」2.", "村集体经济薄弱的问题", "二/产业发展/「产业发展」2")))),
                        List.of())));
        FeedbackList attachment = new FeedbackList("attachment-1", "关于落实黄河国家战略重点任务方面存在问题整改进展情况",
                "黄河国家战略重点任务", List.of(new Aspect("(一)", "关于生态环境保护方面", "一", List.of(), List.of(
                new Category("1.", "关于互花米草治理成效不佳的问题", "一/1")))));
        return List.of(main, attachment);
    }

    static final UUID THEORY = id(1);
    static final UUID ENERGY = id(2);
    static final UUID SAFETY = id(3);
    static final UUID INDUSTRY = id(4);
    static final UUID COLLECTIVE = id(5);
    static final UUID SPARTINA = id(6);

    private static UUID id(int n) {
        return UUID.fromString("0b8e0000-0000-4000-8000-0000000001" + String.format("%02d", n));
    }

    static List<IssueRow> issues() {
        return List.of(
                new IssueRow(THEORY, "main", "一", "(一)", "关于聚焦党中央各项决策部署在基层的落实情况方面", null, "一/1", "1.",
                        "学习贯彻落实不够深入,在学懂弄通做实上有差距", "一/1/1", "(1)", 1,
                        "关于理论学习中心组学习制度和“第一议题”制度执行不够严格问题", "IN_PROGRESS", null, null, List.of()),
                new IssueRow(ENERGY, "main", "一", "(一)", "关于聚焦党中央各项决策部署在基层的落实情况方面", null, "一/1", "1.",
                        "学习贯彻落实不够深入,在学懂弄通做实上有差距", "一/1/2", "(2)", 2, "关于推动新旧动能转换力度不够大的问题",
                        "COMPLETED", "已完成", null, List.of()),
                new IssueRow(SAFETY, "main", "一", "(一)", "关于聚焦党中央各项决策部署在基层的落实情况方面", null, "一/2", "2.",
                        "关于安全生产存在较多薄弱环节的问题", "一/2", null, 3, "关于安全生产存在较多薄弱环节的问题", "LONG_TERM",
                        null, "安全生产责任制落实不到位。\n隐患排查治理不彻底。", List.of()),
                new IssueRow(INDUSTRY, "main", "二", "(二)", "关于聚焦群众身边腐败问题和不正之风方面", "产业发展",
                        "二/产业发展/「产业发展」1", "「产业发展」1.", "特色产业项目推进慢的问题", "二/产业发展/「产业发展」1", null, 4,
                        "特色产业项目推进慢的问题", "COMPLETED", "基本完成", null, List.of()),
                new IssueRow(COLLECTIVE, "main", "二", "(二)", "关于聚焦群众身边腐败问题和不正之风方面", "产业发展",
                        "二/产业发展/「产业发展」2", "「产业发展」2.", "村集体经济薄弱的问题", "二/产业发展/「产业发展」2", null, 5,
                        "村集体经济薄弱的问题", "NOT_STARTED", null, null, List.of("发展特色种植")),
                new IssueRow(SPARTINA, "attachment-1", "一", "(一)", "关于生态环境保护方面", null, "一/1", "1.",
                        "关于互花米草治理成效不佳的问题", "一/1", null, 6, "关于互花米草治理成效不佳的问题", "IN_PROGRESS", null,
                        null, List.of()));
    }

    static Map<UUID, ReportRow> reports() {
        Map<UUID, ReportRow> reports = new LinkedHashMap<>();
        reports.put(THEORY, new ReportRow(THEORY, id(11), DATE, "一是坚持不懈抓好理论武装，已开展集体学习研讨3次。二是梳理信访积案21件，已化解16件，化解率80%。",
                List.of("一是坚持不懈抓好理论武装，已开展集体学习研讨3次。", "二是梳理信访积案21件，已化解16件，化解率80%。"), null,
                List.of(new Warning("RATE_MISMATCH", "所列比率80%与分项不符：16件/21件＝76.19% (the stated rate 80% does not "
                        + "match its parts: 16件/21件 = 76.19%)")), false));
        reports.put(ENERGY, new ReportRow(ENERGY, id(12), DATE, "新材料产业项目已开工18个，已完成投资3.1亿元。",
                List.of("新材料产业项目已开工18个，已完成投资3.1亿元。"), "已完成", List.of(), false));
        reports.put(INDUSTRY, new ReportRow(INDUSTRY, id(14), LocalDate.of(2023, 4, 1), "新建大棚120座。",
                List.of("新建大棚120座。"), "基本完成", List.of(), true));
        reports.put(SPARTINA, new ReportRow(SPARTINA, id(16), DATE, "一是成立治理攻坚领导小组。\n二是开展集中学习3次。",
                List.of("一是成立治理攻坚领导小组。", "二是开展集中学习3次。"), null, null, false));
        return reports;
    }

    static ReportQueries.IssueCounts counts(long notStarted, long inProgress, long completed, long closed,
                                            long longTerm) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        byStatus.put("NOT_STARTED", notStarted);
        byStatus.put("IN_PROGRESS", inProgress);
        byStatus.put("COMPLETED", completed);
        byStatus.put("CLOSED", closed);
        byStatus.put("LONG_TERM", longTerm);
        long total = notStarted + inProgress + completed + closed + longTerm;
        return new ReportQueries.IssueCounts(total, byStatus, completed + closed, 0, Map.of(), 0, 0, 0,
                ReportQueries.rate(completed + closed, total), ReportQueries.rate(closed, total),
                ReportQueries.rate(0, 0), 0, 0, ReportQueries.rate(0, 0), 0, 0, 0, 0, 0);
    }

    static List<BulletinInput.KeyFigure> keyFigures() {
        BigDecimal npl = new BigDecimal("2127000000");
        BigDecimal balance = new BigDecimal("88394000000");
        BigDecimal ratio = npl.divide(balance, MathContext.DECIMAL128);
        List<BulletinInput.KeyFigure> figures = new ArrayList<>();
        figures.add(new BulletinInput.KeyFigure("issue.completion_rate", "整改完成率", ReportQueries.rate(2, 6), 2));
        figures.add(new BulletinInput.KeyFigure("investment.completed", "已完成投资", total("1363000000", "CNY",
                Qualifier.EXACT), 2));
        figures.add(new BulletinInput.KeyFigure("loan.npl_ratio", "不良贷款率", new IndicatorValue(
                ratio.multiply(BigDecimal.valueOf(100)).setScale(6, java.math.RoundingMode.HALF_UP), ratio, npl, balance,
                BigDecimal.valueOf(100), "%", Qualifier.FORECAST, IndicatorValue.Basis.COMPUTED, null, List.of(),
                List.of()), 2));
        figures.add(new BulletinInput.KeyFigure("enterprises.visited", "累计走访企业", total("140", "家",
                Qualifier.AT_LEAST), 0));
        figures.add(new BulletinInput.KeyFigure("survey.on_site_completed", "现场初步调查", new IndicatorValue(null, null,
                null, null, BigDecimal.ONE, "家", null, null, new NoValue(NoValue.Reason.CONFLICTING_READINGS,
                "survey.on_site_completed {} as of 2023-05-10 is reported as 62 家 and 43 家"), List.of(), List.of()), 0));
        figures.add(new BulletinInput.KeyFigure("patches.rate", "图斑整改完成率", new IndicatorValue(null, null, null,
                null, BigDecimal.valueOf(100), "%", null, null, new NoValue(NoValue.Reason.MISSING_READINGS,
                "no readings"), List.of(), List.of()), 2));
        return figures;
    }

    private static IndicatorValue total(String value, String unit, Qualifier qualifier) {
        BigDecimal v = new BigDecimal(value);
        return new IndicatorValue(v, null, v, null, BigDecimal.ONE, unit, qualifier, IndicatorValue.Basis.COMPUTED,
                null, List.of(), List.of());
    }

    /** The ledger as of 2023-05-10, with the counts at the end of April for the change of the completion rate. */
    static BulletinInput input() {
        return new BulletinInput(DATE, inspection(lists()), issues(), reports(), counts(1, 2, 2, 0, 1),
                counts(1, 4, 1, 0, 0), LocalDate.of(2023, 4, 30), keyFigures(), "坚持目标不变、标准不变、力度不变。\n健全长效机制。");
    }
}
