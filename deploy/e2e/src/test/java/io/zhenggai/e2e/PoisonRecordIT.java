package io.zhenggai.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zhenggai.local.ServiceProcess;
import io.zhenggai.local.Topics;

/**
 * A record that keeps the contract but that the real projection cannot apply, in the middle of a partition: the
 * packaged report-service sends it to the DLQ with its reason, applies every event behind it, holds the poisoned
 * issue's later events at that sequence and shows it, and an operator's skip applies them. The poison is real: an
 * issue whose deadline is in year 0 (a typing slip that java.time reads, and that PostgreSQL's date refuses:
 * SQLSTATE 22008), not a switch in the code. Its own PostgreSQL, broker and report-service.
 */
class PoisonRecordIT {

    private static final int ISSUES = 300;
    private static final String DLQ = "rectification-events.dlq";

    private static OwnSystem system;

    @BeforeAll
    static void infrastructure() {
        system = OwnSystem.start("poison");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void shouldDeadLetterARecordTheProjectionFailsOnAndApplyTheEventsBehindIt() throws Exception {
        UUID inspection = UUID.randomUUID();
        UUID poisoned = UUID.randomUUID();
        String poison = ReportServiceCrashIT.issueEvent(inspection, poisoned, ISSUES, 1, 2)
                .replace("\"deadline\": \"2030-01-01\"", "\"deadline\": \"0000-12-31\"");
        assertThat(poison).contains("0000-12-31");
        // its next event corrects the deadline: applied once the operator gives the first one up
        String corrected = ReportServiceCrashIT.issueEvent(inspection, poisoned, ISSUES, 2, 3);

        // all in one partition, the poison early: everything after it is "behind" it
        long poisonOffset;
        try (KafkaProducer<String, String> producer = system.producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            long position = 1;
            sent.add(producer.send(new ProducerRecord<>(Topics.EVENTS, 0, inspection.toString(),
                    ReportServiceCrashIT.inspectionCreated(inspection, position++))));
            Future<RecordMetadata> poisonSent = producer.send(new ProducerRecord<>(Topics.EVENTS, 0,
                    poisoned.toString(), poison));
            position++;
            for (int i = 0; i < ISSUES; i++) {
                UUID issue = UUID.randomUUID();
                sent.add(producer.send(new ProducerRecord<>(Topics.EVENTS, 0, issue.toString(),
                        ReportServiceCrashIT.issueEvent(inspection, issue, i, 1, position++))));
                sent.add(producer.send(new ProducerRecord<>(Topics.EVENTS, 0, issue.toString(),
                        ReportServiceCrashIT.issueEvent(inspection, issue, i, 2, position++))));
            }
            sent.add(producer.send(new ProducerRecord<>(Topics.EVENTS, 0, poisoned.toString(), corrected)));
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
            poisonOffset = poisonSent.get().offset();
        }

        ServiceProcess service = system.reportService("report-service-poison", Map.of()).awaitHealthy(
                Duration.ofSeconds(120));
        String base = service.baseUrl();

        // every event behind the poison is applied, once; the poisoned issue's next event waits
        long expected = 1 + 2L * ISSUES;
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> system.countInActiveGeneration("SELECT count(*) FROM applied_event") == expected);
        assertThat(system.countInActiveGeneration("SELECT count(*) FROM issue_view")).isEqualTo(ISSUES);
        assertThat(system.countInActiveGeneration("SELECT count(*) FROM reading_fact")).isEqualTo(2L * ISSUES);
        assertThat(system.countInActiveGeneration("SELECT sum(next_offset) FROM intake_offset"))
                .isEqualTo(expected + 2);
        assertThat(system.countInActiveGeneration("SELECT count(*) FROM held_event WHERE aggregate_id = '"
                + poisoned + "'")).isEqualTo(1);
        RunningSystem.asOperator(base).get("/api/intake/status").then().statusCode(200)
                .body("duplicates", equalTo(0))
                .body("deadLetteredByReason.'projection-failure'", equalTo(1))
                .body("blocked[0].aggregateId", equalTo(poisoned.toString()))
                .body("blocked[0].reason", equalTo("dead-lettered"))
                .body("blocked[0].sequence", equalTo(1))
                .body("blocked[0].heldEvents", equalTo(1));
        given().baseUri(base).get("/q/health/group/intake").then().statusCode(503);
        RunningSystem.asOperator(base).get("/api/intake/dead-letters").then().statusCode(200)
                .body("[0].kind", equalTo("projection-failure"))
                .body("[0].sourcePartition", equalTo(0))
                .body("[0].sourceOffset", equalTo((int) poisonOffset))
                .body("[0].aggregateId", equalTo(poisoned.toString()))
                .body("[0].eventType", equalTo("zhenggai.issue.created.v1"));

        // the DLQ holds the record, unchanged, once, with why
        List<ConsumerRecord<String, String>> dead = deadLetters();
        assertThat(dead).hasSize(1);
        ConsumerRecord<String, String> letter = dead.get(0);
        assertThat(letter.value()).isEqualTo(poison);
        assertThat(letter.key()).isEqualTo(poisoned.toString());
        assertThat(header(letter, "zhenggai-dlq-kind")).isEqualTo("projection-failure");
        assertThat(header(letter, "zhenggai-dlq-reason")).contains("date/time field value out of range")
                .contains("22008");
        assertThat(header(letter, "zhenggai-dlq-exception")).isEqualTo("org.postgresql.util.PSQLException");
        assertThat(header(letter, "zhenggai-dlq-source-topic")).isEqualTo(Topics.EVENTS);
        assertThat(header(letter, "zhenggai-dlq-source-partition")).isEqualTo("0");
        assertThat(header(letter, "zhenggai-dlq-source-offset")).isEqualTo(String.valueOf(poisonOffset));

        // the operator gives the poisoned creation up: the corrected event behind it is applied
        RunningSystem.asOperator(base).contentType("application/json").body("{\"reason\": \"期限年份录入错误, 已更正\"}")
                .post("/api/intake/gaps/" + poisoned + "/skip").then().statusCode(200)
                .body("skippedFrom", equalTo(1)).body("skippedTo", equalTo(1)).body("applied", equalTo(1));
        assertThat(system.countInActiveGeneration("SELECT count(*) FROM applied_event")).isEqualTo(expected + 1);
        RunningSystem.asOperator(base).queryParam("inspection", inspection).get("/api/reports/summary").then().statusCode(200)
                .body("issues.total", equalTo(ISSUES + 1))
                .body("issues.byStatus.IN_PROGRESS", equalTo(ISSUES + 1));
        given().baseUri(base).get("/q/health/group/intake").then().statusCode(200);
    }

    private static List<ConsumerRecord<String, String>> deadLetters() {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(DLQ));
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(found::add);
            }
        }
        return found;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return record.headers().lastHeader(name) == null ? null
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
