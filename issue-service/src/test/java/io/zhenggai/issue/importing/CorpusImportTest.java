package io.zhenggai.issue.importing;

import static io.zhenggai.issue.Api.as;
import static io.zhenggai.issue.Api.office;
import static io.zhenggai.issue.importing.ImportResourceTest.journalSize;
import static io.zhenggai.issue.importing.ImportResourceTest.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.zhenggai.issue.journal.ContractTest;
import io.zhenggai.local.test.JwtTestResource;

/**
 * The corpus of issue 18 through {@code POST /api/imports/bulletins}: every bulletin of the corpus passes the dry run
 * with issues and figures, the new shapes import for real, a pasted table's responsibility reaches the ledger through
 * the workflow's own steps (with a lead leader as a 交办, without one as the issue's units and deadline), and a shape
 * the parser does not read is refused with what was found and what was missing, storing nothing.
 */
@QuarkusTest
class CorpusImportTest {

    /** The bulletins written for issue 18: each states its inspection, so each imports for real. */
    static final List<String> NEW_SHAPES = List.of("university-paragraphs.txt", "unnumbered-aspects.txt",
            "three-level.txt", "measures-numbered-like-problems.txt", "central-tour.txt", "special-inspection.txt",
            "recheck.txt", "audit.txt", "table-tabs.txt", "table-spaces.txt", "mixed-styles.txt");

    /**
     * Imports a bulletin of the corpus as the bulletin of an inspection of its own (its inspected unit tagged), so that
     * no other test's import of the same text meets it.
     */
    static JsonPath imported(String name) {
        String text = Bulletins.resource(name);
        String target = new BulletinParser().parse(text).bulletin().inspection().targetUnit();
        assertThat(text).as(name).contains("对" + target);
        String tagged = text.replace("对" + target, "对" + UUID.randomUUID().toString().substring(0, 6) + target);
        return post(tagged, false).statusCode(201).body("outcome", equalTo("IMPORTED")).extract().jsonPath();
    }

    static List<Map<String, Object>> issuesOf(String inspection) {
        return office().get("/api/issues?inspection=" + inspection + "&size=500").then().statusCode(200)
                .extract().path("items");
    }

    static JsonArray history(String issue) {
        return new JsonArray(as("v", "viewer").get("/api/issues/" + issue + "/history").then().statusCode(200)
                .extract().asString());
    }

    @Test
    void shouldReadEveryBulletinOfTheCorpusInADryRunWithIssuesAndFigures() throws IOException, URISyntaxException {
        int before = journalSize();
        try (Stream<Path> files = Files.list(Path.of(CorpusImportTest.class.getResource("/bulletins").toURI()))) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals("not-a-bulletin.txt")).toList()) {
                JsonPath report = post(Files.readString(file), true).statusCode(200)
                        .body("outcome", equalTo("DRY_RUN")).extract().jsonPath();
                assertThat(report.getInt("issueCount")).as(file.getFileName().toString()).isPositive();
                assertThat(report.getInt("readingCount")).as(file.getFileName().toString()).isPositive();
            }
        }
        assertThat(journalSize()).as("dry runs write nothing").isEqualTo(before);
    }

    @Test
    void shouldImportEachNewShapeWithItsTreeAndProgress() {
        for (String name : NEW_SHAPES) {
            ParseResult parsed = new BulletinParser().parse(Bulletins.resource(name));
            JsonPath report = imported(name);
            assertThat(report.getInt("changes.issuesCreated")).as(name).isEqualTo(parsed.issueCount());
            assertThat(report.getString("issuingUnit")).as(name).isEqualTo(parsed.bulletin().issuingUnit());
            List<Map<String, Object>> issues = issuesOf(report.getString("inspectionId"));
            assertThat(issues).as(name).hasSize(parsed.issueCount());
            long reported = parsed.bulletin().lists().stream().flatMap(l -> l.issues().stream())
                    .filter(i -> i.status() != ReportedStatus.NOT_STARTED).count();
            assertThat(issues.stream().filter(i -> !"NOT_STARTED".equals(i.get("status"))).count()).as(name)
                    .isEqualTo(reported);
        }
    }

    @Test
    void shouldAssignTheProblemsOfATableThatNamesTheirLeadLeadersAsTheApiAssignsThem() throws IOException {
        Validator contract = ContractTest.contract();
        JsonPath report = imported("table-tabs.txt");
        assertThat(report.getInt("changes.withResponsibility")).isEqualTo(6);
        assertThat(report.getInt("changes.assignments")).isEqualTo(6);
        List<Map<String, Object>> issues = issuesOf(report.getString("inspectionId"));
        Map<String, Object> finances = issues.stream().filter(i -> i.get("title").equals("关于村级财务管理混乱的问题"))
                .findFirst().orElseThrow();
        String id = (String) finances.get("id");
        office().get("/api/issues/" + id).then().statusCode(200)
                .body("leadUnit", equalTo("经管站"))
                .body("responsibleUnits", equalTo(List.of("经管站", "财政所")))
                .body("leadLeaders", equalTo(List.of("王海")))
                .body("deadline", equalTo("2023-10-31"))
                .body("originalDeadline", equalTo("2023-10-31"))
                .body("assignment.state", equalTo("ASSIGNED"))
                .body("status", equalTo("IN_PROGRESS"));
        JsonArray events = history(id);
        assertThat(events.stream().map(e -> ((JsonObject) e).getString("type")).toList()).containsExactly(
                "zhenggai.issue.created.v1", "zhenggai.issue.assigned.v1", "zhenggai.issue.progress-reported.v1");
        for (Object e : events) {
            OutputUnit valid = contract.validate(e);
            assertThat(valid.getValid()).as("%s against the contract: %s", e, valid.getErrors()).isTrue();
        }
        JsonObject assignment = events.getJsonObject(1).getJsonObject("data").getJsonObject("assignment");
        assertThat(assignment.getString("leadUnit")).isEqualTo("经管站");
        assertThat(assignment.getJsonArray("coUnits").getList()).containsExactly("财政所");
        assertThat(assignment.getJsonArray("leadLeaders").getList()).containsExactly("王海");
        assertThat(assignment.getString("deadline")).isEqualTo("2023-10-31");
        // the lead unit finds it waiting for its signature (签收), as any assignment
        given().auth().oauth2(JwtTestResource.token("unit-jg", "unit", "经管站"))
                .get("/api/issues?awaitingMySignature=true").then().statusCode(200).body("items.id", hasItems(id));
    }

    @Test
    void shouldRecordTheUnitsAndDeadlinesOfATableWithoutLeadersOnTheIssuesThemselves() {
        JsonPath report = imported("table-spaces.txt");
        assertThat(report.getInt("changes.withResponsibility")).isEqualTo(5);
        assertThat(report.getInt("changes.assignments")).isZero();
        List<Map<String, Object>> issues = issuesOf(report.getString("inspectionId"));
        Map<String, Object> purchasing = issues.stream().filter(i -> i.get("title").equals("医疗机构药品耗材采购不规范"))
                .findFirst().orElseThrow();
        assertThat(purchasing.get("responsibleUnits")).isEqualTo(List.of("医政医管股", "县人民医院"));
        assertThat(purchasing.get("leadUnit")).isEqualTo("医政医管股");
        assertThat(purchasing.get("deadline")).isEqualTo("2024-06-30");
        assertThat(purchasing.get("assignment")).isNull();
        Map<String, Object> study = issues.stream().filter(i -> i.get("title").equals("党组理论学习中心组学习不规范"))
                .findFirst().orElseThrow();
        assertThat(study.get("deadline")).as("立行立改 names no date").isNull();
        assertThat(study.get("responsibleUnits")).isEqualTo(List.of("办公室"));
        JsonObject created = history((String) purchasing.get("id")).getJsonObject(0);
        assertThat(created.getString("type")).isEqualTo("zhenggai.issue.created.v1");
        assertThat(created.getJsonObject("data").getJsonObject("issue").getJsonArray("responsibleUnits").getList())
                .containsExactly("医政医管股", "县人民医院");
    }

    @Test
    void shouldRefuseAShapeItCannotReadSayingWhatItFoundAndWhatWasMissingAndStoreNothing() {
        String text = Bulletins.refused("numbered-as-words.txt");
        int before = journalSize();
        for (boolean dryRun : new boolean[] {true, false}) {
            post(text, dryRun).statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("https://zhenggai.io/problems/not-a-bulletin"))
                    .body("errors[0].field", equalTo("body"))
                    .body("errors[0].message", equalTo("NO_FEEDBACK_TREE"))
                    .body("detail", containsString("已读到"))
                    .body("detail", containsString("Missing:"))
                    .body("found.part", hasItems("team", "targetUnit", "feedbackDate", "declared", "figures",
                            "progressParagraphs"))
                    .body("missing.part", equalTo(List.of("tree")))
                    .body("missing[0].message", containsString("问题段落"))
                    .body("missing[0].messageEn", containsString("problem paragraphs"))
                    .body("read.inspection.team", equalTo("区委第二巡察组"))
                    .body("read.inspection.feedbackDate", equalTo("2023-05-20"))
                    .body("read.declared.issues", equalTo(8))
                    .body("read.reportDate", equalTo("2023-09-08"))
                    .body("read.readings.display", hasItems("3860万元", "96个"))
                    .body("read.readings.find { it.display == '3860万元' }.unit", equalTo("CNY"));
        }
        assertThat(journalSize()).as("nothing of a refused bulletin is stored").isEqualTo(before);
    }

    @Test
    void shouldRefuseADeadlineBeforeTheFeedbackNamingItsProblemAndStoreNothing() {
        String text = Bulletins.resource("table-tabs.txt").replace("2023年8月底前", "2023年5月底前");
        int before = journalSize();
        post(text, false).statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"))
                .body("detail", containsString("一、1."))
                .body("detail", containsString("2023-05-31"))
                .body("detail", not(containsString("Exception")));
        assertThat(journalSize()).isEqualTo(before);
    }
}
