package io.zhenggai.issue.api;

import static io.restassured.RestAssured.given;
import static io.zhenggai.issue.Api.office;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.zhenggai.issue.Api;
import io.zhenggai.issue.journal.Journal;

/** Each hostile input reported against a fresh run: a problem naming the field, never a 5xx, nothing stored. */
@QuarkusTest
class HostileInputRegressionTest {

    @Inject
    Journal journal;

    @TestHTTPResource("/api/issues")
    URI issues;

    @Test
    void shouldRefuseAPageNoArithmeticCanReach() {
        office().get("/api/issues?page=2147483647&size=100").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("page"));
        office().get("/api/issues?page=99999999999").then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("page"));
        office().get("/api/issues?size=0").then().statusCode(400).body("errors.field", hasItem("size"));
        office().get("/api/issues?page=-1").then().statusCode(400).body("errors.field", hasItem("page"));
    }

    @Test
    void shouldRefuseAValueOfAThousandDigitsAndStoreNothing() {
        String issue = Api.issue(Api.inspection(), null);
        long before = journal.lastPosition();
        office().body("""
                        {"text": "x", "readings": [{"metric": "a.b", "value": 1e1001, "unit": "元"}]}""")
                .post("/api/issues/" + issue + "/progress").then().statusCode(422).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://zhenggai.io/problems/quantity-out-of-bounds"))
                .body("errors[0].field", equalTo("readings[0].value"));
        office().body("""
                        {"text": "x", "readings": [{"metric": "a.b", "value": 1e999, "unit": "个"}]}""")
                .post("/api/issues/" + issue + "/progress").then().statusCode(422).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("readings[0].value"));
        office().body("""
                        {"text": "x", "readings": [{"metric": "a.b", "value": 1e-400, "unit": "元"}]}""")
                .post("/api/issues/" + issue + "/progress").then().statusCode(422).contentType(Problem.MEDIA_TYPE);
        office().body("""
                        {"text": "x", "readings": [{"metric": "a.b", "quantity": "%s亿元"}]}""".formatted("9".repeat(60)))
                .post("/api/issues/" + issue + "/progress").then().statusCode(422).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("readings[0].quantity"));
        office().body("""
                        {"text": "x", "readings": [{"metric": "a.b", "quantity": "10%", "parts": {"numerator": "1个",
                         "denominator": "100000000000000000000个"}}]}""")
                .post("/api/issues/" + issue + "/progress").then().statusCode(422)
                .body("errors[0].field", equalTo("readings[0].parts.denominator"));
        assertThat(journal.lastPosition()).as("nothing journaled").isEqualTo(before);
        office().get("/api/issues/" + issue).then().body("progress", hasSize(0));
    }

    @Test
    void shouldAcceptTheLargestFigureABulletinCouldPrint() {
        String issue = Api.issue(Api.inspection(), null);
        office().body("""
                        {"text": "x", "readings": [{"metric": "a.b", "value": 99999999.999999999999, "unit": "亿元"},
                          {"metric": "a.c", "value": -0, "unit": "个", "change": true}]}""")
                .post("/api/issues/" + issue + "/progress").then().log().ifValidationFails().statusCode(201);
    }

    @Test
    void shouldNameEachFieldOfTheWrongJsonType() {
        String issue = Api.issue(Api.inspection(), null);
        office().body("{\"text\": 123, \"readings\": \"abc\"}").post("/api/issues/" + issue + "/progress")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://zhenggai.io/problems/malformed-json"))
                .body("errors[0].field", equalTo("text"));
        office().body("{\"text\": \"x\", \"readings\": \"abc\"}").post("/api/issues/" + issue + "/progress")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("readings"));
        office().body("{\"text\": \"x\", \"readings\": [{\"metric\": \"a.b\", \"value\": \"3.1\", \"unit\": \"元\"}]}")
                .post("/api/issues/" + issue + "/progress").then().statusCode(400)
                .body("errors[0].field", equalTo("readings[0].value"));
        office().header("If-Match", "1").body("{\"action\": 0}").post("/api/issues/" + issue + "/transitions")
                .then().statusCode(400).body("errors[0].field", equalTo("action"));
        office().body("{\"text\": \"a\\u0000b\"}").post("/api/issues/" + issue + "/progress")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("text"));
        office().body("[]").post("/api/issues/" + issue + "/progress")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        office().get("/api/issues/" + issue).then().body("progress", hasSize(0)).body("status", equalTo("NOT_STARTED"));
    }

    @Test
    void shouldNameAnUnreadableParameter() {
        office().get("/api/issues?status=FINISHED").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://zhenggai.io/problems/invalid-parameter"))
                .body("errors[0].field", equalTo("status"))
                .body("detail", containsString("NOT_STARTED"));
        office().get("/api/issues?warning=PURPLE").then().statusCode(400).body("errors[0].field", equalTo("warning"));
        office().get("/api/issues?sort=RANDOM").then().statusCode(400).body("errors[0].field", equalTo("sort"));
        office().get("/api/issues?inspection=not-a-uuid").then().statusCode(400)
                .body("errors[0].field", equalTo("inspection"));
        office().get("/api/issues/not-a-uuid").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("id"));
        office().get("/api/inspections/42").then().statusCode(400).body("errors[0].field", equalTo("id"));
        office().get("/api/journal?after=x").then().statusCode(400).body("errors[0].field", equalTo("after"));
        office().contentType("text/plain").body("x").post("/api/imports/bulletins?dryRun=maybe").then()
                .statusCode(400).body("errors[0].field", equalTo("dryRun"));
    }

    @Test
    void shouldLeaveARequestLineTooLongForTheHttpLayerToIt() {
        // beyond 4 KiB the HTTP server refuses the line itself, before there is a request of the API to answer
        office().get("/api/issues?tag=" + "x".repeat(5000)).then().statusCode(414);
        office().get("/api/issues?tag=" + "x".repeat(3000)).then().statusCode(200);
    }

    @Test
    void shouldNameAMalformedDate() {
        String issue = Api.issue(Api.inspection(), null);
        office().body("{\"asOf\": \"2023-13-45\", \"text\": \"x\"}").post("/api/issues/" + issue + "/progress")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("asOf"));
        office().header("If-Match", "1").body("{\"deadline\": \"tomorrow\"}").patch("/api/issues/" + issue)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].field", equalTo("deadline"));
    }

    @Test
    void shouldRefuseADeclaredOversizeBodyBeforeReadingIt() {
        String issue = Api.issue(Api.inspection(), null);
        String big = "{\"text\": \"" + "长".repeat(2 * 1024 * 1024) + "\"}"; // 6 MiB of UTF-8
        office().body(big.getBytes(StandardCharsets.UTF_8)).post("/api/issues/" + issue + "/progress")
                .then().statusCode(413).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://zhenggai.io/problems/too-large"));
        office().contentType("text/plain; charset=utf-8").body(new byte[9 * 1024 * 1024])
                .post("/api/imports/bulletins?dryRun=true").then().statusCode(413).contentType(Problem.MEDIA_TYPE);
        office().get("/api/issues/" + issue).then().body("progress", hasSize(0));
    }

    @Test
    void shouldRefuseABodyOfNoDeclaredLengthAsAProblem() throws Exception {
        String issue = Api.issue(Api.inspection(), null);
        byte[] start = "{\"text\": ".getBytes(StandardCharsets.UTF_8);
        byte[] rest = "\"已启动\"}".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(issues + "/" + issue + "/progress"))
                .header("Authorization", "Bearer " + io.zhenggai.local.test.JwtTestResource.token("clerk", "office"))
                .header("Content-Type", "application/json")
                // no length known in advance: sent chunked, which the API does not take
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                        new ByteArrayInputStream(start), new ByteArrayInputStream(rest))))
                .build();
        for (HttpClient.Version version : HttpClient.Version.values()) {
            HttpResponse<String> response = HttpClient.newBuilder().version(version).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(version.name()).isEqualTo(411);
            assertThat(response.body()).contains("https://zhenggai.io/problems/length-required");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith(Problem.MEDIA_TYPE));
        }
    }

    @Test
    void shouldServeMetricsToTheLoopback() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().get("/q/health").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200);
    }
}
