package io.zhenggai.report.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.apache.poi.xssf.usermodel.XSSFFont;

import io.zhenggai.report.indicator.IndicatorValue;
import io.zhenggai.report.projection.LedgerRows.LedgerRow;
import io.zhenggai.report.query.ReportQueries.Group;
import io.zhenggai.report.query.ReportQueries.IssueCounts;

/**
 * An Excel workbook of the ledger (整改台账) and of its statistics, written as it streams: SXSSF keeps a window of
 * {@value #WINDOW} rows in memory and the rest in a compressed temporary file, so a ledger of 100,000 issues is written
 * in a small heap. The ledger sheet follows {@link LedgerLayout} (the contract issue-service reads back): the header
 * row frozen and filtered, every column its width, dates as dates, counts as numbers, the warning cells filled with
 * their colour. A statistics sheet holds tables of counts per group with the completion rate as a percentage.
 * <p>
 * Close it when done: that deletes the temporary files.
 */
public final class LedgerWorkbook implements AutoCloseable {

    /** Rows kept in memory per sheet while writing. */
    static final int WINDOW = 100;

    /** The fills of the warning levels (ARGB-less RGB hex) and their text colours, as Excel's own traffic lights. */
    static final Map<String, String[]> WARNING_COLOURS = Map.of(
            "RED", new String[]{"FFC7CE", "9C0006"},
            "YELLOW", new String[]{"FFEB9C", "9C5700"},
            "GREEN", new String[]{"C6EFCE", "006100"});

    /** The width of each ledger column, in characters; a column the layout adds needs one here. */
    static final Map<String, Integer> WIDTHS = Map.ofEntries(
            Map.entry("row", 6), Map.entry("list", 16), Map.entry("numbering", 12), Map.entry("aspect", 24),
            Map.entry("category", 24), Map.entry("title", 36), Map.entry("measures", 60),
            Map.entry("leadLeaders", 12), Map.entry("leadUnit", 16), Map.entry("coUnits", 20),
            Map.entry("deadline", 12), Map.entry("originalDeadline", 12), Map.entry("status", 10),
            Map.entry("statusLabel", 10), Map.entry("warning", 10), Map.entry("progressDate", 12),
            Map.entry("progress", 60), Map.entry("figures", 30), Map.entry("signed", 8), Map.entry("returned", 8),
            Map.entry("extended", 8), Map.entry("awaiting", 12), Map.entry("issueId", 38), Map.entry("version", 8));

    /** The columns of a statistics table after the group's name: header and value. */
    private static final List<Map.Entry<String, Function<IssueCounts, Object>>> COUNTS = List.of(
            Map.entry("问题总数", IssueCounts::total),
            Map.entry("未启动", c -> c.byStatus().get("NOT_STARTED")),
            Map.entry("整改中", c -> c.byStatus().get("IN_PROGRESS")),
            Map.entry("已完成", c -> c.byStatus().get("COMPLETED")),
            Map.entry("已销号", c -> c.byStatus().get("CLOSED")),
            Map.entry("长期坚持", c -> c.byStatus().get("LONG_TERM")),
            Map.entry("完成率", IssueCounts::completionRate),
            Map.entry("逾期", IssueCounts::overdue),
            Map.entry("红色预警", c -> c.byWarning().get("RED")),
            Map.entry("黄色预警", c -> c.byWarning().get("YELLOW")),
            Map.entry("未签收", IssueCounts::unsigned),
            Map.entry("退回过", IssueCounts::returned),
            Map.entry("延期过", IssueCounts::extended));

    /** A table of a statistics sheet: its heading, what its groups are (单位 …), and the groups. */
    public record Table(String heading, String groupHeader, List<Group> groups) {
    }

    private final LedgerLayout layout;
    private final SXSSFWorkbook workbook;
    private final CellStyle header;
    private final CellStyle title;
    private final CellStyle text;
    private final CellStyle date;
    private final CellStyle count;
    private final CellStyle rate;
    private final Map<Level, CellStyle> warning = new EnumMap<>(Level.class);
    private int ledgerRows;

    private enum Level { RED, YELLOW, GREEN }

    public LedgerWorkbook(LedgerLayout layout, String documentTitle) {
        this.layout = layout;
        this.workbook = new SXSSFWorkbook(WINDOW);
        workbook.setCompressTempFiles(true);
        var properties = workbook.getXSSFWorkbook().getProperties().getCoreProperties();
        properties.setTitle(documentTitle);
        properties.setCreator("Zhenggai report-service");
        header = style(true, null, null);
        ((XSSFCellStyle) header).setFillForegroundColor(color("D9D9D9"));
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setAlignment(HorizontalAlignment.CENTER);
        title = workbook.createCellStyle();
        Font big = workbook.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);
        title.setFont(big);
        text = style(false, null, null);
        date = style(false, "yyyy-mm-dd", null);
        count = style(false, "0", null);
        rate = style(false, "0.00%", null);
        for (Level level : Level.values()) {
            String[] colours = WARNING_COLOURS.get(level.name());
            CellStyle style = style(false, null, colours[1]);
            ((XSSFCellStyle) style).setFillForegroundColor(color(colours[0]));
            style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            warning.put(level, style);
        }
    }

    /**
     * The ledger sheet: the header row of the layout, then one row per issue. Everything a row carries is written as
     * it comes; only {@value #WINDOW} rows are held in memory.
     */
    public void ledger(Iterator<LedgerRow> rows) {
        SXSSFSheet sheet = workbook.createSheet(layout.sheet());
        List<LedgerLayout.Column> columns = layout.columns();
        Row head = sheet.createRow(0);
        for (int c = 0; c < columns.size(); c++) {
            Integer width = WIDTHS.get(columns.get(c).key());
            if (width == null) {
                throw new IllegalStateException("the ledger has no width for column " + columns.get(c).key());
            }
            sheet.setColumnWidth(c, width * 256);
            cell(head, c, columns.get(c).header(), header);
        }
        int r = 0;
        while (rows.hasNext()) {
            LedgerRow row = rows.next();
            Row line = sheet.createRow(++r);
            for (int c = 0; c < columns.size(); c++) {
                write(line, c, columns.get(c).key(), row, r);
            }
        }
        ledgerRows = r;
        sheet.createFreezePane(0, 1);
        sheet.setAutoFilter(new CellRangeAddress(0, Math.max(r, 1), 0, columns.size() - 1));
    }

    /** How many issue rows the ledger sheet got. */
    public int ledgerRows() {
        return ledgerRows;
    }

    private void write(Row line, int c, String key, LedgerRow row, int number) {
        String list = layout.separator();
        switch (key) {
            case "row" -> cell(line, c, (long) number, count);
            case "list" -> cell(line, c, row.list(), text);
            case "numbering" -> cell(line, c, row.numbering(), text);
            case "aspect" -> cell(line, c, row.aspect(), text);
            case "category" -> cell(line, c, row.category(), text);
            case "title" -> cell(line, c, row.title(), text);
            case "measures" -> cell(line, c, row.measures().isEmpty() ? null : String.join("\n", row.measures()), text);
            case "leadLeaders" -> cell(line, c, join(row.leadLeaders(), list), text);
            case "leadUnit" -> cell(line, c, row.leadUnit(), text);
            case "coUnits" -> cell(line, c, join(row.coUnits(), list), text);
            case "deadline" -> cell(line, c, row.deadline(), date);
            case "originalDeadline" -> cell(line, c, row.originalDeadline(), date);
            case "status" -> cell(line, c, layout.statuses().get(row.status().name()), text);
            case "statusLabel" -> cell(line, c, row.statusLabel(), text);
            case "warning" -> {
                String words = layout.warnings().get(row.warning());
                Level level = "NONE".equals(row.warning()) ? null : Level.valueOf(row.warning());
                cell(line, c, words == null || words.isEmpty() ? null : words, level == null ? text : warning.get(level));
            }
            case "progressDate" -> cell(line, c, row.progressDate(), date);
            case "progress" -> cell(line, c, row.progress(), text);
            case "figures" -> cell(line, c, join(row.figures(), "；"), text);
            case "signed" -> cell(line, c, row.assignment() == null ? null : layout.signature().get(row.assignment()),
                    text);
            case "returned" -> cell(line, c, (long) row.returned(), count);
            case "extended" -> cell(line, c, (long) row.extensions(), count);
            case "awaiting" -> cell(line, c, row.awaiting() == null ? null : layout.awaiting().get(row.awaiting()),
                    text);
            case "issueId" -> cell(line, c, row.id().toString(), text);
            case "version" -> cell(line, c, row.version(), count);
            default -> throw new IllegalStateException("the ledger cannot fill column " + key);
        }
    }

    /**
     * A statistics sheet: a title row (with the as-of date), then each table: its heading, a header row and a row per
     * group (the issues without a value under {@code none}); counts as numbers, the completion rate as a percentage.
     */
    public void statistics(String name, String sheetTitle, List<Table> tables, String none) {
        SXSSFSheet sheet = workbook.createSheet(name);
        sheet.setColumnWidth(0, 40 * 256);
        for (int c = 1; c <= COUNTS.size(); c++) {
            sheet.setColumnWidth(c, 10 * 256);
        }
        int r = 0;
        cell(sheet.createRow(r++), 0, sheetTitle, title);
        for (Table table : tables) {
            r++;
            cell(sheet.createRow(r++), 0, table.heading(), title);
            Row head = sheet.createRow(r++);
            cell(head, 0, table.groupHeader(), header);
            for (int c = 0; c < COUNTS.size(); c++) {
                cell(head, c + 1, COUNTS.get(c).getKey(), header);
            }
            for (Group group : table.groups()) {
                Row line = sheet.createRow(r++);
                cell(line, 0, group.key() == null ? none : group.label(), text);
                for (int c = 0; c < COUNTS.size(); c++) {
                    Object value = COUNTS.get(c).getValue().apply(group.counts());
                    if (value instanceof IndicatorValue figure) {
                        cell(line, c + 1, figure.ratio(), rate);
                    } else {
                        cell(line, c + 1, (Long) value, count);
                    }
                }
            }
        }
        if (tables.size() == 1) {
            sheet.createFreezePane(1, 4); // title, gap, heading, header
        }
    }

    public void write(OutputStream out) {
        try {
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            workbook.close(); // deletes the temporary files
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CellStyle style(boolean bold, String format, String fontColour) {
        XSSFCellStyle style = (XSSFCellStyle) workbook.createCellStyle();
        style.setBorderTop(BorderStyle.THIN);
        style.setBorderBottom(BorderStyle.THIN);
        style.setBorderLeft(BorderStyle.THIN);
        style.setBorderRight(BorderStyle.THIN);
        style.setVerticalAlignment(VerticalAlignment.TOP);
        style.setWrapText(true);
        if (format != null) {
            style.setDataFormat(workbook.createDataFormat().getFormat(format));
        }
        if (bold || fontColour != null) {
            XSSFFont font = (XSSFFont) workbook.createFont();
            font.setBold(bold);
            if (fontColour != null) {
                font.setColor(color(fontColour));
            }
            style.setFont(font);
        }
        return style;
    }

    private static XSSFColor color(String rgb) {
        return new XSSFColor(java.util.HexFormat.of().parseHex(rgb));
    }

    private static String join(List<String> values, String separator) {
        return values.isEmpty() ? null : String.join(separator, values);
    }

    private void cell(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellStyle(style);
        if (value != null) {
            cell.setCellValue(layout.fit(value));
        }
    }

    private static void cell(Row row, int column, LocalDate value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellStyle(style);
        if (value != null) {
            cell.setCellValue(value);
        }
    }

    private static void cell(Row row, int column, Long value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellStyle(style);
        if (value != null) {
            cell.setCellValue(value);
        }
    }

    /** A ratio as Excel keeps numbers (a binary double), converted only here, at the last moment. */
    private static void cell(Row row, int column, BigDecimal value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellStyle(style);
        if (value != null) {
            cell.setCellValue(value.doubleValue());
        }
    }
}
