package io.zhenggai.report.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class IntakeTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    static String inspectionCreated(UUID id, long sequence, String targetUnit) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/zhenggai/issue-service",
                 "type": "zhenggai.inspection.created.v1", "subject": "%s", "time": "%s",
                 "datacontenttype": "application/json", "aggregatetype": "inspection", "aggregateid": "%s",
                 "sequence": %d, "position": %d, "actor": "tester", "effectivedate": "2022-12-07",
                 "data": {"id": "%s", "team": "市委第五巡察组", "targetUnit": "%s", "kinds": ["ROUTINE"],
                          "feedbackDate": "2022-12-07", "declared": {"aspects": 4, "categories": 16},
                          "lists": [], "sequence": %d}}
                """.formatted(UUID.randomUUID(), id, Instant.now(), id, sequence, sequence, id, targetUnit, sequence);
    }

    void send(String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("rectification-events", key, value)).get();
        }
    }

    @Test
    void shouldApplyAnEventOnceWhenDeliveredTwice() throws Exception {
        UUID id = UUID.randomUUID();
        String target = "单位" + id;
        String event = inspectionCreated(id, 1, target);
        send(id.toString(), event);
        send(id.toString(), event);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/reports/inspections")
                .then().statusCode(200).body("targetUnit", hasItem(target)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/intake/status")
                .then().body("duplicates", org.hamcrest.Matchers.greaterThanOrEqualTo(1)));
        List<String> targets = given().get("/api/reports/inspections").then().extract().path("targetUnit");
        assertThat(targets).containsOnlyOnce(target);
    }

    @Test
    void shouldHoldEventsAfterAGapUntilTheMissingOneArrives() throws Exception {
        UUID id = UUID.randomUUID();
        send(id.toString(), inspectionCreated(id, 2, "后来的"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/intake/status")
                .then().body("gaps.aggregateId", hasItem(id.toString())));
        given().get("/api/reports/inspections").then().body("id", org.hamcrest.Matchers.not(hasItem(id.toString())));

        send(id.toString(), inspectionCreated(id, 1, "先到的"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/intake/status")
                .then().body("gaps.aggregateId", org.hamcrest.Matchers.not(hasItem(id.toString()))));
        given().get("/api/reports/inspections").then().body("find { it.id == '%s' }.targetUnit".formatted(id),
                equalTo("先到的"));
    }

    @Test
    void shouldDeadLetterAPoisonRecordAndKeepGoing() throws Exception {
        String poison = "{not json " + UUID.randomUUID();
        send("poison", poison);
        UUID id = UUID.randomUUID();
        send(id.toString(), inspectionCreated(id, 1, "毒丸之后"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/reports/inspections")
                .then().body("targetUnit", hasItem("毒丸之后")));

        List<ConsumerRecord<String, String>> dead = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("rectification-events.dlq"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (dead.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (poison.equals(r.value())) {
                        dead.add(r);
                    }
                });
            }
        }
        assertThat(dead).hasSize(1);
        String reason = new String(dead.get(0).headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8);
        assertThat(reason).startsWith("not JSON");
    }
}
