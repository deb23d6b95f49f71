package io.zhenggai.issue.importing;

import io.zhenggai.issue.figures.QuantityOutOfBoundsException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * What a text whose feedback tree could not be read holds, and what it lacks ({@link PartialRead}), with the message
 * of the refusal in Chinese and English. It looks for the clues that tell a bulletin in an unread shape from a text
 * that is no bulletin: numbered lines whose first level does not read as feedback, progress paragraphs without
 * problems above them, rows that look like a table whose header is not one the parser knows.
 */
final class ShapeReport {

    private ShapeReport() {
    }

    static PartialRead partial(DocumentLayout layout, String issuingUnit, InspectionHeader inspection,
                               DeclaredTotals declared, LocalDate reportDate, ReadingExtractor extractor) {
        List<String> body = new ArrayList<>(layout.body());
        layout.attachments().forEach(a -> body.addAll(a.body()));
        List<Reading> readings = new ArrayList<>();
        for (String line : body) {
            if (readings.size() >= PartialRead.MAX_READINGS) {
                break;
            }
            try {
                // the declaration's own numbers (3个方面8个问题) are totals, shown as such, not figures
                extractor.extract(line, reportDate).readings().stream()
                        .filter(p -> !p.reading().sentence().equals(declared.sentence()))
                        .forEach(p -> readings.add(p.reading()));
            } catch (QuantityOutOfBoundsException absurd) {
                // a number no figure needs is left out here; an import of the same text refuses it by itself
            }
        }
        List<Reading> shown = readings.size() > PartialRead.MAX_READINGS
                ? readings.subList(0, PartialRead.MAX_READINGS) : readings;

        List<Clue> found = new ArrayList<>();
        List<Clue> missing = new ArrayList<>();
        found.add(new Clue("title", "标题“" + shorten(layout.title()) + "”", "the title " + shorten(layout.title())));
        if (issuingUnit != null) {
            found.add(new Clue("issuingUnit", "发文单位" + issuingUnit, "the issuing unit " + issuingUnit));
        }
        clue(found, missing, "team", inspection.team(), "巡察（巡视、审计）组", "the inspecting team or auditor");
        clue(found, missing, "targetUnit", inspection.targetUnit(), "被巡察单位", "the inspected unit");
        if (inspection.onSiteFrom() != null) {
            found.add(new Clue("onSite", "进驻时间" + inspection.onSiteFrom() + "至" + inspection.onSiteTo(),
                    "on site from " + inspection.onSiteFrom() + " to " + inspection.onSiteTo()));
        }
        clue(found, missing, "feedbackDate", inspection.feedbackDate(), "反馈日期", "the feedback date");
        clue(found, missing, "reportDate", reportDate, "通报日期（落款日期或“截至…”）",
                "the bulletin's date (under its signature, or 截至…)");
        String totals = totals(declared);
        if (!totals.isEmpty()) {
            found.add(new Clue("declared", "申报数：" + totals, "declared totals: " + totals));
        }
        if (!readings.isEmpty()) {
            found.add(new Clue("figures", "数据" + readings.size() + "项（如" + shorten(readings.get(0).text()) + "）",
                    readings.size() + " figures (such as " + shorten(readings.get(0).text()) + ")"));
        }

        Map<NumberingStyle, Integer> styles = new EnumMap<>(NumberingStyle.class);
        int progress = 0;
        String progressLabel = null;
        int separated = 0;
        for (String line : body) {
            Numbering.of(line).ifPresent(n -> styles.merge(n.style(), 1, Integer::sum));
            Optional<Label> label = Label.at(line).filter(l -> l.kind() == Label.Kind.PROGRESS);
            if (label.isPresent()) {
                progress++;
                progressLabel = progressLabel == null ? label.get().name() : progressLabel;
            }
            if (TableText.isRow(line)) {
                separated++;
            }
        }
        if (!styles.isEmpty()) {
            int lines = styles.values().stream().mapToInt(Integer::intValue).sum();
            StringJoiner printed = new StringJoiner("、");
            styles.keySet().forEach(style -> printed.add(style.token(1)));
            found.add(new Clue("numberedHeadings", "编号行" + lines + "行（" + printed + "），但其第一级标题不像反馈问题"
                    + "（应含“方面”“问题”或以“关于”开头），或位于“基本情况”“下一步打算”等非反馈部分",
                    lines + " numbered lines (" + printed + "), but their first level does not read as feedback "
                            + "(方面, 问题 or 关于…) or stands in a part that is not feedback (基本情况, 下一步打算)"));
        }
        if (progress > 0) {
            found.add(new Clue("progressParagraphs", "进展段落" + progress + "段（如“" + progressLabel
                    + "：”），但其上没有可识别的问题", progress + " progress paragraphs (" + progressLabel
                    + "：…) without a problem above them that could be read"));
        }
        if (separated > 0) {
            found.add(new Clue("table", "表格行" + separated + "行", separated + " table rows"));
        }
        missing.add(new Clue("tree", "反馈问题清单：编号的问题（如“（一）…方面”下的“1.…问题”）、问题段落（如“针对“…”的问题”"
                + "“关于…的问题”）或问题表格（表头如“序号 问题 整改措施 责任单位 完成时限 进展”，以制表符或两个以上空格分列）",
                "a feedback tree: numbered problems (1.…问题 under （一）…方面), problem paragraphs (针对“…”的问题, "
                        + "关于…的问题) or a table of problems (a header such as 序号 问题 整改措施 责任单位 完成时限 进展, "
                        + "separated by tabs or two or more spaces)"));
        return new PartialRead(layout.title(), issuingUnit, inspection, declared, reportDate, shown, found, missing);
    }

    /** The refusal's message: what was found and what was missing, in Chinese, then in English. */
    static String message(PartialRead partial) {
        StringJoiner foundZh = new StringJoiner("；");
        StringJoiner foundEn = new StringJoiner("; ");
        partial.found().forEach(c -> {
            foundZh.add(c.message());
            foundEn.add(c.messageEn());
        });
        StringJoiner missingZh = new StringJoiner("；");
        StringJoiner missingEn = new StringJoiner("; ");
        partial.missing().forEach(c -> {
            missingZh.add(c.message());
            missingEn.add(c.messageEn());
        });
        return "未能读出反馈问题清单。已读到：" + foundZh + "。缺少：" + missingZh + "。(no feedback tree could be read. "
                + "Found: " + foundEn + ". Missing: " + missingEn + ".)";
    }

    private static void clue(List<Clue> found, List<Clue> missing, String part, Object value, String zh, String en) {
        if (value != null) {
            found.add(new Clue(part, zh + "：" + value, en + ": " + value));
        } else {
            missing.add(new Clue(part, zh, en));
        }
    }

    private static String totals(DeclaredTotals d) {
        StringJoiner t = new StringJoiner("、");
        if (d.aspects() != null) {
            t.add(d.aspects() + "个方面");
        }
        if (d.categories() != null) {
            t.add(d.categories() + "类");
        }
        if (d.issues() != null) {
            t.add(d.issues() + "个问题");
        }
        if (d.suggestions() != null) {
            t.add(d.suggestions() + "条意见建议");
        }
        if (d.measures() != null) {
            t.add(d.measures() + "条整改措施");
        }
        return t.toString();
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "…";
    }
}
