package io.zhenggai.report.bulletin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zhenggai.report.bulletin.Bulletin.Block;
import io.zhenggai.report.bulletin.Bulletin.Finding;
import io.zhenggai.report.indicator.DisplayForm;
import io.zhenggai.report.indicator.IndicatorValue;
import io.zhenggai.report.indicator.NoValue;
import io.zhenggai.report.projection.BulletinQueries.Category;
import io.zhenggai.report.projection.BulletinQueries.FeedbackList;
import io.zhenggai.report.projection.BulletinQueries.InspectionRow;
import io.zhenggai.report.projection.BulletinQueries.IssueRow;
import io.zhenggai.report.projection.BulletinQueries.ReportRow;
import io.zhenggai.report.projection.BulletinQueries.Warning;
import io.zhenggai.report.query.ReportQueries.IssueCounts;

/**
 * Builds a bulletin (整改进展情况通报) in the shape of the seed from what the projections held at its date. Pure: the
 * same input always gives the same bulletin.
 * <ul>
 *   <li>A title and an introduction naming the inspection: its team, the unit inspected, the kinds, the on-site
 *       period and the feedback date, so that the bulletin says which inspection it answers (the importer reads them
 *       back from the same sentence).</li>
 *   <li>一、整改工作基本情况: the totals the feedback declared, the issue counts by status and the completion rate
 *       (with its change since the end of the month before), and the key indicators (主要指标) with their qualifiers
 *       (预计, 余, 约).</li>
 *   <li>二、…反馈意见整改落实进展情况: every aspect, group, category and issue of the main list in its published
 *       numbering; under each issue its latest progress report's text as reported, with its status words (the
 *       report's own, unless the status changed since; else the words of the status now).</li>
 *   <li>三、下一步工作: the office's text.</li>
 *   <li>The attachments (附件): each further feedback list with its tree, after the signature and the date.</li>
 *   <li>An appendix for the office (数据核对情况) when there is anything to check: the consistency findings
 *       issue-service made on the printed reports (a rate against its parts …), reports that came without them, key
 *       figures that cannot be computed (the same fact reported with two values), declared totals the tree does not
 *       hold. Never printed as part of the published text, never left out.</li>
 * </ul>
 * Where a bulletin's aspects are themselves numbered 一、 二、 (no wrapping section), the aspects are the sections and
 * the general part precedes them unnumbered, as such bulletins are written.
 */
public final class BulletinAssembler {

    /** The label of the progress paragraph, as the seed prints it. */
    static final String PROGRESS_LABEL = "整改成效";
    /** The label of a paragraph saying what the feedback found. */
    static final String PROBLEM_LABEL = "问题";
    static final String APPENDIX_TITLE = "数据核对情况";
    private static final Pattern TITLE_END = Pattern.compile("(?:通报|报告)$");
    private static final Pattern ISSUING_BODY = Pattern.compile("^(.{2,40}?)关于");
    /** An auditor rather than an inspection team: 审计署, 省审计厅, 临河县审计局. */
    private static final Pattern AUDITOR = Pattern.compile("审计(?:署|厅|局)$");
    private static final Pattern CHINESE_SECTION = Pattern.compile("^[一二三四五六七八九十]+[、．.]");
    /** Status words for a status, where the report's own words no longer hold or there are none. */
    private static final Map<String, String> STATUS_WORDS = Map.of("IN_PROGRESS", "正在整改", "COMPLETED", "已完成",
            "CLOSED", "已销号", "LONG_TERM", "长期坚持");
    /** Indicators printed as counts in the general part already. */
    private static final Set<String> COUNTED = Set.of("issue.completion_rate", "issue.closure_rate");
    /** Key figures without a value for these reasons are inconsistent, not merely unreported. */
    private static final Set<NoValue.Reason> INCONSISTENT = Set.of(NoValue.Reason.CONFLICTING_READINGS,
            NoValue.Reason.UNIT_MISMATCH, NoValue.Reason.AMBIGUOUS_READINGS);

    private BulletinAssembler() {
    }

    public static Bulletin assemble(BulletinInput input) {
        Bulletin bulletin = new Builder(input, false).build();
        if (!bulletin.findings().isEmpty() && input.inspection().lists().size() == 2) {
            // the office's appendix is an attachment too: the one attachment of the bulletin becomes 附件1
            return new Builder(input, true).build();
        }
        return bulletin;
    }

    /** The default text of 下一步工作, until the office stores its own. */
    public static final String DEFAULT_NEXT_STEPS = """
            下一步，将继续保持政治定力，坚持目标不变、标准不变、力度不变，持续抓好后续整改工作，巩固并运用好整改成果。
            对已完成整改的问题，适时开展“回头看”，防止问题反弹回潮；对正在整改的问题，盯紧时限、压实责任，确保按期整改到位；对需要长期坚持的问题，明确阶段目标，持续跟踪督办，确保取得扎实成效。
            坚持举一反三、标本兼治，在整改具体问题的基础上健全完善长效机制，切实把整改成果转化为推动高质量发展的强大动力。""";

    private static final class Builder {

        private final BulletinInput in;
        private final InspectionRow inspection;
        private final List<Block> blocks = new ArrayList<>();
        private final List<Finding> findings = new ArrayList<>();
        private final String team;
        private final String inspectionWord;
        private final boolean numberAttachments;

        Builder(BulletinInput input, boolean numberAttachments) {
            this.in = input;
            this.numberAttachments = numberAttachments;
            this.inspection = input.inspection();
            this.team = inspection.team();
            this.inspectionWord = team.contains("巡视") ? "巡视" : AUDITOR.matcher(team).find() ? "审计" : "巡察";
        }

        Bulletin build() {
            List<FeedbackList> lists = inspection.lists();
            FeedbackList main = lists.isEmpty() ? new FeedbackList("main", null, null, List.of()) : lists.get(0);
            List<FeedbackList> attachments = lists.size() > 1 ? lists.subList(1, lists.size()) : List.of();
            Map<String, List<IssueRow>> byCategory = new LinkedHashMap<>();
            for (IssueRow issue : in.issues()) {
                byCategory.computeIfAbsent(issue.listKey() + "\u0000" + issue.categoryPath(), k -> new ArrayList<>())
                        .add(issue);
            }
            String title = title(main);
            blocks.add(new Bulletin.Title(title));
            blocks.add(new Bulletin.Paragraph(introduction()));
            boolean aspectSections = !main.aspects().isEmpty() && main.aspects().stream()
                    .allMatch(a -> ChineseText.level(a.numbering(), 2) == 1);
            int section = 0;
            if (!aspectSections) {
                blocks.add(new Bulletin.Heading(1, ChineseText.numeral(++section) + "、", "整改工作基本情况"));
            }
            overview(main, attachments);
            if (!aspectSections) {
                blocks.add(new Bulletin.Heading(1, ChineseText.numeral(++section) + "、",
                        !main.aspects().isEmpty() && sectionTitled(main, main.aspects().get(0))
                                ? main.aspects().get(0).title()
                                : team + "反馈意见整改落实进展情况"));
            } else {
                section = main.aspects().size();
            }
            tree(main, "正文", byCategory);
            blocks.add(new Bulletin.Heading(1, ChineseText.numeral(++section) + "、", "下一步工作"));
            for (String paragraph : paragraphs(in.nextSteps())) {
                blocks.add(new Bulletin.Paragraph(paragraph));
            }
            boolean numbered = numbered(attachments);
            if (!attachments.isEmpty()) {
                List<String> references = new ArrayList<>();
                for (int k = 0; k < attachments.size(); k++) {
                    String listTitle = listTitle(attachments.get(k), k + 1);
                    references.add(numbered ? (k == 0 ? "附件：" : "") + (k + 1) + "." + listTitle
                            : "附件：" + listTitle);
                }
                blocks.add(new Bulletin.AttachmentReferences(references));
            }
            blocks.add(new Bulletin.Signature(signatory(title)));
            blocks.add(new Bulletin.DateLine(ChineseText.date(in.date())));
            for (int k = 0; k < attachments.size(); k++) {
                String label = numbered ? "附件" + (k + 1) : "附件";
                blocks.add(new Bulletin.PageBreak());
                blocks.add(new Bulletin.AttachmentLabel(label));
                blocks.add(new Bulletin.AttachmentTitle(listTitle(attachments.get(k), k + 1)));
                tree(attachments.get(k), label, byCategory);
            }
            List<Finding> all = List.copyOf(findings);
            if (!all.isEmpty()) {
                appendix(attachments.size());
            }
            return new Bulletin(inspection.id(), inspection.targetUnit(), title, in.date(), blocks, all);
        }

        /**
         * Whether a list is a flat list of problems under one unnumbered aspect that is no aspect line (巡察反馈问题整改
         * 落实情况): such a list is titled by its section, and the section heading prints the title.
         */
        private boolean sectionTitled(FeedbackList list, io.zhenggai.report.projection.BulletinQueries.Aspect aspect) {
            return list.aspects().size() == 1 && list == inspection.lists().get(0) && aspect == list.aspects().get(0)
                    && ChineseText.unnumbered(aspect.numbering())
                    && !ChineseText.printedNumbering(aspect.numbering(), aspect.title(), true).isEmpty();
        }

        /** Attachments are numbered (附件1, 附件2) when there are several, the office's appendix included. */
        private boolean numbered(List<FeedbackList> attachments) {
            return attachments.size() > 1 || numberAttachments;
        }

        private String title(FeedbackList main) {
            if (main.title() != null && TITLE_END.matcher(main.title().strip()).find()) {
                return main.title().strip();
            }
            return "关于" + team + "反馈意见整改进展情况的通报";
        }

        private String signatory(String title) {
            Matcher m = ISSUING_BODY.matcher(title);
            return m.find() ? m.group(1) : inspection.targetUnit();
        }

        private static String listTitle(FeedbackList list, int number) {
            return list.title() == null || list.title().isBlank() ? "附件" + number + "所列问题整改进展情况"
                    : list.title().strip();
        }

        /** The inspection named as its team, target unit, kinds, on-site period and feedback date. */
        private String introduction() {
            StringBuilder text = new StringBuilder();
            if (inspection.onSiteFrom() != null && inspection.onSiteTo() != null) {
                text.append(ChineseText.date(inspection.onSiteFrom())).append('至')
                        .append(ChineseText.date(inspection.onSiteTo())).append('，');
            }
            text.append(team).append('对').append(inspection.targetUnit());
            if (AUDITOR.matcher(team).find()) {
                // an audit: the auditor audits, and its report (审计报告) stands where a team's feedback would
                return text.append("进行了审计，并于").append(ChineseText.date(inspection.feedbackDate()))
                        .append("出具了审计报告。现将整改进展情况通报如下。").toString();
            }
            boolean special = inspection.kinds().contains("SPECIAL");
            boolean routine = inspection.kinds().contains("ROUTINE") || !special;
            String theme = inspection.specialTheme() == null ? "" : inspection.specialTheme().strip();
            if (special && routine) {
                text.append("先后开展了").append(theme).append("专项").append(inspectionWord).append("，同时开展了常规")
                        .append(inspectionWord);
            } else if (special) {
                text.append("开展了").append(theme).append("专项").append(inspectionWord);
            } else {
                text.append("开展了常规").append(inspectionWord);
            }
            text.append("，并于").append(ChineseText.date(inspection.feedbackDate())).append("反馈了")
                    .append(inspectionWord).append("意见。现将整改进展情况通报如下。");
            return text.toString();
        }

        /** 一、整改工作基本情况: the declared totals, the counts, the key figures. */
        private void overview(FeedbackList main, List<FeedbackList> attachments) {
            String declared = declared();
            if (declared != null) {
                blocks.add(new Bulletin.Paragraph(declared));
                checkDeclared(main, attachments);
            }
            blocks.add(new Bulletin.Paragraph(counts(attachments)));
            List<String> figures = new ArrayList<>();
            for (BulletinInput.KeyFigure figure : in.keyFigures()) {
                IndicatorValue value = figure.value();
                if (COUNTED.contains(figure.code())) {
                    continue;
                }
                if (value.hasValue()) {
                    figures.add(figure.name() + DisplayForm.qualified(DisplayForm.of(value, figure.decimals()),
                            value.qualifier()));
                } else if (INCONSISTENT.contains(value.noValue().reason())) {
                    findings.add(new Finding("主要指标“" + figure.name() + "”", "INDICATOR",
                            "无法计算，未予列出：" + reason(value.noValue())));
                }
            }
            if (!figures.isEmpty()) {
                blocks.add(new Bulletin.Paragraph("主要指标：" + String.join("；", figures) + "。"));
            }
        }

        private String declared() {
            StringBuilder totals = new StringBuilder();
            if (inspection.declaredAspects() != null) {
                totals.append(inspection.declaredAspects()).append("个方面");
            }
            if (inspection.declaredCategories() != null) {
                totals.append(inspection.declaredCategories()).append("类问题");
            }
            if (inspection.declaredIssues() != null) {
                totals.append(inspection.declaredCategories() != null ? "（共" + inspection.declaredIssues()
                        + "个具体问题）" : inspection.declaredIssues() + "个问题");
            }
            if (totals.isEmpty()) {
                return null;
            }
            StringBuilder sentence = new StringBuilder(team).append("反馈的意见中指出存在").append(totals);
            if (inspection.declaredSuggestions() != null) {
                sentence.append("，并提出").append(inspection.declaredSuggestions()).append("项意见建议");
            }
            return sentence.append('。').toString();
        }

        /** The declared totals against the tree this bulletin prints: the main list, or all lists together. */
        private void checkDeclared(FeedbackList main, List<FeedbackList> attachments) {
            List<FeedbackList> all = new ArrayList<>();
            all.add(main);
            all.addAll(attachments);
            check(inspection.declaredAspects(), "个方面", main.aspects().size(),
                    all.stream().mapToInt(l -> l.aspects().size()).sum(), attachments);
            check(inspection.declaredCategories(), "类问题", categories(main).size(),
                    all.stream().mapToInt(l -> categories(l).size()).sum(), attachments);
            long mainIssues = in.issues().stream().filter(i -> i.listKey().equals(main.key())).count();
            check(inspection.declaredIssues(), "个问题", (int) mainIssues, in.issues().size(), attachments);
        }

        private void check(Integer declared, String what, int main, int all, List<FeedbackList> attachments) {
            if (declared == null || declared == main || declared == all) {
                return;
            }
            findings.add(new Finding("一、整改工作基本情况", "DECLARED_COUNT", "反馈意见称" + declared + what
                    + "，本通报正文列出" + main + (attachments.isEmpty() ? "" : "（含附件共" + all + "）")));
        }

        private String counts(List<FeedbackList> attachments) {
            IssueCounts c = in.counts();
            StringBuilder text = new StringBuilder("截至").append(ChineseText.date(in.date()))
                    .append("，整改台账共列问题").append(count(c.total()));
            if (!attachments.isEmpty()) {
                List<String> parts = new ArrayList<>();
                parts.add("正文所列" + count(in.issues().stream()
                        .filter(i -> i.listKey().equals(inspection.lists().get(0).key())).count()));
                for (int k = 0; k < attachments.size(); k++) {
                    String key = attachments.get(k).key();
                    parts.add((numbered(attachments) ? "附件" + (k + 1) : "附件") + "所列"
                            + count(in.issues().stream().filter(i -> i.listKey().equals(key)).count()));
                }
                text.append("（其中").append(String.join("，", parts)).append('）');
            }
            text.append("，已完成整改").append(count(c.completedOrClosed()));
            long closed = c.byStatus().getOrDefault("CLOSED", 0L);
            if (closed > 0) {
                text.append("（其中已核验销号").append(count(closed)).append('）');
            }
            long longTerm = c.byStatus().getOrDefault("LONG_TERM", 0L);
            if (longTerm > 0) {
                text.append("，长期坚持").append(count(longTerm));
            }
            text.append("，正在整改").append(count(c.byStatus().getOrDefault("IN_PROGRESS", 0L)));
            long notStarted = c.byStatus().getOrDefault("NOT_STARTED", 0L);
            if (notStarted > 0) {
                text.append("，尚未启动").append(count(notStarted));
            }
            String rate = DisplayForm.of(c.completionRate(), 2);
            if (rate != null) {
                text.append("，整改完成率").append(rate);
                IndicatorValue before = in.earlier() == null ? null : in.earlier().completionRate();
                if (before != null && before.hasValue()) {
                    BigDecimal change = c.completionRate().ratio().subtract(before.ratio());
                    String month = in.earlierDate().getMonthValue() + "月末";
                    String points = DisplayForm.percentagePoints(change, 2);
                    if ("0个百分点".equals(points)) {
                        text.append("，与").append(month).append("持平");
                    } else {
                        text.append("，较").append(month).append(change.signum() > 0 ? "提高" : "降低").append(points);
                    }
                }
            }
            return text.append('。').toString();
        }

        private static String count(long n) {
            return DisplayForm.of(BigDecimal.valueOf(n), "个", 0);
        }

        /** Every aspect, group, category and issue of a list, in its published numbering and order. */
        private void tree(FeedbackList list, String listName, Map<String, List<IssueRow>> byCategory) {
            Set<String> printed = new java.util.HashSet<>();
            for (io.zhenggai.report.projection.BulletinQueries.Aspect aspect : list.aspects()) {
                String aspectNumber = ChineseText.numbering(aspect.numbering());
                if (!sectionTitled(list, aspect)) {
                    blocks.add(new Bulletin.Heading(ChineseText.level(aspect.numbering(), 2),
                            ChineseText.printedNumbering(aspect.numbering(), aspect.title(), true), aspect.title()));
                }
                for (Category category : aspect.categories()) {
                    category(list, listName, aspectNumber, null, category, byCategory, printed);
                }
                for (io.zhenggai.report.projection.BulletinQueries.Group group : aspect.groups()) {
                    blocks.add(new Bulletin.GroupHeading(group.title()));
                    for (Category category : group.categories()) {
                        category(list, listName, aspectNumber, group.title(), category, byCategory, printed);
                    }
                }
            }
            // issues of categories the tree does not hold (entered under a place added later): under their own heading
            for (IssueRow issue : in.issues()) {
                if (issue.listKey().equals(list.key()) && !printed.contains(issue.categoryPath())) {
                    printed.add(issue.categoryPath());
                    category(list, listName, ChineseText.numbering(issue.aspectNumbering()), issue.groupTitle(),
                            new Category(issue.categoryNumbering(), issue.categoryTitle(), issue.categoryPath()),
                            byCategory, printed);
                }
            }
        }

        private void category(FeedbackList list, String listName, String aspectNumber, String group,
                              Category category, Map<String, List<IssueRow>> byCategory, Set<String> printed) {
            printed.add(category.path());
            String categoryNumber = ChineseText.numbering(category.numbering());
            List<IssueRow> issues = byCategory.getOrDefault(list.key() + "\u0000" + category.path(), List.of());
            int level = ChineseText.level(category.numbering(), 3);
            if (issues.size() == 1 && issues.get(0).path().equals(category.path())) {
                // a category without sub-items is itself the issue
                IssueRow issue = issues.get(0);
                blocks.add(new Bulletin.Heading(level,
                        ChineseText.printedNumbering(category.numbering(), issue.title(), false), headingText(issue)));
                furtherDescription(issue);
                progress(issue, where(listName, aspectNumber, group, categoryNumber, null, issue.title()));
                return;
            }
            blocks.add(new Bulletin.Heading(level,
                    ChineseText.printedNumbering(category.numbering(), category.title(), false),
                    ChineseText.sentence(category.title())));
            for (IssueRow issue : issues) {
                String issueNumber = ChineseText.numbering(issue.numbering());
                blocks.add(new Bulletin.Heading(ChineseText.level(issue.numbering(), Math.min(level + 1, 4)),
                        ChineseText.printedNumbering(issue.numbering(), issue.title(), false), headingText(issue)));
                furtherDescription(issue);
                progress(issue, where(listName, aspectNumber, group, categoryNumber, issueNumber, issue.title()));
            }
        }

        /**
         * An issue's heading: its title as a sentence, and the first line of what the feedback said of it beyond the
         * title (its further lines follow as 问题： paragraphs, as bulletins print them).
         */
        private static String headingText(IssueRow issue) {
            List<String> description = lines(issue.description());
            return ChineseText.sentence(issue.title()) + (description.isEmpty() ? "" : description.get(0));
        }

        private void furtherDescription(IssueRow issue) {
            List<String> description = lines(issue.description());
            for (String line : description.subList(Math.min(1, description.size()), description.size())) {
                blocks.add(new Bulletin.Paragraph(PROBLEM_LABEL + "：" + line));
            }
        }

        private static String where(String listName, String aspect, String group, String category, String issue,
                                    String title) {
            return listName + aspect + (group == null ? "" : "「" + group + "」") + category
                    + (issue == null ? "" : issue) + "“" + title + "”";
        }

        /**
         * The progress paragraph: the latest report's text with its status words, or the status words alone; none
         * for an issue not started. The report's findings go to the office's appendix.
         */
        private void progress(IssueRow issue, String where) {
            ReportRow report = in.reports().get(issue.id());
            String status = issue.status();
            if (report == null) {
                if (!"NOT_STARTED".equals(status)) {
                    blocks.add(new Bulletin.Progress(PROGRESS_LABEL, STATUS_WORDS.get(status), List.of()));
                }
                return;
            }
            List<String> lines = lines(report.text());
            if (lines.isEmpty()) {
                lines = report.measures().stream().map(String::strip).filter(m -> !m.isEmpty()).toList();
            }
            String words;
            if (report.statusLabel() != null && !report.statusChangedSince()) {
                words = report.statusLabel();
            } else {
                words = "IN_PROGRESS".equals(status) || "NOT_STARTED".equals(status) ? null
                        : STATUS_WORDS.get(status);
            }
            if (words == null && lines.isEmpty()) {
                words = STATUS_WORDS.getOrDefault(status, "正在整改");
            }
            blocks.add(new Bulletin.Progress(PROGRESS_LABEL, words, lines));
            if (report.warnings() == null) {
                findings.add(new Finding(where, "UNCHECKED", "该进展报告（" + ChineseText.date(report.asOf())
                        + "）报送时未附数据核对结果，请人工核对其中的比率与分项"));
            } else {
                for (Warning warning : report.warnings()) {
                    findings.add(new Finding(where, warning.kind(), chinese(warning.message())));
                }
            }
        }

        /**
         * The report's text as printed lines: a line per paragraph of it. A line that would read as a section of
         * the document (一、…) joins the line before it.
         */
        private static List<String> lines(String text) {
            List<String> lines = new ArrayList<>();
            if (text == null) {
                return lines;
            }
            for (String raw : text.split("\\R")) {
                String line = raw.strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (!lines.isEmpty() && CHINESE_SECTION.matcher(line).find()) {
                    lines.set(lines.size() - 1, lines.get(lines.size() - 1) + line);
                } else {
                    lines.add(line);
                }
            }
            return lines;
        }

        /** issue-service writes a finding as "中文 (English)": the office reads the Chinese. */
        private static String chinese(String message) {
            int english = message.lastIndexOf(" (");
            if (english > 0 && message.endsWith(")")
                    && message.substring(english).chars().filter(ch -> ch < 128).count()
                    > (message.length() - english) / 2) {
                return message.substring(0, english);
            }
            return message;
        }

        private static String reason(NoValue noValue) {
            String why = switch (noValue.reason()) {
                case CONFLICTING_READINGS -> "同一数据在同一日期报告了不同数值";
                case UNIT_MISMATCH -> "数据单位不一致";
                case AMBIGUOUS_READINGS -> "数据口径不唯一";
                default -> "数据不全";
            };
            return why + "（" + noValue.message() + "）";
        }

        private static List<String> paragraphs(String text) {
            return text == null ? List.of() : java.util.Arrays.stream(text.split("\\R")).map(String::strip)
                    .filter(line -> !line.isEmpty()).toList();
        }

        private static List<Category> categories(FeedbackList list) {
            List<Category> categories = new ArrayList<>();
            list.aspects().forEach(a -> {
                categories.addAll(a.categories());
                a.groups().forEach(g -> categories.addAll(g.categories()));
            });
            return categories;
        }

        /** The office's appendix: what to check before publishing, as an attachment of its own. */
        private void appendix(int attachments) {
            blocks.add(new Bulletin.PageBreak());
            blocks.add(new Bulletin.AttachmentLabel("附件" + (attachments + 1)));
            blocks.add(new Bulletin.AttachmentTitle(APPENDIX_TITLE));
            blocks.add(new Bulletin.Paragraph("本附件由系统在生成通报时列出，供整改办核对，印发前删除。共" + findings.size()
                    + "处需要核对。"));
            for (Finding finding : findings) {
                blocks.add(new Bulletin.FindingLine("◆ " + finding.where() + "：" + finding.message()));
            }
        }
    }
}
