package io.zhenggai.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;

/**
 * The round trip of the bulletin (issue 13): a bulletin imported into issue-service reaches report-service through
 * Kafka; the bulletin report-service generates from its projections as of the bulletin's date, as Markdown and as the
 * text of its Word document, imported again through issue-service's dry run, yields the same tree, the same issues
 * (place, title, description, status) and the same figures as the ledger it was generated from, and the dry run
 * recognises the same inspection.
 * <p>
 * For the seed and every bulletin of the importer's tests ({@code issue-service/src/test/resources/bulletins}).
 * Two of those cannot be imported as they are, since their first paragraph does not say which unit was inspected
 * or on which day the feedback was given (the importer needs both to record an inspection): for them the header
 * sentence is completed (no-wrapper.txt, once among them, is read as it is since the importer reads 进行了反馈), and their trees (groups of items under an aspect, aspects numbered 一、, measures on lines of
 * their own) are left as they are. The one that is no bulletin is refused, and has nothing to round-trip.
 * <p>
 * Beside the comparison: the appendix for the office (数据核对情况) names every finding the importer makes on the
 * generated text's issues, and its count is in the {@code Zhenggai-Findings} header.
 */
class BulletinRoundTripIT {

    private static final Path BULLETINS = RunningSystem.root().resolve("issue-service/src/test/resources/bulletins");
    private static final String[] STATUSES = {"NOT_STARTED", "IN_PROGRESS", "COMPLETED", "CLOSED", "LONG_TERM"};

    /** Bulletins whose header does not name the inspected unit or the feedback day, with it completed. */
    private static final Map<String, String[]> COMPLETED_HEADERS = Map.of(
            "aspect-items.txt", new String[]{"县委第三巡察组于2023年2月对北塘镇开展了常规巡察，指出两个方面五个问题。",
                    "2023年2月6日至2023年3月10日，县委第三巡察组对北塘镇党委开展了常规巡察，并于2023年4月3日反馈了巡察意见，"
                            + "指出两个方面五个问题。"},
            "plan-share.txt", new String[]{"市委第二巡察组于2023年5月反馈了巡察意见，指出2个方面3个问题。",
                    "市委第二巡察组对某某局党组开展了常规巡察，并于2023年5月12日反馈了巡察意见，指出2个方面3个问题。"});

    private final RunningSystem system = RunningSystem.get();
    private final String office = RunningSystem.token("e2e-bulletin-office", "office");

    @Test
    void shouldYieldTheLedgersTreeIssuesAndFiguresWhenAGeneratedBulletinIsImportedAgain() throws Exception {
        List<String> checked = new ArrayList<>();
        roundTrip("seed", Files.readString(RunningSystem.root()
                .resolve("seeds/dongying-edz-rectification-2023-05-10.txt"), StandardCharsets.UTF_8));
        checked.add("seed");
        List<Path> files;
        try (var list = Files.list(BULLETINS)) {
            files = list.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (name.equals("not-a-bulletin.txt")) {
                importing(text, false).then().statusCode(422);
                continue;
            }
            String[] header = COMPLETED_HEADERS.get(name);
            if (header != null) {
                Response refused = importing(text, false);
                assertThat(refused.statusCode()).as(name + " as it is names no inspection: " + refused.asString())
                        .isEqualTo(422);
                assertThat(refused.asString()).contains("which inspection");
                assertThat(text).contains(header[0]);
                text = text.replace(header[0], header[1]);
            }
            roundTrip(name, text);
            checked.add(name);
        }
        assertThat(checked).contains("seed", "ascii-punctuation.txt", "aspect-items.txt", "no-wrapper.txt",
                "plan-share.txt", "with-attachment.txt");
    }

    private void roundTrip(String name, String text) throws Exception {
        Response imported = importing(text, false);
        assertThat(imported.statusCode()).as(name + ": " + imported.asString()).isIn(200, 201);
        String inspection = imported.path("inspectionId");
        String date = imported.path("reportDate");
        awaitReportService(name, inspection);

        JsonPath ledgerTree = issues().get("/api/inspections/" + inspection).then().statusCode(200).extract()
                .jsonPath();
        List<Map<String, Object>> ledgerIssues = issues().queryParam("inspection", inspection)
                .queryParam("size", 500).get("/api/issues").then().statusCode(200).extract().jsonPath()
                .getList("items");

        Response markdown = reports().accept("text/markdown").queryParam("asOf", date).queryParam("format", "md")
                .get("/api/bulletins/" + inspection);
        assertThat(markdown.statusCode()).as(name + " md").isEqualTo(200);
        String md = markdown.asString();
        compare(name + " (md)", md, inspection, date, ledgerTree, ledgerIssues);
        int findings = Integer.parseInt(markdown.header("Zhenggai-Findings"));
        assertThat(md.lines().filter(l -> l.startsWith("◆ ")).count()).as(name + " appendix").isEqualTo(findings);

        Response word = reports().accept("*/*").queryParam("asOf", date).queryParam("format", "docx")
                .get("/api/bulletins/" + inspection);
        assertThat(word.statusCode()).as(name + " docx").isEqualTo(200);
        String docxText;
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(word.asByteArray()))) {
            docxText = document.getParagraphs().stream().map(XWPFParagraph::getText)
                    .collect(Collectors.joining("\n"));
        }
        compare(name + " (docx)", docxText, inspection, date, ledgerTree, ledgerIssues);
    }

    /** The dry run of a generated text against the ledger: inspection, tree, issues, figures, findings. */
    private void compare(String what, String generated, String inspection, String date, JsonPath ledgerTree,
                         List<Map<String, Object>> ledgerIssues) {
        Response dry = importing(generated, true);
        assertThat(dry.statusCode()).as(what + " dry run: " + dry.asString()).isEqualTo(200);
        JsonPath parsed = dry.jsonPath().using(JsonPathConfig.jsonPathConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        assertThat(parsed.getString("inspectionId")).as(what + ": the same inspection").isEqualTo(inspection);
        assertThat(parsed.getString("reportDate")).as(what + ": dated as asked").isEqualTo(date);

        assertThat(tree(parsed.getList("tree"))).as(what + ": the tree").isEqualTo(tree(ledgerTree.getList("lists")));

        List<Map<String, Object>> planned = parsed.getList("issues");
        assertThat(planned.stream().map(i -> i.get("listKey") + " " + i.get("path")).toList())
                .as(what + ": the issues, in order")
                .isEqualTo(ledgerIssues.stream().map(i -> i.get("listKey") + " " + i.get("path")).toList());
        for (int k = 0; k < planned.size(); k++) {
            Map<String, Object> p = planned.get(k);
            Map<String, Object> l = ledgerIssues.get(k);
            String issue = what + " " + l.get("listKey") + " " + l.get("path");
            assertThat(p.get("title")).as(issue + " title").isEqualTo(l.get("title"));
            assertThat(p.get("numbering")).as(issue + " numbering").isEqualTo(l.get("numbering"));
            assertThat(p.get("description")).as(issue + " description").isEqualTo(l.get("description"));
            assertThat(p.get("status")).as(issue + " status").isEqualTo(l.get("status"));
            if (l.get("statusLabel") != null) {
                assertThat(p.get("statusLabel")).as(issue + " status words").isEqualTo(l.get("statusLabel"));
            }
            JsonPath detail = issues().get("/api/issues/" + l.get("id")).then().statusCode(200).extract().jsonPath()
                    .using(JsonPathConfig.jsonPathConfig().numberReturnType(
                            JsonPathConfig.NumberReturnType.BIG_DECIMAL));
            List<Map<String, Object>> reports = detail.getList("progress");
            List<Map<String, Object>> current = reports == null ? List.of() : reports.stream()
                    .filter(r -> "CURRENT".equals(r.get("state"))).toList();
            List<Map<String, Object>> latest = current.isEmpty() ? List.of()
                    : list(current.get(current.size() - 1).get("readings"));
            assertThat(figures(list(p.get("readings")))).as(issue + " figures").isEqualTo(figures(latest));
        }

        // the office's appendix names every finding the importer makes on the issues of the generated text
        for (Map<String, Object> finding : parsed.<Map<String, Object>>getList("findings")) {
            Map<String, Object> location = cast(finding.get("location"));
            if (location != null && location.get("path") != null) {
                assertThat(generated).as(what + ": the appendix names " + finding)
                        .contains((String) finding.get("message"));
            }
        }
    }

    /** The tree as numbering and titles: lists, aspects, groups, categories. */
    private static List<String> tree(List<Map<String, Object>> lists) {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> list : lists) {
            lines.add("list " + list.get("key") + " " + list.get("title"));
            for (Map<String, Object> aspect : BulletinRoundTripIT.<Map<String, Object>>list(list.get("aspects"))) {
                lines.add("  aspect " + aspect.get("numbering") + " " + aspect.get("title"));
                for (Map<String, Object> category : BulletinRoundTripIT.<Map<String, Object>>list(
                        aspect.get("categories"))) {
                    lines.add("    category " + category.get("numbering") + " " + category.get("title"));
                }
                for (Map<String, Object> group : BulletinRoundTripIT.<Map<String, Object>>list(aspect.get("groups"))) {
                    lines.add("    group " + group.get("title"));
                    for (Map<String, Object> category : BulletinRoundTripIT.<Map<String, Object>>list(
                            group.get("categories"))) {
                        lines.add("      category " + category.get("numbering") + " " + category.get("title"));
                    }
                }
            }
        }
        return lines;
    }

    /** Readings as facts: what they measure, of what, how much, how sure. */
    private static List<String> figures(List<Map<String, Object>> readings) {
        return readings.stream().map(r -> String.join(" | ", String.valueOf(r.get("metric")),
                        String.valueOf(new TreeMap<>(BulletinRoundTripIT.<String, Object>cast(r.get("dimensions")))),
                        r.get("value") == null ? "none" : new BigDecimal(r.get("value").toString()).stripTrailingZeros()
                                .toPlainString(),
                        String.valueOf(r.get("unit")), String.valueOf(r.get("kind")), String.valueOf(r.get("qualifier")),
                        String.valueOf(r.get("forecast")), String.valueOf(r.get("change")),
                        r.get("statedValue") == null ? "-" : new BigDecimal(r.get("statedValue").toString())
                                .stripTrailingZeros().toPlainString()))
                .toList();
    }

    /** Until report-service counts the inspection as the ledger does, status by status. */
    private void awaitReportService(String name, String inspection) {
        Map<String, Long> ledger = new LinkedHashMap<>();
        for (String status : STATUSES) {
            ledger.put(status, issues().queryParam("inspection", inspection).queryParam("status", status)
                    .queryParam("size", 1).get("/api/issues").then().statusCode(200).extract().jsonPath()
                    .getLong("total"));
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath summary = reports().queryParam("inspection", inspection).get("/api/reports/summary").then()
                    .statusCode(200).extract().jsonPath();
            for (String status : STATUSES) {
                assertThat(summary.getLong("issues.byStatus." + status)).as(name + " " + status)
                        .isEqualTo(ledger.get(status));
            }
        });
    }

    private Response importing(String text, boolean dryRun) {
        return given().baseUri(system.issueService.baseUrl()).auth().oauth2(office)
                .contentType("text/plain; charset=UTF-8").body(text.getBytes(StandardCharsets.UTF_8))
                .queryParam("dryRun", dryRun).post("/api/imports/bulletins");
    }

    private io.restassured.specification.RequestSpecification issues() {
        return given().baseUri(system.issueService.baseUrl()).auth().oauth2(office);
    }

    private io.restassured.specification.RequestSpecification reports() {
        return RunningSystem.asOperator(system.reportService.baseUrl());
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        return value == null ? List.of() : (List<T>) value;
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> cast(Object value) {
        return (Map<K, V>) value;
    }
}
