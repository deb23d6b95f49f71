package io.zhenggai.issue.api;

import static io.zhenggai.issue.Api.office;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.zhenggai.issue.Api;
import io.zhenggai.issue.journal.Journal;
import io.zhenggai.local.test.JwtTestResource;

/**
 * A unit sees and acts on the issues of its units only: another unit's issue answers as if it did not exist, and
 * nothing of a refused request is journaled.
 * <pre>
 *   issue  responsible units       unit 党政办公室 sees
 *   a      党政办公室                  yes
 *   b      经济发展局                  no
 *   c      经济发展局, 党政办公室       yes (co-responsible)
 *   d      (none)                   no
 *   e      党政办公室                  yes
 * </pre>
 */
@QuarkusTest
class UnitScopingTest {

    static final String OWN = "党政办公室";
    static final String OTHER = "经济发展局";

    @Inject
    Journal journal;

    static RequestSpecification unit(String... units) {
        return io.restassured.RestAssured.given().auth().oauth2(JwtTestResource.token("unit-" + units.length, "unit",
                units)).contentType(ContentType.JSON);
    }

    static String issueOf(String inspection, String units) {
        return office().body("""
                        {"inspectionId": "%s", "listKey": "main", "categoryPath": "一/1", "numbering": "（%d）",
                         "title": "单位范围测试", "responsibleUnits": %s}"""
                        .formatted(inspection, 1 + (int) (Math.random() * 100000), units))
                .post("/api/issues").then().statusCode(201).extract().path("id");
    }

    @Test
    void shouldNotLetAUnitReportOnAnotherUnitsIssueNorJournalAnything() {
        String other = issueOf(Api.inspection(), "[\"" + OTHER + "\"]");
        long before = journal.lastPosition();
        unit(OWN).body("{\"text\": \"已整改\", \"readings\": [{\"metric\": \"a.b\", \"quantity\": \"3个\"}]}")
                .post("/api/issues/" + other + "/progress")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://zhenggai.io/problems/not-found"));
        unit(OWN).header("If-Match", "1").body("{\"action\": \"START\"}").post("/api/issues/" + other + "/transitions")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        unit(OWN).get("/api/issues/" + other).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        unit(OWN).get("/api/issues/" + other + "/history").then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        assertThat(journal.lastPosition()).as("nothing journaled").isEqualTo(before);
        office().get("/api/issues/" + other).then().body("progress", hasSize(0)).body("status", equalTo("NOT_STARTED"))
                .header("ETag", equalTo("\"1\""));
    }

    @Test
    void shouldListOnlyAUnitsOwnIssuesAndPageThemRight() {
        String inspection = Api.inspection();
        String a = issueOf(inspection, "[\"" + OWN + "\"]");
        issueOf(inspection, "[\"" + OTHER + "\"]");
        String c = issueOf(inspection, "[\"" + OTHER + "\", \"" + OWN + "\"]");
        issueOf(inspection, "[]");
        String e = issueOf(inspection, "[\"" + OWN + "\"]");
        List<String> seen = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            List<String> ids = unit(OWN).get("/api/issues?inspection=" + inspection + "&size=2&page=" + page)
                    .then().statusCode(200).body("total", equalTo(3)).extract().path("items.id");
            assertThat(ids).hasSizeLessThanOrEqualTo(2);
            seen.addAll(ids);
        }
        assertThat(seen).containsExactly(a, c, e);
        unit(OTHER).get("/api/issues?inspection=" + inspection).then().body("total", equalTo(2));
        unit().get("/api/issues?inspection=" + inspection).then().body("total", equalTo(0));
        unit(OWN).get("/api/issues?inspection=" + inspection + "&unit=" + OTHER).then().body("total", equalTo(1))
                .body("items[0].id", equalTo(c));
        office().get("/api/issues?inspection=" + inspection).then().body("total", equalTo(5));
    }

    @Test
    void shouldLetAUnitStartAndCompleteItsOwnIssueButTakeNoOtherStep() {
        String own = issueOf(Api.inspection(), "[\"" + OWN + "\"]");
        unit(OWN).body("{\"text\": \"已制定方案\"}").post("/api/issues/" + own + "/progress").then().statusCode(201)
                .body("status", equalTo("IN_PROGRESS"));
        unit(OWN).header("If-Match", "2").body("{\"action\": \"MAKE_LONG_TERM\", \"reason\": \"长期坚持\"}")
                .post("/api/issues/" + own + "/transitions").then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://zhenggai.io/problems/transition-not-permitted"));
        unit(OWN).header("If-Match", "2").body("{\"action\": \"COMPLETE\", \"note\": \"已整改到位\"}").post("/api/issues/" + own + "/transitions")
                .then().statusCode(200).body("status", equalTo("COMPLETED"));
        unit(OWN).header("If-Match", "3").body("{\"action\": \"RETURN\", \"reason\": \"x\"}")
                .post("/api/issues/" + own + "/transitions").then().statusCode(403);
        unit(OWN).header("If-Match", "3").body("{\"deadline\": \"2030-01-01\"}").patch("/api/issues/" + own)
                .then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        office().get("/api/issues/" + own).then().body("status", equalTo("COMPLETED")).header("ETag", equalTo("\"3\""));
    }
}
