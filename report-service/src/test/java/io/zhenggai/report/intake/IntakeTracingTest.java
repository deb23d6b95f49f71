package io.zhenggai.report.intake;

import static io.zhenggai.report.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.zhenggai.report.Kafka;

/**
 * An event carrying a traceparent (the CloudEvents distributed-tracing attribute issue-service sends) is applied in
 * a span of that trace: a child of the span the traceparent names, with the event's id and journal position.
 */
@QuarkusTest
class IntakeTracingTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void shouldApplyAnEventInASpanOfTheTraceItCarries() throws Exception {
        UUID id = UUID.randomUUID();
        String target = "单位" + id;
        ObjectNode event = (ObjectNode) new ObjectMapper().readTree(IntakeTest.inspectionCreated(id, 1, target));
        String traceId = hex(16);
        String requestSpanId = hex(8);
        event.put("traceparent", "00-" + traceId + "-" + requestSpanId + "-01");

        Kafka.send(id.toString(), event.toString());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/reports/inspections")
                .then().statusCode(200).body("targetUnit", hasItem(target)));
        SpanData apply = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.CONSUMER && span.getTraceId().equals(traceId))
                .findFirst().orElse(null), Objects::nonNull);
        assertThat(apply.getParentSpanId()).isEqualTo(requestSpanId);
        assertThat(apply.getName()).isEqualTo("rectification-events process");
        assertThat(apply.getAttributes().get(IntakeTracing.EVENT_ID)).isEqualTo(event.get("id").asText());
        assertThat(apply.getAttributes().get(IntakeTracing.POSITION)).isEqualTo(event.get("position").asLong());
        assertThat(apply.getAttributes().get(IntakeTracing.AGGREGATE_ID)).isEqualTo(id.toString());
        assertThat(apply.getAttributes().get(IntakeTracing.OUTCOME)).isEqualTo("APPLIED");
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
