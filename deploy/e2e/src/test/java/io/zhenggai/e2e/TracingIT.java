package io.zhenggai.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.http.ContentType;
import io.zhenggai.e2e.OtlpReceiver.ExportedSpan;
import io.zhenggai.e2e.OtlpReceiver.Kind;
import io.zhenggai.local.ServiceProcess;

/**
 * One trace from the HTTP write to the applied projection, over the packaged services as processes: both export
 * over OTLP/HTTP to a receiver in the test ({@link OtlpReceiver}), and report-service logs JSON lines. A progress
 * report sent with the caller's traceparent yields, in that one trace: issue-service's request span, its relay's
 * publish span and report-service's apply span (both children of the request span, with the event's id and journal
 * position), the journal row and the Kafka record carrying the request's traceparent, the report in report-service's
 * projection, and a JSON log line of the apply with the trace and span ids in its MDC.
 */
class TracingIT {

    private static OwnSystem system;
    private static OtlpReceiver receiver;
    private static ServiceProcess issueService;
    private static ServiceProcess reportService;

    @BeforeAll
    static void start() {
        receiver = new OtlpReceiver();
        system = OwnSystem.start("tracing");
        Map<String, String> tracing = Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.traces.endpoint", receiver.endpoint(),
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "PT0.2S");
        issueService = system.issueService("tracing-issue-service", tracing);
        Map<String, String> reportSettings = new java.util.HashMap<>(tracing);
        reportSettings.put("quarkus.log.console.json.enabled", "true");
        reportSettings.put("quarkus.log.category.\"io.zhenggai.report.intake.Intake\".level", "DEBUG");
        reportService = system.reportService("tracing-report-service", reportSettings);
        issueService.awaitHealthy(Duration.ofSeconds(120));
        reportService.awaitHealthy(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void shouldFollowOneTraceFromTheHttpWriteToTheAppliedProjection() throws Exception {
        String issue = issue(inspection());
        String traceId = hex(16);
        String callerSpanId = hex(8);

        given().baseUri(issueService.baseUrl()).contentType(ContentType.JSON).auth().oauth2(OFFICE)
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .body("{\"asOf\": \"2023-05-10\", \"text\": \"已完成投资3.1亿元\"}")
                .post("/api/issues/" + issue + "/progress").then().log().ifValidationFails().statusCode(201);

        // the request's span, as issue-service exported it
        ExportedSpan request = await().atMost(Duration.ofSeconds(60)).until(() -> receiver.spansOf(traceId).stream()
                .filter(span -> span.kind() == Kind.SERVER).findFirst().orElse(null), Objects::nonNull);
        assertThat(request.service()).isEqualTo("issue-service");
        assertThat(request.parentSpanId()).isEqualTo(callerSpanId);
        String traceparent = "00-" + traceId + "-" + request.spanId() + "-01";

        // the journal row keeps it and its CloudEvent carries it (GET /api/journal is what the relay sends)
        JsonNode event = progressEvent(issue);
        assertThat(event.path("traceparent").asText()).isEqualTo(traceparent);
        String eventId = event.get("id").asText();
        String position = event.get("position").asText();

        // the relay's publish span and report-service's apply span: children of the request span, same event
        ExportedSpan apply = await().atMost(Duration.ofSeconds(60)).until(() -> receiver.spansOf(traceId).stream()
                .filter(span -> span.kind() == Kind.CONSUMER).findFirst().orElse(null), Objects::nonNull);
        ExportedSpan publish = await().atMost(Duration.ofSeconds(60)).until(() -> receiver.spansOf(traceId).stream()
                .filter(span -> span.kind() == Kind.PRODUCER).findFirst().orElse(null), Objects::nonNull);
        assertThat(publish.service()).isEqualTo("issue-service");
        assertThat(apply.service()).isEqualTo("report-service");
        for (ExportedSpan span : List.of(publish, apply)) {
            assertThat(span.parentSpanId()).isEqualTo(request.spanId());
            assertThat(span.attributes()).containsEntry("zhenggai.event.id", eventId)
                    .containsEntry("zhenggai.journal.position", position)
                    .containsEntry("messaging.destination.name", "rectification-events");
        }
        assertThat(apply.attributes()).containsEntry("zhenggai.intake.outcome", "APPLIED");

        // the projection holds the report (the apply span ends inside the batch's transaction: wait for its commit)
        await().atMost(Duration.ofSeconds(30)).until(() -> system.countInActiveGeneration(
                "SELECT count(*) FROM progress_report WHERE event_id = '" + eventId + "'") == 1);

        // report-service's JSON log: the apply's line carries this trace and the apply span in its MDC
        ObjectMapper json = new ObjectMapper();
        JsonNode line = await().atMost(Duration.ofSeconds(30)).until(() -> jsonLines(reportService, json).stream()
                .filter(entry -> entry.path("message").asText().contains(eventId)).findFirst().orElse(null),
                Objects::nonNull);
        assertThat(line.path("mdc").path("traceId").asText()).isEqualTo(traceId);
        assertThat(line.path("mdc").path("spanId").asText()).isEqualTo(apply.spanId());
        assertThat(line.path("service").asText()).isEqualTo("report-service");
        assertThat(line.path("loggerName").asText()).isEqualTo("io.zhenggai.report.intake.Intake");
    }

    @Test
    void shouldWriteEveryLogLineOfReportServiceAsJson() throws Exception {
        List<String> lines = Files.readAllLines(reportService.logFile(), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).toList();
        assertThat(lines).isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            assertThat(json.readTree(line).isObject()).as(line).isTrue();
        }
    }

    private static final String OFFICE = RunningSystem.token("e2e-office", "office");

    private static String inspection() {
        return given().baseUri(issueService.baseUrl()).contentType(ContentType.JSON).auth().oauth2(OFFICE)
                .body("""
                        {"team": "市委第五巡察组", "targetUnit": "开发区-%s", "kinds": ["ROUTINE"],
                         "feedbackDate": "2022-12-07", "declared": {"aspects": 1, "categories": 1},
                         "lists": [{"key": "main", "title": "市委巡察组反馈意见", "aspects": [
                           {"numbering": "（一）", "title": "关于聚焦党中央各项决策部署在基层的落实情况方面",
                            "categories": [{"numbering": "1.", "title": "学习贯彻不够深入"}]}]}]}
                        """.formatted(UUID.randomUUID()))
                .post("/api/inspections").then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    private static String issue(String inspection) {
        return given().baseUri(issueService.baseUrl()).contentType(ContentType.JSON).auth().oauth2(OFFICE)
                .body("""
                        {"inspectionId": "%s", "listKey": "main", "categoryPath": "一/1", "numbering": "（1）",
                         "title": "关于理论学习中心组学习制度执行不够严格问题", "deadline": "2030-01-01",
                         "leadLeaders": ["张三"], "responsibleUnits": ["党政办公室"]}
                        """.formatted(inspection))
                .post("/api/issues").then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    private static JsonNode progressEvent(String issue) throws Exception {
        String journal = given().baseUri(issueService.baseUrl()).auth().oauth2(RunningSystem.OPERATOR)
                .get("/api/journal?after=0&limit=1000").then().statusCode(200).extract().asString();
        for (JsonNode event : new ObjectMapper().readTree(journal)) {
            if (event.get("aggregateid").asText().equals(issue)
                    && event.get("type").asText().equals("zhenggai.issue.progress-reported.v1")) {
                return event;
            }
        }
        throw new AssertionError("no progress-reported event of " + issue + " in the journal");
    }

    private static List<JsonNode> jsonLines(ServiceProcess service, ObjectMapper json) throws Exception {
        return Files.readAllLines(service.logFile(), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("{")).map(line -> {
                    try {
                        return json.readTree(line);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
