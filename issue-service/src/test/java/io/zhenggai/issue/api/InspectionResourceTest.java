package io.zhenggai.issue.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
public class InspectionResourceTest {

    public static final String SEED_LIKE = """
            {"team": "市委第五巡察组", "targetUnit": "%s", "kinds": ["ROUTINE", "SPECIAL"],
             "specialTheme": "黄河流域生态保护和高质量发展", "onSiteFrom": "2022-06-22", "onSiteTo": "2022-09-30",
             "feedbackDate": "2022-12-07", "declared": {"aspects": 4, "categories": 16, "suggestions": 4},
             "lists": [
               {"key": "main", "title": "市委巡察组反馈意见", "aspects": [
                 {"numbering": "（一）", "title": "关于聚焦党中央各项决策部署在基层的落实情况方面", "categories": [
                   {"numbering": "1.", "title": "学习贯彻落实习近平新时代中国特色社会主义思想不够深入"}]}]},
               {"key": "yellow-river", "title": "附件", "theme": "黄河流域生态保护和高质量发展", "aspects": [
                 {"numbering": "（一）", "title": "生态保护方面", "groups": [
                   {"title": "加快构筑黄河安澜屏障", "categories": [{"numbering": "1.", "title": "防洪工程"}]}]}]}]}
            """;

    @Test
    void shouldCreateInspectionWithItsTree() {
        String id = io.zhenggai.issue.Api.office().body(SEED_LIKE.formatted("开发区" + UUID.randomUUID()))
                .when().post("/api/inspections")
                .then().log().ifValidationFails()
                .statusCode(201)
                .header("ETag", containsString("1"))
                .body("id", notNullValue())
                .body("kinds", hasSize(2))
                .body("lists[0].aspects[0].path", equalTo("一"))
                .body("lists[0].aspects[0].categories[0].path", equalTo("一/1"))
                .body("lists[1].aspects[0].groups[0].categories[0].path", equalTo("一/加快构筑黄河安澜屏障/1"))
                .extract().path("id");

        io.zhenggai.issue.Api.office().when().get("/api/inspections/" + id)
                .then().statusCode(200).body("team", equalTo("市委第五巡察组")).body("declared.categories", equalTo(16));
    }

    @Test
    void shouldNotGetUnknownInspection() {
        io.zhenggai.issue.Api.office().when().get("/api/inspections/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://zhenggai.io/problems/not-found"));
    }

    @Test
    void shouldRefuseMalformedJsonAsProblem() {
        io.zhenggai.issue.Api.office().body("{\"team\": ")
                .when().post("/api/inspections")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://zhenggai.io/problems/malformed-json"));
    }

    @Test
    void shouldRefuseBlankTeamNamingTheField() {
        io.zhenggai.issue.Api.office()
                .body(SEED_LIKE.formatted("x").replace("市委第五巡察组", " "))
                .when().post("/api/inspections")
                .then().log().ifValidationFails()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("team"));
    }
}
