package io.zhenggai.issue.importing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A table pasted as text (整改台账, 问题清单): a header row, then a row per problem, the cells separated by tabs (as
 * copied from Word, WPS or Excel) or by two or more spaces. The header is recognised by its column names (序号 问题
 * 整改措施 责任单位 完成时限 进展 …): at least three cells, a problem column and two more that the vocabulary knows.
 * {@link BulletinText} keeps the cells of such rows apart with a tab; {@link OutlineBuilder} makes each row a problem
 * with its measures, responsibility, deadline and progress.
 */
final class TableText {

    /** What a column holds. */
    enum Column {
        NUMBER("序号|编号"),
        ASPECT("问题类别|问题类型|类别|方面|所属方面|反馈问题类别"),
        PROBLEM("问题|反馈问题|存在问题|问题描述|问题表现|具体问题|主要问题|问题清单|巡察反馈问题|巡视反馈问题|审计发现问题|审计查出问题|问题内容"),
        MEASURES("整改措施|整改举措|整改目标及措施|整改目标和措施|整改措施及目标|具体措施|措施"),
        LEAD_UNIT("牵头单位|牵头部门"),
        UNITS("责任单位|责任部门|责任主体|责任科室|配合单位|协同单位"),
        LEADER("责任领导|牵头领导|分管领导|包保领导|责任人"),
        DEADLINE("完成时限|整改时限|完成时间|整改期限|时限|计划完成时间"),
        PROGRESS("进展|整改进展|进展情况|整改情况|完成情况|整改成效|整改进展情况|落实情况|整改落实情况|整改结果"),
        STATUS("状态|整改状态|完成状态|是否完成|是否整改到位"),
        REMARK("备注|说明");

        private final Pattern names;

        Column(String names) {
            this.names = Pattern.compile("^(?:" + names + ")$");
        }

        static Optional<Column> of(String cell) {
            String name = cell.replaceAll("[\\s（(][^）)]*[）)]|[\\s*：:]", "");
            for (Column c : values()) {
                if (c.names.matcher(name).matches()) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    /** Cells as printed between tabs, or between runs of two or more (half- or full-width) spaces. */
    private static final Pattern SPACES = Pattern.compile("[ \\u3000\\u00A0]{2,}");
    private static final Pattern SENTENCE_PUNCTUATION = Pattern.compile("[。；;，,！!？?]");

    private TableText() {
    }

    /** The raw cells of a pasted line, outer cells trimmed; one cell when the line is not separated. */
    static List<String> cells(String raw) {
        String line = raw.strip();
        String[] parts = line.indexOf('\t') >= 0 ? line.split("\t", -1) : SPACES.split(line, -1);
        List<String> cells = new ArrayList<>(parts.length);
        for (String part : parts) {
            cells.add(part.strip());
        }
        while (cells.size() > 1 && cells.get(cells.size() - 1).isEmpty()) {
            cells.remove(cells.size() - 1);
        }
        return cells;
    }

    /** The columns of a header row, by position, or empty when {@code cells} is not a header this reader knows. */
    static Optional<List<Column>> header(List<String> cells) {
        if (cells.size() < 3 || cells.size() > 20) {
            return Optional.empty();
        }
        List<Column> columns = new ArrayList<>();
        Map<Column, Integer> seen = new EnumMap<>(Column.class);
        int known = 0;
        for (String cell : cells) {
            Column c = cell.length() > 12 ? null : Column.of(cell).orElse(null);
            columns.add(c);
            if (c != null) {
                known++;
                seen.merge(c, 1, Integer::sum);
            }
        }
        boolean oneProblem = seen.getOrDefault(Column.PROBLEM, 0) == 1;
        return oneProblem && known >= 3 && known * 2 >= cells.size() ? Optional.of(columns) : Optional.empty();
    }

    /** Whether a tab-separated normalised line of {@link BulletinText} is a row (or header) of a table. */
    static boolean isRow(String line) {
        return line.indexOf('\t') >= 0;
    }

    /** The cells of a normalised row. */
    static List<String> rowCells(String line) {
        return List.of(line.split("\t", -1));
    }

    /**
     * Whether a line between rows belongs to the table: a row that spans it, such as an aspect (（一）关于…方面) or a
     * short unpunctuated group title, rather than the prose after it.
     */
    static boolean isSpanningRow(String line) {
        return Numbering.of(line).isPresent() || line.length() <= 40 && !SENTENCE_PUNCTUATION.matcher(line).find();
    }
}
