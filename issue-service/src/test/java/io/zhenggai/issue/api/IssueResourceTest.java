package io.zhenggai.issue.api;

import static io.restassured.RestAssured.given;
import static io.zhenggai.issue.Api.as;
import static io.zhenggai.issue.Api.office;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.zhenggai.issue.Api;

@QuarkusTest
class IssueResourceTest {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @Test
    void shouldCreateAnIssueUnderItsCategoryWithNumberingPath() {
        String inspection = Api.inspection();
        office().body("""
                        {"inspectionId": "%s", "listKey": "yellow-river", "categoryPath": "一/加快构筑黄河安澜屏障/1",
                         "title": "防洪工程建设滞后"}""".formatted(inspection))
                .when().post("/api/issues")
                .then().log().ifValidationFails().statusCode(201)
                .header("ETag", equalTo("\"1\""))
                .body("path", equalTo("一/加快构筑黄河安澜屏障/1"))
                .body("groupTitle", equalTo("加快构筑黄河安澜屏障"))
                .body("category.title", equalTo("防洪工程"))
                .body("status", equalTo("NOT_STARTED"))
                .body("leadLeaders", hasSize(0))
                .body("responsibleUnits", hasSize(0))
                .body("warningLevel", equalTo("NONE"));
    }

    @Test
    void shouldRefuseAnIssueUnderAnUnknownCategoryNamingTheField() {
        office().body("""
                        {"inspectionId": "%s", "listKey": "main", "categoryPath": "九/9", "title": "x"}"""
                        .formatted(Api.inspection()))
                .when().post("/api/issues")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("categoryPath"));
    }

    @Test
    void shouldRefuseADeadlineBeforeTheFeedbackDate() {
        office().body("""
                        {"inspectionId": "%s", "listKey": "main", "categoryPath": "一/1", "title": "x",
                         "deadline": "2022-12-06"}""".formatted(Api.inspection()))
                .when().post("/api/issues")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("deadline"));
    }

    @Test
    void shouldRefuseEmptyTitleAndOversizedText() {
        String inspection = Api.inspection();
        office().body("""
                        {"inspectionId": "%s", "listKey": "main", "categoryPath": "一/1", "title": "  "}"""
                        .formatted(inspection))
                .when().post("/api/issues").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("title"));
        office().body("""
                        {"inspectionId": "%s", "listKey": "main", "categoryPath": "一/1", "title": "%s"}"""
                        .formatted(inspection, "长".repeat(1001)))
                .when().post("/api/issues").then().statusCode(400).body("errors.field", hasItem("title"));
        given().auth().oauth2(io.zhenggai.local.test.JwtTestResource.token("clerk", "office"))
                .get("/api/issues?inspection=" + inspection).then().body("total", equalTo(0));
    }

    @Test
    void shouldStartOnTheFirstProgressReportAndKeepTheReadingsExact() {
        String issue = Api.issue(Api.inspection(), null);
        office().body("""
                        {"asOf": "2023-05-10", "text": "全区新材料产业项目已开工18个,开工率67%,已完成投资3.1亿元",
                         "measures": ["一是加快推进产业转型升级", "二是全力推进“四新经济”项目建设"],
                         "readings": [
                           {"metric": "investment.completed", "dimensions": {"industry": "新材料"}, "quantity": "3.1亿元"},
                           {"metric": "project.started", "dimensions": {"industry": "新材料"}, "quantity": "18个"},
                           {"metric": "enterprise.count", "quantity": "140余家"},
                           {"metric": "foreign_capital.in_place", "value": 2023, "unit": "万美元"},
                           {"metric": "loan.npl_ratio", "quantity": "2.41%", "forecast": true},
                           {"metric": "loan.npl_ratio.change", "quantity": "0.05个百分点", "change": true}]}""")
                .when().post("/api/issues/" + issue + "/progress")
                .then().log().ifValidationFails().statusCode(201)
                .header("ETag", equalTo("\"2\""))
                .body("status", equalTo("IN_PROGRESS"))
                .body("lastProgressDate", equalTo("2023-05-10"))
                .body("measures", hasSize(2))
                .body("progress[0].backDated", equalTo(true));

        List<java.util.Map<String, Object>> readings = as("viewer", "viewer").get("/api/issues/" + issue)
                .then().statusCode(200).extract().path("progress[0].readings");
        assertThat(readings).hasSize(6);
        assertThat(new BigDecimal(readings.get(0).get("value").toString())).isEqualByComparingTo("310000000");
        assertThat(readings.get(0).get("unit")).isEqualTo("CNY");
        assertThat(readings.get(0).get("display")).isEqualTo("3.1亿元");
        assertThat(readings.get(1).get("unit")).isEqualTo("个");
        assertThat(readings.get(2).get("qualifier")).isEqualTo("AT_LEAST");
        assertThat(new BigDecimal(readings.get(3).get("value").toString())).isEqualByComparingTo("20230000");
        assertThat(readings.get(3).get("unit")).isEqualTo("USD");
        assertThat(new BigDecimal(readings.get(4).get("value").toString())).isEqualByComparingTo("0.0241");
        assertThat(readings.get(4).get("forecast")).isEqualTo(true);
        assertThat(readings.get(5).get("kind")).isEqualTo("DIFFERENCE_OF_RATES");
    }

    @Test
    void shouldRefuseAnUnknownUnitNamingItAndRecordNothing() {
        String issue = Api.issue(Api.inspection(), null);
        office().body("""
                        {"text": "x", "readings": [{"metric": "a.b", "quantity": "3英寸"}]}""")
                .when().post("/api/issues/" + issue + "/progress")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("英寸"))
                .body("errors[0].field", equalTo("readings[0].quantity"));
        office().get("/api/issues/" + issue).then().body("status", equalTo("NOT_STARTED"))
                .body("progress", hasSize(0)).header("ETag", equalTo("\"1\""));
        as("v", "viewer").get("/api/issues/" + issue + "/history").then().body("$", hasSize(1));
    }

    @Test
    void shouldRefuseANegativeCount() {
        String issue = Api.issue(Api.inspection(), null);
        office().body("""
                        {"text": "x", "readings": [{"metric": "a.b", "value": -3, "unit": "个"}]}""")
                .when().post("/api/issues/" + issue + "/progress")
                .then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void shouldWalkTheWorkflowWithETagsAndRefuseWhatTheMachineForbids() {
        String issue = Api.issue(Api.inspection(), null);
        // START needs If-Match
        office().body("{\"action\": \"START\"}").post("/api/issues/" + issue + "/transitions")
                .then().statusCode(428).contentType("application/problem+json");
        office().header("If-Match", "\"7\"").body("{\"action\": \"START\"}").post("/api/issues/" + issue + "/transitions")
                .then().statusCode(412).contentType("application/problem+json");
        // CLOSE from NOT_STARTED: 409 with the reason
        office().header("If-Match", "\"1\"").body("{\"action\": \"CLOSE\", \"verificationNote\": \"n\", \"evidence\": [\"e\"]}")
                .post("/api/issues/" + issue + "/transitions")
                .then().statusCode(409).body("detail", org.hamcrest.Matchers.containsString("NOT_STARTED"));
        office().header("If-Match", "\"1\"").body("{\"action\": \"START\"}").post("/api/issues/" + issue + "/transitions")
                .then().statusCode(200).body("status", equalTo("IN_PROGRESS")).header("ETag", equalTo("\"2\""));
        as("reporter", "office").header("If-Match", "\"2\"").body("{\"action\": \"COMPLETE\", \"note\": \"已整改到位\"}")
                .post("/api/issues/" + issue + "/transitions").then().statusCode(200).body("status", equalTo("COMPLETED"));
        // the reporter may not close it himself
        as("reporter", "office").header("If-Match", "3")
                .body("{\"action\": \"CLOSE\", \"verificationNote\": \"核验通过\", \"evidence\": [\"核验报告.pdf\"]}")
                .post("/api/issues/" + issue + "/transitions").then().statusCode(403)
                .body("type", equalTo("https://zhenggai.io/problems/separation-of-duties"));
        as("verifier", "office").header("If-Match", "3")
                .body("{\"action\": \"CLOSE\", \"verificationNote\": \"核验通过\", \"evidence\": [\"核验报告.pdf\"]}")
                .post("/api/issues/" + issue + "/transitions").then().statusCode(200).body("status", equalTo("CLOSED"));
        // 回头看: reopen needs a reason, and is journaled as REOPENED
        as("verifier", "office").header("If-Match", "4").body("{\"action\": \"REOPEN\"}")
                .post("/api/issues/" + issue + "/transitions").then().statusCode(422).body("errors[0].field", equalTo("reason"));
        as("verifier", "office").header("If-Match", "4").body("{\"action\": \"REOPEN\", \"reason\": \"回头看发现反弹\"}")
                .post("/api/issues/" + issue + "/transitions").then().statusCode(200).body("status", equalTo("IN_PROGRESS"));

        List<String> types = as("v", "viewer").get("/api/issues/" + issue + "/history").then().statusCode(200)
                .extract().path("type");
        assertThat(types).containsExactly("zhenggai.issue.created.v1", "zhenggai.issue.status-changed.v1",
                "zhenggai.issue.status-changed.v1", "zhenggai.issue.status-changed.v1", "zhenggai.issue.reopened.v1");
        List<Integer> sequences = as("v", "viewer").get("/api/issues/" + issue + "/history").then()
                .extract().path("sequence");
        assertThat(sequences).containsExactly(1, 2, 3, 4, 5);
        List<String> actors = as("v", "viewer").get("/api/issues/" + issue + "/history").then().extract().path("actor");
        assertThat(actors).containsExactly("office-clerk", "office-clerk", "reporter", "verifier", "verifier");
    }

    @Test
    void shouldNeedAReasonToMoveTheDeadlineOnceStarted() {
        String issue = Api.issue(Api.inspection(), TODAY.plusDays(30).toString());
        office().header("If-Match", "1").body("{\"deadline\": \"%s\"}".formatted(TODAY.plusDays(40)))
                .patch("/api/issues/" + issue).then().statusCode(200).header("ETag", equalTo("\"2\""));
        office().body("{\"text\": \"已启动\"}").post("/api/issues/" + issue + "/progress").then().statusCode(201);
        office().header("If-Match", "3").body("{\"deadline\": \"%s\"}".formatted(TODAY.plusDays(60)))
                .patch("/api/issues/" + issue).then().statusCode(422).body("errors[0].field", equalTo("reason"));
        office().header("If-Match", "3").body("{\"deadline\": \"%s\", \"reason\": \"项目审批延后\"}".formatted(TODAY.plusDays(60)))
                .patch("/api/issues/" + issue).then().statusCode(200).body("deadline", equalTo(TODAY.plusDays(60).toString()));
        List<Object> reasons = as("v", "viewer").get("/api/issues/" + issue + "/history").then()
                .extract().path("data.reason");
        assertThat(reasons).last().isEqualTo("项目审批延后");
        office().body("{\"leadLeaders\": [\"李四\"]}").patch("/api/issues/" + issue)
                .then().statusCode(428);
    }

    @Test
    void shouldDeriveWarningLevelsAndFilterByThem() {
        String inspection = Api.inspection();
        String red = Api.issue(inspection, TODAY.minusDays(1).toString());
        String yellow = Api.issue(inspection, TODAY.plusDays(10).toString());
        String green = Api.issue(inspection, TODAY.plusDays(11).toString());
        String none = Api.issue(inspection, null);
        office().get("/api/issues?inspection=" + inspection + "&warning=RED").then()
                .body("items.id", equalTo(List.of(red))).body("items[0].warningLevel", equalTo("RED"));
        office().get("/api/issues?inspection=" + inspection + "&warning=YELLOW").then().body("items.id", equalTo(List.of(yellow)));
        office().get("/api/issues?inspection=" + inspection + "&warning=GREEN").then().body("items.id", equalTo(List.of(green)));
        office().get("/api/issues?inspection=" + inspection + "&warning=NONE").then().body("items.id", equalTo(List.of(none)));
        office().get("/api/issues?inspection=" + inspection + "&size=2&page=1").then()
                .body("total", equalTo(4)).body("items.id", equalTo(List.of(green, none)));
        office().get("/api/issues?inspection=" + inspection + "&unit=党政办公室&leader=张三&tag=学习&status=NOT_STARTED")
                .then().body("total", equalTo(4));
        office().get("/api/issues?inspection=" + inspection + "&unit=别的单位").then().body("total", equalTo(0));
    }

    @Test
    void shouldReturnTheFirstAnswerForARetryWithTheSameIdempotencyKey() {
        String issue = Api.issue(Api.inspection(), null);
        String key = UUID.randomUUID().toString();
        String body = "{\"asOf\": \"%s\", \"text\": \"完成整改7个\"}".formatted(TODAY);
        String first = office().header("Idempotency-Key", key).body(body).post("/api/issues/" + issue + "/progress")
                .then().statusCode(201).extract().path("progress[0].id");
        String again = office().header("Idempotency-Key", key).body(body).post("/api/issues/" + issue + "/progress")
                .then().statusCode(201).header("Idempotent-Replayed", "true").extract().path("progress[0].id");
        assertThat(again).isEqualTo(first);
        office().header("Idempotency-Key", key).body(body.replace("7个", "8个")).post("/api/issues/" + issue + "/progress")
                .then().statusCode(422).contentType("application/problem+json");
        office().get("/api/issues/" + issue).then().body("progress", hasSize(1)).header("ETag", equalTo("\"2\""));
    }

    @Test
    void shouldRequireATokenAndTheOfficeRoleToChange() {
        given().get("/api/issues").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not-a-token").get("/api/issues").then().statusCode(401);
        as("someone", "viewer").get("/api/issues").then().statusCode(200);
        as("someone", "viewer").body("{}").post("/api/issues").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void shouldServeTheJournalInOrderAfterAPosition() {
        String issue = Api.issue(Api.inspection(), null);
        List<Integer> positions = as("op", "operator").get("/api/journal?after=0&limit=5000").then().statusCode(200)
                .extract().path("position");
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        int last = positions.get(positions.size() - 1);
        as("op", "operator").get("/api/journal?after=" + (last - 1)).then().body("position", equalTo(List.of(last)))
                .body("[0].aggregateid", equalTo(issue));
        as("op", "operator").get("/api/journal?after=" + last).then().body("$", hasSize(0));
        as("op", "operator").get("/api/journal?limit=0").then().statusCode(400);
        as("v", "viewer").get("/api/issues/" + UUID.randomUUID() + "/history").then().statusCode(404)
                .body("instance", nullValue());
    }
}
