package io.zhenggai.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.JsonNode;

import io.zhenggai.local.KafkaBrokerProcess;

/**
 * The fault drills, run by hand one at a time ({@code deploy/faults/<drill>}, which sets {@code zhenggai.drill}):
 * each starts the whole system as processes ({@link Drill}), puts a steady open-loop write load on issue-service's
 * API, injects one fault, lets the system recover by itself, and ends with {@link Drill#verdict}'s line. Without the
 * property none of them runs: they take minutes each. {@link IssueServiceCrashDrillIT} is the short one of the suite.
 * <p>
 * Settings: {@code zhenggai.drill.rate} (writes per second, 25), {@code zhenggai.drill.steady-seconds} (load before
 * and after the fault, 20), {@code zhenggai.drill.steady-writes} (acknowledged writes at least before and after the fault, 100),
 * {@code zhenggai.drill.broker-down-seconds} (how long broker-kill keeps the broker dead, 20; long enough, e.g. 270,
 * for the relay alert to fire in a Prometheus scraping the drill).
 */
@EnabledIfSystemProperty(named = "zhenggai.drill", matches = ".+")
class FaultDrillIT {

    static final int RATE = Integer.getInteger("zhenggai.drill.rate", 25);
    static final Duration STEADY = Duration.ofSeconds(Long.getLong("zhenggai.drill.steady-seconds", 20));
    /** Before and after a fault the load runs until at least this many more writes were acknowledged … */
    static final long STEADY_WRITES = Long.getLong("zhenggai.drill.steady-writes", 100);
    /** … but no longer than this. */
    static final Duration PATIENCE = Duration.ofMinutes(3);
    static final Duration BROKER_DOWN = Duration.ofSeconds(Long.getLong("zhenggai.drill.broker-down-seconds", 20));

    @Test
    @EnabledIfSystemProperty(named = "zhenggai.drill", matches = "broker-kill|all")
    void brokerKilledFor20Seconds() throws Exception {
        try (Drill drill = Drill.start("broker-kill", new Drill.Setup())) {
            DrillLoad load = drill.load(RATE);
            load.runFor(STEADY, STEADY_WRITES, PATIENCE);
            load.phase = "broker dead";
            drill.broker.kill();
            drill.say("broker SIGKILLed (alive: %s); writes go on for %d s", drill.broker.isAlive(),
                    BROKER_DOWN.toSeconds());
            Drill.sleep(BROKER_DOWN);
            long restarting = System.nanoTime();
            drill.broker.start();
            drill.say("broker started again in %.1f s", (System.nanoTime() - restarting) / 1e9);
            load.phase = "after";
            load.runFor(STEADY, STEADY_WRITES, PATIENCE);
            List<DrillLoad.Write> writes = load.stop();
            List<String> problems = new ArrayList<>();
            if (writes.stream().noneMatch(w -> w.acknowledged() && w.phase().equals("broker dead"))) {
                problems.add("no write was acknowledged while the broker was dead");
            }
            assertPassed(drill.verdict(writes, problems));
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "zhenggai.drill", matches = "broker-one-of-three|all")
    void oneBrokerOfThreeKilled() throws Exception {
        try (Drill drill = Drill.start("broker-one-of-three", new Drill.Setup().cluster())) {
            DrillLoad load = drill.load(RATE);
            load.runFor(STEADY, STEADY_WRITES, PATIENCE);
            KafkaBrokerProcess victim = drill.cluster.node(2);
            load.phase = "one broker dead";
            victim.kill();
            drill.say("broker node 2 SIGKILLed (alive: %s); two of three keep the quorum and min.insync.replicas=2",
                    victim.isAlive());
            Drill.sleep(Duration.ofSeconds(5));
            int onTopicEarly = drill.readTopic().size();
            Drill.sleep(Duration.ofSeconds(15));
            int onTopicLate = drill.readTopic().size();
            drill.say("records on the topic with node 2 dead: %d, 15 s later %d", onTopicEarly, onTopicLate);
            drill.cluster.restart(2);
            drill.say("node 2 started again");
            load.phase = "after";
            load.runFor(STEADY, STEADY_WRITES, PATIENCE);
            List<String> problems = new ArrayList<>();
            if (onTopicLate <= onTopicEarly) {
                problems.add("nothing was published while one broker of three was dead");
            }
            assertPassed(drill.verdict(load.stop(), problems));
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "zhenggai.drill", matches = "issue-service-kill|all")
    void issueServiceKilledWhileWritesFlow() throws Exception {
        assertPassed(IssueServiceCrashDrillIT.drill("issue-service-kill", RATE, STEADY, STEADY_WRITES));
    }

    @Test
    @EnabledIfSystemProperty(named = "zhenggai.drill", matches = "report-service-kill|all")
    void reportServiceKilledTwiceDuringAReplayAndOnceUnderLoad() throws Exception {
        // batches of 5 records, so that a replay of a few thousand events lasts long enough to be killed twice
        try (Drill drill = Drill.start("report-service-kill", new Drill.Setup()
                .reportSetting("zhenggai.replay.max-poll-records", "5"))) {
            DrillLoad load = drill.load(RATE);
            load.runFor(STEADY.multipliedBy(2), 2 * STEADY_WRITES, PATIENCE);
            List<String> problems = new ArrayList<>();
            long replay = drill.startReplay("topic", true);
            drill.say("replay %d started (from the topic, switching in by itself when equal)", replay);
            long done = 0;
            for (int kill = 1; kill <= 2; kill++) {
                long before = done;
                JsonNode view = drill.waitFor(Duration.ofSeconds(120), () -> drill.replay(replay),
                        v -> v.path("done").asLong() > before || !v.path("state").asText().equals("RUNNING"));
                if (!"RUNNING".equals(view.path("state").asText())) {
                    problems.add("replay was " + view.path("state").asText() + " before kill " + kill);
                }
                load.phase = "report-service dead (replay)";
                drill.reportService.kill();
                done = drill.query("SELECT done FROM replay WHERE id = " + replay, rows -> {
                    rows.next();
                    return rows.getLong(1);
                });
                drill.say("kill %d: report-service SIGKILLed with replay %d at %d of %d", kill, replay, done,
                        view.path("target").asLong());
                Drill.sleep(Duration.ofSeconds(2));
                drill.reportService.start().awaitHealthy(Drill.STARTUP);
                load.phase = "after";
            }
            JsonNode finished = drill.awaitReplay(replay, Set.of("SWITCHED"), Duration.ofSeconds(300));
            drill.say("replay %d: %s, comparison equal: %s", replay, finished.path("state").asText(),
                    finished.path("comparison").path("equal").asText());
            if (!"SWITCHED".equals(finished.path("state").asText())
                    || !finished.path("comparison").path("equal").asBoolean()) {
                problems.add("the interrupted replay did not switch in equal: " + finished);
            }
            load.runFor(STEADY, STEADY_WRITES, PATIENCE);
            load.phase = "report-service dead (load)";
            drill.reportService.kill();
            drill.say("kill 3: report-service SIGKILLed under load");
            Drill.sleep(Duration.ofSeconds(2));
            drill.reportService.start().awaitHealthy(Drill.STARTUP);
            load.phase = "after";
            load.runFor(STEADY, STEADY_WRITES, PATIENCE);
            assertPassed(drill.verdict(load.stop(), problems));
        }
    }

    @Test
    @EnabledIfSystemProperty(named = "zhenggai.drill", matches = "report-db-stop|all")
    void reportServiceDatabaseStoppedFor10Seconds() throws Exception {
        try (Drill drill = Drill.start("report-db-stop", new Drill.Setup())) {
            DrillLoad load = drill.load(RATE);
            load.runFor(STEADY, STEADY_WRITES, PATIENCE);
            load.phase = "report database stopped";
            drill.reportsDb.stopServer();
            drill.say("report-service's PostgreSQL stopped");
            Drill.sleep(Duration.ofSeconds(10));
            drill.reportsDb.startServer();
            drill.say("report-service's PostgreSQL started again");
            load.phase = "after";
            load.runFor(STEADY, STEADY_WRITES, PATIENCE);
            List<String> problems = new ArrayList<>();
            if (!drill.reportService.isAlive()) {
                problems.add("report-service exited while its database was down");
            }
            assertPassed(drill.verdict(load.stop(), problems));
        }
    }

    /**
     * The broker's log directory on a 96 MB tmpfs, filled to the last byte for 20 s while writes go on, then freed.
     * Needs root (mount); otherwise the drill is skipped and says why.
     */
    @Test
    @EnabledIfSystemProperty(named = "zhenggai.drill", matches = "broker-disk-full|all")
    void brokerLogDirectoryFull() throws Exception {
        List<Path> mounted = new ArrayList<>();
        Drill.Setup setup = new Drill.Setup().brokerLogDirectory(path -> {
            try {
                Files.createDirectories(path);
                Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", path.toString())
                        .redirectErrorStream(true).start();
                String output = new String(mount.getInputStream().readAllBytes());
                assumeTrue(mount.waitFor() == 0, "cannot mount a tmpfs for the broker's log directory (not run): "
                        + output);
                mounted.add(path);
            } catch (java.io.IOException e) {
                assumeTrue(false, "cannot mount a tmpfs (not run): " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (Drill drill = Drill.start("broker-disk-full", setup)) {
            DrillLoad load = drill.load(RATE);
            load.runFor(STEADY, STEADY_WRITES, PATIENCE);
            Path filler = drill.broker.dataDirectory().resolve("filler");
            load.phase = "disk full";
            long filled = fill(filler);
            drill.say("broker log directory full: %d MB of filler written, %s", filled >> 20,
                    df(drill.broker.dataDirectory()));
            Drill.sleep(Duration.ofSeconds(20));
            boolean aliveWhenFull = drill.broker.isAlive();
            Files.delete(filler);
            drill.say("filler deleted: %s; the broker is %s", df(drill.broker.dataDirectory()),
                    aliveWhenFull ? "alive" : "dead");
            if (!drill.broker.isAlive()) {
                // as a supervisor (systemd, Kubernetes) would: the broker halts on a failed log directory
                drill.say("broker restarted by the drill, as its supervisor would: see %s", drill.broker.logFile());
                drill.broker.start();
            }
            load.phase = "after";
            load.runFor(STEADY, STEADY_WRITES, PATIENCE);
            assertPassed(drill.verdict(load.stop(), List.of()));
        } finally {
            for (Path path : mounted) {
                new ProcessBuilder("umount", "-l", path.toString()).inheritIO().start().waitFor();
            }
        }
    }

    /**
     * The restore drill (deploy/backup/README.md): issue-service's database backed up with deploy/backup/backup,
     * written on, restored to the backup with deploy/backup/restore, written on again. It shows what report-service
     * does with a journal that went backwards (conflicts: the same sequences under other event ids), then recovers as
     * an operator would: a replay from the journal, switched in accepting the differences (the events the restore
     * undid), after which report-service must agree with the restored journal again.
     */
    @Test
    @EnabledIfSystemProperty(named = "zhenggai.drill", matches = "restore|all")
    void issueDatabaseRestoredToAnEarlierPoint() throws Exception {
        try (Drill drill = Drill.start("restore", new Drill.Setup().issues(10))) {
            DrillLoad before = drill.load(RATE);
            before.runFor(STEADY, STEADY_WRITES, PATIENCE);
            List<DrillLoad.Write> kept = new ArrayList<>(before.stop());
            drill.waitForApplied();
            Path backups = drill.directory.resolve("backups");
            drill.script(drill.issuesDb, "deploy/backup/backup", "--only", "issues", backups.toString());
            drill.script(drill.reportsDb, "deploy/backup/backup", "--only", "reports", backups.toString());

            DrillLoad undone = drill.load(RATE);
            undone.runFor(STEADY, STEADY_WRITES, PATIENCE);
            List<DrillLoad.Write> undoneWrites = undone.stop();
            drill.waitForApplied();
            drill.say("%d writes acknowledged after the backup: the restore will undo them",
                    undoneWrites.stream().filter(DrillLoad.Write::acknowledged).count());

            Set<String> beforeRestore = drill.readJournal().stream().map(PublishedLog.Event::eventId)
                    .collect(java.util.stream.Collectors.toSet());
            drill.issueService.stop();
            drill.script(drill.issuesDb, "deploy/backup/restore", backups.toString(), "issues");
            drill.issueService.start().awaitHealthy(Drill.STARTUP);
            Set<String> undoneEvents = new java.util.HashSet<>(beforeRestore);
            drill.readJournal().forEach(event -> undoneEvents.remove(event.eventId()));
            drill.say("issue-service restarted on the restored database: %d journal events undone",
                    undoneEvents.size());

            DrillLoad after = drill.load(RATE);
            after.runFor(STEADY, STEADY_WRITES, PATIENCE);
            kept.addAll(after.stop());
            Drill.sleep(Duration.ofSeconds(10));
            drill.say("what report-service does: intake health %s",
                    Drill.get(drill.reportService.baseUrl() + "/q/health/group/intake", null));
            drill.say("intake status: %s", Drill.get(drill.reportService.baseUrl() + "/api/intake/status",
                    Drill.OPERATOR));
            String conflicts = Drill.get(drill.reportService.baseUrl() + "/api/intake/conflicts", Drill.OPERATOR);
            drill.say("conflicts: %s", conflicts.length() > 800 ? conflicts.substring(0, 800) + "…" : conflicts);

            // the operator's recovery: rebuild from the journal, which is the truth after the restore
            long replay = drill.startReplay("journal", false);
            JsonNode caughtUp = drill.awaitReplay(replay, Set.of("CAUGHT_UP"), Duration.ofSeconds(300));
            drill.say("replay %d from the journal: %s, %d applied", replay, caughtUp.path("state").asText(),
                    caughtUp.path("applied").asLong());
            var switched = Drill.post(drill.reportService.baseUrl() + "/api/admin/replays/" + replay
                    + "/switch", Drill.OPERATOR, "{\"acceptDifferences\": true}");
            JsonNode view = drill.awaitReplay(replay, Set.of("SWITCHED"), Duration.ofSeconds(120));
            drill.say("switch answered %d; replay %s; comparison before the switch: %s", switched.statusCode(),
                    view.path("state").asText(), summary(view.path("comparison")));
            Drill.sleep(Duration.ofSeconds(10));
            drill.say("after the switch: intake health %s",
                    Drill.get(drill.reportService.baseUrl() + "/q/health/group/intake", null));
            drill.say("intake status: %s", Drill.get(drill.reportService.baseUrl() + "/api/intake/status",
                    Drill.OPERATOR));
            // from here on the journal is the truth: the topic still holds the undone events, so the check
            // replays from the journal
            assertPassed(drill.verdict(kept, List.of(), "journal", undoneEvents));
        }
    }

    private static String summary(JsonNode comparison) {
        List<String> tables = new ArrayList<>();
        comparison.path("tables").forEach(table -> {
            if (table.path("onlyInLive").asLong() > 0 || table.path("onlyInReplay").asLong() > 0) {
                tables.add(table.path("table").asText() + " live " + table.path("liveRows").asLong() + " replay "
                        + table.path("replayRows").asLong());
            }
        });
        return "equal=" + comparison.path("equal").asText() + " " + tables;
    }

    private static long fill(Path filler) throws java.io.IOException {
        byte[] block = new byte[1 << 20];
        long written = 0;
        try (var out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (java.io.IOException full) {
            // ENOSPC: the file system is full
        }
        // the last bytes a partial block could not take
        try (var out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(0);
                out.flush();
                written++;
            }
        } catch (java.io.IOException full) {
            return written;
        }
    }

    private static String df(Path path) {
        try {
            Process df = new ProcessBuilder("df", "-h", path.toString()).redirectErrorStream(true).start();
            List<String> lines = new String(df.getInputStream().readAllBytes()).lines().toList();
            return lines.get(lines.size() - 1).replaceAll("\\s+", " ");
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    static void assertPassed(Drill.Verdict verdict) {
        assertThat(verdict.passed()).as("%s %s", verdict.line(), verdict.problems()).isTrue();
    }
}
