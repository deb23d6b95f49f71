package io.zhenggai.report.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.zhenggai.report.Api;
import io.zhenggai.report.Events;
import io.zhenggai.report.Kafka;
import io.zhenggai.report.StoredState;

/**
 * What anyone could do before issue 11 without a token, each refused now (401, a problem) and changing nothing; and
 * what an indicator's author is now: the token's subject, not "api".
 */
@QuarkusTest
class UnauthenticatedTest {

    private static final String DEFINITION = """
            {"code": "%s", "name": "无令牌", "numerator": "issues(status = CLOSED)", "denominator": "issues()"}""";

    @Inject
    DataSource dataSource;

    private void refusedAndNothingChanged(java.util.function.Supplier<Response> call) {
        String before = StoredState.of(dataSource);
        call.get().then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://zhenggai.io/problems/unauthenticated"));
        assertThat(StoredState.of(dataSource)).isEqualTo(before);
    }

    @Test
    void shouldNotDefineChangeOrRetireAnIndicatorWithoutAToken() {
        String code = "anonymous.i" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        refusedAndNothingChanged(() -> Api.anonymous().contentType("application/json")
                .body(DEFINITION.formatted(code)).post("/api/indicators"));
        Api.given().get("/api/indicators/" + code).then().statusCode(404);
        refusedAndNothingChanged(() -> Api.anonymous().contentType("application/json")
                .body(DEFINITION.formatted("investment.completed")).put("/api/indicators/investment.completed"));
        refusedAndNothingChanged(() -> Api.anonymous().delete("/api/indicators/investment.completed"));
        Api.given().get("/api/indicators/investment.completed").then().statusCode(200)
                .body("version", equalTo(1)).body("retiredAt", equalTo(null));
    }

    @Test
    void shouldNotStartSwitchOrCancelAReplayOrDropAGenerationWithoutAToken() {
        refusedAndNothingChanged(() -> Api.anonymous().contentType("application/json")
                .body("{\"source\": \"topic\", \"autoSwitch\": true}").post("/api/admin/replays"));
        refusedAndNothingChanged(() -> Api.anonymous().queryParam("acceptDifferences", "true")
                .post("/api/admin/replays/1/switch"));
        refusedAndNothingChanged(() -> Api.anonymous().post("/api/admin/replays/1/compare"));
        refusedAndNothingChanged(() -> Api.anonymous().post("/api/admin/replays/1/cancel"));
        refusedAndNothingChanged(() -> Api.anonymous().delete("/api/admin/generations/1"));
        // nor read how they stand
        Api.anonymous().get("/api/admin/replays").then().statusCode(401);
        Api.anonymous().get("/api/admin/generations").then().statusCode(401);
    }

    @Test
    void shouldNotSkipAGapWithoutAToken() {
        Events.Inspection inspection = new Events.Inspection();
        Events.Issue issue = inspection.issue("main", "一", 1, "无令牌跳过");
        issue.created(); // lost upstream: never sent
        Kafka.send(inspection.created(), issue.progress(LocalDate.of(2023, 5, 10)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> Api.given().get("/api/intake/status").then()
                .body("gaps.aggregateId", hasItem(issue.id.toString())));
        refusedAndNothingChanged(() -> Api.anonymous().contentType("application/json")
                .body("{\"reason\": \"无令牌\"}").post("/api/intake/gaps/" + issue.id + "/skip"));
        Api.given().get("/api/intake/status").then().body("gaps.aggregateId", hasItem(issue.id.toString()));
        // an operator may; then the gap is closed
        Api.as("operator-on-call", Roles.OPERATOR).contentType("application/json")
                .body("{\"reason\": \"创建事件在上游丢失\"}").post("/api/intake/gaps/" + issue.id + "/skip").then()
                .statusCode(200);
    }

    @Test
    void shouldRefuseTheCallerBeforeLookingAtTheBody() {
        refusedAndNothingChanged(() -> Api.anonymous().contentType("application/json").body("{\"code\": ")
                .post("/api/indicators"));
        refusedAndNothingChanged(() -> Api.anonymous().contentType("application/json").body("{\"source\": 7}")
                .post("/api/admin/replays"));
    }

    @Test
    void shouldNotReadReportsWithoutAToken() {
        for (String path : new String[] {"/api/reports/summary", "/api/reports/drill?measure=total",
                "/api/reports/backdated", "/api/indicators", "/api/indicators/investment.completed/values",
                "/api/metrics", "/api/intake/status"}) {
            Api.anonymous().get(path).then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        }
    }

    @Test
    void shouldRecordTheTokensSubjectAsTheAuthorOfADefinition() {
        String code = "authored.i" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Api.as("clerk-0042", Roles.OFFICE).contentType("application/json").body(DEFINITION.formatted(code))
                .post("/api/indicators").then().statusCode(201).body("author", equalTo("clerk-0042"));
        Api.as("clerk-0043", Roles.OFFICE).contentType("application/json")
                .body(DEFINITION.formatted(code).replace("无令牌", "改名")).put("/api/indicators/" + code).then()
                .statusCode(201).body("version", equalTo(2)).body("author", equalTo("clerk-0043"));
        Api.given().get("/api/indicators/" + code + "/versions").then()
                .body("author", equalTo(java.util.List.of("clerk-0042", "clerk-0043")));
        Api.as("clerk-0042", Roles.OFFICE).delete("/api/indicators/" + code).then().statusCode(204);
    }

    @Test
    void shouldRefuseAnOperatorDefiningAnIndicatorAndAnOfficeStartingAReplay() {
        String code = "operator.i" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String before = StoredState.of(dataSource);
        Api.as("operator-on-call", Roles.OPERATOR).contentType("application/json").body(DEFINITION.formatted(code))
                .post("/api/indicators").then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://zhenggai.io/problems/forbidden"));
        Api.as("office-clerk", Roles.OFFICE).contentType("application/json").body("{\"source\": \"topic\"}")
                .post("/api/admin/replays").then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        assertThat(StoredState.of(dataSource)).isEqualTo(before);
    }
}
