package io.zhenggai.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.zhenggai.local.ServiceProcess;
import io.zhenggai.local.Topics;

/**
 * More than one report-service instance on one log and one database (the consumer group {@code report-service}
 * shares the partitions; each batch is stored with its partitions' offsets in the shared database, and an instance
 * that is assigned a partition continues from the offset stored there). Two instances take the intake while events
 * keep arriving; one is SIGKILLed with a batch open; a third joins and catches up by itself. Every event is applied
 * exactly once, and the surviving and the new instance answer the same questions with the same figures.
 */
class TwoInstancesIT {

    private static final int ISSUES = 3000;
    /** One inspection, and per issue: created, then a progress report with two readings. */
    private static final int EVENTS = 1 + 2 * ISSUES;

    private static OwnSystem system;

    @BeforeAll
    static void infrastructure() {
        system = OwnSystem.start("two-instances");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void shouldAnswerTheSameAndLoseNothingWhenOneOfTwoInstancesIsKilledUnderLoad() throws Exception {
        ServiceProcess first = reportService("report-service-first").awaitHealthy(Duration.ofSeconds(180));
        ServiceProcess second = reportService("report-service-second").awaitHealthy(Duration.ofSeconds(180));
        UUID inspection = UUID.randomUUID();
        // the write load: the events arrive over a while, in slices, while both instances apply them
        CompletableFuture<Void> load = CompletableFuture.runAsync(() -> produce(inspection));

        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(10)).ignoreExceptions()
                .until(() -> count("SELECT count(*) FROM applied_event") > 0);
        // an intake transaction is open in one of them: a batch is being applied and is not committed yet
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(5)).ignoreExceptions()
                .until(TwoInstancesIT::applying);
        first.kill();
        assertThat(first.isAlive()).isFalse();
        long committed = count("SELECT count(*) FROM applied_event");
        System.out.printf("first instance killed under load: %d of %d events committed before%n", committed, EVENTS);
        assertThat(committed).as("killed while events were still arriving").isLessThan(EVENTS);

        // a new instance joins and catches up by itself; the killed one's partitions go to the others
        ServiceProcess third = reportService("report-service-third");
        load.get();
        await().atMost(Duration.ofSeconds(400)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> count("SELECT count(*) FROM applied_event") == EVENTS);
        third.awaitHealthy(Duration.ofSeconds(180));
        assertConsistent();
        assertThat(count("SELECT count(*) FROM issue_view")).isEqualTo(ISSUES);
        assertThat(count("SELECT count(*) FROM reading_fact")).isEqualTo(2L * ISSUES);
        assertThat(count("SELECT count(*) FROM issue_status_history")).isEqualTo(2L * ISSUES);
        assertThat(count("SELECT sum(next_offset) FROM intake_offset")).isEqualTo(EVENTS);

        // the same questions, the same figures, from either instance
        long expectedInvestment = 10_000L * ISSUES * (ISSUES + 1) / 2;
        for (ServiceProcess instance : List.of(second, third)) {
            JsonPath summary = RunningSystem.asOperator(instance.baseUrl()).queryParam("inspection", inspection)
                    .get("/api/reports/summary").then().statusCode(200).extract().jsonPath();
            assertThat(summary.getInt("issues.total")).isEqualTo(ISSUES);
            assertThat(summary.getInt("issues.byStatus.IN_PROGRESS")).isEqualTo(ISSUES);
            String total = RunningSystem.asOperator(instance.baseUrl()).queryParam("inspection", inspection)
                    .get("/api/indicators/investment.completed/values").then().statusCode(200)
                    .extract().jsonPath().getString("value.value");
            assertThat(new BigDecimal(total)).isEqualByComparingTo(BigDecimal.valueOf(expectedInvestment));
        }
        for (String question : List.of("/api/reports/summary", "/api/reports/breakdown?by=unit",
                "/api/indicators/investment.completed/values?by=industry")) {
            assertThat(answer(third, question, inspection)).as(question).isEqualTo(answer(second, question, inspection));
        }
    }

    private static String answer(ServiceProcess instance, String question, UUID inspection) {
        return RunningSystem.asOperator(instance.baseUrl()).queryParam("inspection", inspection).get(question)
                .then().statusCode(200).extract().asString();
    }

    /** What the database holds agrees with itself: every applied event is in the log once, with its effects. */
    private static void assertConsistent() throws SQLException {
        long applied = count("SELECT count(*) FROM applied_event");
        assertThat(count("SELECT coalesce(sum(last_sequence), 0) FROM applied_aggregate")).isEqualTo(applied);
        assertThat(count("SELECT coalesce(sum(next_offset), 0) FROM intake_offset")).isEqualTo(applied);
        long progress = count("SELECT count(*) FROM applied_event WHERE type = 'zhenggai.issue.progress-reported.v1'");
        assertThat(count("SELECT count(*) FROM reading_fact")).isEqualTo(2 * progress);
        assertThat(count("SELECT count(*) FROM issue_view WHERE status = 'IN_PROGRESS'")).isEqualTo(progress);
    }

    /** An intake transaction that has written and not committed (as {@link ReportServiceCrashIT} finds one). */
    private static boolean applying() throws SQLException {
        return count("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = 'reports' AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()
                  AND query ~ '(pg_advisory_xact_lock|applied_aggregate|applied_event|issue_view|reading_fact|held_event)'
                  AND query !~* '^\\s*(--|create|alter|drop|comment)' AND query !~* 'flyway'
                """) > 0;
    }

    private static ServiceProcess reportService(String log) {
        return system.reportService(log, Map.of("zhenggai.intake.max-poll-records", "200"));
    }

    /** The events of {@link ReportServiceCrashIT}, sent in slices of 100 issues a little apart. */
    private static void produce(UUID inspection) {
        try (KafkaProducer<String, String> producer = system.producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            long position = 1;
            sent.add(producer.send(new ProducerRecord<>(Topics.EVENTS, inspection.toString(),
                    ReportServiceCrashIT.inspectionCreated(inspection, position++))));
            for (int i = 0; i < ISSUES; i++) {
                UUID issue = UUID.randomUUID();
                sent.add(producer.send(new ProducerRecord<>(Topics.EVENTS, issue.toString(),
                        ReportServiceCrashIT.issueEvent(inspection, issue, i, 1, position++))));
                sent.add(producer.send(new ProducerRecord<>(Topics.EVENTS, issue.toString(),
                        ReportServiceCrashIT.issueEvent(inspection, issue, i, 2, position++))));
                if (i % 100 == 99) {
                    producer.flush();
                    Thread.sleep(150);
                }
            }
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A count in the active generation's schema, where the projections and the intake's records live. */
    private static long count(String sql) throws SQLException {
        return system.countInActiveGeneration(sql);
    }
}
