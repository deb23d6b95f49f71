package io.zhenggai.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

/** A request to issue-service becomes an event on the real topic, and report-service shows what it applied. */
class FirstEventPathIT {

    @Test
    void shouldServeHealthOpenApiAndSwaggerUiOnBothPackagedServices() {
        RunningSystem system = RunningSystem.get();
        for (String base : java.util.List.of(system.issueService.baseUrl(), system.reportService.baseUrl())) {
            given().baseUri(base).get("/q/health").then().statusCode(200).body("status", equalTo("UP"));
            given().baseUri(base).get("/q/openapi?format=json").then().statusCode(200)
                    .body("openapi", org.hamcrest.Matchers.startsWith("3."))
                    .body("paths", org.hamcrest.Matchers.not(org.hamcrest.Matchers.anEmptyMap()));
            given().baseUri(base).get("/q/swagger-ui/").then().statusCode(200);
            given().baseUri(base).get("/q/metrics").then().statusCode(200);
        }
        given().baseUri(system.issueService.baseUrl()).get("/q/openapi?format=json").then()
                .body("paths", org.hamcrest.Matchers.hasKey("/api/issues/{id}/progress"));
        given().baseUri(system.reportService.baseUrl()).get("/q/openapi?format=json").then()
                .body("paths", org.hamcrest.Matchers.hasKey("/api/indicators/{code}/values"));
    }

    @Test
    void shouldCarryAnInspectionFromIssueServiceThroughKafkaToReportService() {
        RunningSystem system = RunningSystem.get();
        String target = "东营经济技术开发区党工委-" + UUID.randomUUID();
        String id = given().baseUri(system.issueService.baseUrl()).contentType(ContentType.JSON)
                .auth().oauth2(RunningSystem.token("e2e-office", "office"))
                .body("""
                        {"team": "市委第五巡察组", "targetUnit": "%s", "kinds": ["ROUTINE", "SPECIAL"],
                         "specialTheme": "黄河流域生态保护和高质量发展", "feedbackDate": "2022-12-07",
                         "declared": {"aspects": 4, "categories": 16, "suggestions": 4},
                         "lists": [{"key": "main", "title": "市委巡察组反馈意见", "aspects": [
                           {"numbering": "（一）", "title": "关于聚焦党中央各项决策部署在基层的落实情况方面",
                            "categories": [{"numbering": "1.", "title": "学习贯彻不够深入"}]}]}]}
                        """.formatted(target))
                .when().post("/api/inspections")
                .then().log().ifValidationFails().statusCode(201).extract().path("id");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                RunningSystem.asOperator(system.reportService.baseUrl()).when().get("/api/reports/inspections")
                        .then().statusCode(200).body("id", hasItem(id)));
        RunningSystem.asOperator(system.reportService.baseUrl()).when().get("/api/reports/inspections")
                .then().body("find { it.id == '%s' }.targetUnit".formatted(id), equalTo(target))
                .body("find { it.id == '%s' }.declaredCategories".formatted(id), equalTo(16));
    }
}
