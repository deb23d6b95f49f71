package io.zhenggai.report.intake;

import static io.zhenggai.report.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
import io.zhenggai.report.Events;
import io.zhenggai.report.Kafka;

@QuarkusTest
class IntakeTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    static String inspectionCreated(UUID id, long sequence, String targetUnit) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/zhenggai/issue-service",
                 "type": "zhenggai.inspection.created.v1", "subject": "%s", "time": "%s",
                 "datacontenttype": "application/json", "aggregatetype": "inspection", "aggregateid": "%s",
                 "sequence": %d, "position": %d, "actor": "tester", "effectivedate": "2022-12-07",
                 "data": {"id": "%s", "team": "市委第五巡察组", "targetUnit": "%s", "kinds": ["ROUTINE"],
                          "feedbackDate": "2022-12-07", "declared": {"aspects": 4, "categories": 16},
                          "lists": [], "sequence": %d}}
                """.formatted(UUID.randomUUID(), id, Instant.now(), id, sequence, Events.nextPosition(), id, targetUnit,
                        sequence);
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

    /** The status's newest applied event time follows the newest event applied, as the aggregates hold it. */
    @Test
    void shouldReportTheNewestAppliedEventTime() throws Exception {
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        UUID id = UUID.randomUUID();
        send(id.toString(), inspectionCreated(id, 1, "最新的" + id));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/reports/inspections")
                .then().statusCode(200).body("id", hasItem(id.toString())));
        assertThat(NewestAppliedTime.reportedAsTheAggregatesHoldIt(dataSource)).isAfterOrEqualTo(before);
    }

    @Test
    void shouldHoldEventsAfterAGapUntilTheMissingOneArrives() throws Exception {
        UUID id = UUID.randomUUID();
        send(id.toString(), inspectionCreated(id, 2, "后来的"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/intake/status")
                .then().body("gaps.aggregateId", hasItem(id.toString())));
        given().get("/api/reports/inspections").then().body("id", org.hamcrest.Matchers.not(hasItem(id.toString())));
        given().get("/api/intake/status").then().body("heldEvents", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        // the intake's health group names the aggregate; the service's own health stays UP for the launcher
        given().get("/q/health/group/intake").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks[0].data.'aggregate %s'".formatted(id), org.hamcrest.Matchers.startsWith("missing sequence 1"));
        given().get("/q/health").then().statusCode(200).body("status", equalTo("UP"));

        send(id.toString(), inspectionCreated(id, 1, "先到的"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/intake/status")
                .then().body("gaps.aggregateId", org.hamcrest.Matchers.not(hasItem(id.toString()))));
        given().get("/api/reports/inspections").then().body("find { it.id == '%s' }.targetUnit".formatted(id),
                equalTo("先到的"));
        given().get("/q/health/group/intake").then().statusCode(200).body("status", equalTo("UP"));
    }

    /**
     * Freshness is timed per event from its record's timestamp (its arrival on the topic) until answers include it,
     * without any answer asking: a record stamped two minutes ago adds at least two minutes to the histogram's sum.
     */
    @Test
    void shouldTimeHowLongAnEventTookFromItsArrivalToTheAnswers() throws Exception {
        double[] before = freshness();
        UUID id = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("rectification-events", null,
                    System.currentTimeMillis() - 120_000, id.toString(), inspectionCreated(id, 1, "两分钟前"))).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(freshness()[0])
                .isGreaterThanOrEqualTo(before[0] + 1));
        given().get("/api/reports/inspections").then().body("find { it.id == '%s' }.targetUnit".formatted(id),
                equalTo("两分钟前"));
        assertThat(freshness()[1] - before[1]).as("seconds added to the sum").isGreaterThanOrEqualTo(120);
    }

    /** The count and the sum (seconds) of report-service's zhenggai_answers_freshness_seconds. */
    private static double[] freshness() {
        String page = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return new double[] {metric(page, "zhenggai_answers_freshness_seconds_count"),
                metric(page, "zhenggai_answers_freshness_seconds_sum")};
    }

    private static double metric(String page, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$")
                .matcher(page);
        assertThat(m.find()).as(name + " in /q/metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void shouldDeadLetterARecordThatBreaksTheContractAndCountIt() throws Exception {
        UUID id = UUID.randomUUID();
        String broken = inspectionCreated(id, 1, "缺少序号").replace("\"sequence\": 1, ", "");
        send(id.toString(), broken);
        List<ConsumerRecord<String, String>> dead = Kafka.deadLetters(r -> broken.equals(r.value()),
                Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), DeadLetters.KIND)).isEqualTo("contract");
        assertThat(header(dead.get(0), DeadLetters.REASON)).startsWith("breaks the contract").contains("sequence");
        assertThat(header(dead.get(0), DeadLetters.SOURCE_TOPIC)).isEqualTo("rectification-events");
        given().get("/api/intake/status").then()
                .body("deadLetteredByReason.contract", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("zhenggai_intake_dead_lettered_total{reason=\"contract\"}"));
    }

    @Test
    void shouldDeadLetterAnEventWhoseDataCannotBeAppliedAndKeepGoing() {
        Events.Inspection inspection = new Events.Inspection();
        Events.Issue issue = inspection.issue("main", "一", 1, "不存在的日期").deadline(LocalDate.of(2023, 2, 28));
        Events.Record created = issue.created();
        String impossible = created.value().replace("\"2023-02-28\"", "\"2023-02-30\"");
        Kafka.send(created.key(), impossible);
        List<ConsumerRecord<String, String>> dead = Kafka.deadLetters(r -> impossible.equals(r.value()),
                Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), DeadLetters.KIND)).isEqualTo("unapplicable");
        assertThat(header(dead.get(0), DeadLetters.REASON)).contains("2023-02-30");
    }

    @Test
    void shouldNotCountTheReadingsOfAProgressReportDeliveredTwice() {
        Events.Inspection inspection = new Events.Inspection();
        Events.Issue issue = inspection.issue("main", "一", 1, "重复投递");
        Events.Record created = issue.created();
        Events.Record progress = issue.progress(LocalDate.of(2023, 5, 10), Events.reading("investment.completed",
                java.util.Map.of("industry", "新材料"), "310000000", "CNY", "MONEY", "3.1亿元"));
        double duplicatesBefore = given().get("/api/intake/status").then().extract().jsonPath()
                .getDouble("duplicates");
        Kafka.send(inspection.created(), created, progress);
        Kafka.send(progress, created);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/intake/status").then()
                .body("duplicates", org.hamcrest.Matchers.greaterThanOrEqualTo((int) duplicatesBefore + 2)));
        given().queryParam("inspection", inspection.id).get("/api/reports/summary").then()
                .body("issues.total", equalTo(1))
                .body("issues.byStatus.IN_PROGRESS", equalTo(1));
        given().queryParam("indicator", "investment.completed").queryParam("inspection", inspection.id)
                .get("/api/reports/drill").then().statusCode(200)
                .body("value.display", equalTo("3.1亿元"))
                .body("readings", org.hamcrest.Matchers.hasSize(1))
                .body("readings[0].reports", org.hamcrest.Matchers.hasSize(1))
                .body("events.id", equalTo(List.of(progress.eventId().toString())));
        given().queryParam("inspection", inspection.id).queryParam("measure", "total").get("/api/reports/drill")
                .then().body("events", org.hamcrest.Matchers.hasSize(2));
    }

    @Test
    void shouldLetAnOperatorCloseAGapByGivingUpTheMissingEvent() {
        Events.Inspection inspection = new Events.Inspection();
        Events.Issue issue = inspection.issue("main", "一", 1, "丢失的创建事件");
        issue.created(); // lost upstream: never sent
        Kafka.send(inspection.created(), issue.progress(LocalDate.of(2023, 5, 10)),
                issue.transition("COMPLETE", "COMPLETED", LocalDate.of(2023, 5, 11)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/intake/status")
                .then().body("gaps.find { it.aggregateId == '%s' }.heldEvents".formatted(issue.id), equalTo(2)));

        given().contentType("application/json").body("{}").post("/api/intake/gaps/" + issue.id + "/skip").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("reason"));
        given().contentType("application/json").body("{\"reason\": \"创建事件在上游丢失\"}")
                .post("/api/intake/gaps/" + issue.id + "/skip").then().statusCode(200)
                .body("skippedFrom", equalTo(1)).body("skippedTo", equalTo(1)).body("applied", equalTo(2));
        given().queryParam("inspection", inspection.id).get("/api/reports/summary").then()
                .body("issues.byStatus.COMPLETED", equalTo(1));
        given().get("/api/intake/status").then()
                .body("gaps.aggregateId", org.hamcrest.Matchers.not(hasItem(issue.id.toString())));
        given().contentType("application/json").body("{\"reason\": \"again\"}")
                .post("/api/intake/gaps/" + issue.id + "/skip").then().statusCode(404);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
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
        assertThat(header(dead.get(0), DeadLetters.KIND)).isEqualTo("unreadable");
    }
}
