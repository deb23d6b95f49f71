package io.zhenggai.bench;

import static io.zhenggai.bench.BenchRun.line;
import static io.zhenggai.bench.BenchRun.say;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.local.ServiceProcess;
import io.zhenggai.local.Topics;

/**
 * Freshness, an open-loop benchmark: a steady {@code --rate} of {@code POST /api/issues/{id}/progress} (three
 * readings, spread over {@code --issues} issues in turn) for {@code --duration} seconds through the packaged
 * issue-service, with report-service, the broker and a durable PostgreSQL running as processes; for every write the
 * time from its 201 to the moment report-service's answers show it.
 * <p>
 * Open loop: write {@code i} is due at {@code start + i / rate} and is sent then (asynchronously), whether or not
 * earlier answers have arrived, over at most {@code --connections} requests in flight (wrk2's model: a write due while
 * all are busy leaves when one frees); a send that leaves more than one interval after its due time counts as late,
 * and writes still waiting when the time is up are not sent (counted). The POST's latency is taken from the due time,
 * so a stalled service cannot hide behind a waiting client.
 * <p>
 * Visible: the 201's ETag is the issue's new sequence. The tool reads the topic itself (from the beginning, every
 * partition) and learns where each (issue, sequence) landed: partition, offset and the record's timestamp (the
 * relay's send). One poller asks report-service {@code GET /api/intake/status} every {@code --poll-ms}: its
 * {@code offsets} are the next offsets <em>stored in the same transaction as the projections</em>, so once a
 * partition's stored offset is past a record, every answer of report-service includes that record's change. A write
 * is visible at the arrival of the first answer that shows its offset passed: an upper bound, at most one poll cycle
 * late (the report gives the cycles measured). Every {@code --sample-every}-th write is also watched directly in a
 * business answer: {@code GET /api/reports/drill?measure=total&by=tag&key=<its issue's own tag>&limit=1}, polled
 * every {@code --poll-ms} until the issue's {@code sequence} reaches the write's; the two figures for the same writes
 * are compared, which checks the method. (report-service's {@code GET /events} stream is not used: it coalesces
 * batches into one message per 200 ms and names no event, so it cannot time a write more precisely than that.)
 * <p>
 * At the end: journal rows = events the relay published = records on the topic = events report-service applied.
 */
public final class Freshness {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ETAG = Pattern.compile("(\\d+)");
    private static final String RELAY_LATENCY = "zhenggai_relay_publish_latency_seconds";
    /** report-service's own: a record's timestamp (the relay's send) → answers include it. */
    private static final String ANSWERS_FRESHNESS = "zhenggai_answers_freshness_seconds";
    private static final Pattern METRIC = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

    private final BenchRun run = new BenchRun();
    private final Options options;
    private final Path root;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Freshness(Options options, Path root) {
        this.options = options;
        this.root = root;
    }

    public static void main(String[] args) {
        Freshness bench = new Freshness(Options.parse(args), BenchRun.root());
        bench.run.execute(bench::measure);
    }

    /** One acknowledged write; times in System.nanoTime. */
    private record Write(int index, UUID issue, int issueNumber, long sequence, long due, long sent, long answered,
                         long answeredWallMillis) {
    }

    private void measure() throws Exception {
        Path data = run.prepare(options.data != null ? Path.of(options.data).toAbsolutePath()
                : root.resolve("deploy/bench/target/freshness-run"), "deploy/bench/freshness");
        String loadAtStart = BenchRun.loadAverage();
        BenchStack stack = BenchStack.start(run, root, data, "issues", "reports");
        ServiceProcess issues = stack.service("issue-service", options.serviceJvm);
        ServiceProcess reports = stack.service("report-service", options.serviceJvm);
        BenchStack.awaitHealthy(issues, reports);
        String token = stack.token("bench-office", "基准测试 office", "office");

        ProgressLoad load = new ProgressLoad(issues.baseUrl(), token, false);
        say("Creating 1 inspection and %d issues through the API …", options.issues);
        List<UUID> issueIds = load.createIssues(options.issues, "新鲜度-");

        TopicTracker topic = new TopicTracker(stack.broker.bootstrapServers());
        topic.start();
        StatusPoller status = new StatusPoller(reports.baseUrl() + "/api/intake/status", token, options.pollMillis);
        status.start();
        awaitCaughtUp(stack, status, Duration.ofMinutes(5));

        // the measured load's watchers poll through the warm-up too: the first scrapes of issue-service's metrics
        // and the checkpoint query, cold, made the measured window's first seconds slow for everyone
        RelayWatch relay = new RelayWatch(issues.baseUrl()).startPolling();
        CheckpointWatch checkpoints = new CheckpointWatch(stack);
        LongSupplier jit = () -> CpuMeter.threadTicks(issues.pid(), CpuMeter::compilerThread)
                + CpuMeter.threadTicks(reports.pid(), CpuMeter::compilerThread);
        LongSupplier collectors = () -> CpuMeter.threadTicks(issues.pid(), CpuMeter::collectorThread)
                + CpuMeter.threadTicks(reports.pid(), CpuMeter::collectorThread);
        int warmedSeconds = 0;
        double lastRoundJit = Double.NaN;
        if (options.warmup > 0) {
            say("Warm-up: %d writes/s for %d s (open loop, not measured) …", options.rate, options.warmup);
            // the same load as measured, drill-through probes included; then on while the JIT still compiles: on two
            // cores the services' compilers took 0.4-0.7 core through a 90-s warm-up and 20 s beyond it
            try (DirectProbe warmupProbe = new DirectProbe(reports.baseUrl(), token, options.pollMillis)) {
                int round = options.warmup;
                while (true) {
                    long ticks = jit.getAsLong();
                    long start = System.nanoTime();
                    new Sender(issues.baseUrl(), token, issueIds, options.rate, round, options.sampleEvery,
                            warmupProbe).run();
                    warmedSeconds += round;
                    lastRoundJit = (jit.getAsLong() - ticks) / 100.0 / ((System.nanoTime() - start) / 1e9);
                    if (lastRoundJit <= JIT_SETTLED_CORES || warmedSeconds + WARMUP_ROUND > options.warmupMax) {
                        break;
                    }
                    say("  the services' JIT compilers used %.2f core over the last %d s: warming %d s more",
                            lastRoundJit, round, WARMUP_ROUND);
                    round = WARMUP_ROUND;
                }
            }
        }
        awaitCaughtUp(stack, status, Duration.ofMinutes(5));

        CpuMeter cpu = new CpuMeter()
                .add("issue-service", () -> CpuMeter.processTicks(issues.pid(), true))
                .add("report-service", () -> CpuMeter.processTicks(reports.pid(), true))
                .add("PostgreSQL (all backends)", () -> CpuMeter.processTreeTicks(postgresPid(stack)))
                .add("Kafka broker", () -> CpuMeter.processTicks(stack.broker.pid(), true))
                .add("this driver", () -> CpuMeter.processTicks(ProcessHandle.current().pid(), true))
                .add(CpuMeter.PART + "the services' JIT compilers", jit)
                .add(CpuMeter.PART + "the services' garbage collectors", collectors);
        relay.resetMaximum();
        checkpoints.startTiming();
        DirectProbe probe = new DirectProbe(reports.baseUrl(), token, options.pollMillis);
        say("Measuring: %d writes/s for %d s over %d issues (open loop), status polled every %d ms …",
                options.rate, options.duration, options.issues, options.pollMillis);
        PromHistogram relayLatencyBefore = PromHistogram.read(get(issues.baseUrl() + "/q/metrics", null).body(),
                RELAY_LATENCY);
        PromHistogram answersBefore = PromHistogram.read(get(reports.baseUrl() + "/q/metrics", null).body(),
                ANSWERS_FRESHNESS);
        CpuMeter.Snapshot before = cpu.snapshot();
        Sender sender = new Sender(issues.baseUrl(), token, issueIds, options.rate, options.duration,
                options.sampleEvery, probe);
        sender.run();
        CpuMeter.Snapshot after = cpu.snapshot();
        relay.close();
        checkpoints.close();
        double relayDrained = relay.awaitDrained(Duration.ofSeconds(120));
        // what the relay published of the load's writes: the histogram's change over the load and the drain
        PromHistogram relayLatency = PromHistogram.read(get(issues.baseUrl() + "/q/metrics", null).body(),
                RELAY_LATENCY).minus(relayLatencyBefore);
        say("Load done: %d sent, %d acknowledged, %d errors; waiting until everything is published and applied …",
                sender.sent.get(), sender.writes.size(), sender.errors.get());
        boolean caughtUp = awaitCaughtUp(stack, status, Duration.ofMinutes(5));
        // what report-service timed of the load's events: the histogram's change over the load and the drain
        PromHistogram answers = PromHistogram.read(get(reports.baseUrl() + "/q/metrics", null).body(),
                ANSWERS_FRESHNESS).minus(answersBefore);
        probe.close();
        status.close();
        topic.close();
        Map<String, Double> cores = CpuMeter.cores(before, after);

        // ---- per write: where it landed on the topic and when report-service showed it
        Samples freshness = new Samples();
        Samples toProduced = new Samples();
        Samples producedToVisible = new Samples();
        long noRecord = 0;
        long neverVisible = 0;
        long wallMinusNano = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
        StringBuilder csv = new StringBuilder("write,issue,sequence,due_ns,sent_ns,answered_ns,partition,offset,"
                + "relay_send_ms,visible_ns,drill_visible_ns\n");
        for (Write write : sender.writes) {
            long[] record = topic.records.get(write.issue() + "/" + write.sequence());
            Long visible = record == null ? null : status.visibleAt((int) record[0], record[1]);
            Long drill = probe.visible.get(write);
            csv.append(String.join(",", String.valueOf(write.index()), write.issue().toString(),
                    String.valueOf(write.sequence()), String.valueOf(write.due()), String.valueOf(write.sent()),
                    String.valueOf(write.answered()), record == null ? "" : String.valueOf(record[0]),
                    record == null ? "" : String.valueOf(record[1]), record == null ? "" : String.valueOf(record[2]),
                    visible == null ? "" : String.valueOf(visible), drill == null ? "" : String.valueOf(drill)))
                    .append('\n');
            if (record == null) {
                noRecord++;
                continue;
            }
            if (visible == null) {
                neverVisible++;
                continue;
            }
            freshness.add(visible - write.answered());
            long producedNanos = record[2] * 1_000_000L - wallMinusNano;
            toProduced.add(producedNanos - write.answered());
            producedToVisible.add(visible - producedNanos);
        }
        Samples direct = new Samples();
        Samples sameWritesByStatus = new Samples();
        long directMissing = 0;
        for (Entry<Write, Long> sample : probe.visible.entrySet()) {
            Write write = sample.getKey();
            if (sample.getValue() < 0) {
                directMissing++;
                continue;
            }
            direct.add(sample.getValue() - write.answered());
            long[] record = topic.records.get(write.issue() + "/" + write.sequence());
            Long visible = record == null ? null : status.visibleAt((int) record[0], record[1]);
            if (visible != null) {
                sameWritesByStatus.add(visible - write.answered());
            }
        }

        // ---- the end check
        long journalRows = -1;
        long journalLast = -1;
        try (Connection c = stack.connect("issues"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*), coalesce(max(position), 0) FROM journal")) {
            r.next();
            journalRows = r.getLong(1);
            journalLast = r.getLong(2);
        } catch (Exception e) {
            System.err.println("Could not count the journal: " + e);
        }
        long[] relayNow = relay.read();
        long topicRecords = stack.topicRecords();
        JsonNode intake = JSON.readTree(get(reports.baseUrl() + "/api/intake/status", token).body());
        long applied = intake.path("applied").asLong(-1);
        String metrics = get(issues.baseUrl() + "/q/metrics", null).body();

        // ---- the report
        StringBuilder out = new StringBuilder();
        double seconds = sender.seconds;
        line(out, "");
        line(out, "==== freshness — %s", OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        line(out, "machine: %d cores; load average at the start %s, at the end %s (uptime's 1, 5, 15 minutes)",
                Runtime.getRuntime().availableProcessors(), loadAtStart, BenchRun.loadAverage());
        line(out, "durable embedded PostgreSQL 14 (fsync, synchronous_commit, full_page_writes on), KRaft broker "
                + "process (%d partitions), issue-service and report-service packaged, %s each%s",
                Topics.DEFAULT_PARTITIONS, String.join(" ", ServiceProcess.HEAP),
                options.serviceJvm.isEmpty() ? "" : " then " + String.join(" ", options.serviceJvm));
        line(out, "load: POST /api/issues/{id}/progress (3 readings), open loop at %d/s for %d s over %d issues in "
                + "turn (one inspection), at most %d in flight, %s", options.rate, options.duration, options.issues,
                options.connections, warmedSeconds == 0 ? "without warm-up" : String.format(Locale.ROOT,
                        "after %d s of warm-up at the same rate (the services' JIT compilers used %.2f core in its "
                                + "last round)", warmedSeconds, lastRoundJit));
        line(out, "");
        line(out, "sent %d in %.1f s (%.1f/s); 201: %d; errors: %d; late sends (more than %.1f ms after their due "
                        + "time): %d, latest %.1f ms", sender.sent.get(), seconds, sender.sent.get() / seconds,
                sender.writes.size(), sender.errors.get(), sender.intervalNanos / 1e6, sender.late.get(),
                sender.lateness.millis(100));
        if (sender.unsent > 0) {
            line(out, "NOT SENT: %d writes were still waiting for a free connection when the time was up (the service "
                    + "answered fewer than %d/s)", sender.unsent, options.rate);
        }
        sender.errorSamples.forEach((k, v) -> line(out, "  error ×%d: %s", v, k));
        line(out, "");
        line(out, "%-58s %8s %9s %9s %9s %9s", "ms", "count", "p50", "p90", "p99", "max");
        row(out, "POST /progress, due time → 201 (open-loop response time)", sender.fromDue);
        row(out, "POST /progress, sent → 201 (service time)", sender.fromSent);
        row(out, "FRESHNESS: 201 → visible in report-service (all writes)", freshness);
        row(out, "  201 → the relay's send (record time; < 0: before the 201)", toProduced);
        row(out, "  the relay's send → visible in report-service", producedToVisible);
        if (relayLatency.count() > 0) {
            line(out, "%-58s %8d %9.1f %9.1f %9.1f %9s", "the relay's own: journal recording → broker's ack *",
                    relayLatency.count(), relayLatency.quantile(0.50) * 1000, relayLatency.quantile(0.90) * 1000,
                    relayLatency.quantile(0.99) * 1000, "-");
        }
        if (answers.count() > 0) {
            line(out, "%-58s %8d %9.1f %9.1f %9.1f %9s", "report-service's own: the relay's send → in answers **",
                    answers.count(), answers.quantile(0.50) * 1000, answers.quantile(0.90) * 1000,
                    answers.quantile(0.99) * 1000, "-");
        }
        row(out, "freshness of the sampled writes, by the status offsets", sameWritesByStatus);
        row(out, "freshness of the sampled writes, by their drill-through", direct);
        row(out, "resolution: poll cycle of GET /api/intake/status", status.cycles);
        row(out, "resolution: poll cycle of the drill-through probes", probe.cycles);
        line(out, "* from issue-service's histogram %s over the load and the drain after it (interpolated within "
                + "its buckets, about 10%% apart; events of the warm-up excluded)", RELAY_LATENCY);
        line(out, "** from report-service's histogram %s (same method): per event, from its record's timestamp "
                + "until a round of the issues in memory that began after the batch's commit had read it; no "
                + "polling, so not limited by the resolutions below", ANSWERS_FRESHNESS);
        line(out, "writes without a record on the topic: %d; never shown by report-service: %d; sampled writes whose "
                + "drill-through never showed them: %d", noRecord, neverVisible, directMissing);
        line(out, "");
        line(out, "the relay's own figures (GET /q/metrics of issue-service):");
        List<String> relayMetrics = relayMetrics(metrics);
        if (relayLatency.count() == 0) {
            line(out, "  issue-service exported no %s histogram; what exists:", RELAY_LATENCY);
        }
        relayMetrics.forEach(m -> line(out, "  %s", m));
        line(out, "  max unpublished during the load (1/s): %d; drained %s after it", relay.maxUnpublished(),
                relayDrained < 0 ? "NOT within 120 s" : String.format("%.1f s", relayDrained));
        line(out, "PostgreSQL checkpoints during the load (polled each second): %s",
                checkpoints.seen.isEmpty() ? "none began or completed" : String.join("; ", checkpoints.seen));
        line(out, "");
        line(out, "CPU, cores used during the load, and ms of CPU per write (%.1f writes/s):",
                sender.writes.size() / seconds);
        cores.forEach((name, used) -> line(out, "  %-44s %5.2f cores %s", name, used,
                name.startsWith("other") || name.startsWith("machine") ? ""
                        : String.format("%6.2f ms per write", used * 1000 * seconds / Math.max(1, sender.writes.size()))));
        line(out, "");
        boolean equal = journalRows == relayNow[1] && relayNow[1] == topicRecords && topicRecords == applied;
        line(out, "END CHECK: journal rows %d (last position %d) = published %d = records on %s %d = applied by "
                        + "report-service %d: %s%s", journalRows, journalLast, relayNow[1], Topics.EVENTS,
                topicRecords, applied, equal ? "EQUAL" : "NOT EQUAL", caughtUp ? "" : " (report-service did not catch "
                        + "up within 5 minutes)");
        line(out, "  report-service: duplicates %d, dead-lettered %d, held %d, conflicts %d, gaps %s",
                intake.path("duplicates").asLong(), intake.path("deadLettered").asLong(),
                intake.path("heldEvents").asLong(), intake.path("conflicts").asLong(), intake.path("gaps"));
        Files.writeString(data.resolve("writes.csv"), csv);
        line(out, "logs: %s; every write: %s (times in the driver's nanoTime, relay_send_ms its wall clock)",
                data.resolve("logs"), data.resolve("writes.csv"));
        System.out.print(out);
        Files.writeString(data.resolve("results.txt"), out.toString());
        say("Report written to %s", data.resolve("results.txt"));
    }

    /** Waits until the relay published everything and report-service stored offsets at the topic's end. */
    private boolean awaitCaughtUp(BenchStack stack, StatusPoller status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long end = stack.topicRecords();
            if (end >= 0 && status.storedTotal() == end && status.storedTotal() > 0) {
                Thread.sleep(500); // anything the relay still had in hand is on the topic now
                if (stack.topicRecords() == end) {
                    return true;
                }
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static long postgresPid(BenchStack stack) {
        try {
            return stack.postgresPid();
        } catch (IOException e) {
            return -1;
        }
    }

    private static List<String> relayMetrics(String metrics) {
        List<String> out = new ArrayList<>();
        Matcher m = METRIC.matcher(metrics);
        while (m.find()) {
            String name = m.group(1);
            if ((name.startsWith("zhenggai_relay") && !name.endsWith("_bucket")) || name.startsWith("kafka_producer_request_latency")
                    || name.startsWith("kafka_producer_record_queue_time")
                    || name.startsWith("kafka_producer_record_send_total")) {
                out.add(name + (m.group(2) == null ? "" : m.group(2)) + " " + m.group(3));
            }
        }
        return out;
    }

    private static void row(StringBuilder out, String label, Samples h) {
        if (h.count() == 0) {
            line(out, "%-58s %8d %9s %9s %9s %9s", label, 0, "-", "-", "-", "-");
            return;
        }
        line(out, "%-58s %8d %9.1f %9.1f %9.1f %9.1f", label, h.count(), h.millis(50), h.millis(90), h.millis(99),
                h.millis(100));
    }

    /** Spans in nanoseconds, signed (a span between two clocks may come out below zero); percentiles by rank. */
    private static final class Samples {
        private long[] values = new long[1024];
        private int count;

        synchronized void add(long nanos) {
            if (count == values.length) {
                values = java.util.Arrays.copyOf(values, count * 2);
            }
            values[count++] = nanos;
        }

        synchronized long count() {
            return count;
        }

        /** The value at {@code percent} (nearest rank), in ms. */
        synchronized double millis(double percent) {
            long[] sorted = java.util.Arrays.copyOf(values, count);
            java.util.Arrays.sort(sorted);
            int rank = (int) Math.ceil(percent / 100.0 * count);
            return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
        }
    }

    private HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The open-loop writer: write i is due at start + i/rate and sent then, answered or not. */
    private final class Sender {
        final String baseUrl;
        final String token;
        final List<UUID> issues;
        final int rate;
        final int seconds0;
        final int sampleEvery;
        final DirectProbe probe;
        final long intervalNanos;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong late = new AtomicLong();
        long unsent;
        final AtomicLong errors = new AtomicLong();
        final Map<String, Long> errorSamples = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
        final Samples lateness = new Samples();
        final Samples fromDue = new Samples();
        final Samples fromSent = new Samples();
        double seconds;

        Sender(String baseUrl, String token, List<UUID> issues, int rate, int seconds, int sampleEvery,
               DirectProbe probe) {
            this.baseUrl = baseUrl;
            this.token = token;
            this.issues = issues;
            this.rate = rate;
            this.seconds0 = seconds;
            this.sampleEvery = sampleEvery;
            this.probe = probe;
            this.intervalNanos = 1_000_000_000L / rate;
        }

        void run() throws InterruptedException {
            long total = (long) rate * seconds0;
            AtomicLong outstanding = new AtomicLong();
            Semaphore connections = new Semaphore(options.connections);
            long start = System.nanoTime() + 10_000_000L;
            long end = start + seconds0 * 1_000_000_000L;
            for (int i = 0; i < total; i++) {
                long due = start + i * intervalNanos;
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                // all connections busy: this write leaves late, still timed from its due time; none after the end
                if (!connections.tryAcquire(Math.max(0, end - now), TimeUnit.NANOSECONDS)) {
                    unsent = total - i;
                    break;
                }
                now = System.nanoTime();
                long lag = now - due;
                lateness.add(lag);
                if (lag > intervalNanos) {
                    late.incrementAndGet();
                }
                int n = i % issues.size();
                UUID issue = issues.get(n);
                int index = i;
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/issues/" + issue + "/progress"))
                        .timeout(Duration.ofSeconds(120))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(ProgressLoad.PROGRESS_BODY))
                        .build();
                sent.incrementAndGet();
                outstanding.incrementAndGet();
                long sentAt = System.nanoTime();
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                    long answered = System.nanoTime();
                    long wall = System.currentTimeMillis();
                    try {
                        if (failure == null && response.statusCode() == 201) {
                            Matcher etag = ETAG.matcher(response.headers().firstValue("ETag").orElse(""));
                            if (!etag.find()) {
                                error("201 without an ETag");
                                return;
                            }
                            Write write = new Write(index, issue, n + 1, Long.parseLong(etag.group(1)), due, sentAt,
                                    answered, wall);
                            fromDue.add(answered - due);
                            fromSent.add(answered - sentAt);
                            if (probe != null) {
                                writes.add(write);
                                if (sampleEvery > 0 && index % sampleEvery == 0) {
                                    probe.watch(write);
                                }
                            }
                        } else {
                            error(failure != null ? failure.getClass().getSimpleName() + ": " + failure.getMessage()
                                    : response.statusCode() + " " + response.body().lines().findFirst().orElse(""));
                        }
                    } finally {
                        outstanding.decrementAndGet();
                        connections.release();
                    }
                });
            }
            seconds = (System.nanoTime() - start) / 1e9;
            long wait = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            while (outstanding.get() > 0 && System.nanoTime() < wait) {
                Thread.sleep(20);
            }
        }

        private void error(String what) {
            errors.incrementAndGet();
            errorSamples.merge(what.length() > 160 ? what.substring(0, 160) : what, 1L, Long::sum);
        }
    }

    /**
     * Reads {@code rectification-events} from the beginning (every partition, read_committed as report-service does)
     * and remembers, per "aggregate id/sequence", {partition, offset, record timestamp in ms}.
     */
    private static final class TopicTracker implements AutoCloseable {
        final Map<String, long[]> records = new ConcurrentHashMap<>();
        private final String bootstrap;
        private volatile boolean running = true;
        private Thread thread;

        TopicTracker(String bootstrap) {
            this.bootstrap = bootstrap;
        }

        void start() {
            thread = new Thread(this::read, "topic-tracker");
            thread.setDaemon(true);
            thread.start();
        }

        private void read() {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (PartitionInfo info : consumer.partitionsFor(Topics.EVENTS)) {
                    partitions.add(new TopicPartition(Topics.EVENTS, info.partition()));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        JsonNode event = JSON.readTree(record.value());
                        records.put(event.path("aggregateid").asText() + "/" + event.path("sequence").asLong(),
                                new long[] {record.partition(), record.offset(), record.timestamp()});
                    }
                }
            } catch (Exception e) {
                if (running) {
                    System.err.println("The topic tracker failed: " + e);
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            Thread.sleep(1000); // the last records
            running = false;
            thread.join(5_000);
        }
    }

    /**
     * Polls {@code GET /api/intake/status} every {@code periodMillis} and keeps, per partition, when (the answer's
     * arrival) each stored offset was first seen.
     */
    private final class StatusPoller implements AutoCloseable {
        final Samples cycles = new Samples();
        private final HttpRequest request;
        private final long periodNanos;
        private final Map<Integer, TreeMap<Long, Long>> seen = new ConcurrentHashMap<>();
        private final Map<Integer, Long> stored = new ConcurrentHashMap<>();
        private volatile boolean running = true;
        private Thread thread;

        StatusPoller(String url, String token, int periodMillis) {
            this.request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).GET().build();
            this.periodNanos = periodMillis * 1_000_000L;
        }

        void start() {
            thread = new Thread(this::poll, "status-poller");
            thread.setDaemon(true);
            thread.start();
        }

        private void poll() {
            long previousStart = -1;
            while (running) {
                long start = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    long arrived = System.nanoTime();
                    if (response.statusCode() == 200) {
                        JsonNode offsets = JSON.readTree(response.body()).path("offsets");
                        offsets.fields().forEachRemaining(e -> {
                            int partition = Integer.parseInt(e.getKey());
                            long next = e.getValue().asLong();
                            Long before = stored.put(partition, next);
                            if (before == null || next > before) {
                                TreeMap<Long, Long> times = seen.computeIfAbsent(partition, p -> new TreeMap<>());
                                synchronized (times) {
                                    times.put(next, arrived);
                                }
                            }
                        });
                        if (previousStart > 0) {
                            cycles.add(arrived - previousStart);
                        }
                        previousStart = start;
                    }
                } catch (IOException e) {
                    previousStart = -1;
                } catch (InterruptedException e) {
                    return;
                }
                long next = start + periodNanos;
                long now;
                while (running && (now = System.nanoTime()) < next) {
                    LockSupport.parkNanos(next - now);
                }
            }
        }

        long storedTotal() {
            return stored.values().stream().mapToLong(Long::longValue).sum();
        }

        /** When an answer first showed the partition's stored offset past {@code offset}; null if never. */
        Long visibleAt(int partition, long offset) {
            TreeMap<Long, Long> times = seen.get(partition);
            if (times == null) {
                return null;
            }
            synchronized (times) {
                Entry<Long, Long> first = times.higherEntry(offset);
                return first == null ? null : first.getValue();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }
    }

    /**
     * PostgreSQL's checkpoints while the load ran, polled once a second on a connection of its own: when one began
     * ({@code pg_stat_bgwriter}'s timed or requested count grew) and when one completed ({@code pg_control_checkpoint()}
     * names a new one), in seconds into the load. A checkpoint's full-page writes make the first change to every page
     * after it costlier, so it is a candidate for a slow stretch of the load.
     */
    private static final class CheckpointWatch implements AutoCloseable {
        final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Connection connection;
        private volatile long startMillis = System.currentTimeMillis();
        private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "checkpoint-watch");
            thread.setDaemon(true);
            return thread;
        });
        private java.time.Instant last;
        private long timed = -1;
        private long requested = -1;

        CheckpointWatch(BenchStack stack) throws java.sql.SQLException {
            connection = stack.connect("reports");
            poll(); // the counts to compare with: nothing is seen on the first poll
            poller.scheduleAtFixedRate(this::poll, 1, 1, TimeUnit.SECONDS);
        }

        /** From now on: what was seen before is forgotten, and times are counted from here. */
        synchronized void startTiming() {
            seen.clear();
            startMillis = System.currentTimeMillis();
        }

        private synchronized void poll() {
            try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT (SELECT checkpoint_time FROM pg_control_checkpoint()), checkpoints_timed, "
                            + "checkpoints_req FROM pg_stat_bgwriter")) {
                r.next();
                java.time.Instant time = r.getObject(1, OffsetDateTime.class).toInstant();
                long nowTimed = r.getLong(2);
                long nowRequested = r.getLong(3);
                double at = (System.currentTimeMillis() - startMillis) / 1000.0;
                if (timed >= 0 && (nowTimed > timed || nowRequested > requested)) {
                    seen.add(String.format("began by +%.0f s (%s)", at, nowRequested > requested ? "requested"
                            : "timed"));
                }
                if (last != null && !time.equals(last)) {
                    seen.add(String.format("completed by +%.0f s (its start +%.0f s)", at,
                            (time.toEpochMilli() - startMillis) / 1000.0));
                }
                last = time;
                timed = nowTimed;
                requested = nowRequested;
            } catch (Exception e) {
                // polled again in a second
            }
        }

        @Override
        public void close() throws java.sql.SQLException {
            poller.shutdownNow();
            poll();
            connection.close();
        }
    }

    /**
     * The direct check of a sample: the issue's drill-through row ({@code by=tag}, the issue's own tag), polled every
     * {@code periodMillis} after the 201 until its sequence reaches the write's; -1 when it never did in 60 s.
     */
    private final class DirectProbe implements AutoCloseable {
        final Map<Write, Long> visible = new ConcurrentHashMap<>();
        final Samples cycles = new Samples();
        private final String baseUrl;
        private final String token;
        private final long periodMillis;
        private final ScheduledExecutorService pollers = Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "drill-probe");
            thread.setDaemon(true);
            return thread;
        });

        DirectProbe(String baseUrl, String token, long periodMillis) {
            this.baseUrl = baseUrl;
            this.token = token;
            this.periodMillis = periodMillis;
        }

        void watch(Write write) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/reports/drill?measure=total&by=tag"
                            + "&limit=1&key=" + URLEncoder.encode("新鲜度-" + write.issueNumber(), StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build();
            long[] previousStart = {-1};
            Runnable[] check = new Runnable[1];
            check[0] = () -> {
                long start = System.nanoTime();
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    long arrived = System.nanoTime();
                    if (previousStart[0] > 0) {
                        cycles.add(arrived - previousStart[0]);
                    }
                    previousStart[0] = start;
                    JsonNode row = JSON.readTree(response.body()).path("issues").path(0);
                    if (response.statusCode() == 200 && row.path("sequence").asLong() >= write.sequence()) {
                        visible.put(write, arrived);
                        return;
                    }
                } catch (Exception e) {
                    // polled again below
                }
                if (System.nanoTime() - write.answered() > 60_000_000_000L) {
                    visible.put(write, -1L);
                } else if (!pollers.isShutdown()) {
                    long wait = Math.max(0, start + periodMillis * 1_000_000L - System.nanoTime());
                    pollers.schedule(check[0], wait, TimeUnit.NANOSECONDS);
                }
            };
            pollers.execute(check[0]);
        }

        @Override
        public void close() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline && pollers instanceof java.util.concurrent.ThreadPoolExecutor pool
                    && (pool.getActiveCount() > 0 || !pool.getQueue().isEmpty())) {
                Thread.sleep(100);
            }
            pollers.shutdownNow();
        }
    }

    /** The warm-up goes on while the services' JIT compilers use more than this, in rounds of this many seconds. */
    private static final double JIT_SETTLED_CORES = 0.1;
    private static final int WARMUP_ROUND = 30;

    /** Command-line options: --name=value. */
    static final class Options {
        int duration = 300;
        int rate = 200;
        int issues = 1000;
        int warmup = 30;
        int pollMillis = 10;
        int sampleEvery = 100;
        int connections = 64;
        int warmupMax = 300;
        List<String> serviceJvm = List.of();
        String data;

        static Options parse(String[] args) {
            Options o = new Options();
            for (String arg : args) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
                switch (name) {
                    case "--help", "-h" -> {
                        System.out.println(usage());
                        System.exit(0);
                    }
                    case "--duration" -> o.duration = Integer.parseInt(value);
                    case "--rate" -> o.rate = Integer.parseInt(value);
                    case "--issues" -> o.issues = Integer.parseInt(value);
                    case "--warmup" -> o.warmup = Integer.parseInt(value);
                    case "--poll-ms" -> o.pollMillis = Integer.parseInt(value);
                    case "--sample-every" -> o.sampleEvery = Integer.parseInt(value);
                    case "--connections" -> o.connections = Integer.parseInt(value);
                    case "--warmup-max" -> o.warmupMax = Integer.parseInt(value);
                    case "--service-jvm" -> o.serviceJvm = BenchRun.jvmOptions(value);
                    case "--data" -> o.data = value;
                    default -> {
                        System.err.println("unknown option " + arg + "\n" + usage());
                        System.exit(2);
                    }
                }
            }
            if (o.duration < 1 || o.rate < 1 || o.issues < 1 || o.warmup < 0 || o.warmupMax < 0 || o.pollMillis < 1
                    || o.sampleEvery < 0 || o.connections < 1) {
                System.err.println("--duration, --rate, --issues and --poll-ms must be at least 1\n" + usage());
                System.exit(2);
            }
            return o;
        }

        static String usage() {
            return """
                    deploy/bench/freshness [options]
                      an open-loop write load through issue-service; for each write the time from its 201 to the
                      change being visible in report-service; the relay's figures; journal = published = topic = applied
                    options (all optional):
                      --duration=300      seconds of the measured load
                      --rate=200          writes (POST /api/issues/{id}/progress) per second, sent on schedule
                      --issues=1000       issues the writes go to in turn
                      --warmup=30         seconds of the same load before, not measured (0: none)
                      --warmup-max=300    after --warmup, go on warming in rounds of 30 s while the services'
                                          JIT compilers used more than 0.1 core in the last round, up to this
                                          many seconds of warm-up in all
                      --service-jvm=OPTS  JVM options for both services, after deploy/local's heap (-Xms256m
                                          -Xmx384m), space-separated, e.g. "-Xms32m"
                      --poll-ms=10        how often report-service is asked (GET /api/intake/status; the sampled
                                          drill-throughs too): the resolution of the freshness figures
                      --sample-every=100  also watch every N-th write in its issue's drill-through (0: none)
                      --connections=64    at most this many requests in flight (HTTP/1.1 connections); a write
                                          due while all are busy leaves late (counted), timed from its due time
                      --data=DIR          work directory (deleted first); default deploy/bench/target/freshness-run""";
        }
    }
}
