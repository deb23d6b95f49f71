package io.zhenggai.report.replay;

import static io.zhenggai.report.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.zhenggai.report.Events;
import io.zhenggai.report.Kafka;
import io.zhenggai.local.test.JwtTestResource;

@QuarkusTest
class ReplayTest {

    @Inject
    Replays replays;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @AfterEach
    void noReplayLeftOpen() {
        for (Replay replay : replays.list()) {
            if (replay.state().isOpen()) {
                replays.cancel(replay.id());
            }
        }
    }

    /** An inspection with {@code issues} issues, each created and then reported on with a figure; sent and applied. */
    private Events.Inspection ledger(int issues) {
        Events.Inspection inspection = new Events.Inspection();
        List<Events.Record> records = new ArrayList<>();
        records.add(inspection.created());
        for (int i = 0; i < issues; i++) {
            Events.Issue issue = inspection.issue("main", "一", 1 + i % 3, "问题" + i)
                    .deadline(LocalDate.now().plusDays(i % 20));
            records.add(issue.created());
            records.add(issue.progress(LocalDate.of(2023, 5, 10), Events.reading("investment.completed",
                    Map.of("industry", "行业" + i), String.valueOf(10_000 * (i + 1)), "CNY", "MONEY", "1万元")));
        }
        Kafka.send(records);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().queryParam("inspection", inspection.id).get("/api/reports/summary").then()
                        .body("issues.total", equalTo(issues)).body("issues.byStatus.IN_PROGRESS", equalTo(issues)));
        return inspection;
    }

    private static JsonPath summary(Events.Inspection inspection) {
        return given().queryParam("inspection", inspection.id).get("/api/reports/summary").then().statusCode(200)
                .extract().jsonPath();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The secret is in no argument of this JVM and in no property: {@code zhenggai.journal.token} is gone. */
    private static void assertNotOnTheCommandLine(String secret) {
        assertThat(ProcessHandle.current().info().commandLine().orElse("")).doesNotContain(secret);
        assertThat(System.getProperties().stringPropertyNames()).doesNotContain("zhenggai.journal.token");
        assertThat(System.getProperties().values()).doesNotContain(secret);
        assertThat(ConfigProvider.getConfig().getOptionalValue("zhenggai.journal.token", String.class)).isEmpty();
    }

    @Test
    void shouldReadTheJournalWithAnAccessTokenFromClientCredentials() throws Exception {
        ledger(3);
        String accessToken = JwtTestResource.keys().token("service-account-report-service", "report-service",
                List.of("journal-reader"), List.of(), Duration.ofMinutes(5));
        try (TokenEndpoint provider = new TokenEndpoint("report-service", "s3cret", accessToken, 300);
             JournalStub journal = new JournalStub(bootstrapServers, Kafka.TOPIC, () -> accessToken)) {
            replays.useJournal(journal.url(), ServiceToken.of(JournalIdentities.clientCredentials(provider.url(),
                    "report-service", null), "s3cret"));
            Response started = start("{\"source\": \"journal\"}");
            started.then().statusCode(202);
            long id = started.jsonPath().getLong("id");
            JsonPath replay = awaitState(id, "CAUGHT_UP");
            assertThat(replay.getLong("done")).isPositive();
            assertThat(journal.pagesServed.get()).isPositive();
            assertThat(journal.refused.get()).isZero();
            // one token for every page: it is kept until shortly before it expires
            assertThat(provider.issued.get()).isEqualTo(1);
            given().post("/api/admin/replays/" + id + "/cancel").then().statusCode(200);
            assertNotOnTheCommandLine(accessToken);
            assertNotOnTheCommandLine("s3cret");
        } finally {
            replays.useJournal("http://127.0.0.1:8080", ServiceToken.NONE);
        }
    }

    private static int activeGeneration() {
        return given().get("/api/admin/generations").then().statusCode(200).extract().jsonPath()
                .getInt("find { it.state == 'ACTIVE' }.number");
    }

    private static Response start(String body) {
        return given().contentType("application/json").body(body).post("/api/admin/replays");
    }

    private static JsonPath awaitState(long id, String state) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/api/admin/replays/" + id).then().statusCode(200).body("state", equalTo(state)));
        return given().get("/api/admin/replays/" + id).then().extract().jsonPath();
    }

    @Test
    void shouldRebuildFromTheTopicEqualToTheLiveGenerationAndSwitchAutomaticallyWithoutRepeatingSideEffects() {
        Events.Inspection inspection = ledger(60);
        // the live intake performed the side effect once per created issue
        long sentBefore = NotifyingProjection.SENT.get();
        assertThat(sentBefore).isGreaterThanOrEqualTo(60);
        JsonPath before = summary(inspection);
        int previous = activeGeneration();

        // the replay waits at its first event until the reads below have been answered beside it
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        NotifyingProjection.replayGate = gate;
        long id;
        int generation;
        AtomicInteger readsWhileRunning = new AtomicInteger();
        try {
            Response started = start("{\"source\": \"topic\", \"autoSwitch\": true, \"note\": \"测试重放\"}");
            started.then().statusCode(202).header("Location", matchesPattern(".*/api/admin/replays/\\d+"))
                    .body("source", equalTo("TOPIC")).body("autoSwitch", equalTo(true));
            id = started.jsonPath().getLong("id");
            generation = started.jsonPath().getInt("generation");
            assertThat(generation).isGreaterThan(previous);
            awaitState(id, "RUNNING");
            for (int i = 0; i < 3; i++) {
                assertThat(summary(inspection).getInt("issues.total")).isEqualTo(60);
                given().get("/api/admin/replays/" + id).then().body("state", equalTo("RUNNING"));
                readsWhileRunning.incrementAndGet();
            }
        } finally {
            gate.countDown();
            NotifyingProjection.replayGate = null;
        }

        // reads keep answering from the live generation while the replay runs, until it switches
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
            String stateBefore = given().get("/api/admin/replays/" + id).then().extract().path("state");
            JsonPath during = summary(inspection);
            assertThat(during.getInt("issues.total")).isEqualTo(60);
            String stateAfter = given().get("/api/admin/replays/" + id).then().extract().path("state");
            if ("RUNNING".equals(stateBefore) && "RUNNING".equals(stateAfter)) {
                readsWhileRunning.incrementAndGet();
            }
            return "SWITCHED".equals(stateAfter);
        });
        assertThat(readsWhileRunning.get()).as("summaries answered while the replay was running").isGreaterThan(2);

        JsonPath replay = given().get("/api/admin/replays/" + id).then().statusCode(200)
                .body("lastResult", equalTo("SWITCHED"))
                .body("comparison.equal", equalTo(true))
                .body("percent", equalTo(100.0f))
                .body("applied", greaterThan(120))
                .body("suppressedSideEffects", greaterThan(59))
                .extract().jsonPath();
        assertThat(replay.getList("comparison.tables.table")).contains("issue_view", "reading_fact", "applied_event",
                "issue_status_history", "inspection_view", "applied_aggregate");
        assertThat(replay.getLong("comparison.tables.find { it.table == 'issue_view' }.liveRows"))
                .isEqualTo(replay.getLong("comparison.tables.find { it.table == 'issue_view' }.replayRows"))
                .isGreaterThanOrEqualTo(60);
        // no notification was sent again
        assertThat(NotifyingProjection.SENT.get()).isEqualTo(sentBefore);

        assertThat(activeGeneration()).isEqualTo(generation);
        given().get("/api/admin/generations").then()
                .body("find { it.number == %d }.state".formatted(previous), equalTo("RETIRED"));
        JsonPath after = summary(inspection);
        assertThat(after.getMap("issues")).isEqualTo(before.getMap("issues"));

        // the intake goes on in the new generation, from the same offsets
        Events.Issue late = inspection.issue("main", "二", 1, "切换之后");
        Kafka.send(late.created());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("inspection", inspection.id)
                .get("/api/reports/summary").then().body("issues.total", equalTo(61)));
        assertThat(NotifyingProjection.NOTIFIED).contains(late.id);
        given().get("/api/intake/status").then().body("heldEvents", equalTo(0));

        // the retired generation keeps its schema until an operator drops it; only a retired one can be dropped
        assertThat(schemaExists("gen_" + previous)).isTrue();
        given().delete("/api/admin/generations/" + generation).then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("number"));
        given().delete("/api/admin/generations/" + previous).then().statusCode(200)
                .body("state", equalTo("RETIRED")).body("droppedAt", notNullValue());
        assertThat(schemaExists("gen_" + previous)).isFalse();
        given().delete("/api/admin/generations/" + previous).then().statusCode(200).body("droppedAt", notNullValue());
        given().delete("/api/admin/generations/999999").then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/admin/generations/first").then().statusCode(400).contentType("application/problem+json");
        assertThat(summary(inspection).getInt("issues.total")).isEqualTo(61);
    }

    private boolean schemaExists(String schema) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?1").setParameter(1, schema)
                .getSingleResult()).intValue() == 1);
    }

    @Test
    void shouldRefuseASecondReplayAndASwitchWithDifferencesAndDropTheGenerationOnCancel() {
        Events.Inspection inspection = ledger(5);
        int live = activeGeneration();
        long id = start("{\"source\": \"topic\"}").then().statusCode(202).extract().jsonPath().getLong("id");
        start("{\"source\": \"topic\"}").then().statusCode(409).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("one replay at a time"));
        JsonPath caughtUp = awaitState(id, "CAUGHT_UP");
        int generation = caughtUp.getInt("generation");
        assertThat(caughtUp.getBoolean("autoSwitch")).isFalse();

        // an operator compares: equal
        given().post("/api/admin/replays/" + id + "/compare").then().statusCode(200)
                .body("lastResult", equalTo("EQUAL")).body("comparison.equal", equalTo(true))
                .body("state", equalTo("CAUGHT_UP"));

        // make the replayed generation differ, as a changed projection would
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "UPDATE gen_" + generation + ".issue_view SET title = '改过的' WHERE inspection_id = ?1")
                .setParameter(1, inspection.id).executeUpdate());
        given().contentType("application/json").body("{}").post("/api/admin/replays/" + id + "/switch").then()
                .statusCode(409).contentType("application/problem+json")
                .body("errors[0].field", equalTo("acceptDifferences"))
                .body("detail", org.hamcrest.Matchers.containsString("issue_view"));
        JsonPath compared = given().get("/api/admin/replays/" + id).then().statusCode(200)
                .body("state", equalTo("CAUGHT_UP")).body("comparison.equal", equalTo(false)).extract().jsonPath();
        assertThat(compared.getLong("comparison.tables.find { it.table == 'issue_view' }.onlyInLive")).isEqualTo(5);
        assertThat(compared.getLong("comparison.tables.find { it.table == 'issue_view' }.onlyInReplay")).isEqualTo(5);
        assertThat(compared.getList("comparison.tables.find { it.table == 'issue_view' }.samplesOnlyInReplay",
                String.class)).hasSize(3).allMatch(s -> s.contains("改过的"));
        assertThat(activeGeneration()).isEqualTo(live);

        given().post("/api/admin/replays/" + id + "/cancel").then().statusCode(200).body("state", equalTo("CANCELLED"));
        given().get("/api/admin/generations").then()
                .body("find { it.number == %d }.state".formatted(generation), equalTo("CANCELLED"));
        long schemas = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?1")
                .setParameter(1, "gen_" + generation).getSingleResult()).longValue());
        assertThat(schemas).as("the cancelled generation's schema is dropped").isZero();
        given().post("/api/admin/replays/" + id + "/switch").then().statusCode(409)
                .contentType("application/problem+json");
        given().post("/api/admin/replays/" + id + "/cancel").then().statusCode(409);
        assertThat(activeGeneration()).isEqualTo(live);
        summary(inspection);
    }

    @Test
    void shouldAnswerBadRequestsWithProblems() {
        start("{\"source\": \"kafka\"}").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("source"));
        start("{\"source\": ").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/admin/replays/abc").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/admin/replays/999999").then().statusCode(404).contentType("application/problem+json");
        given().post("/api/admin/replays/999999/switch").then().statusCode(404);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/admin/replays'.post.responses.'202'", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/admin/replays/{id}/switch'.post.responses.'409'", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void shouldRebuildFromTheJournalAndContinueFromTheLiveOffsets() throws Exception {
        Events.Inspection inspection = ledger(20);
        JsonPath before = summary(inspection);
        // report-service's own identity, as the local launcher writes it: a journal-reader token in a 0600 file
        Path tokenFile = JwtTestResource.keys().writeServiceToken("report-service-journal.token", Duration.ofHours(1));
        try (JournalStub journal = new JournalStub(bootstrapServers, Kafka.TOPIC, () -> read(tokenFile))) {
            replays.useJournal(journal.url(), ServiceToken.of(JournalIdentities.tokenFile(tokenFile), null));
            Response started = start("{\"source\": \"journal\", \"autoSwitch\": true}");
            started.then().statusCode(202).body("source", equalTo("JOURNAL"));
            long id = started.jsonPath().getLong("id");
            JsonPath replay = awaitState(id, "SWITCHED");
            assertThat(replay.getBoolean("comparison.equal")).as(replay.prettify()).isTrue();
            assertThat(replay.getLong("done")).isGreaterThan(0);
            assertThat(journal.pagesServed.get()).isPositive();
            assertThat(journal.refused.get()).as("requests without the file's token").isZero();
            assertThat(activeGeneration()).isEqualTo(replay.getInt("generation"));
            assertThat(Files.getPosixFilePermissions(tokenFile)).containsExactlyInAnyOrder(
                    PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertNotOnTheCommandLine(read(tokenFile));
        } finally {
            replays.useJournal("http://127.0.0.1:8080", ServiceToken.NONE);
        }
        assertThat(summary(inspection).getMap("issues")).isEqualTo(before.getMap("issues"));
        // the journal-built generation took over the live offsets: new events apply once, old ones are not re-applied
        Events.Issue late = inspection.issue("main", "二", 1, "日志重放之后");
        Kafka.send(late.created());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("inspection", inspection.id)
                .get("/api/reports/summary").then().body("issues.total", equalTo(21)));
        given().get("/api/intake/status").then().body("heldEvents", equalTo(0));
    }

    /**
     * A generation being built is written without WAL; a crash of PostgreSQL empties it (crash recovery empties every
     * unlogged table), while the replay's row in public still holds its journal position and counts. Emulated here as
     * recovery does it (every unlogged table of the generation truncated) together with the loss of the process that
     * ran the replay (its row taken by another owner, then left stale): the replay taken over finds its generation
     * emptied, starts again from the beginning of the journal, and ends equal to the live generation with the counts
     * of one pass.
     */
    @Test
    void shouldStartAgainFromTheBeginningWhenACrashOfPostgresEmptiedTheGenerationBeingBuilt() throws Exception {
        Events.Inspection inspection = ledger(12);
        Path tokenFile = JwtTestResource.keys().writeServiceToken("report-service-journal.token", Duration.ofHours(1));
        try (JournalStub journal = new JournalStub(bootstrapServers, Kafka.TOPIC, () -> read(tokenFile))) {
            replays.useJournal(journal.url(), ServiceToken.of(JournalIdentities.tokenFile(tokenFile), null));
            long id = start("{\"source\": \"journal\"}").then().statusCode(202).extract().jsonPath().getLong("id");
            JsonPath first = awaitState(id, "CAUGHT_UP");
            String schema = "gen_" + first.getInt("generation");
            assertThat(first.getLong("applied")).isPositive();

            // the process that ran it is gone (its next heartbeat finds another owner and it stops) …
            execute("UPDATE public.replay SET owner = 'a process that died', heartbeat_at = now() WHERE id = " + id);
            Thread.sleep(1_500);
            // … and PostgreSQL crashed: recovery empties the unlogged tables; the replay's row is logged and stays
            @SuppressWarnings("unchecked")
            List<String> unlogged = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                            + "WHERE n.nspname = ?1 AND c.relkind = 'r' AND c.relpersistence = 'u'")
                    .setParameter(1, schema).getResultList());
            assertThat(unlogged).contains("issue_view", "applied_event", "intake_offset", "build_canary");
            execute("TRUNCATE " + String.join(", ", unlogged.stream().map(t -> schema + "." + t).toList()));
            execute("UPDATE public.replay SET heartbeat_at = now() - interval '1 hour' WHERE id = " + id);

            // taken over (the canary is set again in the transaction that starts it again), caught up again
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> QuarkusTransaction
                    .requiringNew().call(() -> ((Number) em.createNativeQuery("SELECT count(*) FROM " + schema
                            + ".build_canary").getSingleResult()).intValue() == 1));
            assertThat(ownerOf(id)).isNotEqualTo("a process that died");
            awaitState(id, "CAUGHT_UP");
            given().post("/api/admin/replays/" + id + "/compare").then().statusCode(200)
                    .body("lastResult", equalTo("EQUAL")).body("comparison.equal", equalTo(true));
            JsonPath again = given().get("/api/admin/replays/" + id).then().extract().jsonPath();
            assertThat(again.getLong("applied")).as("applied once, not counted twice").isEqualTo(first.getLong("applied"));
            assertThat(again.getLong("done")).isEqualTo(first.getLong("done"));
        } finally {
            replays.useJournal("http://127.0.0.1:8080", ServiceToken.NONE);
        }
        summary(inspection);
    }

    private String ownerOf(long id) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT owner FROM public.replay WHERE id = ?1").setParameter(1, id).getSingleResult());
    }

    private void execute(String sql) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(sql).executeUpdate());
    }

    /**
     * The restore drill without processes: issue-service's database restored to a point after an issue's first event
     * numbers its next changes 2, 3, … again under other event ids. The live intake records the reused sequences as
     * conflicts and holds what follows; a replay from the journal (which holds the new events, not the undone ones)
     * switched in with the differences accepted applies the held events that are now next in sequence, closes the
     * conflicts the journal confirms, and the intake is healthy again, the issue at the journal's sequence.
     */
    @Test
    void shouldApplyWhatTheIntakeHeldBehindConflictsWhenAJournalBuiltGenerationIsSwitchedIn() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/group/intake").then()
                .statusCode(200));
        Events.Inspection inspection = new Events.Inspection();
        Events.Issue issue = inspection.issue("main", "一", 1, "恢复备份之后");
        Events.Record created = issue.created();
        Events.Record undone2 = issue.progress(LocalDate.of(2023, 5, 10));
        Events.Record undone3 = issue.progress(LocalDate.of(2023, 5, 11));
        Kafka.send(inspection.created(), created, undone2, undone3);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("inspection", inspection.id)
                .get("/api/reports/summary").then().body("issues.byStatus.IN_PROGRESS", equalTo(1)));

        // restored to the backup taken after sequence 1: the next changes are numbered 2, 3, 4, 5 again
        Events.Issue restored = inspection.issue("main", "一", 1, "恢复备份之后");
        restored.created();
        List<Events.Record> rewritten = List.of(restored.progress(LocalDate.of(2023, 5, 12)),
                restored.progress(LocalDate.of(2023, 5, 13)), restored.progress(LocalDate.of(2023, 5, 14)),
                restored.transition("MAKE_LONG_TERM", "LONG_TERM", LocalDate.of(2023, 5, 15)));
        List<Events.Record> written = rewritten.stream().map(r -> new Events.Record(issue.id.toString(),
                r.value().replace(restored.id.toString(), issue.id.toString()), r.eventId())).toList();
        Kafka.send(written);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/intake/status").then()
                .body("blocked.find { it.aggregateId == '%s' }.reason".formatted(issue.id), equalTo("conflict"))
                .body("gaps.find { it.aggregateId == '%s' }.heldEvents".formatted(issue.id), equalTo(2))
                .body("gaps.find { it.aggregateId == '%s' }.lastAppliedSequence".formatted(issue.id), equalTo(3)));
        given().get("/api/intake/conflicts").then()
                .body("findAll { it.aggregateId == '%s' }.sequence".formatted(issue.id),
                        org.hamcrest.Matchers.containsInAnyOrder(2, 3));

        Path tokenFile = JwtTestResource.keys().writeServiceToken("report-service-journal.token", Duration.ofHours(1));
        int generation;
        try (JournalStub journal = new JournalStub(bootstrapServers, Kafka.TOPIC, () -> read(tokenFile),
                java.util.Set.of(undone2.eventId(), undone3.eventId()))) {
            replays.useJournal(journal.url(), ServiceToken.of(JournalIdentities.tokenFile(tokenFile), null));
            long id = start("{\"source\": \"journal\"}").then().statusCode(202).extract().jsonPath().getLong("id");
            generation = awaitState(id, "CAUGHT_UP").getInt("generation");
            given().contentType("application/json").body("{\"acceptDifferences\": true}")
                    .post("/api/admin/replays/" + id + "/switch").then()
                    .statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(202))); // 202: still switching
            JsonPath switched = awaitState(id, "SWITCHED");
            assertThat(switched.getBoolean("comparison.equal")).as("the undone events differ").isFalse();
        } finally {
            replays.useJournal("http://127.0.0.1:8080", ServiceToken.NONE);
        }
        assertThat(activeGeneration()).isEqualTo(generation);

        // nothing waits: the held events were applied at the switch, once, in order, after the journal's 2 and 3
        given().get("/api/intake/status").then().statusCode(200).body("heldEvents", equalTo(0))
                .body("gaps.aggregateId", not(hasItem(issue.id.toString())))
                .body("blocked.aggregateId", not(hasItem(issue.id.toString())));
        given().get("/q/health/group/intake").then().statusCode(200).body("status", equalTo("UP"));
        List<String> applied = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "SELECT CAST(event_id AS text) FROM gen_" + generation + ".applied_event WHERE aggregate_id = ?1"
                                + " ORDER BY sequence").setParameter(1, issue.id).getResultList())
                .stream().map(String::valueOf).toList();
        List<String> journalOrder = new ArrayList<>(List.of(created.eventId().toString()));
        written.forEach(r -> journalOrder.add(r.eventId().toString()));
        assertThat(applied).isEqualTo(journalOrder);
        long last = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT last_sequence FROM gen_" + generation + ".applied_aggregate WHERE aggregate_id = ?1")
                .setParameter(1, issue.id).getSingleResult()).longValue());
        assertThat(last).as("the issue's sequence, as the journal has it").isEqualTo(5);
        given().queryParam("inspection", inspection.id).get("/api/reports/summary").then()
                .body("issues.byStatus.LONG_TERM", equalTo(1));
        // the conflicts the journal confirmed are closed, on record
        given().get("/api/intake/conflicts").then()
                .body("findAll { it.aggregateId == '%s' && it.resolvedAt != null }.sequence".formatted(issue.id),
                        org.hamcrest.Matchers.containsInAnyOrder(2, 3))
                .body("find { it.aggregateId == '%s' }.resolution".formatted(issue.id),
                        startsWith("切换到由日志重建的第" + generation + "代时解决"));

        // the intake goes on with the issue's next change
        Events.Record next = restored.transition("RESUME", "IN_PROGRESS", LocalDate.of(2023, 5, 16));
        Kafka.send(new Events.Record(issue.id.toString(), next.value().replace(restored.id.toString(),
                issue.id.toString()), next.eventId()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("inspection", inspection.id)
                .get("/api/reports/summary").then().body("issues.byStatus.IN_PROGRESS", equalTo(1)));
        given().get("/q/health/group/intake").then().statusCode(200);
    }
}
