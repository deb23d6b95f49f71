package io.zhenggai.issue.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.zhenggai.issue.Api;
import io.zhenggai.issue.api.InspectionResourceTest;

/**
 * With tracing on, a progress report's trace runs from the HTTP request through the journal to the Kafka record: the
 * journal row keeps the request span's W3C traceparent, the relay sends it as the CloudEvents attribute
 * {@code traceparent}, and the relay's publish span is a child of the request span with the event's id and position.
 * The caller sends a sampled traceparent of its own (the tests sample nothing else), so the test knows the trace
 * before the service answers.
 */
@QuarkusTest
class TracingTest {

    @Inject
    InMemorySpanExporter spans;

    @Inject
    Journal journal;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void shouldCarryTheRequestsTraceThroughTheJournalToTheRecord() throws Exception {
        String issue = Api.issue(Api.inspection(), "2030-01-01");
        String traceId = hex(16);
        String callerSpanId = hex(8);

        Api.office().header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .body("{\"asOf\": \"2023-05-10\", \"text\": \"已完成投资3.1亿元\"}")
                .post("/api/issues/" + issue + "/progress").then().statusCode(201);

        SpanData request = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.SERVER && span.getTraceId().equals(traceId))
                .findFirst().orElse(null), java.util.Objects::nonNull);
        assertThat(request.getParentSpanId()).isEqualTo(callerSpanId);
        assertThat(request.getName()).isEqualTo("POST /api/issues/{id}/progress");

        JournalEntry reported = QuarkusTransaction.requiringNew().call(() -> journal.history(UUID.fromString(issue)))
                .stream().filter(entry -> entry.type().equals(EventTypes.ISSUE_PROGRESS_REPORTED)).findFirst().orElseThrow();
        String traceparent = "00-" + traceId + "-" + request.getSpanId() + "-01";
        assertThat(reported.traceparent()).isEqualTo(traceparent);

        ObjectMapper json = new ObjectMapper();
        List<ConsumerRecord<String, String>> records = RelayTest.recordsOf(bootstrapServers, issue, 2);
        JsonNode sent = records.stream().map(record -> read(json, record.value()))
                .filter(event -> event.get("type").asText().equals(EventTypes.ISSUE_PROGRESS_REPORTED)).findFirst()
                .orElseThrow();
        assertThat(sent.get("traceparent").asText()).isEqualTo(traceparent);
        assertThat(sent.get("id").asText()).isEqualTo(reported.eventId().toString());
        assertThat(ContractTest.contract().validate(new io.vertx.core.json.JsonObject(sent.toString())).getValid())
                .as("the contract declares traceparent").isTrue();

        SpanData publish = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.PRODUCER
                        && reported.eventId().toString().equals(span.getAttributes().get(EventTracing.EVENT_ID)))
                .findFirst().orElse(null), java.util.Objects::nonNull);
        assertThat(publish.getTraceId()).isEqualTo(traceId);
        assertThat(publish.getParentSpanId()).isEqualTo(request.getSpanId());
        assertThat(publish.getAttributes().get(EventTracing.POSITION)).isEqualTo(reported.position());
        assertThat(publish.getAttributes().get(EventTracing.EVENT_TYPE)).isEqualTo(EventTypes.ISSUE_PROGRESS_REPORTED);
        assertThat(publish.getName()).isEqualTo("rectification-events publish");
    }

    @Test
    void shouldJournalTheTraceContextOfARequestThatIsNotSampled() throws Exception {
        // the caller's trace is not sampled (flags 00): the context still travels, so that the next hop can decide
        String traceId = hex(16);
        String inspection = Api.office().header("traceparent", "00-" + traceId + "-" + hex(8) + "-00")
                .body(InspectionResourceTest.SEED_LIKE.formatted("开发区" + UUID.randomUUID()))
                .post("/api/inspections").then().statusCode(201).extract().path("id");
        JournalEntry created = QuarkusTransaction.requiringNew()
                .call(() -> journal.history(UUID.fromString(inspection))).get(0);
        assertThat(created.traceparent()).matches("00-" + traceId + "-[0-9a-f]{16}-00");
    }

    private static JsonNode read(ObjectMapper json, String value) {
        try {
            return json.readTree(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
