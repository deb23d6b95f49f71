package io.zhenggai.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.zhenggai.local.ServiceProcess;
import io.zhenggai.local.Topics;

/**
 * A report-service process SIGKILLed while it applies a batch (its database transaction open, nothing committed)
 * loses and doubles nothing: after a restart every event is applied exactly once. Killed twice over: anywhere in a
 * batch, and in the batch's flush (the multi-row upsert of issue_view, whose statement triggers write the summary
 * counters). Each test has its own PostgreSQL, broker and report-service, so that nothing else writes to them; the
 * events go straight to the topic, contract-valid, as issue-service's relay would send them. Killed while it writes a
 * checkpoint of its issues in memory: {@link ReportServiceCheckpointCrashIT}.
 */
class ReportServiceCrashIT {

    static final int ISSUES = 2000;
    /** One inspection, and per issue: created, then a progress report with two readings. */
    static final int EVENTS = 1 + 2 * ISSUES;

    private static OwnSystem system;

    @AfterEach
    void stop() {
        if (system != null) {
            system.close();
            system = null;
        }
    }

    @Test
    void shouldLoseAndDoubleNothingWhenKilledBetweenApplyingAndCommitting() throws Exception {
        system = OwnSystem.start("crash");
        killAndRestart(ReportServiceCrashIT::applying, "with a batch open");
    }

    @Test
    void shouldLoseAndDoubleNothingWhenKilledInTheBatchFlush() throws Exception {
        system = OwnSystem.start("crash-flush");
        killAndRestart(ReportServiceCrashIT::flushing, "in the flush of a batch (issue_view and its counters)");
    }

    private void killAndRestart(java.util.concurrent.Callable<Boolean> killPoint, String when) throws Exception {
        UUID inspection = UUID.randomUUID();
        produce(system, inspection);

        // not waiting for it to be healthy: the intake starts applying before HTTP is up
        ServiceProcess first = reportService("report-service-killed", false);
        // at least one batch committed, so that the restart has to continue where the database says
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10)).ignoreExceptions()
                .until(() -> count("SELECT count(*) FROM applied_event") > 0);
        // a write transaction of the intake is open at the kill point, not committed yet
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10)).ignoreExceptions()
                .until(killPoint);
        first.kill();
        assertThat(first.isAlive()).isFalse();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> !applying());

        long committed = count("SELECT count(*) FROM applied_event");
        assertThat(committed).as("killed in the middle, not before or after everything").isBetween(1L, EVENTS - 1L);
        System.out.printf("report-service killed %s: %d of %d events committed before%n", when, committed, EVENTS);
        assertConsistent();

        ServiceProcess second = reportService("report-service-restarted", true);
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> count("SELECT count(*) FROM applied_event") == EVENTS);
        assertConsistent();
        assertThat(count("SELECT count(*) FROM issue_view")).isEqualTo(ISSUES);
        assertThat(count("SELECT count(*) FROM reading_fact")).isEqualTo(2L * ISSUES);
        assertThat(count("SELECT count(*) FROM issue_status_history")).isEqualTo(2L * ISSUES);
        assertThat(count("SELECT sum(next_offset) FROM intake_offset")).isEqualTo(EVENTS);

        String base = second.baseUrl();
        RunningSystem.asOperator(base).get("/api/intake/status").then().statusCode(200)
                .body("duplicates", org.hamcrest.Matchers.equalTo(0))
                .body("deadLettered", org.hamcrest.Matchers.equalTo(0))
                .body("heldEvents", org.hamcrest.Matchers.equalTo(0));
        RunningSystem.asOperator(base).queryParam("inspection", inspection).get("/api/reports/summary").then().statusCode(200)
                .body("issues.total", org.hamcrest.Matchers.equalTo(ISSUES))
                .body("issues.byStatus.IN_PROGRESS", org.hamcrest.Matchers.equalTo(ISSUES));
        String total = RunningSystem.asOperator(base).queryParam("inspection", inspection)
                .get("/api/indicators/investment.completed/values").then().statusCode(200)
                .extract().jsonPath().getString("value.value");
        // issue i reported (i + 1) × 10000 元: the total counts each exactly once
        long expected = 10_000L * ISSUES * (ISSUES + 1) / 2;
        assertThat(new BigDecimal(total)).isEqualByComparingTo(BigDecimal.valueOf(expected));
    }

    /** What the database holds agrees with itself: every applied event is in the log once, with its effects. */
    private static void assertConsistent() throws SQLException {
        assertConsistent(system);
    }

    /** The same, in the database of another test class's system. */
    static void assertConsistent(OwnSystem system) throws SQLException {
        Count count = system::countInActiveGeneration;
        long applied = count.count("SELECT count(*) FROM applied_event");
        assertThat(count.count("SELECT coalesce(sum(last_sequence), 0) FROM applied_aggregate")).isEqualTo(applied);
        assertThat(count.count("SELECT coalesce(sum(next_offset), 0) FROM intake_offset")).isEqualTo(applied);
        long progress = count.count(
                "SELECT count(*) FROM applied_event WHERE type = 'zhenggai.issue.progress-reported.v1'");
        assertThat(count.count("SELECT count(*) FROM reading_fact")).isEqualTo(2 * progress);
        assertThat(count.count("SELECT count(*) FROM issue_view WHERE status = 'IN_PROGRESS'")).isEqualTo(progress);
        // the counters (kind 0: every issue once, by its deadline) agree with the issues, and none is left empty
        assertThat(count.count("SELECT coalesce(sum(issues), 0) FROM issue_count WHERE kind = 0"))
                .isEqualTo(count.count("SELECT count(*) FROM issue_view"));
        assertThat(count.count("SELECT count(*) FROM issue_count WHERE issues = 0")).isZero();
    }

    /**
     * An intake transaction that has written (it has a transaction id) and not committed: its last statement touches
     * the intake's tables and is not a migration.
     */
    private static boolean applying() throws SQLException {
        return count("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = 'reports' AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()
                  AND query ~ '(pg_advisory_xact_lock|applied_aggregate|applied_event|issue_view|reading_fact|held_event)'
                  AND query !~* '^\\s*(--|create|alter|drop|comment)' AND query !~* 'flyway'
                """) > 0;
    }

    /** The intake's transaction is running the batch's upsert of issue_view, whose statement triggers count. */
    private static boolean flushing() throws SQLException {
        return count("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = 'reports' AND state = 'active' AND backend_xid IS NOT NULL
                  AND pid <> pg_backend_pid() AND query ~ '^\\s*INSERT INTO issue_view '
                """) > 0;
    }

    private static ServiceProcess reportService(String log, boolean awaitHealthy) {
        // batches big enough to take a while, and several of them
        ServiceProcess service = system.reportService(log, Map.of("zhenggai.intake.max-poll-records", "1000"));
        return awaitHealthy ? service.awaitHealthy(Duration.ofSeconds(120)) : service;
    }

    static void produce(OwnSystem system, UUID inspection) throws Exception {
        try (KafkaProducer<String, String> producer = system.producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            long position = 1;
            sent.add(producer.send(new ProducerRecord<>(Topics.EVENTS, inspection.toString(),
                    inspectionCreated(inspection, position++))));
            for (int i = 0; i < ISSUES; i++) {
                UUID issue = UUID.randomUUID();
                sent.add(producer.send(new ProducerRecord<>(Topics.EVENTS, issue.toString(),
                        issueEvent(inspection, issue, i, 1, position++))));
                sent.add(producer.send(new ProducerRecord<>(Topics.EVENTS, issue.toString(),
                        issueEvent(inspection, issue, i, 2, position++))));
            }
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        }
    }

    static String inspectionCreated(UUID id, long position) {
        return """
                {"specversion": "1.0", "id": "%s", "source": "/zhenggai/issue-service",
                 "type": "zhenggai.inspection.created.v1", "subject": "%s", "time": "%s",
                 "datacontenttype": "application/json", "aggregatetype": "inspection", "aggregateid": "%s",
                 "sequence": 1, "position": %d, "actor": "crash-test",
                 "data": {"id": "%s", "team": "市委第五巡察组", "targetUnit": "崩溃测试", "kinds": ["ROUTINE"],
                          "feedbackDate": "2022-12-07", "declared": null, "lists": [], "sequence": 1}}
                """.formatted(UUID.randomUUID(), id, Instant.now(), id, position, id);
    }

    /** Sequence 1: the issue is created; sequence 2: its first progress report starts it, with two readings. */
    static String issueEvent(UUID inspection, UUID issue, int i, int sequence, long position) {
        String status = sequence == 1 ? "NOT_STARTED" : "IN_PROGRESS";
        String snapshot = """
                {"id": "%s", "inspectionId": "%s", "listKey": "main",
                 "aspect": {"path": "一", "numbering": "（一）", "title": "方面一"}, "groupTitle": null,
                 "category": {"path": "一/1", "numbering": "1.", "title": "类一"}, "path": "一/1/%d",
                 "numbering": "（%d）", "ordinal": %d, "title": "问题%d", "description": null,
                 "leadLeaders": ["张三"], "responsibleUnits": ["单位%d"], "tags": [], "deadline": "2030-01-01",
                 "status": "%s", "statusLabel": null, "lastProgressDate": %s, "sequence": %d}"""
                .formatted(issue, inspection, i + 1, i + 1, i + 1, i, i % 7, status,
                        sequence == 1 ? "null" : "\"2023-05-10\"", sequence);
        String type;
        String data;
        if (sequence == 1) {
            type = "zhenggai.issue.created.v1";
            data = "{\"issue\": " + snapshot + ", \"measures\": []}";
        } else {
            type = "zhenggai.issue.progress-reported.v1";
            data = """
                    {"issue": %s, "report": {"id": "%s", "asOf": "2023-05-10", "text": "已完成投资", "measures": [],
                      "readings": [
                        {"metric": "investment.completed", "dimensions": {"industry": "行业%d"}, "value": %d,
                         "unit": "CNY", "kind": "MONEY", "qualifier": "EXACT", "forecast": false, "change": false,
                         "display": "%d元", "sourceText": "已完成投资"},
                        {"metric": "project.started", "dimensions": {"industry": "行业%d"}, "value": 1, "unit": "个",
                         "kind": "COUNT", "qualifier": "EXACT", "forecast": false, "change": false}],
                      "statusLabel": null},
                     "statusChange": {"from": "NOT_STARTED", "to": "IN_PROGRESS", "transition": "START",
                                      "reason": "first progress report", "verificationNote": null, "evidence": []}}"""
                    .formatted(snapshot, UUID.randomUUID(), i, (i + 1) * 10_000L, (i + 1) * 10_000L, i);
        }
        return """
                {"specversion": "1.0", "id": "%s", "source": "/zhenggai/issue-service", "type": "%s",
                 "subject": "%s", "time": "%s", "datacontenttype": "application/json", "aggregatetype": "issue",
                 "aggregateid": "%s", "sequence": %d, "position": %d, "actor": "crash-test", %s "data": %s}"""
                .formatted(UUID.randomUUID(), type, issue, Instant.now(), issue, sequence, position,
                        sequence == 2 ? "\"effectivedate\": \"2023-05-10\"," : "", data);
    }

    /** A count in the active generation's schema, where the projections and the intake's records live. */
    private static long count(String sql) throws SQLException {
        return system.countInActiveGeneration(sql);
    }

    private interface Count {
        long count(String sql) throws SQLException;
    }
}
