package io.zhenggai.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.e2e.PublishedLog.Event;
import io.zhenggai.e2e.PublishedLog.Key;
import io.zhenggai.e2e.PublishedLog.Published;
import io.zhenggai.e2e.PublishedLog.Verdict;
import io.zhenggai.local.KafkaBrokerProcess;
import io.zhenggai.local.PostgresServer;
import io.zhenggai.local.ServiceProcess;
import io.zhenggai.local.Topics;

/**
 * The fault test of the journal relay: a real broker as a separate process is SIGKILLed while clients keep writing
 * through the HTTP API of the packaged issue-service, stays down for a while (writes must keep succeeding), and is
 * started again on the same log and port. Afterwards every journal row must be on the topic exactly once in effect
 * (re-sent duplicates allowed, nothing missing, nothing extra, the same event under each aggregate and sequence) and
 * in per-aggregate order (scanning a partition, no aggregate ever skips ahead of its highest sequence so far).
 * <p>
 * Its own PostgreSQL, broker and issue-service, under {@code target/fault-relay-broker-crash/}; the shared
 * {@link RunningSystem} is not used. The phases can be changed with {@code -Dzhenggai.fault.outage-seconds=…} (also
 * {@code before-seconds}, {@code after-seconds}); why the outage is as long as it is: see {@link #OUTAGE}. The run's
 * broker log, service log and dumps of the journal and the topic stay in {@code run-<time>/} for a post-mortem.
 */
class RelayBrokerCrashIT {

    private static final int ISSUES = 16;
    private static final int WRITERS = 4;
    /** Every this many writes a writer files a new issue, so some aggregates begin during the outage. */
    private static final int NEW_ISSUE_EVERY = 40;
    private static final Duration BEFORE_KILL = seconds("zhenggai.fault.before-seconds", 5);
    /**
     * How long clients keep writing while the broker process is dead. Starting it again takes another 15 s or more
     * (the controller waits out the dead incarnation's 9 s broker session), so the broker is unreachable for 45 s or
     * more: the relay's pending records outlive the producer's 30 s {@code delivery.timeout.ms}, the relay gives up
     * on its producer and sends again with a fresh one, whose first send waits out {@code max.block.ms} (10 s) for
     * metadata while the broker is still away, and the broker comes back while the relay is sending. That is the
     * path where the relay once put later events of an aggregate ahead of earlier ones.
     */
    private static final Duration OUTAGE = seconds("zhenggai.fault.outage-seconds", 30);
    private static final Duration AFTER_RESTART = seconds("zhenggai.fault.after-seconds", 5);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String OFFICE = RunningSystem.token("fault-office", "office");

    private static Path directory;
    private static long setupBegan;
    private static CompletableFuture<Void> brokerStarted;
    private static KafkaBrokerProcess broker;
    private static PostgresServer postgres;
    private static ServiceProcess issueService;
    private static Writers writers;

    @BeforeAll
    static void startSystem() throws IOException {
        setupBegan = System.nanoTime();
        Path base = Path.of("target", "fault-relay-broker-crash").toAbsolutePath();
        // a fresh broker log per run, kept with the service log and the dumps as evidence
        directory = base.resolve("run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        int[] ports = RunningSystem.freePorts(2);
        broker = new KafkaBrokerProcess(directory.resolve("kafka"), ports[0], ports[1], Topics.DEFAULT_PARTITIONS);
        brokerStarted = CompletableFuture.runAsync(broker::start);
        // the unpacked binaries are kept between runs; the cluster itself is ephemeral
        postgres = PostgresServer.start(base.resolve("postgres"), RunningSystem.freePort(), true)
                .ensureDatabase("issues");
        brokerStarted.join();
        issueService = RunningSystem.service("issue-service", postgres.jdbcUrl("issues"), broker.bootstrapServers(),
                directory);
        issueService.awaitHealthy(Duration.ofSeconds(120));
        report("broker pid %d on %s (log %s), issue-service at %s (log %s)", broker.pid(), broker.bootstrapServers(),
                broker.logFile(), issueService.baseUrl(), issueService.logFile());
    }

    @AfterAll
    static void stopSystem() {
        quietly(() -> {
            if (writers != null) {
                writers.stop();
            }
        });
        quietly(() -> {
            if (issueService != null) {
                issueService.stop();
            }
        });
        quietly(() -> {
            if (brokerStarted != null) {
                brokerStarted.exceptionally(failed -> null).join(); // never leave a broker starting behind
            }
            if (broker != null) {
                broker.stop();
            }
        });
        quietly(() -> {
            if (postgres != null) {
                postgres.close();
            }
        });
    }

    @Test
    void shouldPublishEveryJournalRowOnceInEffectAndInOrderAcrossABrokerCrash() throws Exception {
        long began = System.nanoTime();
        String inspection = createInspection();
        List<String> issues = new CopyOnWriteArrayList<>();
        for (int i = 1; i <= ISSUES; i++) {
            issues.add(createIssue(inspection, i).body().get("id").asText());
        }

        writers = new Writers(inspection, issues, new AtomicInteger(ISSUES)).start();
        sleep(BEFORE_KILL);
        await("the relay publishes before the crash").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> metric("zhenggai_relay_published_total") >= 100);

        writers.phase = Phase.KILLING;
        long pid = broker.pid();
        broker.kill();
        assertThat(broker.isAlive()).as("the broker (pid %d) is dead after SIGKILL", pid).isFalse();
        writers.phase = Phase.DOWN;
        int writtenAtKill = writers.done.size();
        double publishedAtKill = metric("zhenggai_relay_published_total");
        long outageBegan = System.nanoTime();
        double mostUnpublished = 0;
        while (System.nanoTime() - outageBegan < OUTAGE.toNanos()) {
            mostUnpublished = Math.max(mostUnpublished, metric("zhenggai_relay_unpublished"));
            sleep(Duration.ofMillis(500));
        }

        writers.phase = Phase.RESTARTING;
        long restarting = System.nanoTime();
        broker.start();
        long restarted = System.nanoTime();
        writers.phase = Phase.UP_AGAIN;
        sleep(AFTER_RESTART);
        List<Write> writes = writers.stop();
        long stopped = System.nanoTime();

        await("the relay publishes the whole journal").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250)).until(() -> metric("zhenggai_relay_unpublished") == 0);
        long drained = System.nanoTime();

        List<Event> journal = readJournal();
        List<Published> topic = readTopic();
        dump(journal, topic);
        Verdict verdict = PublishedLog.compare(journal, topic);
        Set<Key> onTopic = topic.stream().map(record -> record.event().key()).collect(Collectors.toSet());

        List<Write> failed = writes.stream().filter(write -> !write.succeeded()).toList();
        List<Write> outageWrites = writes.stream()
                .filter(write -> write.startedIn() == Phase.DOWN && write.endedIn() == Phase.DOWN).toList();
        Map<Phase, Long> perPhase = writes.stream().collect(Collectors.groupingBy(Write::startedIn,
                () -> new java.util.EnumMap<>(Phase.class), Collectors.counting()));
        report("%d writes by %d clients (%s), %d failed; %d issues; %d writes entirely while the broker was dead",
                writes.size(), WRITERS, perPhase, failed.size(), issues.size(), outageWrites.size());
        report("journal %d rows; topic %d records = %d distinct + %d re-sent duplicates; at the kill %d writes "
                        + "done, %.0f published; up to %.0f unpublished while the broker was dead",
                verdict.journalRows(), verdict.topicRecords(), verdict.topicRecords() - verdict.duplicates(),
                verdict.duplicates(), writtenAtKill, publishedAtKill, mostUnpublished);
        relayWarnings().forEach(warning -> report("issue-service log: %s", warning));
        report("timings: processes started in %.1f s; writing before the kill %.1f s, broker down %.1f s (of which "
                        + "restarting %.1f s), writing after %.1f s, journal drained %.1f s after the restart; "
                        + "whole test %.1f s", secondsBetween(setupBegan, began), secondsBetween(began, outageBegan),
                secondsBetween(outageBegan, restarted), secondsBetween(restarting, restarted),
                secondsBetween(restarted, stopped), secondsBetween(restarted, drained),
                secondsBetween(setupBegan, System.nanoTime()));

        assertThat(failed).as("every write succeeds, also while the broker is down").isEmpty();
        assertThat(outageWrites).as("writes made while the broker was dead").isNotEmpty();
        assertThat(verdict.skips()).as("records that skip ahead in their aggregate").isEmpty();
        assertThat(verdict.missing()).as("journal rows missing from the topic").isEmpty();
        assertThat(verdict.extra()).as("records on the topic that are not in the journal").isEmpty();
        assertThat(verdict.mismatched()).as("records whose event differs from the journal's").isEmpty();
        assertThat(verdict.misplaced()).as("records with the wrong key or partition").isEmpty();
        // with nothing missing and nothing extra, the topic's set of (aggregate, sequence) is the journal's
        assertThat(outageWrites.stream().filter(write -> !onTopic.contains(write.key())).toList())
                .as("writes made while the broker was dead that never reached the topic").isEmpty();
        Set<Key> journaled = journal.stream().map(Event::key).collect(Collectors.toSet());
        assertThat(writes.stream().filter(write -> !journaled.contains(write.key())).toList())
                .as("acknowledged writes missing from the journal").isEmpty();
        assertGapFree(journal);
    }

    // --- the phases and the writing clients ---

    enum Phase { BROKER_UP, KILLING, DOWN, RESTARTING, UP_AGAIN }

    /** One HTTP write: what it did, when (by phase) and what came back. */
    record Write(String kind, String issueId, int status, long sequence, Phase startedIn, Phase endedIn,
                 String error) {

        boolean succeeded() {
            return error == null && status >= 200 && status < 300;
        }

        Key key() {
            return new Key(issueId, sequence);
        }
    }

    /** Client threads that report progress on random issues (and now and then file a new one) until stopped. */
    static final class Writers {

        private final String inspection;
        private final List<String> issues;
        private final AtomicInteger numbering;
        private final List<Thread> threads = new ArrayList<>();
        final ConcurrentLinkedQueue<Write> done = new ConcurrentLinkedQueue<>();
        volatile Phase phase = Phase.BROKER_UP;
        private volatile boolean running = true;

        Writers(String inspection, List<String> issues, AtomicInteger numbering) {
            this.inspection = inspection;
            this.issues = issues;
            this.numbering = numbering;
        }

        Writers start() {
            for (int i = 0; i < WRITERS; i++) {
                Thread thread = new Thread(this::write, "fault-writer-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
            return this;
        }

        List<Write> stop() {
            running = false;
            for (Thread thread : threads) {
                try {
                    thread.join(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return List.copyOf(done);
        }

        private void write() {
            int count = 0;
            while (running) {
                Phase startedIn = phase;
                count++;
                String kind = count % NEW_ISSUE_EVERY == 0 ? "create" : "progress";
                String issue = kind.equals("create") ? null
                        : issues.get(ThreadLocalRandom.current().nextInt(issues.size()));
                try {
                    Answer answer = kind.equals("create") ? createIssue(inspection, numbering.incrementAndGet())
                            : reportProgress(issue, count);
                    if (kind.equals("create") && answer.succeeded()) {
                        issue = answer.body().get("id").asText();
                        issues.add(issue);
                    }
                    done.add(new Write(kind, issue, answer.status(), answer.sequence(), startedIn, phase,
                            answer.succeeded() ? null : answer.text()));
                } catch (Exception e) {
                    done.add(new Write(kind, issue, 0, 0, startedIn, phase, e.toString()));
                }
            }
        }
    }

    // --- the API of issue-service ---

    record Answer(int status, String text, long sequence) {

        boolean succeeded() {
            return status >= 200 && status < 300;
        }

        JsonNode body() throws IOException {
            return JSON.readTree(text);
        }
    }

    private static String createInspection() throws Exception {
        Answer answer = post("/api/inspections", """
                {"team": "市委第五巡察组", "targetUnit": "开发区-故障-%s", "kinds": ["ROUTINE", "SPECIAL"],
                 "specialTheme": "黄河流域生态保护和高质量发展", "feedbackDate": "2022-12-07",
                 "declared": {"aspects": 4, "categories": 16, "suggestions": 4},
                 "lists": [{"key": "main", "title": "市委巡察组反馈意见", "aspects": [
                   {"numbering": "（一）", "title": "关于聚焦党中央各项决策部署在基层的落实情况方面", "categories": [
                     {"numbering": "1.", "title": "学习贯彻落实习近平新时代中国特色社会主义思想不够深入"}]}]}]}
                """.formatted(UUID.randomUUID()));
        assertThat(answer.status()).as("creating the inspection: %s", answer.text()).isEqualTo(201);
        return answer.body().get("id").asText();
    }

    private static Answer createIssue(String inspection, int number) throws Exception {
        Answer answer = post("/api/issues", """
                {"inspectionId": "%s", "listKey": "main", "categoryPath": "一/1", "numbering": "（%d）",
                 "title": "关于理论学习中心组学习制度执行不够严格问题（%d）", "leadLeaders": ["张三"],
                 "responsibleUnits": ["党政办公室"], "tags": ["学习"]}
                """.formatted(inspection, number, number));
        if (number <= ISSUES) {
            assertThat(answer.status()).as("creating issue %d: %s", number, answer.text()).isEqualTo(201);
        }
        return answer;
    }

    private static Answer reportProgress(String issue, int count) throws Exception {
        String readings = count % 3 != 0 ? "" : """
                , "readings": [{"metric": "investment.completed", "dimensions": {"industry": "新材料"},
                                "quantity": "%d.5亿元"}]""".formatted(count % 97);
        return post("/api/issues/" + issue + "/progress", """
                {"text": "第%d次进展：已开工%d个项目", "measures": ["加快推进第%d项措施"]%s}"""
                .formatted(count, count % 50, count, readings));
    }

    private static Answer post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(issueService.baseUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + OFFICE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        long sequence = response.headers().firstValue("ETag").map(tag -> Long.parseLong(tag.replace("\"", "")))
                .orElse(0L);
        return new Answer(response.statusCode(), response.body(), sequence);
    }

    private static String get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(issueService.baseUrl() + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + OFFICE).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** A value of the Prometheus scrape at {@code /q/metrics}, e.g. the relay's backlog. */
    private static double metric(String name) throws Exception {
        return get("/q/metrics").lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new IllegalStateException("no metric " + name));
    }

    /** The whole journal, page by page after the last position seen. */
    private static List<Event> readJournal() throws Exception {
        List<Event> journal = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = JSON.readTree(get("/api/journal?after=" + after + "&limit=1000"));
            if (page.isEmpty()) {
                return journal;
            }
            for (JsonNode event : page) {
                journal.add(event(event));
                after = event.get("position").asLong();
            }
        }
    }

    /** The whole topic from the beginning, as a fresh consumer group would read it, committed records only. */
    private static List<Published> readTopic() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "relay-broker-crash-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        List<Published> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            // every partition explicitly, from offset 0: no group rebalance, nothing committed
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await("reading the topic to its end offsets " + end).atMost(Duration.ofSeconds(60))
                    .pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                            records.add(new Published(record.partition(), record.offset(), record.key(),
                                    event(JSON.readTree(record.value()))));
                        }
                        return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
                    });
        }
        return records;
    }

    private static Event event(JsonNode cloudEvent) {
        return new Event(cloudEvent.get("aggregateid").asText(), cloudEvent.get("sequence").asLong(),
                cloudEvent.get("id").asText(), cloudEvent.get("position").asLong());
    }

    /** The journal's own promise, which the comparison relies on: positions 1…n, and each aggregate 1…m. */
    private static void assertGapFree(List<Event> journal) {
        List<Long> positions = journal.stream().map(Event::position).sorted().toList();
        for (int i = 0; i < positions.size(); i++) {
            assertThat(positions.get(i)).as("journal position #%d", i + 1).isEqualTo(i + 1L);
        }
        journal.stream().collect(Collectors.groupingBy(Event::aggregateId)).forEach((aggregate, events) -> {
            List<Long> sequences = events.stream().map(Event::sequence).sorted().toList();
            for (int i = 0; i < sequences.size(); i++) {
                assertThat(sequences.get(i)).as("sequence #%d of %s", i + 1, aggregate).isEqualTo(i + 1L);
            }
        });
    }

    // --- plumbing ---

    /** The journal and the topic as tab-separated files next to the logs, for the post-mortem of a failure. */
    private static void dump(List<Event> journal, List<Published> topic) throws IOException {
        Files.write(directory.resolve("journal.tsv"), Stream.concat(Stream.of("position\taggregate\tsequence\tid"),
                journal.stream().map(e -> e.position() + "\t" + e.aggregateId() + "\t" + e.sequence() + "\t"
                        + e.eventId())).toList());
        Files.write(directory.resolve("topic.tsv"), Stream.concat(
                Stream.of("partition\toffset\tposition\taggregate\tsequence\tid"),
                topic.stream().sorted(Comparator.comparingInt(Published::partition)
                                .thenComparingLong(Published::offset))
                        .map(r -> r.partition() + "\t" + r.offset() + "\t" + r.event().position() + "\t"
                                + r.event().aggregateId() + "\t" + r.event().sequence() + "\t"
                                + r.event().eventId())).toList());
        report("journal and topic dumped to %s", directory);
    }

    /** What the relay logged when it gave up on a batch (it logs each distinct reason once in a row). */
    private static List<String> relayWarnings() {
        try (Stream<String> lines = Files.lines(issueService.logFile())) {
            return lines.filter(line -> line.contains("Relay cannot publish yet"))
                    .map(line -> line.substring(line.indexOf("Relay cannot publish yet"))).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of("(cannot read " + issueService.logFile() + ": " + e + ")");
        }
    }

    private static void report(String format, Object... args) {
        System.out.println("[RelayBrokerCrashIT] " + format.formatted(args));
    }

    private static double secondsBetween(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    private static Duration seconds(String property, long fallback) {
        return Duration.ofSeconds(Long.getLong(property, fallback));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            System.err.println("[RelayBrokerCrashIT] cleanup: " + e);
        }
    }
}
