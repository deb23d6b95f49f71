package io.zhenggai.issue.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;

/**
 * A property of the parser: any feedback tree, generated with two or three levels in any of the numbering styles it
 * reads (一、 only at the top, as bulletins print it; problems and aspects also without numbers), with status words
 * at the start of a progress paragraph, at its end or in brackets after the title, measures enumerated with 一是…, ①
 * or numbered like the problems above them, inside a wrapping section or not, and rendered as a bulletin, parses back
 * to the same tree (paths, titles, statuses, measures) and the same figures.
 *
 * <p>jqwik's generators are used without its engine (see {@code HostileInputTest}): each tree is drawn from a
 * {@link Random} with a fixed seed, so a failure names the seed and the draw, and prints the text.
 */
class NumberingStylesPropertyTest {

    static final long SEED = 18_2023L;
    static final int TREES = 400;
    private static final int GEN_SIZE = 100;

    private static final List<String> TOPICS = List.of("理论学习走过场", "议事规则执行不严", "意识形态责任制落实不到位",
            "基层党组织软弱涣散", "干部选拔任用把关不严", "惠农补贴发放滞后", "村级财务管理混乱", "工程项目监管不严",
            "安全生产隐患整治不彻底", "招商引资质量不高", "营商环境不够优化", "公务用车管理不规范", "科研经费管理存在漏洞",
            "课程思政建设推进不平衡", "学生资助不够精准", "医保基金监管不到位", "药品耗材采购不规范", "执法案卷不规范",
            "食品安全监管存在盲区", "粮食库存数量不实", "债务风险防控不力", "农村公路建设滞后", "生态环境保护不力",
            "党费收缴不及时", "会议文件过多", "作风不严不实");
    private static final List<String> AREAS = List.of("落实全面从严治党主体责任", "贯彻落实党中央决策部署",
            "群众身边腐败问题和不正之风", "领导班子和干部队伍建设", "基层党组织建设", "推动高质量发展");
    private static final List<String> CATEGORY_TITLES = List.of("推动高质量发展用力不足", "防范化解风险有差距",
            "“两个责任”落实不到位", "选人用人存在短板", "民生保障存在弱项", "作风建设抓得不够紧");
    /** Measures: what was done, with one figure each ({} is the number). */
    private static final List<String> MEASURES = List.of("开展专项检查{}次", "追回资金{}万元", "培训干部{}人次",
            "修订制度{}项", "走访群众{}户", "约谈干部{}人");

    enum StatusPlace { OPENING, CLOSING, BRACKETED, NONE }

    enum Enumeration { YI_SHI, CIRCLED, LIKE_THE_PROBLEMS }

    record Figure(String text, BigDecimal value) {
    }

    record Problem(String title, ReportedStatus status, String label, StatusPlace place, List<String> measures,
                   List<Figure> figures, Enumeration enumeration, boolean ownLines) {
    }

    record Category(String title, List<Problem> problems, Problem self) {
    }

    record Aspect(String title, List<Category> categories, List<Problem> problems) {
    }

    /**
     * A tree and how it is printed: a style per level (two or three), whether a section wraps it, and its
     * punctuation: 1. 1、 or 1． and full-width （1） or ASCII (1), the same throughout one bulletin.
     */
    record Tree(List<NumberingStyle> styles, List<Aspect> aspects, boolean wrapped, String dot, boolean fullWidth) {

        boolean threeLevels() {
            return styles.size() == 3;
        }
    }

    final Random random = new Random(SEED);

    <T> T draw(Arbitrary<T> arbitrary) {
        return arbitrary.generator(GEN_SIZE).next(random).value();
    }

    @Test
    void anyTreeInAnySupportedNumberingRenderedAsABulletinParsesBackToTheSameTreeAndFigures() {
        BulletinParser parser = new BulletinParser();
        JqwikSession.start();
        try {
            Set<NumberingStyle> seen = EnumSet.noneOf(NumberingStyle.class);
            for (int n = 0; n < TREES; n++) {
                Tree tree = tree();
                seen.addAll(tree.styles());
                String text = render(tree);
                ParseResult result;
                try {
                    result = parser.parse(text);
                } catch (NotABulletinException e) {
                    throw new AssertionError("draw " + n + " (seed " + SEED + ") refused: " + e.getMessage() + "\n" + text);
                }
                assertThat(outline(result.bulletin().mainList())).as("draw %d (seed %d) of\n%s", n, SEED, text)
                        .isEqualTo(expected(tree));
            }
            assertThat(seen).as("every style drawn").containsAll(EnumSet.allOf(NumberingStyle.class));
        } finally {
            JqwikSession.finish();
        }
    }

    private Tree tree() {
        int levels = draw(Arbitraries.integers().between(2, 3));
        List<NumberingStyle> styles = styles(levels);
        boolean wrapped = styles.get(0) != NumberingStyle.CHINESE && draw(Arbitraries.of(true, false));
        List<Aspect> aspects = new ArrayList<>();
        int count = draw(Arbitraries.integers().between(1, 4));
        List<String> areas = draw(Arbitraries.of(AREAS).list().ofSize(count).uniqueElements());
        for (String area : areas) {
            boolean leafUnnumbered = styles.get(levels - 1) == NumberingStyle.UNNUMBERED;
            if (levels == 2) {
                aspects.add(new Aspect("关于" + area + "方面", List.of(), problems(styles.get(1), leafUnnumbered)));
            } else {
                List<Category> categories = new ArrayList<>();
                int categoryCount = draw(Arbitraries.integers().between(1, 3));
                for (String title : draw(Arbitraries.of(CATEGORY_TITLES).list().ofSize(categoryCount).uniqueElements())) {
                    // a category without problems of its own is itself the problem; not where paragraphs follow,
                    // for a paragraph under it would be its problem
                    boolean self = !leafUnnumbered && draw(Arbitraries.integers().between(1, 5)) == 1;
                    categories.add(self ? new Category(title, List.of(), problem("关于" + draw(Arbitraries.of(TOPICS)) + "的问题", styles.get(1), false))
                            : new Category(title, problems(styles.get(2), leafUnnumbered), null));
                }
                aspects.add(new Aspect("关于" + area + "方面", categories, List.of()));
            }
        }
        return new Tree(styles, aspects, wrapped, draw(Arbitraries.of(".", "、", "．")), draw(Arbitraries.of(true, false)));
    }

    /** Distinct styles, top first: 一、 only at the top, no number only at the top or for the problems. */
    private List<NumberingStyle> styles(int levels) {
        List<NumberingStyle> styles = new ArrayList<>();
        for (int level = 0; level < levels; level++) {
            List<NumberingStyle> allowed = new ArrayList<>();
            for (NumberingStyle s : NumberingStyle.values()) {
                boolean top = level == 0;
                boolean leaf = level == levels - 1;
                if (styles.contains(s) || s == NumberingStyle.CHINESE && !top
                        || s == NumberingStyle.UNNUMBERED && !top && !leaf) {
                    continue;
                }
                allowed.add(s);
            }
            styles.add(draw(Arbitraries.of(allowed)));
        }
        return styles;
    }

    private List<Problem> problems(NumberingStyle style, boolean paragraphs) {
        int count = draw(Arbitraries.integers().between(1, 4));
        List<Problem> problems = new ArrayList<>();
        for (String topic : draw(Arbitraries.of(TOPICS).list().ofSize(count).uniqueElements())) {
            String title = paragraphs && draw(Arbitraries.of(true, false)) ? "针对“" + topic + "”的问题" : "关于" + topic + "的问题";
            problems.add(problem(title, style, paragraphs));
        }
        return problems;
    }

    private Problem problem(String title, NumberingStyle style, boolean paragraph) {
        int measureCount = draw(Arbitraries.integers().between(0, 3));
        List<String> measures = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        for (String measure : draw(Arbitraries.of(MEASURES).list().ofSize(measureCount).uniqueElements())) {
            BigDecimal value;
            String number;
            if (measure.contains("万元")) {
                number = draw(Arbitraries.integers().between(1, 9999)) + "." + draw(Arbitraries.integers().between(1, 9));
                value = new BigDecimal(number).multiply(BigDecimal.valueOf(10_000)).stripTrailingZeros();
            } else {
                number = String.valueOf(draw(Arbitraries.integers().between(2, 999)));
                value = new BigDecimal(number);
            }
            String text = measure.replace("{}", number);
            measures.add(text);
            figures.add(new Figure(text.substring(text.indexOf(number)), value));
        }
        List<Enumeration> enumerations = new ArrayList<>(List.of(Enumeration.YI_SHI, Enumeration.CIRCLED));
        if (!paragraph && style != NumberingStyle.UNNUMBERED) {
            enumerations.add(Enumeration.LIKE_THE_PROBLEMS);
        }
        Enumeration enumeration = draw(Arbitraries.of(enumerations));
        boolean ownLines = enumeration == Enumeration.LIKE_THE_PROBLEMS || !paragraph && draw(Arbitraries.of(true, false));
        ReportedStatus status;
        String label;
        if (measures.isEmpty()) {
            status = draw(Arbitraries.of(ReportedStatus.NOT_STARTED, ReportedStatus.COMPLETED, ReportedStatus.LONG_TERM));
        } else {
            status = draw(Arbitraries.of(ReportedStatus.IN_PROGRESS, ReportedStatus.COMPLETED, ReportedStatus.LONG_TERM));
        }
        label = switch (status) {
            case COMPLETED -> draw(Arbitraries.of("已完成", "已完成整改", "已整改到位"));
            case LONG_TERM -> "长期坚持";
            case IN_PROGRESS -> draw(Arbitraries.of("正在推进", "正在整改", "基本完成", null));
            case NOT_STARTED -> null;
        };
        List<StatusPlace> places = new ArrayList<>(List.of(StatusPlace.OPENING, StatusPlace.CLOSING));
        if (!paragraph) {
            places.add(StatusPlace.BRACKETED);
        }
        StatusPlace place = label == null ? StatusPlace.NONE : draw(Arbitraries.of(places));
        return new Problem(title, status, label, place, measures, figures, enumeration, ownLines);
    }

    // ---- rendering ----

    private Tree printing;

    private String render(Tree tree) {
        printing = tree;
        int aspectCount = tree.aspects().size();
        int problemCount = tree.aspects().stream().mapToInt(a -> a.problems().size()
                + a.categories().stream().mapToInt(c -> c.self() != null ? 1 : c.problems().size()).sum()).sum();
        StringBuilder text = new StringBuilder();
        text.append("中共临河县交通运输局党组关于县委第二巡察组反馈意见整改进展情况的通报\n");
        text.append("2023年3月6日至4月28日，县委第二巡察组对县交通运输局党组开展了常规巡察，并于2023年5月30日反馈了巡察意见，指出")
                .append(aspectCount).append("个方面").append(problemCount).append("个问题。现将整改进展情况通报如下。\n");
        if (tree.wrapped()) {
            text.append("一、整改工作总体情况\n局党组召开专题会议研究部署整改工作，建立问题清单、任务清单、责任清单。\n");
            text.append("二、巡察反馈问题整改落实情况\n");
        }
        for (int a = 0; a < aspectCount; a++) {
            Aspect aspect = tree.aspects().get(a);
            text.append(heading(tree.styles().get(0), a + 1, aspect.title())).append('\n');
            if (tree.threeLevels()) {
                for (int c = 0; c < aspect.categories().size(); c++) {
                    Category category = aspect.categories().get(c);
                    if (category.self() != null) {
                        renderProblem(text, tree.styles().get(1), c + 1, category.self());
                        continue;
                    }
                    text.append(heading(tree.styles().get(1), c + 1, category.title())).append('\n');
                    for (int p = 0; p < category.problems().size(); p++) {
                        renderProblem(text, tree.styles().get(2), p + 1, category.problems().get(p));
                    }
                }
            } else {
                for (int p = 0; p < aspect.problems().size(); p++) {
                    renderProblem(text, tree.styles().get(1), p + 1, aspect.problems().get(p));
                }
            }
        }
        if (tree.wrapped()) {
            text.append("三、下一步工作打算\n局党组将持续巩固整改成果，建立健全长效机制。\n");
        }
        text.append("中共临河县交通运输局党组\n2023年10月16日\n");
        return text.toString();
    }

    private String heading(NumberingStyle style, int ordinal, String title) {
        return style == NumberingStyle.UNNUMBERED ? title : printed(style, ordinal) + title;
    }

    /** A number as this bulletin prints it. */
    private String printed(NumberingStyle style, int ordinal) {
        String open = printing.fullWidth() ? "（" : "(";
        String close = printing.fullWidth() ? "）" : ")";
        return switch (style) {
            case CHINESE -> NumeralText.format(ordinal) + "、";
            case CHINESE_PARENTHESISED -> open + NumeralText.format(ordinal) + close;
            case ARABIC -> ordinal + printing.dot();
            case ARABIC_PARENTHESISED -> open + ordinal + close;
            case CIRCLED -> String.valueOf((char) ('\u2460' + ordinal - 1));
            case UNNUMBERED -> "";
        };
    }

    private void renderProblem(StringBuilder text, NumberingStyle style, int ordinal, Problem p) {
        boolean paragraph = style == NumberingStyle.UNNUMBERED;
        String bracket = p.place() == StatusPlace.BRACKETED ? "（" + p.label() + "）" : "";
        text.append(heading(style, ordinal, p.title())).append(bracket).append("。");
        String opening = p.place() == StatusPlace.OPENING ? p.label() + "。" : "";
        String closing = p.place() == StatusPlace.CLOSING ? p.label() + "。" : "";
        if (p.measures().isEmpty()) {
            if (!opening.isEmpty() || !closing.isEmpty()) {
                text.append(paragraph ? "" : "\n").append("整改情况：").append(opening).append(closing);
            }
            text.append('\n');
            return;
        }
        if (p.enumeration() == Enumeration.LIKE_THE_PROBLEMS) {
            text.append("\n整改措施：\n");
            for (int m = 0; m < p.measures().size(); m++) {
                text.append(printed(style, m + 1)).append(p.measures().get(m)).append("。\n");
            }
            if (!opening.isEmpty() || !closing.isEmpty()) {
                text.append("整改进展：").append(opening).append(closing).append('\n');
            }
            return;
        }
        text.append(paragraph && !p.ownLines() ? "" : "\n").append("整改进展：").append(opening);
        for (int m = 0; m < p.measures().size(); m++) {
            String marker = p.enumeration() == Enumeration.YI_SHI ? NumeralText.format(m + 1) + "是"
                    : String.valueOf((char) ('\u2460' + m));
            if (p.ownLines()) {
                text.append('\n');
            }
            text.append(marker).append(p.measures().get(m)).append(m + 1 < p.measures().size() ? "；" : "。");
        }
        if (!closing.isEmpty()) {
            text.append(p.ownLines() ? "\n" : "").append(closing);
        }
        text.append('\n');
    }

    // ---- what the parse must give ----

    /** One line per node: aspect, category and problem paths with titles; problems with status, measures, figures. */
    private static List<String> outline(FeedbackList list) {
        List<String> lines = new ArrayList<>();
        for (io.zhenggai.issue.importing.Aspect aspect : list.aspects()) {
            lines.add(aspect.path() + " " + aspect.title());
            for (io.zhenggai.issue.importing.Category category : aspect.categories()) {
                if (!category.selfIssue()) {
                    lines.add(category.path() + " " + category.title());
                }
                for (Issue issue : category.issues()) {
                    lines.add(issue.path() + " " + issue.title() + " " + issue.status() + " " + issue.statusLabel()
                            + " measures=" + issue.measures().size() + " figures=" + issue.readings().stream()
                            .map(r -> r.text() + "=" + r.quantity().value().stripTrailingZeros().toPlainString()).toList());
                }
            }
        }
        return lines;
    }

    private static List<String> expected(Tree tree) {
        List<String> lines = new ArrayList<>();
        for (int a = 0; a < tree.aspects().size(); a++) {
            Aspect aspect = tree.aspects().get(a);
            String aspectPath = tree.styles().get(0).token(a + 1);
            lines.add(aspectPath + " " + aspect.title());
            if (tree.threeLevels()) {
                for (int c = 0; c < aspect.categories().size(); c++) {
                    Category category = aspect.categories().get(c);
                    String categoryPath = aspectPath + tree.styles().get(1).token(c + 1);
                    if (category.self() != null) {
                        lines.add(problemLine(categoryPath, category.self()));
                        continue;
                    }
                    lines.add(categoryPath + " " + category.title());
                    for (int p = 0; p < category.problems().size(); p++) {
                        lines.add(problemLine(categoryPath + tree.styles().get(2).token(p + 1), category.problems().get(p)));
                    }
                }
            } else {
                for (int p = 0; p < aspect.problems().size(); p++) {
                    lines.add(problemLine(aspectPath + tree.styles().get(1).token(p + 1), aspect.problems().get(p)));
                }
            }
        }
        return lines;
    }

    private static String problemLine(String path, Problem p) {
        ReportedStatus status = p.label() == null && p.status() == ReportedStatus.IN_PROGRESS ? ReportedStatus.IN_PROGRESS
                : p.status();
        return path + " " + p.title() + " " + status + " " + p.label() + " measures=" + p.measures().size()
                + " figures=" + p.figures().stream().map(f -> f.text() + "=" + f.value().toPlainString()).toList();
    }
}
