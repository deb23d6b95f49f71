package io.zhenggai.issue.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zhenggai.issue.LedgerWorkbooks;

/**
 * Reading the Excel ledger back: the contract's header row (pinned here to the same list as report-service's test of
 * its export), rows as texts by column, dates in any format as ISO dates, and every hostile or foreign file refused
 * with its reason.
 */
class LedgerWorkbookReaderTest {

    private final LedgerLayout layout = LedgerLayout.load();

    @TempDir
    Path dir;

    private List<LedgerWorkbookReader.Line> read(byte[] workbook, int maxRows) throws Exception {
        Path file = Files.write(dir.resolve("ledger-" + System.nanoTime() + ".xlsx"), workbook);
        List<LedgerWorkbookReader.Line> lines = new ArrayList<>();
        int rows = new LedgerWorkbookReader(layout, maxRows, 100).read(file, lines::add);
        assertThat(rows).isEqualTo(lines.size());
        return lines;
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    @Test
    void shouldPinTheHeaderRowToTheContract() {
        assertThat(layout.sheet()).isEqualTo("整改台账");
        assertThat(layout.headers()).isEqualTo(LedgerWorkbooks.HEADERS);
        assertThat(layout.columns().stream().filter(LedgerLayout.Column::editable).map(LedgerLayout.Column::header))
                .containsExactly("牵头领导", "牵头单位", "配合单位", "完成时限", "整改状态", "状态表述", "进展日期", "最新进展");
        assertThat(layout.cellLimit()).isEqualTo(32767);
    }

    @Test
    void shouldNameTheSameStatusesAsTheLedger() {
        for (io.zhenggai.issue.ledger.IssueStatus status : io.zhenggai.issue.ledger.IssueStatus.values()) {
            assertThat(layout.statuses().get(status.name())).as(status.name()).isEqualTo(status.chinese());
            assertThat(layout.statusOf(status.chinese())).contains(status.name());
        }
        assertThat(layout.statusOf("基本完成")).contains("IN_PROGRESS");
        assertThat(layout.statusOf(" 已整改到位 ")).contains("COMPLETED");
        assertThat(layout.statusOf("已销号")).as("the ledger's word first").contains("CLOSED");
        assertThat(layout.statusOf("差不多了")).isEmpty();
    }

    @Test
    void shouldReadTheRowsOfAWorkbookExcelSavedWithDatesInAnyFormat() throws Exception {
        byte[] workbook = LedgerWorkbooks.ledger(List.of(
                row("问题ID", "5f2c0a1e-0000-4000-8000-000000000001", "版本", 7, "完成时限", LocalDate.parse("2023-06-30"),
                        "牵头领导", "张三、李四", "最新进展", "已完成投资3.1亿元"),
                row(),
                row("问题ID", "5f2c0a1e-0000-4000-8000-000000000002", "版本", 12, "完成时限", "2023年7月1日")));
        List<LedgerWorkbookReader.Line> lines = read(workbook, 100);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).row()).isEqualTo(2);
        assertThat(lines.get(0).cell("deadline")).as("a date cell (yyyy/m/d) as an ISO date").isEqualTo("2023-06-30");
        assertThat(lines.get(0).cell("version")).isEqualTo("7");
        assertThat(lines.get(0).cell("leadLeaders")).isEqualTo("张三、李四");
        assertThat(lines.get(0).cell("progress")).isEqualTo("已完成投资3.1亿元");
        assertThat(lines.get(0).cell("coUnits")).isEmpty();
        assertThat(lines.get(1).row()).as("the blank row 3 is skipped, Excel's numbering kept").isEqualTo(4);
        assertThat(lines.get(1).cell("deadline")).isEqualTo("2023年7月1日");
    }

    @Test
    void shouldReadInlineStringsAsTheStreamingExportWritesThem() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(10)) {
            var sheet = workbook.createSheet("整改台账");
            Row head = sheet.createRow(0);
            for (int c = 0; c < layout.headers().size(); c++) {
                head.createCell(c).setCellValue(layout.headers().get(c));
            }
            Row row = sheet.createRow(1);
            row.createCell(layout.headers().indexOf("问题")).setCellValue("关于学习制度执行不够严格的问题");
            row.createCell(layout.headers().indexOf("版本")).setCellValue(3);
            workbook.write(out);
        }
        List<LedgerWorkbookReader.Line> lines = read(out.toByteArray(), 100);
        assertThat(lines).singleElement().satisfies(line -> {
            assertThat(line.cell("title")).isEqualTo("关于学习制度执行不够严格的问题");
            assertThat(line.cell("version")).isEqualTo("3");
        });
    }

    @Test
    void shouldRefuseAnotherHeaderRowNamingTheColumn() {
        List<String> renamed = new ArrayList<>(LedgerWorkbooks.HEADERS);
        renamed.set(renamed.indexOf("完成时限"), "截止日期");
        assertRefused(LedgerWorkbooks.workbook("整改台账", renamed, List.of()),
                LedgerWorkbookException.Reason.WRONG_HEADERS, "第11列（K列）表头应为「完成时限」，实为「截止日期」");
        List<String> swapped = new ArrayList<>(LedgerWorkbooks.HEADERS);
        java.util.Collections.swap(swapped, 7, 8);
        assertRefused(LedgerWorkbooks.workbook("整改台账", swapped, List.of()),
                LedgerWorkbookException.Reason.WRONG_HEADERS, "第8列（H列）表头应为「牵头领导」，实为「牵头单位」");
        List<String> more = new ArrayList<>(LedgerWorkbooks.HEADERS);
        more.add("备注");
        assertRefused(LedgerWorkbooks.workbook("整改台账", more, List.of()),
                LedgerWorkbookException.Reason.WRONG_HEADERS, "第25列（Y列）应无表头，实为「备注」");
        assertRefused(LedgerWorkbooks.workbook("整改台账", LedgerWorkbooks.HEADERS.subList(0, 23), List.of()),
                LedgerWorkbookException.Reason.WRONG_HEADERS, "第24列（X列）表头应为「版本」，实为「」");
        assertRefused(LedgerWorkbooks.workbook("Sheet1", LedgerWorkbooks.HEADERS, List.of()),
                LedgerWorkbookException.Reason.NO_LEDGER_SHEET, "没有名为「整改台账」的工作表");
    }

    @Test
    void shouldRefuseWhatIsNotAWorkbook() throws IOException {
        assertRefused("已完成投资3.1亿元".getBytes(StandardCharsets.UTF_8), LedgerWorkbookException.Reason.NOT_A_WORKBOOK,
                "不是可读取的Excel工作簿");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("not a workbook".getBytes(StandardCharsets.UTF_8));
        }
        assertRefused(zip.toByteArray(), LedgerWorkbookException.Reason.NOT_A_WORKBOOK, "不是可读取的Excel工作簿");
        byte[] valid = LedgerWorkbooks.ledger(List.of());
        assertRefused(java.util.Arrays.copyOf(valid, valid.length / 2), LedgerWorkbookException.Reason.NOT_A_WORKBOOK,
                "不是可读取的Excel工作簿");
    }

    @Test
    void shouldRefuseAZipBombBeforeInflatingIt() throws IOException {
        byte[] bomb = LedgerWorkbooks.padded(LedgerWorkbooks.ledger(List.of()), 8 * 1024 * 1024);
        assertThat(bomb.length).as("8 MiB of sheet in a small file").isLessThan(100 * 1024);
        assertRefused(bomb, LedgerWorkbookException.Reason.TOO_LARGE_UNPACKED, "疑为压缩炸弹");
    }

    @Test
    void shouldStopAtTheMostRowsAnImportTakes() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(row("问题", "问题" + i));
        }
        assertThatThrownBy(() -> read(LedgerWorkbooks.ledger(rows), 2))
                .isInstanceOfSatisfying(LedgerWorkbookException.class, e -> {
                    assertThat(e.reason()).isEqualTo(LedgerWorkbookException.Reason.TOO_MANY_ROWS);
                    assertThat(e.getMessage()).contains("最多导入2行");
                });
    }

    @Test
    void shouldLeaveOutACellLongerThanTheImportTakesAndSaySo() throws Exception {
        List<LedgerWorkbookReader.Line> lines = read(LedgerWorkbooks.ledger(List.of(row("最新进展", "进".repeat(101),
                "问题", "短"))), 100);
        assertThat(lines.get(0).tooLong()).containsExactly("progress");
        assertThat(lines.get(0).cell("progress")).isEmpty();
        assertThat(lines.get(0).cell("title")).isEqualTo("短");
    }

    private void assertRefused(byte[] workbook, LedgerWorkbookException.Reason reason, String message) {
        assertThatThrownBy(() -> read(workbook, 100)).isInstanceOfSatisfying(LedgerWorkbookException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
