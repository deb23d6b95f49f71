package io.zhenggai.issue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import io.restassured.path.json.JsonPath;

/**
 * Excel ledgers for the tests, shaped as report-service exports them: the contract's header row
 * ({@link #HEADERS}) and a row per issue, the cells of each row by header. Written with POI's XSSF, which saves texts
 * as shared strings the way Excel does when a user saves the file.
 */
public final class LedgerWorkbooks {

    /** The header row of the ledger sheet: the same list as report-service's LedgerLayoutTest pins. */
    public static final List<String> HEADERS = List.of("序号", "清单", "编号", "方面", "类别", "问题", "整改措施", "牵头领导",
            "牵头单位", "配合单位", "完成时限", "原定时限", "整改状态", "状态表述", "预警", "进展日期", "最新进展", "最新数据",
            "签收", "退回次数", "延期次数", "待审核", "问题ID", "版本");

    private static final io.zhenggai.issue.importing.LedgerLayout LAYOUT =
            io.zhenggai.issue.importing.LedgerLayout.load();

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final Map<String, String> STATUS = Map.of("NOT_STARTED", "未启动", "IN_PROGRESS", "整改中",
            "COMPLETED", "已完成", "CLOSED", "已销号", "LONG_TERM", "长期坚持");

    private LedgerWorkbooks() {
    }

    /** A ledger workbook: sheet 整改台账 with {@code headers} in row 1 and these rows under it. */
    public static byte[] workbook(String sheetName, List<String> headers, List<Map<String, Object>> rows) {
        try (Workbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(sheetName);
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat("yyyy/m/d"));
            Row head = sheet.createRow(0);
            for (int c = 0; c < headers.size(); c++) {
                head.createCell(c).setCellValue(headers.get(c));
            }
            int r = 0;
            for (Map<String, Object> values : rows) {
                Row row = sheet.createRow(++r);
                for (Map.Entry<String, Object> value : values.entrySet()) {
                    int c = headers.indexOf(value.getKey());
                    if (c < 0 || value.getValue() == null) {
                        continue;
                    }
                    Cell cell = row.createCell(c);
                    if (value.getValue() instanceof LocalDate day) {
                        cell.setCellValue(day);
                        cell.setCellStyle(date);
                    } else if (value.getValue() instanceof Number number) {
                        cell.setCellValue(number.doubleValue());
                    } else {
                        cell.setCellValue(value.getValue().toString());
                    }
                }
            }
            workbook.createSheet("统计").createRow(0).createCell(0).setCellValue("整改统计");
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ledger of these rows under the contract's header row. */
    public static byte[] ledger(List<Map<String, Object>> rows) {
        return workbook("整改台账", HEADERS, rows);
    }

    /** The row report-service would export for the issue as {@code GET /api/issues/{id}} shows it now. */
    public static Map<String, Object> exported(JsonPath issue) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("序号", 1);
        row.put("问题", issue.getString("title"));
        row.put("牵头领导", String.join("、", issue.getList("leadLeaders", String.class)));
        List<String> units = new ArrayList<>(issue.getList("responsibleUnits", String.class));
        String lead = issue.getString("leadUnit") != null ? issue.getString("leadUnit")
                : units.isEmpty() ? null : units.get(0);
        units.remove(lead);
        row.put("牵头单位", lead);
        row.put("配合单位", units.isEmpty() ? null : String.join("、", units));
        row.put("完成时限", issue.getString("deadline") == null ? null : LocalDate.parse(issue.getString("deadline")));
        row.put("整改状态", STATUS.get(issue.getString("status")));
        row.put("状态表述", issue.getString("statusLabel"));
        List<Map<String, Object>> current = issue.<Map<String, Object>>getList("progress").stream()
                .filter(p -> "CURRENT".equals(p.get("state"))).toList();
        if (!current.isEmpty()) {
            Map<String, Object> latest = current.get(current.size() - 1); // ordered by as-of date, then sequence
            row.put("进展日期", LocalDate.parse((String) latest.get("asOf")));
            row.put("最新进展", LAYOUT.fit((String) latest.get("text"))); // cut to a cell, as the export writes it
        }
        row.put("问题ID", issue.getString("id"));
        row.put("版本", issue.getLong("sequence"));
        return row;
    }

    /** The workbook with {@code spaces} blanks inside its ledger sheet's XML: compressed to almost nothing. */
    public static byte[] padded(byte[] workbook, int spaces) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    int at = xml.indexOf("<sheetData>") + "<sheetData>".length();
                    content = (xml.substring(0, at) + " ".repeat(spaces) + xml.substring(at))
                            .getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(content);
            }
        }
        return out.toByteArray();
    }
}
