package io.zhenggai.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.zhenggai.local.ServiceProcess;

/**
 * {@link ReportServiceCrashIT}'s third kill, in a class of its own so that the failsafe forks can run it beside the
 * other two (each of them takes one to two minutes): a report-service process SIGKILLed while it writes a checkpoint
 * of its issues in memory. Its own PostgreSQL, broker and report-service; the same events as ReportServiceCrashIT's.
 */
class ReportServiceCheckpointCrashIT {

    /** The events {@link ReportServiceCrashIT#produce} sends: one inspection, two per issue. */
    private static final int ISSUES = ReportServiceCrashIT.ISSUES;
    private static final int EVENTS = ReportServiceCrashIT.EVENTS;

    private static OwnSystem system;

    @AfterEach
    void stop() {
        if (system != null) {
            system.close();
            system = null;
        }
    }

    /**
     * Killed while it writes a checkpoint of its issues in memory (issue 16): a checkpoint after every change, the
     * intake applying small batches, and the kill as soon as a temporary checkpoint file appears. The restart reads
     * the last whole checkpoint (if one was finished before) and catches up from the change feed, or loads the whole
     * generation; either way it answers as the ledger says, from memory.
     */
    @Test
    void shouldAnswerAsTheLedgerWhenKilledWhileWritingACheckpoint() throws Exception {
        system = OwnSystem.start("crash-checkpoint");
        UUID inspection = UUID.randomUUID();
        ReportServiceCrashIT.produce(system, inspection);
        java.nio.file.Path checkpoints = java.nio.file.Path.of("target", "crash-checkpoint-memory").toAbsolutePath();
        deleteTree(checkpoints);
        java.nio.file.Files.createDirectories(checkpoints);
        Map<String, String> settings = Map.of("zhenggai.intake.max-poll-records", "10",
                "zhenggai.memory.checkpoint-dir", checkpoints.toString(), "zhenggai.memory.checkpoint-every", "PT0S");
        ServiceProcess first = system.reportService("report-service-killed-checkpointing", settings);
        // a quarter of the events applied first, so that the checkpoint written over holds issues
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(10)).ignoreExceptions()
                .until(() -> count("SELECT count(*) FROM applied_event") >= EVENTS / 4);
        // a checkpoint being written over an earlier one: its temporary file is there beside the earlier file
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        boolean writing = false;
        while (!writing && System.nanoTime() < deadline && first.isAlive()) {
            writing = !files(checkpoints, "*.tmp").isEmpty() && !files(checkpoints, "*.checkpoint").isEmpty();
            if (!writing) {
                Thread.sleep(1);
            }
        }
        first.kill();
        assertThat(writing).as("saw a checkpoint being written over an earlier one").isTrue();
        boolean torn = !files(checkpoints, "*.tmp").isEmpty();
        boolean whole = files(checkpoints, "*.checkpoint").size() == 1;
        long committed = count("SELECT count(*) FROM applied_event");
        System.out.printf("report-service killed writing a checkpoint: %d of %d events committed, temporary file "
                + "left: %s, an earlier checkpoint: %s%n", committed, EVENTS, torn, whole);
        assertThat(whole).as("the earlier checkpoint is still there, whole").isTrue();
        ReportServiceCrashIT.assertConsistent(system);

        ServiceProcess second = system.reportService("report-service-restarted-checkpointing",
                Map.of("zhenggai.intake.max-poll-records", "1000", "zhenggai.memory.checkpoint-dir",
                        checkpoints.toString())).awaitHealthy(Duration.ofSeconds(120));
        String base = second.baseUrl();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> "1.0".equals(metric(base, "zhenggai_memory_loaded")));
        // the earlier checkpoint (whole: written before the torn one began) with the feed after it
        assertThat(metric(base, "zhenggai_memory_load_checkpoint")).as("loaded from the checkpoint")
                .isEqualTo("1.0");
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> count("SELECT count(*) FROM applied_event") == EVENTS);
        ReportServiceCrashIT.assertConsistent(system);
        if (torn) {
            assertThat(java.nio.file.Files.readString(second.logFile()))
                    .contains("left by a checkpoint that was not finished");
        }

        double served = Double.parseDouble(metric(base, "zhenggai_memory_served_total"));
        RunningSystem.asOperator(base).queryParam("inspection", inspection).get("/api/reports/summary").then()
                .statusCode(200)
                .body("issues.total", org.hamcrest.Matchers.equalTo(ISSUES))
                .body("issues.byStatus.IN_PROGRESS", org.hamcrest.Matchers.equalTo(ISSUES));
        List<Map<String, Object>> groups = RunningSystem.asOperator(base).queryParam("inspection", inspection)
                .queryParam("by", "unit").get("/api/reports/breakdown").then().statusCode(200).extract().jsonPath()
                .getList("groups");
        Map<String, Integer> byUnit = new java.util.TreeMap<>();
        for (Map<String, Object> group : groups) {
            byUnit.put((String) group.get("key"), (Integer) ((Map<?, ?>) group.get("counts")).get("total"));
        }
        Map<String, Integer> expected = new java.util.TreeMap<>();
        for (int i = 0; i < ISSUES; i++) {
            expected.merge("单位" + i % 7, 1, Integer::sum);
        }
        assertThat(byUnit).isEqualTo(expected);
        assertThat(Double.parseDouble(metric(base, "zhenggai_memory_served_total"))).as("counted in memory")
                .isGreaterThanOrEqualTo(served + 2);
        String total = RunningSystem.asOperator(base).queryParam("inspection", inspection)
                .get("/api/indicators/investment.completed/values").then().statusCode(200)
                .extract().jsonPath().getString("value.value");
        assertThat(new BigDecimal(total)).isEqualByComparingTo(BigDecimal.valueOf(10_000L * ISSUES * (ISSUES + 1) / 2));
        deleteTree(checkpoints);
    }

    private static List<java.nio.file.Path> files(java.nio.file.Path directory, String glob) {
        List<java.nio.file.Path> found = new ArrayList<>();
        try (java.nio.file.DirectoryStream<java.nio.file.Path> files = java.nio.file.Files.newDirectoryStream(
                directory, glob)) {
            files.forEach(found::add);
        } catch (java.io.IOException e) {
            // not there yet
        }
        return found;
    }

    private static void deleteTree(java.nio.file.Path directory) throws java.io.IOException {
        if (java.nio.file.Files.exists(directory)) {
            try (var files = java.nio.file.Files.walk(directory)) {
                for (java.nio.file.Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(f);
                }
            }
        }
    }

    /** A value of report-service's Prometheus scrape. */
    static String metric(String base, String name) {
        return given().baseUri(base).get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")).map(l -> l.substring(
                        l.lastIndexOf(' ') + 1)).findFirst().orElseThrow(() -> new AssertionError(name
                        + " not exposed"));
    }

    /** A count in the active generation's schema, where the projections and the intake's records live. */
    private static long count(String sql) throws SQLException {
        return system.countInActiveGeneration(sql);
    }
}
