package io.zhenggai.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.e2e.PublishedLog.Event;
import io.zhenggai.e2e.PublishedLog.Key;
import io.zhenggai.e2e.PublishedLog.Published;
import io.zhenggai.local.KafkaBrokerProcess;
import io.zhenggai.local.KafkaCluster;
import io.zhenggai.local.PostgresServer;
import io.zhenggai.local.ServiceProcess;
import io.zhenggai.local.Topics;

/**
 * The harness of the fault drills: the whole system as processes that can be killed one by one (issue-service's and
 * report-service's PostgreSQL as two servers, a broker process or a cluster of three, both packaged services), a
 * steady write load through the API ({@link DrillLoad}), and the checks after the fault, ending in one verdict line:
 * <ul>
 * <li>every write answered 2xx is in the journal ({@code GET /api/journal}),</li>
 * <li>every journal row is on the topic (read with a consumer of its own), in order per aggregate,</li>
 * <li>every journal row applied exactly once in effect by report-service (its {@code applied_event} holds each
 * (aggregate, sequence) once, under the journal's event id, and its per-issue sequence equals the journal's),</li>
 * <li>report-service's projections equal a fresh replay from the topic (its own generation comparison),</li>
 * <li>both services healthy, the intake without gaps or conflicts, with nobody stepping in.</li>
 * </ul>
 * Everything (logs, the broker's and the databases' data) stays under {@code target/drills/<drill>-<time>/}.
 */
final class Drill implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final String OFFICE = RunningSystem.token("drill-office", "office");
    static final String OPERATOR = RunningSystem.token("drill-operator", "operator");
    /**
     * How long a service may take to start (or restart) until healthy: 300 s, or {@code zhenggai.drill.start-seconds}
     * (on the shared 2-core machine, at a load average of 80, a restart of report-service took 202 s).
     */
    static final Duration STARTUP = Duration.ofSeconds(Long.getLong("zhenggai.drill.start-seconds", 300));

    /** How the system of a drill is made. */
    static final class Setup {
        boolean cluster;
        /** Called with the broker's log directory before the broker is first started (e.g. to mount a small disk). */
        Consumer<Path> brokerLogDirectory = path -> { };
        int issues = 40;
        final Map<String, String> reportSettings = new LinkedHashMap<>();

        Setup reportSetting(String key, String value) {
            reportSettings.put(key, value);
            return this;
        }

        Setup cluster() {
            cluster = true;
            return this;
        }

        Setup brokerLogDirectory(Consumer<Path> prepare) {
            brokerLogDirectory = prepare;
            return this;
        }

        Setup issues(int count) {
            issues = count;
            return this;
        }
    }

    final String name;
    final Path directory;
    final PostgresServer issuesDb;
    final PostgresServer reportsDb;
    final KafkaBrokerProcess broker;
    final KafkaCluster cluster;
    final ServiceProcess issueService;
    final ServiceProcess reportService;
    /** Every write of the drill: the setup's (inspection, issues) and the load's. */
    final List<DrillLoad.Write> setupWrites = new ArrayList<>();
    final List<String> issues = new ArrayList<>();
    private final long began;

    private Drill(long began, String name, Path directory, PostgresServer issuesDb, PostgresServer reportsDb,
                  KafkaBrokerProcess broker, KafkaCluster cluster, ServiceProcess issueService,
                  ServiceProcess reportService) {
        this.began = began;
        this.name = name;
        this.directory = directory;
        this.issuesDb = issuesDb;
        this.reportsDb = reportsDb;
        this.broker = broker;
        this.cluster = cluster;
        this.issueService = issueService;
        this.reportService = reportService;
    }

    static Drill start(String name, Setup setup) throws Exception {
        long began = System.nanoTime();
        Path directory = Path.of("target", "drills", name + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))).toAbsolutePath();
        Files.createDirectories(directory);
        int[] ports = RunningSystem.freePorts(6);
        KafkaBrokerProcess broker = null;
        KafkaCluster cluster = null;
        CompletableFuture<Void> kafka;
        if (setup.cluster) {
            cluster = new KafkaCluster(directory.resolve("kafka"), ports, Topics.DEFAULT_PARTITIONS);
            kafka = CompletableFuture.runAsync(cluster::start);
        } else {
            broker = new KafkaBrokerProcess(directory.resolve("kafka"), ports[0], ports[1], Topics.DEFAULT_PARTITIONS);
            setup.brokerLogDirectory.accept(broker.dataDirectory());
            kafka = CompletableFuture.runAsync(broker::start);
        }
        // two servers: report-service's database can be stopped while issue-service's keeps running
        // fsync off: the drills kill processes, never the machine, and the page cache outlives a process (and on a
        // shared 2-core machine durable commits would measure the disk, not the system)
        PostgresServer issuesDb = PostgresServer.start(directory.resolve("postgres-issues"),
                RunningSystem.freePort(), true)
                .ensureDatabase("issues");
        PostgresServer reportsDb = PostgresServer.start(directory.resolve("postgres-reports"),
                RunningSystem.freePort(), true)
                .ensureDatabase("reports");
        kafka.join();
        String bootstrap = cluster != null ? cluster.bootstrapServers() : broker.bootstrapServers();
        ServiceProcess issueService = RunningSystem.service("issue-service", issuesDb.jdbcUrl("issues"), bootstrap,
                directory);
        Map<String, String> reportSettings = new LinkedHashMap<>(Map.of(
                // a replay taken over quickly after a crash, in small batches so a kill lands in the middle
                "zhenggai.replay.max-poll-records", "50", "zhenggai.replay.stale-seconds", "3",
                "zhenggai.replay.claim-every", "1s"));
        reportSettings.putAll(RunningSystem.journalAccess(issueService.baseUrl()));
        reportSettings.putAll(setup.reportSettings);
        ServiceProcess reportService = RunningSystem.service("report-service", reportsDb.jdbcUrl("reports"),
                bootstrap, directory, reportSettings);
        issueService.awaitHealthy(Drill.STARTUP);
        reportService.awaitHealthy(Drill.STARTUP);
        Drill drill = new Drill(began, name, directory, issuesDb, reportsDb, broker, cluster, issueService, reportService);
        drill.say("system up in %.0f s: Kafka %s, issue-service %s, report-service %s; logs in %s",
                (System.nanoTime() - drill.began) / 1e9, bootstrap, issueService.baseUrl(), reportService.baseUrl(),
                directory);
        drill.createIssues(setup.issues);
        return drill;
    }

    String bootstrapServers() {
        return cluster != null ? cluster.bootstrapServers() : broker.bootstrapServers();
    }

    /** The inspection and the issues the load writes to, through the API as an office user. */
    private void createIssues(int count) throws Exception {
        HttpResponse<String> inspection = post(issueService.baseUrl() + "/api/inspections", OFFICE, """
                {"team": "市委第五巡察组", "targetUnit": "开发区-演练-%s", "kinds": ["ROUTINE"], "feedbackDate": "2022-12-07",
                 "declared": {"aspects": 1, "categories": 1, "suggestions": 0},
                 "lists": [{"key": "main", "title": "市委巡察组反馈意见", "aspects": [
                   {"numbering": "（一）", "title": "关于聚焦党中央各项决策部署在基层的落实情况方面", "categories": [
                     {"numbering": "1.", "title": "学习贯彻落实习近平新时代中国特色社会主义思想不够深入"}]}]}]}
                """.formatted(UUID.randomUUID()));
        String inspectionId = created(inspection);
        setupWrites.add(new DrillLoad.Write(inspectionId, inspection.statusCode(), etag(inspection), "setup", null));
        for (int i = 1; i <= count; i++) {
            HttpResponse<String> issue = post(issueService.baseUrl() + "/api/issues", OFFICE, """
                    {"inspectionId": "%s", "listKey": "main", "categoryPath": "一/1", "numbering": "（%d）",
                     "title": "关于理论学习中心组学习制度执行不够严格问题（%d）", "leadLeaders": ["张三"],
                     "responsibleUnits": ["党政办公室"], "tags": ["演练"]}
                    """.formatted(inspectionId, i, i));
            String id = created(issue);
            issues.add(id);
            setupWrites.add(new DrillLoad.Write(id, issue.statusCode(), etag(issue), "setup", null));
        }
    }

    private static String created(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 201) {
            throw new IllegalStateException("setup write answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body()).get("id").asText();
    }

    private static long etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag")
                .map(tag -> Long.parseLong(tag.replace("W/", "").replace("\"", ""))).orElse(1L);
    }

    /** The write load, started: {@code perSecond} progress reports per second over the drill's issues. */
    DrillLoad load(int perSecond) {
        return new DrillLoad(issueService.baseUrl(), OFFICE, issues).start(perSecond);
    }

    // --- the checks ---

    /** What the checks found; PASS needs every count of trouble at zero and every yes. */
    record Verdict(long written, long journaled, long published, long applied, long lost, long doubled,
                   List<String> problems) {

        boolean passed() {
            return lost == 0 && doubled == 0 && problems.isEmpty();
        }

        String line() {
            return "written=%d journaled=%d published=%d applied=%d lost=%d doubled=%d verdict=%s".formatted(
                    written, journaled, published, applied, lost, doubled, passed() ? "PASS" : "FAIL");
        }
    }

    /**
     * After the fault and the load: waits (bounded) until the system has settled by itself, then checks everything
     * and prints the verdict line. {@code extraProblems} are what the drill itself saw go wrong.
     */
    Verdict verdict(List<DrillLoad.Write> loadWrites, List<String> extraProblems) throws Exception {
        return verdict(loadWrites, extraProblems, "topic", Set.of());
    }

    /**
     * … comparing with a fresh replay from {@code replaySource} ({@code topic} or {@code journal}), and leaving out
     * the records of the topic that carry {@code undone} events (ids a restore took out of the journal).
     */
    Verdict verdict(List<DrillLoad.Write> loadWrites, List<String> extraProblems, String replaySource,
                    Set<String> undone) throws Exception {
        List<String> problems = new ArrayList<>(extraProblems);
        List<DrillLoad.Write> writes = new ArrayList<>(setupWrites);
        writes.addAll(loadWrites);
        List<DrillLoad.Write> acknowledged = writes.stream().filter(DrillLoad.Write::acknowledged).toList();
        say("writes: %d sent, %d acknowledged, %d not (%s)", writes.size(), acknowledged.size(),
                writes.size() - acknowledged.size(), writes.stream().filter(w -> !w.acknowledged())
                        .collect(Collectors.groupingBy(w -> w.status() == 0 ? "no answer" : "HTTP " + w.status(),
                                Collectors.counting())));

        // recovered without a human: both answer health UP within a bound, nobody restarted them after the drill
        for (ServiceProcess service : List.of(issueService, reportService)) {
            if (!healthy(service, STARTUP)) {
                problems.add(service.name() + " not healthy");
            }
        }

        List<Event> journal = readJournal();
        Map<Key, Event> journalByKey = journal.stream().collect(Collectors.toMap(Event::key, e -> e));
        long lostWrites = acknowledged.stream().filter(w -> !journalByKey.containsKey(w.key())).count();

        // the relay drains by itself: wait until every journal row is on the topic
        List<Published> topic = waitFor(Duration.ofSeconds(240), this::readTopic, records ->
                records.stream().map(r -> r.event().key()).collect(Collectors.toSet())
                        .containsAll(journalByKey.keySet()));
        if (!undone.isEmpty()) {
            int all = topic.size();
            topic = topic.stream().filter(r -> !undone.contains(r.event().eventId())).toList();
            say("%d records on the topic carry events the restore undid: left out", all - topic.size());
        }
        PublishedLog.Verdict published = PublishedLog.compare(journal, topic);
        Set<Key> onTopic = topic.stream().map(r -> r.event().key()).collect(Collectors.toSet());
        long publishedCount = journal.stream().filter(e -> onTopic.contains(e.key())).count();
        if (!published.skips().isEmpty() || !published.misplaced().isEmpty()) {
            problems.add("topic out of order or misplaced: " + published.skips() + published.misplaced());
        }

        // the intake applies by itself: wait until report-service's sequence per aggregate is the journal's
        Map<String, Long> journalSequence = journal.stream().collect(Collectors.toMap(Event::aggregateId,
                Event::sequence, Math::max));
        Map<String, Long> appliedSequence = waitFor(Duration.ofSeconds(240), this::appliedSequences,
                journalSequence::equals);
        List<String> sequenceDifferences = journalSequence.entrySet().stream()
                .filter(e -> !e.getValue().equals(appliedSequence.get(e.getKey())))
                .map(e -> e.getKey() + " journal " + e.getValue() + " report-service " + appliedSequence.get(e.getKey()))
                .toList();
        if (!sequenceDifferences.isEmpty()) {
            problems.add("per-issue sequence differs for " + sequenceDifferences.size() + ": "
                    + sequenceDifferences.stream().limit(5).toList());
        }
        List<Event> applied = appliedEvents();
        Map<Key, Long> appliedTimes = applied.stream().collect(Collectors.groupingBy(Event::key,
                Collectors.counting()));
        long appliedTwice = appliedTimes.values().stream().mapToLong(n -> n - 1).sum();
        long appliedForeign = applied.stream().filter(e -> {
            Event journaled = journalByKey.get(e.key());
            return journaled == null || !journaled.eventId().equals(e.eventId());
        }).count();
        long notApplied = journal.stream().filter(e -> !appliedTimes.containsKey(e.key())).count();

        JsonNode intake = JSON.readTree(get(reportService.baseUrl() + "/q/health/group/intake", null));
        if (!"UP".equals(intake.path("status").asText())) {
            problems.add("intake health " + intake);
        }
        JsonNode status = JSON.readTree(get(reportService.baseUrl() + "/api/intake/status", OPERATOR));
        say("intake: %s", status.toString().length() > 600 ? status.toString().substring(0, 600) + "…" : status);

        // the projections equal a fresh replay from the topic (report-service's own comparison)
        String comparison = replayAndCompare(replaySource);
        if (comparison != null) {
            problems.add(comparison);
        }

        long lost = lostWrites + published.missing().size() + notApplied;
        long doubled = published.extra().size() + published.mismatched().size() + appliedTwice + appliedForeign;
        say("lost: %d acknowledged writes not journaled, %d journal rows not on the topic, %d not applied; doubled: "
                        + "%d extra and %d different records on the topic (%d re-sent duplicates are allowed), %d "
                        + "applied twice, %d applied that the journal does not have", lostWrites,
                published.missing().size(), notApplied, published.extra().size(), published.mismatched().size(),
                published.duplicates(), appliedTwice, appliedForeign);
        Verdict verdict = new Verdict(acknowledged.size(), journal.size(), publishedCount, applied.size(), lost,
                doubled, problems);
        problems.forEach(problem -> say("problem: %s", problem));
        say("drill %s took %.0f s", name, (System.nanoTime() - began) / 1e9);
        System.out.println("[drill " + name + "] " + verdict.line());
        Files.writeString(directory.resolve("verdict.txt"), verdict.line() + "\n" + String.join("\n", problems));
        return verdict;
    }

    /**
     * Starts a replay from {@code source} and compares it with the live generation once caught up; then drops it
     * (the live generation stays). Answers null when equal, else what differed.
     */
    String replayAndCompare(String source) throws Exception {
        long id = startReplay(source, false);
        JsonNode caughtUp = awaitReplay(id, Set.of("CAUGHT_UP"), Duration.ofSeconds(300));
        if (!"CAUGHT_UP".equals(caughtUp.path("state").asText())) {
            return "replay " + id + " did not catch up: " + caughtUp;
        }
        HttpResponse<String> compared = post(reportService.baseUrl() + "/api/admin/replays/" + id + "/compare",
                OPERATOR, "");
        JsonNode view = JSON.readTree(compared.body());
        if (compared.statusCode() == 202) {
            view = awaitReplay(id, Set.of("CAUGHT_UP"), Duration.ofSeconds(120));
            while (view.path("pendingAction").isTextual()) {
                Thread.sleep(500);
                view = replay(id);
            }
        }
        boolean equal = view.path("comparison").path("equal").asBoolean(false);
        say("replay %d from the %s: %d applied, comparison with the live generation: %s", id, source,
                view.path("applied").asLong(), equal ? "equal" : view.path("comparison"));
        post(reportService.baseUrl() + "/api/admin/replays/" + id + "/cancel", OPERATOR, "");
        return equal ? null : "replay " + id + " differs from the live generation: " + view.path("comparison");
    }

    long startReplay(String source, boolean autoSwitch) throws Exception {
        HttpResponse<String> started = post(reportService.baseUrl() + "/api/admin/replays", OPERATOR,
                "{\"source\": \"%s\", \"autoSwitch\": %s, \"note\": \"drill %s\"}".formatted(source, autoSwitch, name));
        if (started.statusCode() != 202) {
            throw new IllegalStateException("starting a replay answered " + started.statusCode() + ": "
                    + started.body());
        }
        return JSON.readTree(started.body()).get("id").asLong();
    }

    JsonNode replay(long id) throws Exception {
        return JSON.readTree(get(reportService.baseUrl() + "/api/admin/replays/" + id, OPERATOR));
    }

    /** Polls the replay until it is in one of {@code states} (or a final one), with no action pending. */
    JsonNode awaitReplay(long id, Set<String> states, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode view = null;
        while (System.nanoTime() < deadline) {
            try {
                view = replay(id);
                String state = view.path("state").asText();
                if ((states.contains(state) && !view.path("pendingAction").isTextual())
                        || Set.of("SWITCHED", "CANCELLED", "FAILED").contains(state)) {
                    return view;
                }
            } catch (IOException | IllegalStateException notNow) {
                // the service may be restarting
            }
            Thread.sleep(500);
        }
        return view == null ? JSON.createObjectNode() : view;
    }

    // --- reading the journal, the topic and report-service's database ---

    List<Event> readJournal() throws Exception {
        List<Event> journal = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = JSON.readTree(get(issueService.baseUrl() + "/api/journal?after=" + after + "&limit=1000",
                    OFFICE));
            if (page.isEmpty()) {
                return journal;
            }
            for (JsonNode event : page) {
                journal.add(event(event));
                after = event.get("position").asLong();
            }
        }
    }

    /** The whole topic from the beginning, committed records only, with a consumer of its own (no group). */
    List<Published> readTopic() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        List<Published> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the topic to " + end);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records.add(new Published(record.partition(), record.offset(), record.key(),
                            event(JSON.readTree(record.value()))));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return records;
    }

    private static Event event(JsonNode cloudEvent) {
        return new Event(cloudEvent.get("aggregateid").asText(), cloudEvent.get("sequence").asLong(),
                cloudEvent.get("id").asText(), cloudEvent.get("position").asLong());
    }

    /**
     * The journal's rows as issue-service's database holds them, for a moment when issue-service is dead and its API
     * cannot answer (a count only: how the relay marks what it sent is its own business).
     */
    long journalRowsInDatabase() {
        try (Connection connection = DriverManager.getConnection(issuesDb.jdbcUrl("issues"), PostgresServer.USER, "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM journal")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (bounded) until report-service has applied the journal's last sequence of every aggregate. */
    void waitForApplied() throws Exception {
        Map<String, Long> journal = readJournal().stream().collect(Collectors.toMap(Event::aggregateId,
                Event::sequence, Math::max));
        waitFor(Duration.ofSeconds(240), this::appliedSequences, journal::equals);
    }

    /** Runs one of the repository's scripts against {@code server}, its output into the drill's. */
    void script(PostgresServer server, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(RunningSystem.root().resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ZHENGGAI_PG_PORT", String.valueOf(server.port()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        output.lines().forEach(line -> say("%s: %s", script, line));
        if (exit != 0) {
            throw new IllegalStateException(script + " exited with " + exit);
        }
    }

    /** report-service's last applied sequence per aggregate, in its active generation. */
    Map<String, Long> appliedSequences() {
        return query("SELECT aggregate_id, last_sequence FROM applied_aggregate", rows -> {
            Map<String, Long> sequences = new HashMap<>();
            while (rows.next()) {
                sequences.put(rows.getString(1), rows.getLong(2));
            }
            return sequences;
        });
    }

    /** Every event report-service's active generation applied (position is not needed here: 0). */
    List<Event> appliedEvents() {
        return query("SELECT aggregate_id, sequence, event_id FROM applied_event", rows -> {
            List<Event> events = new ArrayList<>();
            while (rows.next()) {
                events.add(new Event(rows.getString(1), rows.getLong(2), rows.getString(3), 0));
            }
            return events;
        });
    }

    interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** A query over report-service's active generation. */
    <T> T query(String sql, Rows<T> reader) {
        try (Connection connection = DriverManager.getConnection(reportsDb.jdbcUrl("reports"), PostgresServer.USER,
                "");
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT set_config('search_path', (SELECT schema_name FROM generation "
                    + "WHERE state = 'ACTIVE') || ', public', false)");
            try (ResultSet rows = statement.executeQuery(sql)) {
                return reader.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    // --- plumbing ---

    interface Reading<T> {
        T read() throws Exception;
    }

    /** Reads until {@code done} holds or the time is up; answers the last reading either way. */
    <T> T waitFor(Duration timeout, Reading<T> reading, java.util.function.Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Exception failure = null;
        while (System.nanoTime() < deadline) {
            try {
                last = reading.read();
                failure = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                failure = e;
            }
            Thread.sleep(1000);
        }
        if (last == null && failure != null) {
            throw failure;
        }
        return last;
    }

    static boolean healthy(ServiceProcess service, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl()
                        + "/q/health")).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            sleep(Duration.ofMillis(500));
        }
        return false;
    }

    static HttpResponse<String> post(String url, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 503) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    void say(String format, Object... args) {
        System.out.printf("[drill %s %5.1fs] %s%n", name, (System.nanoTime() - began) / 1e9, format.formatted(args));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    @Override
    public void close() {
        for (Runnable step : List.<Runnable>of(issueService::stop, reportService::stop,
                () -> {
                    if (cluster != null) {
                        cluster.close();
                    }
                    if (broker != null) {
                        broker.stop();
                    }
                }, issuesDb::close, reportsDb::close)) {
            try {
                step.run();
            } catch (RuntimeException e) {
                System.err.println("[drill " + name + "] cleanup: " + e);
            }
        }
    }
}
