package io.zhenggai.report.intake;

import static io.zhenggai.report.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.zhenggai.report.Events;
import io.zhenggai.report.Kafka;

/**
 * Records that keep the contract but that the projections cannot apply, and events that contradict what was applied.
 * The poison records are real: nothing in the projections is switched to fail for a test.
 *
 * <pre>
 * poison                                 why it fails                                     what must follow
 * a figure of 1E+131072 (a progress)     PostgreSQL: value overflows numeric format        DLQ (projection-failure) once,
 *                                        (SQLSTATE 22003) in reading_fact                  the rest of the batch once,
 *                                                                                          its aggregate held, skip applies
 * the same, with 5 MiB of source text    the same                                          DLQ, whole, under 16 MiB
 * a title with a NUL character, held     PostgreSQL: jsonb cannot keep \u0000 (22P05)      DLQ; nothing held behind it
 *   behind a gap
 * sequence 2 again, another event id     (not a failure: a restored issue-service)         held as a conflict, not applied,
 *                                                                                          dismiss applies what waits
 * </pre>
 */
@QuarkusTest
class PoisonRecordTest {

    /** A figure no PostgreSQL numeric holds (131,072 digits before the point at most). */
    private static final String OVERFLOW = "1E+131072";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    /** Sent in one Kafka transaction: a read_committed consumer sees them at once, most likely in one poll. */
    private void sendTogether(List<Events.Record> records) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "poison-test-" + UUID.randomUUID(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024), new StringSerializer(),
                new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            records.forEach(r -> producer.send(new ProducerRecord<>(Kafka.TOPIC, r.key(), r.value())));
            producer.commitTransaction();
        }
    }

    /** A progress report whose figure overflows the projection's numeric column. */
    private static Events.Record poison(Events.Issue issue, String sourceText) {
        Events.Record progress = issue.progress(LocalDate.of(2023, 5, 10), Events.reading("investment.completed",
                Map.of("industry", "毒丸"), "310000000", "CNY", "MONEY", sourceText));
        String value = progress.value().replace("\"value\":310000000", "\"value\":" + OVERFLOW);
        assertThat(value).as("the figure was replaced").contains(OVERFLOW);
        return new Events.Record(progress.key(), value, progress.eventId());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return record.headers().lastHeader(name) == null ? null
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static JsonPath status() {
        return given().get("/api/intake/status").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void shouldDeadLetterAnEventAProjectionFailsOnAndApplyTheRestOfItsBatchOnce() {
        Events.Inspection inspection = new Events.Inspection();
        Events.Issue poisoned = inspection.issue("main", "一", 1, "数字溢出");
        Events.Issue other = inspection.issue("main", "一", 1, "同批的其他问题");
        Events.Record poisonedCreated = poisoned.created();
        Events.Record poison = poison(poisoned, "已完成投资");
        Events.Record completed = poisoned.transition("COMPLETE", "COMPLETED", LocalDate.of(2023, 5, 11));
        double appliedBefore = status().getDouble("applied");

        sendTogether(List.of(inspection.created(), poisonedCreated, other.created(), poison,
                other.progress(LocalDate.of(2023, 5, 10), Events.reading("investment.completed",
                        Map.of("industry", "新材料"), "310000000", "CNY", "MONEY", "3.1亿元")),
                completed));

        List<ConsumerRecord<String, String>> dead = Kafka.deadLetters(r -> poison.value().equals(r.value()),
                Duration.ofSeconds(60));
        assertThat(dead).hasSize(1);
        ConsumerRecord<String, String> letter = dead.get(0);
        assertThat(header(letter, DeadLetters.KIND)).isEqualTo("projection-failure");
        assertThat(header(letter, DeadLetters.REASON)).startsWith("the projection failed")
                .contains("numeric").contains("22003");
        assertThat(header(letter, DeadLetters.EXCEPTION)).isEqualTo("org.postgresql.util.PSQLException");
        assertThat(header(letter, DeadLetters.SOURCE_TOPIC)).isEqualTo(Kafka.TOPIC);
        assertThat(header(letter, DeadLetters.SOURCE_OFFSET)).isNotBlank();
        assertThat(letter.key()).isEqualTo(poisoned.id.toString());

        // the rest of the batch is applied, once; the poisoned issue stands as before its poison, and waits
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/intake/status").then()
                .body("blocked.find { it.aggregateId == '%s' }.reason".formatted(poisoned.id),
                        equalTo("dead-lettered")));
        given().queryParam("inspection", inspection.id).get("/api/reports/summary").then()
                .body("issues.total", equalTo(2))
                .body("issues.byStatus.IN_PROGRESS", equalTo(1))
                .body("issues.byStatus.NOT_STARTED", equalTo(1));
        given().queryParam("inspection", inspection.id).queryParam("measure", "total").get("/api/reports/drill")
                .then().body("events", org.hamcrest.Matchers.hasSize(3));
        JsonPath status = status();
        assertThat(status.getDouble("applied") - appliedBefore).isEqualTo(4);
        assertThat(status.getInt("blocked.find { it.aggregateId == '%s' }.sequence".formatted(poisoned.id)))
                .isEqualTo(2);
        assertThat(status.getInt("blocked.find { it.aggregateId == '%s' }.heldEvents".formatted(poisoned.id)))
                .isEqualTo(1);
        assertThat(status.getInt("deadLetteredByReason.'projection-failure'")).isGreaterThanOrEqualTo(1);
        given().get("/q/health/group/intake").then().statusCode(503)
                .body("checks[0].data.'aggregate %s'".formatted(poisoned.id), startsWith("dead-lettered at sequence 2"));
        given().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString(
                "zhenggai_intake_dead_lettered_total{reason=\"projection-failure\"}"));
        given().get("/api/intake/dead-letters").then().statusCode(200)
                .body("find { it.eventId == '%s' }.kind".formatted(poison.eventId()), equalTo("projection-failure"))
                .body("find { it.eventId == '%s' }.aggregateId".formatted(poison.eventId()),
                        equalTo(poisoned.id.toString()))
                .body("find { it.eventId == '%s' }.sequence".formatted(poison.eventId()), equalTo(2))
                .body("find { it.eventId == '%s' }.eventType".formatted(poison.eventId()),
                        equalTo("zhenggai.issue.progress-reported.v1"))
                .body("find { it.eventId == '%s' }.blocking".formatted(poison.eventId()), equalTo(true))
                .body("find { it.eventId == '%s' }.sourceOffset".formatted(poison.eventId()),
                        equalTo(Integer.parseInt(header(letter, DeadLetters.SOURCE_OFFSET))));

        // later batches go on, for the other issue and behind the poisoned one
        Kafka.send(other.transition("COMPLETE", "COMPLETED", LocalDate.of(2023, 5, 12)),
                poisoned.newDeadline(LocalDate.of(2023, 12, 31)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/intake/status").then()
                .body("blocked.find { it.aggregateId == '%s' }.heldEvents".formatted(poisoned.id), equalTo(2)));
        given().queryParam("inspection", inspection.id).get("/api/reports/summary").then()
                .body("issues.byStatus.COMPLETED", equalTo(1));

        // the operator gives the poisoned event up: what waited behind it is applied
        given().contentType("application/json").body("{\"reason\": \"数字无法入库, 已在源系统更正\"}")
                .post("/api/intake/gaps/" + poisoned.id + "/skip").then().statusCode(200)
                .body("skippedFrom", equalTo(2)).body("skippedTo", equalTo(2)).body("applied", equalTo(2));
        given().queryParam("inspection", inspection.id).get("/api/reports/summary").then()
                .body("issues.byStatus.COMPLETED", equalTo(2));
        given().get("/api/intake/status").then()
                .body("blocked.aggregateId", not(hasItem(poisoned.id.toString())))
                .body("gaps.aggregateId", not(hasItem(poisoned.id.toString())));
        given().get("/api/intake/dead-letters").then()
                .body("find { it.eventId == '%s' }.blocking".formatted(poison.eventId()), equalTo(false));
        // the poison was sent once, not once per attempt
        assertThat(Kafka.deadLetters(r -> poison.value().equals(r.value()), Duration.ofSeconds(3))).hasSize(1);
    }

    @Test
    void shouldDeadLetterALargeRecordAProjectionFailsOn() {
        Events.Inspection inspection = new Events.Inspection();
        Events.Issue issue = inspection.issue("main", "一", 1, "巨大的记录");
        Events.Record created = issue.created();
        // 5 MiB of source text: far more than a producer's default 1 MiB, well under the topic's 16 MiB
        Events.Record large = poison(issue, "长".repeat(5 * 1024 * 1024 / 3));
        assertThat(large.value().getBytes(StandardCharsets.UTF_8).length).isGreaterThan(5_000_000);
        sendTogether(List.of(inspection.created(), created, large));

        List<ConsumerRecord<String, String>> dead = Kafka.deadLetters(r -> large.value().equals(r.value()),
                Duration.ofSeconds(60));
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), DeadLetters.KIND)).isEqualTo("projection-failure");
        assertThat(header(dead.get(0), DeadLetters.VALUE_OMITTED)).isNull();
        assertThat(dead.get(0).value()).hasSameSizeAs(large.value());

        // nothing is held behind it: the skip moves the issue past it, and its next event applies
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/intake/status").then()
                .body("blocked.find { it.aggregateId == '%s' }.heldEvents".formatted(issue.id), equalTo(0)));
        given().contentType("application/json").body("{\"reason\": \"超大记录已转人工处理\"}")
                .post("/api/intake/gaps/" + issue.id + "/skip").then().statusCode(200)
                .body("skippedFrom", equalTo(2)).body("skippedTo", equalTo(2)).body("applied", equalTo(0));
        Kafka.send(issue.transition("COMPLETE", "COMPLETED", LocalDate.of(2023, 5, 12)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("inspection", inspection.id)
                .get("/api/reports/summary").then().body("issues.byStatus.COMPLETED", equalTo(1)));
        given().get("/api/intake/status").then().body("blocked.aggregateId", not(hasItem(issue.id.toString())));
    }

    @Test
    void shouldDeadLetterARecordTheDlqTopicRefusesAsTooLargeWithoutItsValue() throws Exception {
        ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, Kafka.DLQ);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            String limit = admin.describeConfigs(List.of(dlq)).all().get().get(dlq)
                    .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value();
            // a DLQ topic whose limit is below the source topic's (it should not be; the intake must not stall)
            alter(admin, dlq, String.valueOf(1024 * 1024));
            try {
                Events.Inspection inspection = new Events.Inspection();
                Events.Issue issue = inspection.issue("main", "一", 1, "死信主题放不下");
                Events.Record created = issue.created();
                Events.Record large = poison(issue, "大".repeat(1024 * 1024));
                sendTogether(List.of(inspection.created(), created, large));
                List<ConsumerRecord<String, String>> dead = Kafka.deadLetters(r -> issue.id.toString().equals(r.key())
                        && r.headers().lastHeader(DeadLetters.VALUE_OMITTED) != null, Duration.ofSeconds(60));
                assertThat(dead).hasSize(1);
                assertThat(dead.get(0).value()).isNull();
                assertThat(header(dead.get(0), DeadLetters.KIND)).isEqualTo("projection-failure");
                assertThat(header(dead.get(0), DeadLetters.VALUE_OMITTED)).contains("too large")
                        .contains(header(dead.get(0), DeadLetters.SOURCE_OFFSET));
                // and the intake went on past it
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/intake/status").then()
                        .body("blocked.find { it.aggregateId == '%s' }.reason".formatted(issue.id),
                                equalTo("dead-lettered")));
                given().contentType("application/json").body("{\"reason\": \"测试\"}")
                        .post("/api/intake/gaps/" + issue.id + "/skip").then().statusCode(200);
            } finally {
                alter(admin, dlq, limit);
            }
        }
    }

    private static void alter(Admin admin, ConfigResource topic, String maxMessageBytes) throws Exception {
        admin.incrementalAlterConfigs(Map.of(topic, List.of(new AlterConfigOp(new ConfigEntry(
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessageBytes), AlterConfigOp.OpType.SET)))).all().get();
    }

    @Test
    void shouldDeadLetterAHeldEventThatCannotBeKept() throws Exception {
        Events.Inspection inspection = new Events.Inspection();
        Events.Issue issue = inspection.issue("main", "一", 1, "含空字符\u0000的标题");
        Events.Record inspectionCreated = inspection.created();
        issue.created(); // not sent: what follows waits behind the gap
        // recorded last of all the events so far: once skipped to, the newest an aggregate stands at
        Events.Record unkeepable = issue.transition("START", "IN_PROGRESS", LocalDate.of(2023, 5, 10));
        sendTogether(List.of(inspectionCreated, unkeepable));
        List<ConsumerRecord<String, String>> dead = Kafka.deadLetters(r -> unkeepable.value().equals(r.value()),
                Duration.ofSeconds(60));
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), DeadLetters.REASON)).contains("22P05");
        // it was never held, and the intake went on
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/reports/inspections").then()
                .body("id", hasItem(inspection.id.toString())));
        given().get("/api/intake/status").then().body("gaps.aggregateId", not(hasItem(issue.id.toString())));
        // the operator gives up sequences 1 and 2 (nothing is held): the issue is no longer waited for
        given().contentType("application/json").body("{\"reason\": \"源系统数据含空字符\"}")
                .post("/api/intake/gaps/" + issue.id + "/skip").then().statusCode(200)
                .body("skippedFrom", equalTo(1)).body("skippedTo", equalTo(2));
        given().get("/api/intake/status").then().body("blocked.aggregateId", not(hasItem(issue.id.toString())));
        // the issue had no event applied: it stands at the dead-lettered one, whose time counts as applied
        NewestAppliedTime.reportedAsTheAggregatesHoldIt(dataSource);
    }

    @Test
    void shouldDeadLetterAHeldEventThatFailsWhenAnOperatorsSkipReleasesIt() {
        Events.Inspection inspection = new Events.Inspection();
        Events.Issue issue = inspection.issue("main", "一", 1, "跳过之后才失败");
        issue.created(); // lost upstream
        // a deadline in year 0: jsonb keeps it while held, PostgreSQL's date refuses it when applied
        Events.Record started = issue.deadline(LocalDate.of(2023, 12, 31))
                .transition("START", "IN_PROGRESS", LocalDate.of(2023, 5, 10));
        Events.Record yearZero = new Events.Record(started.key(),
                started.value().replace("\"deadline\":\"2023-12-31\"", "\"deadline\":\"0000-12-31\""),
                started.eventId());
        assertThat(yearZero.value()).contains("0000-12-31");
        Events.Record completed = issue.transition("COMPLETE", "COMPLETED", LocalDate.of(2023, 5, 11));
        sendTogether(List.of(inspection.created(), yearZero, completed));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/intake/status").then()
                .body("gaps.find { it.aggregateId == '%s' }.heldEvents".formatted(issue.id), equalTo(2)));

        // the skip releases the poison: it goes to the DLQ (its held copy), and the skip goes through
        given().contentType("application/json").body("{\"reason\": \"创建事件在上游丢失\"}")
                .post("/api/intake/gaps/" + issue.id + "/skip").then().statusCode(200)
                .body("skippedFrom", equalTo(1)).body("skippedTo", equalTo(1)).body("applied", equalTo(0));
        List<ConsumerRecord<String, String>> dead = Kafka.deadLetters(r -> issue.id.toString().equals(r.key())
                && r.value() != null && r.value().contains(yearZero.eventId().toString()), Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), DeadLetters.KIND)).isEqualTo("projection-failure");
        assertThat(header(dead.get(0), DeadLetters.REASON)).contains("22008");
        given().get("/api/intake/status").then()
                .body("blocked.find { it.aggregateId == '%s' }.sequence".formatted(issue.id), equalTo(2))
                .body("blocked.find { it.aggregateId == '%s' }.heldEvents".formatted(issue.id), equalTo(1));
        // the second skip gives the poisoned event up too: what follows applies
        given().contentType("application/json").body("{\"reason\": \"期限年份错误\"}")
                .post("/api/intake/gaps/" + issue.id + "/skip").then().statusCode(200)
                .body("skippedFrom", equalTo(1)).body("skippedTo", equalTo(2)).body("applied", equalTo(1));
        given().queryParam("inspection", inspection.id).get("/api/reports/summary").then()
                .body("issues.byStatus.COMPLETED", equalTo(1));
        given().get("/api/intake/status").then().body("blocked.aggregateId", not(hasItem(issue.id.toString())));
    }

    @Test
    void shouldHoldAnEventThatReusesAnAppliedSequenceAsAConflict() {
        Events.Inspection inspection = new Events.Inspection();
        Events.Issue issue = inspection.issue("main", "一", 1, "从旧备份恢复");
        Events.Record created = issue.created();
        Events.Record progress = issue.progress(LocalDate.of(2023, 5, 10));
        Kafka.send(inspection.created(), created, progress);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("inspection", inspection.id)
                .get("/api/reports/summary").then().body("issues.byStatus.IN_PROGRESS", equalTo(1)));
        double conflictsBefore = status().getDouble("conflicts");
        double duplicatesBefore = status().getDouble("duplicates");

        // issue-service restored from a backup taken before the progress report numbers its next change 2 again
        Events.Issue restored = inspection.issue("main", "一", 1, "从旧备份恢复");
        Events.Record restoredCreated = restored.created();
        Events.Record again = restored.transition("MAKE_LONG_TERM", "LONG_TERM", LocalDate.of(2023, 5, 11));
        Events.Record after = restored.transition("RESUME", "IN_PROGRESS", LocalDate.of(2023, 5, 12));
        Events.Record conflicting = sameAggregate(again, issue.id, restored.id);
        Events.Record following = sameAggregate(after, issue.id, restored.id);
        assertThat(restoredCreated).isNotNull();
        // the very events applied, delivered again, are duplicates; the other one at sequence 2 is not
        Kafka.send(progress, conflicting, following);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/intake/status").then()
                .body("blocked.find { it.aggregateId == '%s' }.reason".formatted(issue.id), equalTo("conflict")));
        JsonPath status = status();
        assertThat(status.getDouble("conflicts") - conflictsBefore).isEqualTo(1);
        assertThat(status.getDouble("duplicates") - duplicatesBefore).isEqualTo(1);
        assertThat(status.getInt("blocked.find { it.aggregateId == '%s' }.sequence".formatted(issue.id)))
                .isEqualTo(2);
        assertThat(status.getInt("blocked.find { it.aggregateId == '%s' }.heldEvents".formatted(issue.id)))
                .isEqualTo(1);
        given().get("/q/health/group/intake").then().statusCode(503)
                .body("checks[0].data.'aggregate %s'".formatted(issue.id), startsWith("conflict at sequence 2"));
        given().get("/q/metrics").then().body(org.hamcrest.Matchers.containsString("zhenggai_intake_conflicts_total"));
        given().get("/api/intake/conflicts").then().statusCode(200)
                .body("find { it.eventId == '%s' }.existingEventId".formatted(conflicting.eventId()),
                        equalTo(progress.eventId().toString()))
                .body("find { it.eventId == '%s' }.resolvedAt".formatted(conflicting.eventId()),
                        org.hamcrest.Matchers.nullValue());
        // never applied: the issue is as the applied events left it
        given().queryParam("inspection", inspection.id).get("/api/reports/summary").then()
                .body("issues.byStatus.IN_PROGRESS", equalTo(1))
                .body("issues.byStatus.LONG_TERM", equalTo(0));
        given().queryParam("inspection", inspection.id).queryParam("measure", "total").get("/api/reports/drill")
                .then().body("events.id", equalTo(List.of(created.eventId().toString(),
                        progress.eventId().toString())));

        // a gap cannot be skipped past a conflict; the operator dismisses it, and what waited is applied
        given().contentType("application/json").body("{\"reason\": \"x\"}")
                .post("/api/intake/gaps/" + issue.id + "/skip").then().statusCode(409)
                .contentType("application/problem+json");
        given().contentType("application/json").body("{}")
                .post("/api/intake/conflicts/" + issue.id + "/dismiss").then().statusCode(400);
        given().contentType("application/json").body("{\"reason\": \"保留已应用的事件\"}")
                .post("/api/intake/conflicts/" + issue.id + "/dismiss").then().statusCode(200)
                .body("dismissed", equalTo(1)).body("applied", equalTo(1));
        given().get("/api/intake/status").then().body("blocked.aggregateId", not(hasItem(issue.id.toString())));
        given().get("/api/intake/conflicts").then()
                .body("find { it.eventId == '%s' }.resolution".formatted(conflicting.eventId()),
                        equalTo("保留已应用的事件"));
        given().contentType("application/json").body("{\"reason\": \"again\"}")
                .post("/api/intake/conflicts/" + issue.id + "/dismiss").then().statusCode(404);
        given().get("/api/intake/status").then().body("conflicts", greaterThanOrEqualTo(1));
    }

    @Test
    void shouldReplayPastPoisonRecordsAndConflictsToAGenerationEqualToTheLiveOne() {
        Events.Inspection inspection = new Events.Inspection();
        Events.Issue issue = inspection.issue("main", "一", 1, "重放中的毒丸");
        Events.Record created = issue.created();
        Events.Record poison = poison(issue, "已完成投资");
        Events.Record completed = issue.transition("COMPLETE", "COMPLETED", LocalDate.of(2023, 5, 11));
        Events.Issue restored = inspection.issue("main", "一", 1, "重放中的毒丸");
        restored.created();
        restored.progress(LocalDate.of(2023, 5, 10));
        // sequence 3, applied as "completed": another event there (sequence 2 was skipped, so it has none)
        Events.Record conflicting = sameAggregate(restored.transition("MAKE_LONG_TERM", "LONG_TERM",
                LocalDate.of(2023, 5, 11)), issue.id, restored.id);
        sendTogether(List.of(inspection.created(), created, poison, completed));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/intake/status").then()
                .body("blocked.find { it.aggregateId == '%s' }.heldEvents".formatted(issue.id), equalTo(1)));
        given().contentType("application/json").body("{\"reason\": \"重放前跳过\"}")
                .post("/api/intake/gaps/" + issue.id + "/skip").then().statusCode(200).body("applied", equalTo(1));
        Kafka.send(conflicting);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/intake/status").then()
                .body("blocked.find { it.aggregateId == '%s' }.reason".formatted(issue.id), equalTo("conflict")));
        given().contentType("application/json").body("{\"reason\": \"重放前驳回\"}")
                .post("/api/intake/conflicts/" + issue.id + "/dismiss").then().statusCode(200);

        // the replay meets the poison (and every other one in the topic), sets it aside, repeats the skip and the
        // dismissal, and switches in equal to the live generation
        long id = given().contentType("application/json").body("{\"source\": \"topic\", \"autoSwitch\": true}")
                .post("/api/admin/replays").then().statusCode(202).extract().jsonPath().getLong("id");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                given().get("/api/admin/replays/" + id).then().statusCode(200).body("state", equalTo("SWITCHED")));
        given().get("/api/admin/replays/" + id).then().body("comparison.equal", equalTo(true));
        given().queryParam("inspection", inspection.id).get("/api/reports/summary").then()
                .body("issues.byStatus.COMPLETED", equalTo(1));
        given().get("/api/intake/status").then().body("blocked.aggregateId", not(hasItem(issue.id.toString())));
        // set aside in the replayed generation without being sent again
        given().get("/api/intake/dead-letters").then()
                .body("find { it.eventId == '%s' }.sent".formatted(poison.eventId()), equalTo(false));
        assertThat(Kafka.deadLetters(r -> poison.value().equals(r.value()), Duration.ofSeconds(3))).hasSize(1);
    }

    /** An event of {@code from} re-addressed to the aggregate {@code to}: what a second history of it would send. */
    private static Events.Record sameAggregate(Events.Record event, UUID to, UUID from) {
        return new Events.Record(to.toString(), event.value().replace(from.toString(), to.toString()),
                event.eventId());
    }
}
