package io.zhenggai.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The Excel ledger both ways, over the real processes: the seed bulletin (as a bulletin of another team, so that it is
 * an inspection of this test's own) imported into issue-service, its ledger exported by report-service once the
 * events arrived, three cells edited as a user would in a spreadsheet program and saved, the import's dry run showing
 * exactly those three changes and storing nothing, the import applied, and the ledger exported again agreeing with
 * issue-service cell by cell. The first export, edited again, is then refused as stale: its rows are behind.
 */
class LedgerRoundTripIT {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final DataFormatter CELLS = new DataFormatter();

    @Test
    void shouldRoundTripTheLedgerThroughBothServices() throws Exception {
        RunningSystem system = RunningSystem.get();
        String office = RunningSystem.token("e2e-ledger-office", "office");
        String text = Files.readString(RunningSystem.root().resolve("seeds/dongying-edz-rectification-2023-05-10.txt"),
                StandardCharsets.UTF_8).replace("第五巡察组", "第九巡察组");
        String inspection = issues(system, office).contentType("text/plain; charset=UTF-8").body(text)
                .post("/api/imports/bulletins").then().log().ifValidationFails()
                .statusCode(org.hamcrest.Matchers.oneOf(200, 201)).extract().path("inspectionId");
        List<Map<String, Object>> ledger = issues(system, office).queryParam("inspection", inspection)
                .queryParam("size", 500).get("/api/issues").then().statusCode(200).extract().jsonPath()
                .getList("items");
        assertThat(ledger).hasSizeGreaterThan(3);
        List<String> ids = ledger.stream().map(i -> (String) i.get("id")).toList();
        String first = ids.get(0);
        String second = ids.get(1);
        String third = ids.get(2);

        // the export, once report-service has every event of the issues this test edits (404 until the inspection)
        byte[] exported = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(
                () -> ledger(system, office, inspection),
                workbook -> current(system, office, workbook, List.of(first, second, third))
                        && rows(workbook).size() == ids.size());
        Map<String, Map<String, String>> before = rows(exported);
        assertThat(headers(exported)).isEqualTo(contractHeaders());

        // three cells edited and saved, as a spreadsheet program would save them (texts as shared strings)
        byte[] edited = edit(exported, Map.of(
                first, Map.of("完成时限", LocalDate.parse("2030-06-30")),
                second, Map.of("牵头单位", "经济发展局"),
                third, Map.of("最新进展", "新材料产业项目已完成投资5亿元，已开工20个")));
        Map<String, Long> sequences = sequences(system, office, List.of(first, second, third));

        JsonPath dryRun = issues(system, office).contentType(XLSX).body(edited).post("/api/imports/ledger?dryRun=true")
                .then().log().ifValidationFails().statusCode(200).extract().jsonPath();
        assertThat(dryRun.getInt("rows")).isEqualTo(ids.size());
        assertThat(dryRun.getInt("changed")).as(dryRun.prettify()).isEqualTo(3);
        assertThat(dryRun.getInt("refused")).as(dryRun.prettify()).isZero();
        Map<String, List<Map<String, String>>> changes = new LinkedHashMap<>();
        List<Map<String, Object>> results = dryRun.getList("results");
        for (Map<String, Object> result : results) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> cells = (List<Map<String, String>>) result.get("changes");
            changes.put((String) result.get("issueId"), cells);
        }
        assertThat(changes).isEqualTo(Map.of(
                first, List.of(Map.of("column", "完成时限", "from", "", "to", "2030-06-30")),
                second, List.of(Map.of("column", "牵头单位", "from", "", "to", "经济发展局")),
                third, List.of(Map.of("column", "最新进展", "from", before.get(third).get("最新进展"),
                        "to", "新材料产业项目已完成投资5亿元，已开工20个"))));
        assertThat(sequences(system, office, List.of(first, second, third))).as("a dry run stores nothing")
                .isEqualTo(sequences);

        issues(system, office).contentType(XLSX).body(edited).post("/api/imports/ledger").then().log()
                .ifValidationFails().statusCode(200).body("outcome", org.hamcrest.Matchers.equalTo("APPLIED"))
                .body("changed", org.hamcrest.Matchers.equalTo(3));
        Map<String, Long> after = sequences(system, office, List.of(first, second, third));
        after.forEach((id, sequence) -> assertThat(sequence).as(id).isEqualTo(sequences.get(id) + 1));

        // report-service's ledger agrees with issue-service, and with the first export everywhere else
        byte[] again = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(
                () -> ledger(system, office, inspection),
                workbook -> current(system, office, workbook, List.of(first, second, third)));
        Map<String, Map<String, String>> now = rows(again);
        for (String id : List.of(first, second, third)) {
            JsonPath issue = issues(system, office).get("/api/issues/" + id).then().statusCode(200).extract()
                    .jsonPath();
            Map<String, String> row = now.get(id);
            assertThat(row.get("完成时限")).isEqualTo(String.valueOf(issue.getString("deadline") == null ? ""
                    : issue.getString("deadline")));
            assertThat(row.get("牵头单位")).isEqualTo(issue.getString("leadUnit") == null ? ""
                    : issue.getString("leadUnit"));
            List<String> reports = issue.getList("progress.text", String.class);
            assertThat(row.get("最新进展")).isEqualTo(reports.get(reports.size() - 1));
            assertThat(row.get("版本")).isEqualTo(String.valueOf(issue.getLong("sequence")));
        }
        assertThat(now.get(first).get("完成时限")).isEqualTo("2030-06-30");
        assertThat(now.get(second).get("牵头单位")).isEqualTo("经济发展局");
        assertThat(now.get(third).get("最新进展")).isEqualTo("新材料产业项目已完成投资5亿元，已开工20个");
        assertThat(now.get(third).get("最新数据")).contains("5亿元");
        for (String id : ids) {
            Map<String, String> expected = new LinkedHashMap<>(before.get(id));
            Map<String, String> actual = new LinkedHashMap<>(now.get(id));
            if (List.of(first, second, third).contains(id)) {
                // what the three edits change, and what follows from them (the office's deadline is the original
                // one too; a new report moves the date, the figures and maybe the status)
                for (String changed : List.of("完成时限", "原定时限", "预警", "牵头单位", "最新进展", "进展日期", "最新数据",
                        "整改状态", "版本")) {
                    expected.remove(changed);
                    actual.remove(changed);
                }
            }
            assertThat(actual).as("row of " + id).isEqualTo(expected);
        }
        JsonPath byUnit = RunningSystem.asOperator(system.reportService.baseUrl()).queryParam("inspection", inspection)
                .queryParam("by", "unit").get("/api/reports/breakdown").then().statusCode(200).extract().jsonPath();
        assertThat(byUnit.getList("groups.label", String.class)).contains("经济发展局");

        // the first export, edited otherwise, is behind the ledger now: its three rows (their cells are the old
        // values now) are refused, never overwritten, and nothing changes
        byte[] stale = edit(exported, Map.of(first, Map.of("完成时限", LocalDate.parse("2030-12-31"))));
        issues(system, office).contentType(XLSX).body(stale).post("/api/imports/ledger").then().log()
                .ifValidationFails().statusCode(409)
                .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"))
                .body("errors.field", org.hamcrest.Matchers.hasSize(3))
                .body("errors.field", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.endsWith("行「版本」")))
                .body("errors.message", org.hamcrest.Matchers.everyItem(
                        org.hamcrest.Matchers.startsWith("该问题在导出后已有变更")));
        assertThat(sequences(system, office, List.of(first, second, third))).isEqualTo(after);
    }

    private static RequestSpecification issues(RunningSystem system, String token) {
        return given().baseUri(system.issueService.baseUrl()).auth().oauth2(token);
    }

    private static byte[] ledger(RunningSystem system, String token, String inspection) {
        return given().baseUri(system.reportService.baseUrl()).auth().oauth2(token)
                .queryParam("inspectionId", inspection).get("/api/reports/ledger.xlsx").then().statusCode(200)
                .contentType(XLSX).extract().asByteArray();
    }

    private static Map<String, Long> sequences(RunningSystem system, String token, List<String> ids) {
        Map<String, Long> sequences = new LinkedHashMap<>();
        for (String id : ids) {
            sequences.put(id, issues(system, token).get("/api/issues/" + id).then().statusCode(200).extract().jsonPath()
                    .getLong("sequence"));
        }
        return sequences;
    }

    /** Whether the ledger's rows of these issues carry issue-service's current versions. */
    private static boolean current(RunningSystem system, String token, byte[] workbook, List<String> ids) {
        Map<String, Map<String, String>> rows = rows(workbook);
        Map<String, Long> sequences = sequences(system, token, ids);
        return ids.stream().allMatch(id -> rows.containsKey(id)
                && rows.get(id).get("版本").equals(String.valueOf(sequences.get(id))));
    }

    private static List<String> headers(byte[] workbook) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            List<String> headers = new ArrayList<>();
            book.getSheet("整改台账").getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
            return headers;
        }
    }

    private static List<String> contractHeaders() throws IOException {
        JsonNode contract = new ObjectMapper().readTree(RunningSystem.root()
                .resolve("issue-service/src/main/resources/contract/ledger-workbook.json").toFile());
        List<String> headers = new ArrayList<>();
        contract.path("columns").forEach(c -> headers.add(c.path("header").asText()));
        return headers;
    }

    /** The ledger sheet's rows by issue id, each as header → the text Excel shows. */
    private static Map<String, Map<String, String>> rows(byte[] workbook) {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            Sheet sheet = book.getSheet("整改台账");
            List<String> headers = new ArrayList<>();
            sheet.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
            Map<String, Map<String, String>> rows = new LinkedHashMap<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                Map<String, String> cells = new LinkedHashMap<>();
                for (int c = 0; c < headers.size(); c++) {
                    Cell cell = row.getCell(c);
                    cells.put(headers.get(c), cell == null ? "" : CELLS.formatCellValue(cell));
                }
                rows.put(cells.get("问题ID"), cells);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The workbook with these cells of these issues' rows changed, saved again. */
    private static byte[] edit(byte[] workbook, Map<String, Map<String, Object>> edits) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(workbook));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.getSheet("整改台账");
            List<String> headers = new ArrayList<>();
            sheet.getRow(0).forEach(c -> headers.add(c.getStringCellValue()));
            int idColumn = headers.indexOf("问题ID");
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                Map<String, Object> cells = edits.get(row.getCell(idColumn).getStringCellValue());
                if (cells == null) {
                    continue;
                }
                cells.forEach((header, value) -> {
                    // a new cell, as a spreadsheet program writes an edited one (POI would only set the cached value
                    // of the export's inline string and leave its text)
                    int column = headers.indexOf(header);
                    org.apache.poi.ss.usermodel.CellStyle style = row.getCell(column).getCellStyle();
                    row.removeCell(row.getCell(column));
                    Cell cell = row.createCell(column);
                    cell.setCellStyle(style);
                    if (value instanceof LocalDate day) {
                        cell.setCellValue(day);
                    } else {
                        cell.setCellValue((String) value);
                    }
                });
            }
            book.write(out);
            return out.toByteArray();
        }
    }
}
