package io.zhenggai.issue.importing;

import static io.zhenggai.issue.Api.as;
import static io.zhenggai.issue.Api.office;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Importing the seed bulletin through the API: counts, findings, idempotence, and a later bulletin's history. */
@QuarkusTest
class ImportResourceTest {

    static final Path SEED = Path.of("..", "seeds", "dongying-edz-rectification-2023-05-10.txt");

    static String seed() throws IOException {
        return Files.readString(SEED, StandardCharsets.UTF_8);
    }

    static ValidatableResponse post(String text, boolean dryRun) {
        return office().contentType("text/plain; charset=utf-8").body(text.getBytes(StandardCharsets.UTF_8))
                .post("/api/imports/bulletins" + (dryRun ? "?dryRun=true" : "")).then().log().ifValidationFails();
    }

    static int journalSize() {
        return as("op", "operator").get("/api/journal?after=0&limit=5000").then().extract().path("size()");
    }

    @Test
    void shouldImportTheSeedOnceAndKeepItsHistoryWhenALaterBulletinFollows() throws IOException {
        String text = seed();
        int before = journalSize();
        post(text, true).statusCode(200)
                .body("outcome", equalTo("DRY_RUN"))
                .body("aspectCount", equalTo(8)).body("categoryCount", equalTo(31)).body("issueCount", equalTo(53))
                .body("lists.issueCount", equalTo(List.of(37, 16)))
                .body("findings.kind", hasItems("COUNT_MISMATCH", "CONFLICTING_FIGURES", "NAME_MISMATCH"));
        assertThat(journalSize()).as("a dry run writes nothing").isEqualTo(before);

        String inspectionId = post(text, false).statusCode(201)
                .body("outcome", equalTo("IMPORTED"))
                .body("reportDate", equalTo("2023-05-10"))
                .body("changes.issuesCreated", equalTo(53))
                .extract().path("inspectionId");
        office().get("/api/issues?inspection=" + inspectionId + "&size=500").then()
                .body("total", equalTo(53))
                .body("items.findAll { it.status == 'NOT_STARTED' }", hasSize(0));
        int afterImport = journalSize();
        assertThat(afterImport - before).as("inspection + 53 issues + their progress and transitions")
                .isGreaterThanOrEqualTo(1 + 53 + 53);

        post(text, false).statusCode(200).body("outcome", equalTo("UNCHANGED"))
                .body("inspectionId", equalTo(inspectionId));
        assertThat(journalSize()).as("the same bulletin again changes nothing").isEqualTo(afterImport);

        String later = text.replace("2023年5月10日", "2023年6月10日")
                .replace("已完成整改7个,未完成整改3个,完成率70%", "已完成整改9个,未完成整改1个,完成率90%");
        post(later, false).statusCode(201).body("outcome", equalTo("IMPORTED"))
                .body("inspectionId", equalTo(inspectionId))
                .body("changes.issuesCreated", equalTo(0))
                .body("changes.progressReports", equalTo(53));

        List<String> patchIssues = office().get("/api/issues?inspection=" + inspectionId + "&size=500").then()
                .extract().path("items.findAll { it.title.contains('粮食安全监管') }.id");
        assertThat(patchIssues).isNotEmpty();
        office().get("/api/issues/" + patchIssues.get(0)).then()
                .body("progress.asOf", containsInAnyOrder("2023-05-10", "2023-06-10"))
                .body("lastProgressDate", equalTo("2023-06-10"));
        List<String> effective = as("v", "viewer").get("/api/issues/" + patchIssues.get(0) + "/history").then()
                .extract().path("findAll { it.type == 'zhenggai.issue.progress-reported.v1' }.effectivedate");
        assertThat(effective).containsExactly("2023-05-10", "2023-06-10");
    }

    /**
     * A dry run shows what the import would record: the lists' tree and every issue with its ledger path, status and
     * readings. Importing then records exactly that.
     */
    @Test
    void shouldShowInADryRunTheTreeAndIssuesTheImportThenRecords() throws IOException {
        String text = Files.readString(Path.of("src/test/resources/bulletins/with-attachment.txt"), StandardCharsets.UTF_8)
                .replace("省委第三巡视组", "省委第九巡视组").replace("省委第二巡视组", "省委第九巡视组");
        io.restassured.path.json.JsonPath dry = post(text, true).statusCode(200).body("outcome", equalTo("DRY_RUN"))
                .body("tree.key", equalTo(List.of("main", "attachment-1")))
                .body("tree[0].aspects.numbering", equalTo(List.of("(一)", "(二)")))
                .body("issues", hasSize(5))
                .body("issues[0].status", equalTo("IN_PROGRESS"))
                .body("issues[4].status", equalTo("COMPLETED")).body("issues[4].statusLabel", equalTo("已完成"))
                .extract().jsonPath();
        String inspectionId = post(text, false).statusCode(201).body("tree", org.hamcrest.Matchers.nullValue())
                .extract().path("inspectionId");
        assertThat(office().get("/api/inspections/" + inspectionId).then().statusCode(200).extract().jsonPath()
                .getList("lists.aspects.title")).isEqualTo(dry.getList("tree.aspects.title"));
        List<java.util.Map<String, Object>> planned = dry.getList("issues");
        for (java.util.Map<String, Object> issue : planned) {
            io.restassured.path.json.JsonPath ledger = office().queryParam("inspection", inspectionId)
                    .queryParam("list", issue.get("listKey")).get("/api/issues?size=50").then().statusCode(200)
                    .extract().jsonPath();
            String id = ledger.getString("items.find { it.path == '" + issue.get("path") + "' }.id");
            assertThat(id).as("the ledger holds %s %s", issue.get("listKey"), issue.get("path")).isNotNull();
            io.restassured.path.json.JsonPath recorded = office().get("/api/issues/" + id).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(recorded.getString("title")).isEqualTo(issue.get("title"));
            assertThat(recorded.getList("progress[0].readings.metric", String.class))
                    .isEqualTo(((List<?>) issue.get("readings")).stream()
                            .map(r -> ((java.util.Map<?, ?>) r).get("metric")).toList());
        }
    }

    @Test
    void shouldRefuseATextThatIsNotABulletin() {
        post("今天天气很好,我们去公园散步。", false).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://zhenggai.io/problems/not-a-bulletin"));
        post("   ", true).statusCode(422).contentType("application/problem+json");
    }

    @Test
    void shouldRefuseABulletinWithANumberNoFigureNeedsNamingIt() throws IOException {
        int before = journalSize();
        String text = seed();
        assertThat(text).contains("已完成投资3.1亿元");
        for (String absurd : List.of("99999999999999亿元", "3." + "1".repeat(13) + "亿元", "9".repeat(200) + "元")) {
            for (boolean dryRun : new boolean[]{true, false}) {
                post(text.replace("已完成投资3.1亿元", "已完成投资" + absurd), dryRun).statusCode(422)
                        .contentType("application/problem+json")
                        .body("type", equalTo("https://zhenggai.io/problems/quantity-out-of-bounds"))
                        .body("errors[0].field", equalTo("body"))
                        .body("detail", org.hamcrest.Matchers.containsString(absurd.substring(0, 10)));
            }
        }
        assertThat(journalSize()).as("nothing of the bulletin is stored").isEqualTo(before);
    }

    @Test
    void shouldRequireTheOfficeRole() throws IOException {
        as("v", "viewer").contentType("text/plain; charset=utf-8").body(seed().getBytes(StandardCharsets.UTF_8))
                .post("/api/imports/bulletins?dryRun=true").then().statusCode(403);
    }
}
