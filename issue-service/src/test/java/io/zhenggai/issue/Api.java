package io.zhenggai.issue;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.zhenggai.local.test.JwtTestResource;

/** Test callers with tokens, and fixtures built through the API itself. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String subject, String role) {
        return given().auth().oauth2(JwtTestResource.token(subject, role)).contentType(ContentType.JSON);
    }

    public static RequestSpecification office() {
        return as("office-clerk", "office");
    }

    /** An inspection like the seed's, with a unique target unit; returns its id. */
    public static String inspection() {
        return office().body("""
                        {"team": "市委第五巡察组", "targetUnit": "开发区-%s", "kinds": ["ROUTINE", "SPECIAL"],
                         "specialTheme": "黄河流域生态保护和高质量发展", "feedbackDate": "2022-12-07",
                         "declared": {"aspects": 4, "categories": 16, "suggestions": 4},
                         "lists": [
                           {"key": "main", "title": "市委巡察组反馈意见", "aspects": [
                             {"numbering": "（一）", "title": "关于聚焦党中央各项决策部署在基层的落实情况方面", "categories": [
                               {"numbering": "1.", "title": "学习贯彻落实习近平新时代中国特色社会主义思想不够深入"},
                               {"numbering": "2.", "title": "推动高质量发展不够有力"}]}]},
                           {"key": "yellow-river", "title": "附件", "theme": "黄河流域生态保护和高质量发展", "aspects": [
                             {"numbering": "（一）", "title": "生态保护方面", "groups": [
                               {"title": "加快构筑黄河安澜屏障", "categories": [{"numbering": "1.", "title": "防洪工程"}]}]}]}]}
                        """.formatted(UUID.randomUUID()))
                .post("/api/inspections").then().statusCode(201).extract().path("id");
    }

    /** An issue （1） under category 一/1 of the main list; returns its id. */
    public static String issue(String inspectionId, String deadline) {
        return office().body("""
                        {"inspectionId": "%s", "listKey": "main", "categoryPath": "一/1", "numbering": "（%d）",
                         "title": "关于理论学习中心组学习制度执行不够严格问题", "deadline": %s,
                         "leadLeaders": ["张三"], "responsibleUnits": ["党政办公室"], "tags": ["学习"]}
                        """.formatted(inspectionId, 1 + (int) (Math.random() * 100000),
                        deadline == null ? "null" : "\"" + deadline + "\""))
                .post("/api/issues").then().statusCode(201).extract().path("id");
    }
}
