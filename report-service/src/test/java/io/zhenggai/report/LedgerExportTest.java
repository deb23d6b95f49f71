package io.zhenggai.report;

import static io.zhenggai.report.Api.given;
import static io.zhenggai.report.Events.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.zhenggai.report.ledger.LedgerLayoutTest;

/**
 * The Excel ledger (整改台账) and statistics workbooks, opened with POI and read back. Inspection feedback 2023-01-10;
 * T = today in Asia/Shanghai; E, F, G units of this test; each event recorded now, effective as given.
 * <pre>
 *   issue aspect units (lead first) leaders deadline      history (effective)                          now
 *   P     一     E, F               张三    T-5           assigned 01-15, progress 02-01 新材料 3.1亿元,  IN_PROGRESS, unsigned,
 *                                                         adding measure 三是…                         RED
 *   Q     一     F                  李四    T+5           assigned 01-15, signed 01-16, progress 03-01  IN_PROGRESS, signed, YELLOW
 *   R     一     E                  张三    T+40 → T+60   assigned, signed 01-16, progress 02-05,       IN_PROGRESS, returned 1,
 *                                                         COMPLETE 03-20, RETURN 03-22, extension        extended 1, GREEN
 *                                                         asked 03-25, approved 03-28
 *   S     二     F (old style)      王五    none          progress 02-01 2000万元, 02-10 3300万元       IN_PROGRESS, 基本完成,
 *                                                         adding measure 二是…, that report withdrawn   latest progress 02-01
 *   T     二     G (old style)      赵六    none          progress 02-01, COMPLETE 03-01, CLOSE 03-02   CLOSED
 * </pre>
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerExportTest {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 6);
    private static final String E = "经济发展局-" + SUFFIX;
    private static final String F = "财政金融局-" + SUFFIX;
    private static final String G = "教育体育局-" + SUFFIX;
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    private final Events.Inspection ledger = new Events.Inspection(LocalDate.parse("2023-01-10"));
    private final Map<String, Events.Issue> issues = new LinkedHashMap<>();
    private boolean sent;

    private static LocalDate day(String date) {
        return LocalDate.parse(date);
    }

    @BeforeEach
    void sendTheLedger() {
        if (sent) {
            return;
        }
        sent = true;
        Events.Issue p = ledger.issue("main", "一", 1, "台账问题P");
        Events.Issue q = ledger.issue("main", "一", 1, "台账问题Q");
        Events.Issue r = ledger.issue("main", "一", 2, "台账问题R");
        Events.Issue s = ledger.issue("main", "二", 1, "台账问题S").responsibility(List.of("王五"), List.of(F), List.of());
        Events.Issue t = ledger.issue("main", "二", 1, "台账问题T").responsibility(List.of("赵六"), List.of(G), List.of());
        List<Events.Record> records = new ArrayList<>();
        records.add(ledger.created());
        for (Events.Issue issue : List.of(p, q, r, s, t)) {
            records.add(issue.created(issue.feedbackDate()));
        }
        records.add(p.assign(E, List.of(F), List.of("张三"), TODAY.minusDays(5), day("2023-01-15")));
        records.add(p.progress(day("2023-02-01"), "新材料项目已完成投资3.1亿元", List.of("三是 加快项目建设"),
                reading("investment.completed", Map.of("industry", "新材料"), "310000000", "CNY", "MONEY", "3.1亿元")));

        records.add(q.assign(F, List.of(), List.of("李四"), TODAY.plusDays(5), day("2023-01-15")));
        records.add(q.sign(day("2023-01-16")));
        records.add(q.progress(day("2023-03-01"), "正在推进", List.of()));

        records.add(r.assign(E, List.of(), List.of("张三"), TODAY.plusDays(40), day("2023-01-15")));
        records.add(r.sign(day("2023-01-16")));
        records.add(r.progress(day("2023-02-05")));
        records.add(r.transition("COMPLETE", "COMPLETED", day("2023-03-20")));
        records.add(r.transition("RETURN", "IN_PROGRESS", day("2023-03-22")));
        records.add(r.requestExtension(TODAY.plusDays(60), day("2023-03-25")));
        records.add(r.decideExtension(true, day("2023-03-28")));

        s.statusLabel("基本完成");
        records.add(s.progress(day("2023-02-01"), "第一次进展", List.of(),
                reading("investment.completed", Map.of("industry", "生物医药"), "20000000", "CNY", "MONEY", "2000万元")));
        records.add(s.progress(day("2023-02-10"), "第二次进展", List.of("二是 补充整改措施"),
                reading("investment.completed", Map.of("industry", "生物医药"), "33000000", "CNY", "MONEY", "3300万元")));
        records.add(s.withdraw(s.lastReport()));

        records.add(t.progress(day("2023-02-01")));
        records.add(t.transition("COMPLETE", "COMPLETED", day("2023-03-01")));
        records.add(t.transition("CLOSE", "CLOSED", day("2023-03-02")));

        issues.putAll(Map.of("P", p, "Q", q, "R", r, "S", s, "T", t));
        Kafka.send(records);
        Map<String, Long> expected = new LinkedHashMap<>();
        issues.forEach((name, issue) -> expected.put("台账问题" + name, issue.sequence()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            io.restassured.path.json.JsonPath drill = given().queryParam("inspection", ledger.id)
                    .queryParam("measure", "total").get("/api/reports/drill").then().statusCode(200).extract()
                    .jsonPath();
            Map<String, Long> applied = new LinkedHashMap<>();
            List<String> titles = drill.getList("issues.title", String.class);
            List<Long> sequences = drill.getList("issues.sequence", Long.class);
            for (int k = 0; k < titles.size(); k++) {
                applied.put(titles.get(k), sequences.get(k));
            }
            assertThat(applied).isEqualTo(expected);
        });
    }

    private RequestSpecification ledgerOf(RequestSpecification request) {
        return request.queryParam("inspectionId", ledger.id.toString());
    }

    private static XSSFWorkbook open(Response response) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(response.asByteArray()));
    }

    /** The ledger sheet's rows by issue title, each as header → cell. */
    private static Map<String, Map<String, Cell>> rows(XSSFSheet sheet) {
        List<String> headers = new ArrayList<>();
        sheet.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
        Map<String, Map<String, Cell>> rows = new LinkedHashMap<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            Map<String, Cell> cells = new LinkedHashMap<>();
            for (int c = 0; c < headers.size(); c++) {
                cells.put(headers.get(c), row.getCell(c));
            }
            rows.put(cells.get("问题").getStringCellValue(), cells);
        }
        return rows;
    }

    private static String text(Cell cell) {
        return cell == null ? "" : new DataFormatter().formatCellValue(cell);
    }

    @Test
    void shouldServeTheLedgerAsAnAttachmentWithASafeChineseName() {
        String date = TODAY.toString();
        ledgerOf(given()).get("/api/reports/ledger.xlsx").then().statusCode(200)
                .contentType(XLSX)
                .header("Content-Disposition", equalTo("attachment; filename=\"ledger-" + date + ".xlsx\"; "
                        + "filename*=UTF-8''%E6%95%B4%E6%94%B9%E5%8F%B0%E8%B4%A6-" + date + ".xlsx"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
        given().queryParam("asOf", "2023-05-10").get("/api/reports/statistics.xlsx").then().statusCode(200)
                .contentType(XLSX)
                .header("Content-Disposition", equalTo("attachment; filename=\"statistics-2023-05-10.xlsx\"; "
                        + "filename*=UTF-8''%E6%95%B4%E6%94%B9%E7%BB%9F%E8%AE%A1-2023-05-10.xlsx"));
    }

    @Test
    void shouldWriteOneRowPerIssueUnderTheContractsHeaderRow() throws IOException {
        try (XSSFWorkbook workbook = open(ledgerOf(given()).get("/api/reports/ledger.xlsx"))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(2);
            assertThat(workbook.getSheetName(0)).isEqualTo("整改台账");
            assertThat(workbook.getSheetName(1)).isEqualTo("统计");
            XSSFSheet sheet = workbook.getSheet("整改台账");
            List<String> headers = new ArrayList<>();
            sheet.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
            assertThat(headers).isEqualTo(LedgerLayoutTest.HEADERS);
            Map<String, Map<String, Cell>> rows = rows(sheet);
            assertThat(rows.keySet()).containsExactly("台账问题P", "台账问题Q", "台账问题R", "台账问题S", "台账问题T");

            Map<String, Cell> p = rows.get("台账问题P");
            assertThat(p.get("序号").getNumericCellValue()).isEqualTo(1);
            assertThat(text(p.get("清单"))).isEqualTo("市委巡察组反馈意见");
            assertThat(text(p.get("编号"))).isEqualTo("（一）1.（1）");
            assertThat(text(p.get("方面"))).isEqualTo("（一）方面一");
            assertThat(text(p.get("类别"))).isEqualTo("1.类一/1");
            assertThat(text(p.get("整改措施"))).isEqualTo("一是…\n三是 加快项目建设");
            assertThat(text(p.get("牵头领导"))).isEqualTo("张三");
            assertThat(text(p.get("牵头单位"))).isEqualTo(E);
            assertThat(text(p.get("配合单位"))).isEqualTo(F);
            assertThat(p.get("完成时限").getLocalDateTimeCellValue().toLocalDate()).isEqualTo(TODAY.minusDays(5));
            assertThat(p.get("完成时限").getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(text(p.get("整改状态"))).isEqualTo("整改中");
            assertThat(text(p.get("预警"))).isEqualTo("红（逾期）");
            assertThat(p.get("进展日期").getLocalDateTimeCellValue().toLocalDate()).isEqualTo(day("2023-02-01"));
            assertThat(text(p.get("最新进展"))).isEqualTo("新材料项目已完成投资3.1亿元");
            assertThat(text(p.get("最新数据"))).isEqualTo("3.1亿元");
            assertThat(text(p.get("签收"))).isEqualTo("未签收");
            assertThat(text(p.get("待审核"))).isEmpty();
            assertThat(text(p.get("问题ID"))).isEqualTo(issues.get("P").id.toString());
            assertThat(p.get("版本").getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat((long) p.get("版本").getNumericCellValue()).isEqualTo(issues.get("P").sequence());
            assertThat(p.get("版本").getCellStyle().getDataFormatString()).isEqualTo("0");

            Map<String, Cell> q = rows.get("台账问题Q");
            assertThat(text(q.get("签收"))).isEqualTo("已签收");
            assertThat(text(q.get("预警"))).isEqualTo("黄（临期）");
            assertThat(text(q.get("配合单位"))).isEmpty();

            Map<String, Cell> r = rows.get("台账问题R");
            assertThat(text(r.get("预警"))).isEqualTo("绿");
            assertThat(r.get("完成时限").getLocalDateTimeCellValue().toLocalDate()).isEqualTo(TODAY.plusDays(60));
            assertThat(r.get("原定时限").getLocalDateTimeCellValue().toLocalDate()).isEqualTo(TODAY.plusDays(40));
            assertThat(r.get("退回次数").getNumericCellValue()).isEqualTo(1);
            assertThat(r.get("延期次数").getNumericCellValue()).isEqualTo(1);
            assertThat(r.get("退回次数").getCellStyle().getDataFormatString()).isEqualTo("0");

            Map<String, Cell> s = rows.get("台账问题S");
            assertThat(text(s.get("状态表述"))).isEqualTo("基本完成");
            assertThat(text(s.get("整改措施"))).as("a measure stays once added, though its report was withdrawn")
                    .isEqualTo("一是…\n二是 补充整改措施");
            assertThat(text(s.get("最新进展"))).as("the withdrawn report is not the latest").isEqualTo("第一次进展");
            assertThat(text(s.get("最新数据"))).isEqualTo("2000万元");
            assertThat(text(s.get("完成时限"))).isEmpty();
            assertThat(text(s.get("预警"))).isEmpty();
            assertThat(text(s.get("签收"))).as("never assigned").isEmpty();
            assertThat(text(s.get("牵头单位"))).as("the first responsible unit leads").isEqualTo(F);

            assertThat(text(rows.get("台账问题T").get("整改状态"))).isEqualTo("已销号");
        }
    }

    @Test
    void shouldFreezeFilterSizeAndColourTheLedgerSheet() throws IOException {
        try (XSSFWorkbook workbook = open(ledgerOf(given()).get("/api/reports/ledger.xlsx"))) {
            XSSFSheet sheet = workbook.getSheet("整改台账");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).as("rows frozen").isEqualTo((short) 1);
            assertThat(sheet.getPaneInformation().getVerticalSplitPosition()).as("columns frozen").isZero();
            int columns = LedgerLayoutTest.HEADERS.size();
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef())
                    .isEqualTo(new CellRangeAddress(0, 5, 0, columns - 1).formatAsString());
            List<String> headers = LedgerLayoutTest.HEADERS;
            assertThat(sheet.getColumnWidth(headers.indexOf("问题"))).isEqualTo(36 * 256);
            assertThat(sheet.getColumnWidth(headers.indexOf("整改措施"))).isEqualTo(60 * 256);
            assertThat(sheet.getColumnWidth(headers.indexOf("最新进展"))).isEqualTo(60 * 256);
            assertThat(sheet.getColumnWidth(headers.indexOf("问题ID"))).isEqualTo(38 * 256);
            XSSFCellStyle head = sheet.getRow(0).getCell(0).getCellStyle();
            assertThat(workbook.getFontAt(head.getFontIndex()).getBold()).isTrue();

            Map<String, Map<String, Cell>> rows = rows(sheet);
            Map<String, String> fills = new LinkedHashMap<>();
            for (String title : List.of("台账问题P", "台账问题Q", "台账问题R", "台账问题S")) {
                XSSFCellStyle style = (XSSFCellStyle) rows.get(title).get("预警").getCellStyle();
                fills.put(title, style.getFillPattern() == FillPatternType.SOLID_FOREGROUND
                        ? style.getFillForegroundXSSFColor().getARGBHex() : "none");
            }
            assertThat(fills).isEqualTo(Map.of("台账问题P", "FFFFC7CE", "台账问题Q", "FFFFEB9C",
                    "台账问题R", "FFC6EFCE", "台账问题S", "none"));
            XSSFCellStyle red = (XSSFCellStyle) rows.get("台账问题P").get("预警").getCellStyle();
            assertThat(red.getFont().getXSSFColor().getARGBHex()).isEqualTo("FF9C0006");
            assertThat(rows.get("台账问题P").get("最新进展").getCellStyle().getWrapText()).isTrue();
        }
    }

    @Test
    void shouldCountByUnitAndByLeaderOnTheStatisticsSheet() throws IOException {
        try (XSSFWorkbook workbook = open(ledgerOf(given()).get("/api/reports/ledger.xlsx"))) {
            XSSFSheet sheet = workbook.getSheet("统计");
            assertThat(text(sheet.getRow(0).getCell(0))).isEqualTo("整改统计（截至" + TODAY.getYear() + "年"
                    + TODAY.getMonthValue() + "月" + TODAY.getDayOfMonth() + "日）");
            Map<String, Row> groups = groups(sheet);
            assertThat(groups.keySet()).contains("按责任单位", "按牵头领导", E, F, G, "张三", "李四", "王五", "赵六");
            Row header = sheet.getRow(groups.get("按责任单位").getRowNum() + 1);
            List<String> columns = new ArrayList<>();
            header.forEach(c -> columns.add(c.getStringCellValue()));
            assertThat(columns).containsExactly("责任单位", "问题总数", "未启动", "整改中", "已完成", "已销号", "长期坚持",
                    "完成率", "逾期", "红色预警", "黄色预警", "未签收", "退回过", "延期过");
            assertThat(counts(groups.get(E), columns)).isEqualTo(Map.of("问题总数", 2.0, "整改中", 2.0, "逾期", 1.0,
                    "红色预警", 1.0, "未签收", 1.0, "退回过", 1.0, "延期过", 1.0, "完成率", 0.0));
            assertThat(counts(groups.get(F), columns)).isEqualTo(Map.of("问题总数", 3.0, "整改中", 3.0, "逾期", 1.0,
                    "红色预警", 1.0, "黄色预警", 1.0, "未签收", 1.0, "完成率", 0.0));
            assertThat(counts(groups.get(G), columns)).isEqualTo(Map.of("问题总数", 1.0, "已销号", 1.0, "完成率", 1.0));
            Cell rate = groups.get(G).getCell(columns.indexOf("完成率"));
            assertThat(rate.getCellStyle().getDataFormatString()).isEqualTo("0.00%");
            assertThat(text(rate)).isEqualTo("100.00%");
            assertThat(counts(groups.get("张三"), columns)).containsEntry("问题总数", 2.0);
        }
    }

    @Test
    void shouldAnswerTheStatisticsWorkbookAsOfADateWithTheDateInItsTitles() throws IOException {
        try (XSSFWorkbook workbook = open(given().queryParam("inspectionId", ledger.id.toString())
                .queryParam("asOf", "2023-05-10").get("/api/reports/statistics.xlsx"))) {
            assertThat(List.of(workbook.getSheetName(0), workbook.getSheetName(1), workbook.getSheetName(2)))
                    .containsExactly("按方面", "按责任单位", "按牵头领导");
            assertThat(workbook.getProperties().getCoreProperties().getTitle()).isEqualTo("整改统计（截至2023年5月10日）");
            for (int k = 0; k < 3; k++) {
                assertThat(text(workbook.getSheetAt(k).getRow(0).getCell(0)))
                        .isEqualTo("整改统计（" + workbook.getSheetName(k) + "，截至2023年5月10日）");
                assertThat(workbook.getSheetAt(k).getPaneInformation().isFreezePane()).isTrue();
            }
            XSSFSheet aspects = workbook.getSheet("按方面");
            Map<String, Row> groups = groups(aspects);
            List<String> columns = new ArrayList<>();
            aspects.getRow(3).forEach(c -> columns.add(c.getStringCellValue()));
            assertThat(columns.get(0)).isEqualTo("方面");
            assertThat(counts(groups.get("（一）方面一"), columns)).containsEntry("问题总数", 3.0)
                    .containsEntry("完成率", 0.0);
            // as of 2023-05-10 T was closed (03-02): one of the two issues of aspect 二 is done
            assertThat(counts(groups.get("（二）方面二"), columns)).containsEntry("问题总数", 2.0)
                    .containsEntry("已销号", 1.0).containsEntry("完成率", 0.5);
        }
    }

    @Test
    void shouldAnswerAsOfADateWithTheRowsAsTheyStoodAndAVersionOnlyWhereNothingChangedSince() throws IOException {
        Response response = ledgerOf(given()).queryParam("asOf", "2023-02-15").get("/api/reports/ledger.xlsx");
        response.then().statusCode(200).header("Content-Disposition", org.hamcrest.Matchers
                .containsString("filename=\"ledger-2023-02-15.xlsx\""));
        try (XSSFWorkbook workbook = open(response)) {
            assertThat(workbook.getProperties().getCoreProperties().getTitle()).isEqualTo("整改台账（截至2023年2月15日）");
            Map<String, Map<String, Cell>> rows = rows(workbook.getSheet("整改台账"));
            Map<String, Cell> p = rows.get("台账问题P");
            assertThat(text(p.get("最新进展"))).isEqualTo("新材料项目已完成投资3.1亿元");
            assertThat(text(p.get("预警"))).as("judged on 2023-02-15").isEqualTo("绿");
            assertThat((long) p.get("版本").getNumericCellValue()).as("nothing of P took effect after")
                    .isEqualTo(issues.get("P").sequence());
            Map<String, Cell> q = rows.get("台账问题Q");
            assertThat(text(q.get("最新进展"))).as("its report is dated 03-01").isEmpty();
            assertThat(text(q.get("版本"))).as("a past state: not a version to import against").isEmpty();
            assertThat(text(rows.get("台账问题R").get("整改状态"))).isEqualTo("整改中");
            assertThat(text(rows.get("台账问题R").get("版本"))).isEmpty();
            Map<String, Cell> s = rows.get("台账问题S");
            assertThat(text(s.get("最新进展"))).as("withdrawn from its date on").isEqualTo("第一次进展");
            assertThat((long) s.get("版本").getNumericCellValue()).isEqualTo(issues.get("S").sequence());
            assertThat(text(rows.get("台账问题T").get("整改状态"))).isEqualTo("整改中");
        }
        Response recorded = ledgerOf(given()).queryParam("asOf", TODAY.minusDays(1).toString())
                .queryParam("basis", "recorded").get("/api/reports/ledger.xlsx");
        try (XSSFWorkbook workbook = open(recorded)) {
            assertThat(workbook.getSheet("整改台账").getLastRowNum()).as("nothing was recorded before today").isZero();
        }
    }

    @Test
    void shouldListOnlyAUnitsOwnIssues() throws IOException {
        try (XSSFWorkbook workbook = open(ledgerOf(Api.as("ledger-unit", "unit", G))
                .get("/api/reports/ledger.xlsx").then().statusCode(200).extract().response())) {
            assertThat(rows(workbook.getSheet("整改台账")).keySet()).containsExactly("台账问题T");
            // the totals stay whole, as a bulletin prints them
            assertThat(groups(workbook.getSheet("统计"))).containsKeys(E, F, G);
        }
    }

    @Test
    void shouldRefuseBadInputWithProblems() {
        ledgerOf(given()).queryParam("asOf", "2023-02-30").get("/api/reports/ledger.xlsx").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("asOf"));
        given().queryParam("inspectionId", "not-a-uuid").get("/api/reports/ledger.xlsx").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("inspectionId"));
        given().queryParam("inspectionId", UUID.randomUUID().toString()).get("/api/reports/statistics.xlsx").then()
                .statusCode(404).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("inspectionId"));
        ledgerOf(given()).queryParam("basis", "recorded").get("/api/reports/ledger.xlsx").then().statusCode(400)
                .body("errors[0].field", equalTo("basis"));
        ledgerOf(given()).accept("application/json").get("/api/reports/ledger.xlsx").then().statusCode(406)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("Accept"));
    }

    /** The rows of a statistics sheet by the text of their first cell. */
    private static Map<String, Row> groups(XSSFSheet sheet) {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (Row row : sheet) {
            if (row.getCell(0) != null) {
                rows.putIfAbsent(text(row.getCell(0)), row);
            }
        }
        return rows;
    }

    /** The non-zero figures of a statistics row by column header, and the completion rate. */
    private static Map<String, Double> counts(Row row, List<String> columns) {
        Map<String, Double> counts = new LinkedHashMap<>();
        for (int c = 1; c < columns.size(); c++) {
            Cell cell = row.getCell(c);
            if (cell != null && cell.getCellType() == CellType.NUMERIC
                    && (cell.getNumericCellValue() != 0 || columns.get(c).equals("完成率"))) {
                counts.put(columns.get(c), cell.getNumericCellValue());
            }
        }
        return counts;
    }
}
