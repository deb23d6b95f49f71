package io.zhenggai.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.zhenggai.local.ServiceProcess;
import io.zhenggai.local.Topics;

/**
 * A replay interrupted by a SIGKILL of the report-service process resumes after the restart from what it stored; then
 * PostgreSQL is SIGKILLed, which empties the generation being built (unlogged until complete), and the replay starts
 * again from the beginning; it ends switched in and equal to the live generation, while the live intake kept applying
 * new events all along: nothing lost, nothing applied twice, across the crashes and across the switch. Its own PostgreSQL, broker and
 * report-service; the events go straight to the topic, contract-valid.
 */
class ReplayCrashIT {

    private static final int ISSUES = 1200;
    private static final int EVENTS = 1 + 2 * ISSUES;

    private static OwnSystem system;

    @BeforeAll
    static void infrastructure() {
        system = OwnSystem.start("replay");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void shouldResumeAReplayAfterACrashAndSwitchInEqualToTheLiveGenerationWhileTheIntakeGoesOn() throws Exception {
        UUID inspection = UUID.randomUUID();
        AtomicLong position = new AtomicLong();
        try (KafkaProducer<String, String> producer = system.producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            sent.add(producer.send(new ProducerRecord<>(Topics.EVENTS, inspection.toString(),
                    ReportServiceCrashIT.inspectionCreated(inspection, position.incrementAndGet()))));
            for (int i = 0; i < ISSUES; i++) {
                sendIssue(producer, inspection, i, position, sent);
            }
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }

            ServiceProcess first = reportService("replay-first");
            long begin = System.nanoTime();
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> count("SELECT count(*) FROM gen_1.applied_event") == EVENTS);
            System.out.printf("live intake applied %d events in %.1f s%n", EVENTS, (System.nanoTime() - begin) / 1e9);

            // the live intake keeps getting new events for the whole replay
            AtomicBoolean producing = new AtomicBoolean(true);
            AtomicInteger issues = new AtomicInteger(ISSUES);
            Thread live = new Thread(() -> {
                while (producing.get()) {
                    List<Future<RecordMetadata>> more = new ArrayList<>();
                    sendIssue(producer, inspection, issues.getAndIncrement(), position, more);
                    producer.flush();
                    sleep(100);
                }
            }, "live-events");
            live.start();

            long id = RunningSystem.asOperator(first.baseUrl()).contentType("application/json")
                    .body("{\"source\": \"topic\", \"autoSwitch\": true, \"note\": \"crash test\"}")
                    .post("/api/admin/replays").then().statusCode(202).extract().jsonPath().getLong("id");
            int generation = (int) count("SELECT generation FROM replay WHERE id = " + id);
            // killed with part of the log replayed: batches committed, not all of them
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).ignoreExceptions()
                    .until(() -> count("SELECT done FROM replay WHERE id = " + id) > EVENTS / 10);
            first.kill();
            long doneAtKill = count("SELECT done FROM replay WHERE id = " + id);
            assertThat(doneAtKill).as("killed in the middle of the replay").isBetween(1L, (long) EVENTS - 1);
            assertThat(text("SELECT state FROM replay WHERE id = " + id)).isEqualTo("RUNNING");
            assertThat(text("SELECT state FROM generation WHERE number = " + generation)).isEqualTo("BUILDING");
            // what the replay stored agrees with itself: progress, offsets and applied events in one transaction
            long stored = count("SELECT coalesce(sum(next_offset), 0) FROM gen_" + generation + ".intake_offset");
            assertThat(stored).isEqualTo(doneAtKill);
            assertThat(count("SELECT count(*) FROM gen_" + generation + ".applied_event"))
                    .isEqualTo(count("SELECT coalesce(sum(last_sequence), 0) FROM gen_" + generation
                            + ".applied_aggregate"));
            System.out.printf("report-service killed with replay %d at %d of %d records%n", id, doneAtKill, EVENTS);

            ServiceProcess second = reportService("replay-second");
            second.awaitHealthy(Duration.ofSeconds(120));
            // resumed from what it stored (not from the beginning): a batch beyond where it was killed
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).ignoreExceptions()
                    .until(() -> count("SELECT done FROM replay WHERE id = " + id) > doneAtKill);
            // then PostgreSQL dies (SIGKILL to the server and its backends) in the middle of the resumed replay:
            // crash recovery empties the generation being built (written without WAL), and the replay must start
            // again from the beginning rather than go on from the position its (logged) row still holds
            assertThat(text("SELECT state FROM replay WHERE id = " + id)).isEqualTo("RUNNING");
            system.postgres().killServer();
            system.postgres().startServer();
            System.out.printf("PostgreSQL killed and started again during replay %d%n", id);
            // then caught up, compared and switched by itself
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> "SWITCHED".equals(text("SELECT state FROM replay WHERE id = " + id)));
            assertThat(java.nio.file.Files.readString(second.logFile()))
                    .contains("Replay " + id + ": PostgreSQL lost the tables of gen_" + generation);
            producing.set(false);
            live.join();

            assertThat(text("SELECT comparison->>'equal' FROM replay WHERE id = " + id))
                    .as(text("SELECT CAST(comparison AS text) FROM replay WHERE id = " + id)).isEqualTo("true");
            assertThat(text("SELECT state FROM generation WHERE number = " + generation)).isEqualTo("ACTIVE");
            assertThat(text("SELECT state FROM generation WHERE number = 1")).isEqualTo("RETIRED");
            assertThat(count("SELECT count(*) FROM replay WHERE id = " + id + " AND owner IS NOT NULL")).isOne();

            // everything produced ends up applied exactly once in the new generation
            long total = position.get();
            String gen = "gen_" + generation;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> count("SELECT count(*) FROM " + gen + ".applied_event") == total);
            assertThat(count("SELECT coalesce(sum(last_sequence), 0) FROM " + gen + ".applied_aggregate"))
                    .isEqualTo(total);
            assertThat(count("SELECT coalesce(sum(next_offset), 0) FROM " + gen + ".intake_offset")).isEqualTo(total);
            assertThat(count("SELECT count(*) FROM " + gen + ".issue_view")).isEqualTo(issues.get());
            assertThat(count("SELECT count(*) FROM " + gen + ".reading_fact")).isEqualTo(2L * issues.get());
            assertThat(count("SELECT count(*) FROM " + gen + ".held_event")).isZero();
            RunningSystem.asOperator(second.baseUrl()).get("/api/intake/status").then().statusCode(200)
                    .body("duplicates", org.hamcrest.Matchers.equalTo(0))
                    .body("heldEvents", org.hamcrest.Matchers.equalTo(0));
            RunningSystem.asOperator(second.baseUrl()).queryParam("inspection", inspection).get("/api/reports/summary").then()
                    .statusCode(200).body("issues.total", org.hamcrest.Matchers.equalTo(issues.get()));
            RunningSystem.asOperator(second.baseUrl()).get("/api/admin/replays/" + id).then().statusCode(200)
                    .body("state", org.hamcrest.Matchers.equalTo("SWITCHED"))
                    .body("comparison.equal", org.hamcrest.Matchers.equalTo(true));
        }
    }

    private static void sendIssue(KafkaProducer<String, String> producer, UUID inspection, int i, AtomicLong position,
                                  List<Future<RecordMetadata>> sent) {
        UUID issue = UUID.randomUUID();
        sent.add(producer.send(new ProducerRecord<>(Topics.EVENTS, issue.toString(),
                ReportServiceCrashIT.issueEvent(inspection, issue, i, 1, position.incrementAndGet()))));
        sent.add(producer.send(new ProducerRecord<>(Topics.EVENTS, issue.toString(),
                ReportServiceCrashIT.issueEvent(inspection, issue, i, 2, position.incrementAndGet()))));
    }

    private static ServiceProcess reportService(String log) {
        // small replay batches, so that the kill lands in the middle; a dead worker is taken over quickly
        return system.reportService(log, Map.of("zhenggai.replay.max-poll-records", "50",
                "zhenggai.replay.stale-seconds", "3", "zhenggai.replay.claim-every", "1s"))
                .awaitHealthy(Duration.ofSeconds(120));
    }

    private static long count(String sql) throws SQLException {
        return system.count(sql);
    }

    private static String text(String sql) throws SQLException {
        return system.text(sql);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
