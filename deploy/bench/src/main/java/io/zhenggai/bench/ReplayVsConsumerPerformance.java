package io.zhenggai.bench;

import static io.zhenggai.bench.BenchRun.line;
import static io.zhenggai.bench.BenchRun.say;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.local.JavaProcesses;
import io.zhenggai.local.JwtKeys;
import io.zhenggai.local.KafkaBrokerProcess;
import io.zhenggai.local.PostgresServer;
import io.zhenggai.local.ServiceProcess;
import io.zhenggai.local.Topics;

/**
 * By-hand benchmark: how fast report-service rebuilds its projections from {@code rectification-events}, next to
 * Kafka's own {@code ConsumerPerformance} reading the same topic in the same run, and how fast answers "as of" a date
 * come back at that size. One run:
 * <ol>
 *   <li>durable embedded PostgreSQL, a KRaft broker process, the topics;</li>
 *   <li>N synthetic contract-valid events written straight to the topic ({@link EventGenerator});</li>
 *   <li>ConsumerPerformance over the whole topic (a JVM of its own, fresh group);</li>
 *   <li>the packaged report-service started on the empty database: its intake builds the first generation from the
 *       topic (timed until it has applied every event);</li>
 *   <li>a replay ({@code POST /api/admin/replays}, source topic) into a new generation while the first one serves:
 *       timed from start until it has caught up; its comparison with the live generation is printed;</li>
 *   <li>ConsumerPerformance again (the machine is noisy: the baseline brackets the replay);</li>
 *   <li>latencies of live and as-of answers (summary, breakdown, indicator values) at that size.</li>
 * </ol>
 * The report is printed and written to {@code results.txt} in the work directory.
 */
public final class ReplayVsConsumerPerformance {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchRun run = new BenchRun();
    private final Options options;
    private final Path root;
    /** The bench's caller: operator (replays) and viewer (the answers measured beside them). */
    private String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ReplayVsConsumerPerformance(Options options, Path root) {
        this.options = options;
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Path root = Path.of(System.getProperty("zhenggai.root", ".")).toAbsolutePath().normalize();
        ReplayVsConsumerPerformance bench = new ReplayVsConsumerPerformance(options, root);
        int status = 0;
        try {
            bench.measure();
        } catch (Exception e) {
            System.err.println("\nThe benchmark failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        bench.run.stopAll();
        System.exit(status);
    }

    private void measure() throws Exception {
        Path dir = options.data != null ? Path.of(options.data).toAbsolutePath()
                : root.resolve("deploy/bench/target/replay-run");
        boolean reused = options.reuse && Files.isDirectory(dir.resolve("postgres/data"))
                && Files.isDirectory(dir.resolve("kafka"));
        Path data = reused ? dir : run.prepare(dir, "deploy/bench/replay-vs-consumer-perf");
        String previous = reused && Files.exists(dir.resolve("results.txt")) ? Files.readString(dir.resolve("results.txt"))
                : "";
        if (reused) {
            Files.writeString(dir.resolve("results-" + System.currentTimeMillis() + ".txt"), previous);
        }
        StringBuilder out = new StringBuilder();
        line(out, "replay-vs-consumer-perf: %,d events, %,d issues, %d cores, load average at start %s%s",
                options.events, options.issues, Runtime.getRuntime().availableProcessors(), loadAverage(),
                reused ? " (--reuse: the topic and the first generation of an earlier run)" : "");

        say("Starting PostgreSQL (durable settings, data in %s) …", data.resolve("postgres"));
        PostgresServer pg = run.track(PostgresServer.start(data.resolve("postgres"), 0, false));
        pg.ensureDatabase("reports");
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postgres/data/postmaster.pid")).get(0).trim());
        int[] ports = BenchRun.freePorts(3);
        say("Starting a Kafka broker process …");
        KafkaBrokerProcess broker = run.track(new KafkaBrokerProcess(data.resolve("kafka"), ports[0], ports[1],
                Topics.DEFAULT_PARTITIONS)).start();
        String bootstrap = broker.bootstrapServers();

        say("Starting report-service (%s) …", root.relativize(ServiceProcess.packagedJar(root, "report-service")));
        JwtKeys keys = JwtKeys.loadOrCreate(data.resolve("jwt"));
        // replays are an operator's; the answers measured beside them are a viewer's
        token = keys.token("bench-operator", "基准测试 operator", List.of("operator", "viewer"), List.of(),
                Duration.ofHours(12));
        Map<String, String> properties = ServiceProcess.localConfiguration(pg.jdbcUrl("reports"), bootstrap, keys);
        // the issues in memory are checkpointed in this worktree's target (not the shared data directory); emptied
        // first, so that the first start is a whole load
        Path checkpoints = root.resolve("deploy/bench/target/memory-checkpoint");
        properties.put("zhenggai.memory.checkpoint-dir", checkpoints.toString());
        Path jar = ServiceProcess.packagedJar(root, "report-service");
        List<String> jvm = serviceJvmOptions(data, jar);
        if (ServiceProcess.writesClassDataArchive(jvm)) {
            // no class-data archive of this build yet: one start stopped in order writes it, as the launcher's
            // first run does; every start measured below starts from it. Before the events are written, so that
            // this start's intake applies none of them (the intake measured below would wait for events an earlier
            // process applied)
            say("Writing report-service's class-data archive (a start, then a stop) …");
            long trained = System.nanoTime();
            ServiceProcess training = new ServiceProcess("report-service", jar, ports[2], properties,
                    data.resolve("logs/report-service.log")).withJvmOptions(jvm);
            try (training) {
                training.start().awaitHealthy(Duration.ofSeconds(180));
                get(training.baseUrl() + "/api/reports/summary");
                // SIGTERM, then the JVM writes the archive (80 MB) after Quarkus has stopped: on a loaded machine
                // that outlasts ServiceProcess.stop's grace, after which it would be killed with nothing written
                ProcessHandle process = ProcessHandle.of(training.pid()).orElseThrow();
                process.destroy();
                process.onExit().get(180, java.util.concurrent.TimeUnit.SECONDS);
            }
            jvm = serviceJvmOptions(data, jar);
            if (ServiceProcess.writesClassDataArchive(jvm)) {
                throw new IllegalStateException("report-service wrote no class-data archive at its stop; see its log");
            }
            line(out, "report-service class-data archive written by a start and a stop (%.1f s): %s",
                    seconds(trained), String.join(" ", jvm));
        }
        if (reused) {
            previous.lines().filter(l -> l.startsWith("generated:") || l.startsWith("live intake"))
                    .forEach(l -> line(out, "earlier run, %s", l));
        } else {
            say("Writing %,d events for %,d issues to %s …", options.events, options.issues, Topics.EVENTS);
            long generateStart = System.nanoTime();
            EventGenerator.main(new String[] {"--bootstrap=" + bootstrap, "--events=" + options.events,
                    "--issues=" + options.issues, "--acks=all"});
            line(out, "generated: %,d events in %.1f s", options.events, seconds(generateStart));
        }

        Perf before = options.restart ? null : consumerPerformance(bootstrap, data, "before");
        if (before != null) {
            line(out, "ConsumerPerformance (before): %,d records in %.1f s → %,.0f records/s (fetch only %,.0f/s)",
                    before.records, before.seconds, before.perSecond, before.fetchPerSecond);
        }

        deleteTree(checkpoints);
        ServiceProcess service = run.track(new ServiceProcess("report-service", jar, ports[2], properties,
                data.resolve("logs/report-service.log")))
                .withJvmOptions(jvm);
        long serviceStart = System.nanoTime();
        service.start();
        service.awaitHealthy(Duration.ofSeconds(180));
        double healthySeconds = seconds(serviceStart);
        String base = service.baseUrl();
        get(base + "/api/reports/summary");
        line(out, "report-service start (%s): healthy after %.1f s, first summary answered after %.1f s (from the "
                        + "process's start)", reused ? "a restart on the earlier run's data" : "an empty database",
                healthySeconds, seconds(serviceStart));
        // the issues in memory (IssueMemory) load in the background; until then answers are counted in SQL
        String loaded = awaitMemory(base, Duration.ofSeconds(300));
        line(out, "report-service issues in memory after %.1f s from the process's start (%s)", seconds(serviceStart),
                loaded);
        if (options.restart) {
            if (!reused) {
                awaitIntake(base, options.events);
            }
            restart(service, checkpoints, base, out, data);
            System.out.println();
            System.out.print(out);
            report(out, data);
            say("Report written to %s", data.resolve("results.txt"));
            return;
        }
        CpuMeter cpu = new CpuMeter()
                .add("report-service JVM", () -> CpuMeter.processTicks(service.pid(), true))
                .add(CpuMeter.PART + "its garbage collectors",
                        () -> CpuMeter.threadTicks(service.pid(), CpuMeter::collectorThread))
                .add(CpuMeter.PART + "its JIT compilers",
                        () -> CpuMeter.threadTicks(service.pid(), CpuMeter::compilerThread))
                .add("PostgreSQL (all backends)", () -> CpuMeter.processTreeTicks(postmaster))
                .add("Kafka broker", () -> CpuMeter.processTicks(broker.pid(), true));

        say("The intake builds the first generation …");
        CpuMeter.Snapshot intakeCpuStart = cpu.snapshot();
        long intakeStart = System.nanoTime();
        awaitIntake(base, reused ? 0 : options.events);
        double intakeSeconds = seconds(intakeStart);
        Map<String, Double> intakeCores = CpuMeter.cores(intakeCpuStart, cpu.snapshot());
        if (!reused) {
            line(out, "live intake, first generation: %,d events in %.1f s → %,.0f events/s (cores: %s)",
                    options.events, intakeSeconds, options.events / intakeSeconds, cores(intakeCores));
        }

        report(out, data);
        // the latencies first: on a busy machine the replay of a million events can take long, and they are the
        // other half of what this run is for
        if (options.skipLatencies) {
            line(out, "latencies: skipped (--skip-latencies)");
        } else {
            asOfLatencies(base, out);
            sqlBaseline(pg, out);
        }
        if (options.hold) {
            System.out.print(out);
            report(out, data);
            Files.writeString(data.resolve("token.txt"), token);
            say("--hold: report-service at %s (token in %s); Ctrl-C ends the run", base, data.resolve("token.txt"));
            Thread.sleep(Long.MAX_VALUE);
        }
        line(out, "report-service memory after the latencies: %s", memory(service.pid()));
        report(out, data);
        if (options.skipReplay) {
            line(out, "replay: skipped (--skip-replay)");
        } else {
            replay(base, cpu, out, data);
        }
        line(out, "report-service memory at the end: %s", memory(service.pid()));
        Perf after = consumerPerformance(bootstrap, data, "after");
        line(out, "ConsumerPerformance (after): %,d records in %.1f s → %,.0f records/s (fetch only %,.0f/s)",
                after.records, after.seconds, after.perSecond, after.fetchPerSecond);
        double baseline = (before.perSecond + after.perSecond) / 2;
        line(out, "baseline = mean of before and after: %,.0f records/s%s%s", baseline, reused ? ""
                        : String.format(Locale.ROOT, "; live intake ÷ baseline: %.4f", options.events / intakeSeconds
                        / baseline), replayRate == 0 ? ""
                        : String.format(Locale.ROOT, "; replay ÷ baseline: %.4f (through the comparison: %.4f)",
                        replayRate / baseline, replayReadyRate / baseline));
        line(out, "load average at the end %s", loadAverage());
        System.out.println();
        System.out.print(out);
        report(out, data);
        say("Report written to %s", data.resolve("results.txt"));
    }

    /** What is measured so far, in results.txt: a run stopped early still leaves its figures. */
    private static void report(StringBuilder out, Path data) throws IOException {
        Files.writeString(data.resolve("results.txt"), out.toString());
    }

    private double replayRate;
    private double replayReadyRate;

    private void replay(String base, CpuMeter cpu, StringBuilder out, Path data) throws Exception {
        for (JsonNode earlier : get(base + "/api/admin/replays")) {
            // one replay at a time: one an earlier run left open (running, or caught up and never switched) goes
            String state = earlier.path("state").asText();
            if ("RUNNING".equals(state) || "CAUGHT_UP".equals(state)) {
                say("Cancelling replay %s (%s), left open by an earlier run …", earlier.path("id").asText(), state);
                post(base + "/api/admin/replays/" + earlier.path("id").asText() + "/cancel", "{}");
            }
        }
        say("Replay from the topic into a new generation …");
        CpuMeter.Snapshot replayCpuStart = cpu.snapshot();
        long replayStart = System.nanoTime();
        JsonNode started = post(base + "/api/admin/replays",
                "{\"source\":\"topic\",\"autoSwitch\":false,\"note\":\"replay-vs-consumer-perf\"}");
        String replay = base + "/api/admin/replays/" + started.path("id").asText();
        JsonNode status = awaitReplay(replay, replayStart, out, data);
        double replaySeconds = seconds(replayStart);
        Map<String, Double> replayCores = CpuMeter.cores(replayCpuStart, cpu.snapshot());
        long done = status.path("done").asLong();
        line(out, "replay (topic → generation %s): %,d events in %.1f s → %,.0f events/s (cores: %s)",
                status.path("generation").asText(), done, replaySeconds, done / replaySeconds, cores(replayCores));
        JsonNode comparison = status.path("comparison");
        if (comparison.isMissingNode() || comparison.isNull()) {
            long compareStart = System.nanoTime();
            post(replay + "/compare", "{}");
            while ((comparison = get(replay).path("comparison")).isNull() || comparison.isMissingNode()) {
                if (seconds(compareStart) > 900) {
                    throw new IllegalStateException("no comparison after 15 minutes");
                }
                Thread.sleep(1000);
            }
            line(out, "comparison took %.1f s (completing the generation's indexes and counters, then the live "
                    + "intake paused while the tables are compared)", seconds(compareStart));
        }
        double readySeconds = seconds(replayStart);
        line(out, "replay through the comparison (ready to switch): %,d events in %.1f s → %,.0f events/s", done,
                readySeconds, done / readySeconds);
        replayReadyRate = done / readySeconds;
        line(out, "comparison with the live generation: %s", comparison.toString().length() > 600
                ? comparison.toString().substring(0, 600) + " …" : comparison);
        replayRate = done / replaySeconds;
    }

    private void asOfLatencies(String base, StringBuilder out) throws Exception {
        say("Latencies, %d runs each after %d warm-up runs …", options.runs, options.warmups);
        line(out, "%nlatency of answers at %,d issues / %,d events (ms; ratio = p50 ÷ p50 of the live answer above it)",
                options.issues, options.events);
        line(out, "%-72s %8s %8s %8s %8s %7s", "request", "p50", "p95", "p99", "max", "ratio");
        // each live answer, then the same as of moments: the live one is the baseline of those after it
        String[][] requests = {
                {"live summary", "/api/reports/summary"},
                {"summary asOf=2024-06-30", "/api/reports/summary?asOf=2024-06-30"},
                {"summary asOf=2026-11-20", "/api/reports/summary?asOf=2026-11-20"},
                {"summary asOf=2023-03-31", "/api/reports/summary?asOf=2023-03-31"},
                {"summary asOf=2024-06-30 basis=recorded", "/api/reports/summary?asOf=2024-06-30&basis=recorded"},
                {"live breakdown by aspect", "/api/reports/breakdown?by=aspect"},
                {"breakdown by aspect asOf=2024-06-30", "/api/reports/breakdown?by=aspect&asOf=2024-06-30"},
                {"breakdown by aspect asOf=2024-06-30 basis=recorded",
                        "/api/reports/breakdown?by=aspect&asOf=2024-06-30&basis=recorded"},
                // ten groups: the counting itself, without a response of thousands of groups
                {"live breakdown by inspection", "/api/reports/breakdown?by=inspection"},
                {"breakdown by inspection asOf=2024-06-30", "/api/reports/breakdown?by=inspection&asOf=2024-06-30"},
                {"live breakdown by unit", "/api/reports/breakdown?by=unit"},
                {"breakdown by unit asOf=2023-03-31", "/api/reports/breakdown?by=unit&asOf=2023-03-31"},
                {"live drill measure=overdue", "/api/reports/drill?measure=overdue"},
                {"drill measure=overdue asOf=2024-06-30", "/api/reports/drill?measure=overdue&asOf=2024-06-30"},
                {"live drill indicator=issue.completion_rate", "/api/reports/drill?indicator=issue.completion_rate"},
                {"drill indicator=issue.completion_rate asOf=2024-06-30",
                        "/api/reports/drill?indicator=issue.completion_rate&asOf=2024-06-30"},
                {"live issue.completion_rate by aspect", "/api/indicators/issue.completion_rate/values?by=aspect"},
                {"issue.completion_rate by aspect asOf=2024-06-30",
                        "/api/indicators/issue.completion_rate/values?by=aspect&asOf=2024-06-30"},
                {"live investment.completed by industry", "/api/indicators/investment.completed/values?by=industry"},
                {"investment.completed by industry asOf=2024-06-30",
                        "/api/indicators/investment.completed/values?by=industry&asOf=2024-06-30"}};
        double liveP50 = 0;
        double summaryP50 = Double.NaN;
        // the index reuses the rows it picked for a moment until the next change: a question asked for the first
        // time (here: each request with other stale days) shows what an answer costs right after a change
        String[][] firstAsked = {
                {"live summary, first asked (staleDays differ)", "/api/reports/summary?staleDays="},
                {"live breakdown by unit, first asked (staleDays differ)", "/api/reports/breakdown?by=unit&staleDays="},
                {"live drill measure=overdue, first asked (staleDays differ)",
                        "/api/reports/drill?measure=overdue&staleDays="}};
        try (PlainHttp plain = new PlainHttp(URI.create(base), token)) {
            for (int q = 0; q < firstAsked.length; q++) {
                double[] cold = new double[options.runs];
                for (int i = 0; i < options.runs; i++) {
                    String path = firstAsked[q][1] + (100 + 1000 * q + i);
                    long start = System.nanoTime();
                    PlainHttp.Response response = plain.get(path);
                    cold[i] = (System.nanoTime() - start) / 1e6;
                    ok(path, response);
                }
                Arrays.sort(cold);
                line(out, "%-72s %8.1f %8.1f %8.1f %8.1f %7s", firstAsked[q][0], percentile(cold, 0.5),
                        percentile(cold, 0.95), percentile(cold, 0.99), cold[cold.length - 1], "");
            }
            for (String[] request : requests) {
                double[] millis = latencies(() -> ok(request[1], plain.get(request[1])));
                double p50 = percentile(millis, 0.5);
                if (request[0].startsWith("live ")) {
                    liveP50 = p50;
                }
                if (request[0].equals("live summary")) {
                    summaryP50 = p50;
                }
                line(out, "%-72s %8.1f %8.1f %8.1f %8.1f %7.2f", request[0], p50, percentile(millis, 0.95),
                        percentile(millis, 0.99), millis[millis.length - 1], p50 / liveP50);
            }
        }
        // the client of the earlier tables (up to 2026-12-04 evening), for the same answer: the difference is the client
        double[] millis = latencies(base + "/api/reports/summary");
        line(out, "%-72s %8.1f %8.1f %8.1f %8.1f %7.2f", "live summary, through java.net.http.HttpClient (earlier "
                        + "tables' client)", percentile(millis, 0.5), percentile(millis, 0.95),
                percentile(millis, 0.99), millis[millis.length - 1], percentile(millis, 0.5) / summaryP50);
    }

    /** Refuses an answer that is not 200 (a latency of an error is no latency of the answer). */
    private static void ok(String path, PlainHttp.Response response) {
        if (response.status() != 200) {
            throw new IllegalStateException("GET " + path + " → " + response.status() + ": " + response.text());
        }
    }

    /**
     * The plain SQL the summary's target is measured against (issue 16: "at least 20× faster than the plain SQL
     * {@code GROUP BY} over the same data in the same run"): the live issues of the active generation counted by
     * inspection and status in PostgreSQL, on one connection, as many runs as the answers above.
     */
    private void sqlBaseline(PostgresServer pg, StringBuilder out) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(pg.jdbcUrl("reports"), PostgresServer.USER,
                ""); java.sql.Statement s = c.createStatement()) {
            String schema;
            try (java.sql.ResultSet r = s.executeQuery(
                    "SELECT schema_name FROM public.generation WHERE state = 'ACTIVE'")) {
                r.next();
                schema = r.getString(1);
            }
            String[][] queries = {
                    {"plain SQL: SELECT inspection_id, status, count(*) … GROUP BY 1, 2",
                            "SELECT inspection_id, status, count(*) FROM " + schema
                                    + ".issue_view GROUP BY inspection_id, status"},
                    {"plain SQL: GROUP BY inspection_id, status, warning, overdue",
                            "SELECT inspection_id, status, warning, deadline < current_date, count(*) FROM " + schema
                                    + ".issue_view GROUP BY 1, 2, 3, 4"}};
            for (String[] query : queries) {
                double[] millis = latencies(() -> drain(s, query[1]));
                line(out, "%-72s %8.1f %8.1f %8.1f %8.1f %7s", query[0], percentile(millis, 0.5),
                        percentile(millis, 0.95), percentile(millis, 0.99), millis[millis.length - 1], "");
            }
        }
    }

    private static void drain(java.sql.Statement s, String sql) throws java.sql.SQLException {
        try (java.sql.ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                r.getObject(1);
            }
        }
    }

    /**
     * The heap, the class-data archive of deploy/local's launcher (unless --no-cds; see
     * {@link ServiceProcess#classDataSharing}) in DIR/cds, and JFR when asked.
     */
    private List<String> serviceJvmOptions(Path data, Path jar) {
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + options.serviceHeap));
        jvm.addAll(options.serviceJvm);
        if (!options.noCds) {
            jvm.addAll(ServiceProcess.classDataSharing(data.resolve("cds"), "report-service", jar));
        }
        if (options.jfr) {
            jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                    + data.resolve("logs/report-service.jfr"));
        }
        return jvm;
    }

    /**
     * Until the intake has applied (or dead-lettered) every event and nothing waits or lags; with {@code events} 0
     * (a reused generation) until nothing lags on three polls in a row after its consumer had 15 s to be assigned.
     */
    private void awaitIntake(String base, long events) throws Exception {
        long lastPrint = 0;
        long start = System.nanoTime();
        int caughtUp = 0;
        while (true) {
            JsonNode status = get(base + "/api/intake/status");
            long handled = status.path("applied").asLong() + status.path("deadLettered").asLong()
                    + status.path("duplicates").asLong();
            boolean idle = status.path("lag").asLong() == 0 && status.path("heldEvents").asLong() == 0;
            if (events > 0 && handled >= events && idle) {
                return;
            }
            caughtUp = idle ? caughtUp + 1 : 0;
            if (events == 0 && seconds(start) > 15 && caughtUp >= 3) {
                return;
            }
            if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                lastPrint = System.nanoTime();
                say("  intake: %,d of %,d (%.0f/s over the last minute)", handled, events,
                        status.path("appliedPerSecond").asDouble());
            }
            Thread.sleep(500);
        }
    }

    /** Until the replay has caught up (or ended); its status. */
    private JsonNode awaitReplay(String replay, long start, StringBuilder out, Path data) throws Exception {
        long lastPrint = 0;
        while (true) {
            JsonNode status = get(replay);
            String state = status.path("state").asText();
            if (!"RUNNING".equals(state)) {
                if ("FAILED".equals(state) || "CANCELLED".equals(state)) {
                    throw new IllegalStateException("the replay ended " + state + ": " + status);
                }
                return status;
            }
            if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                lastPrint = System.nanoTime();
                say("  replay: %,d of %,d (%s/s, ETA %s s)", status.path("done").asLong(),
                        status.path("target").asLong(), status.path("ratePerSecond").asText(),
                        status.path("etaSeconds").asText());
                Files.writeString(data.resolve("results.txt"), out + String.format(Locale.ROOT,
                        "replay so far: %,d events in %.1f s → %,.0f events/s%n", status.path("done").asLong(),
                        seconds(start), status.path("done").asLong() / seconds(start)));
            }
            Thread.sleep(500);
        }
    }

    /**
     * The restart step (--restart), both starts SIGKILLed before and timed alike, from the process's start to its
     * issues in memory and to the first summary counted in memory: first without a checkpoint (the directory emptied:
     * a whole load, which then writes one), then from that checkpoint.
     */
    private void restart(ServiceProcess service, Path checkpoints, String base, StringBuilder out, Path data)
            throws Exception {
        service.kill();
        deleteTree(checkpoints);
        Start whole = start(service, base);
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        Map<String, String> written = metrics(base);
        while (Double.parseDouble(written.getOrDefault("zhenggai_memory_checkpoint_bytes", "0")) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no checkpoint written within 180 s; see the service's log");
            }
            Thread.sleep(200);
            written = metrics(base);
        }
        line(out, "restart without a checkpoint (whole load): %s", whole);
        line(out, "checkpoint written after it: %,.0f bytes in %s s", Double.parseDouble(written.get(
                "zhenggai_memory_checkpoint_bytes")), written.get("zhenggai_memory_checkpoint_seconds"));
        report(out, data);
        service.kill();
        Start restored = start(service, base);
        line(out, "restart from the checkpoint: %s", restored);
        line(out, "from the checkpoint ÷ whole load: issues in memory %.2f, first summary counted in memory %.2f",
                restored.inMemory / whole.inMemory, restored.summary / whole.summary);
    }

    /** A start's times (seconds from the process's start) and what its metrics said of the load. */
    private record Start(double healthy, double inMemory, double summary, String loaded, boolean fromCheckpoint) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "healthy after %.1f s, issues in memory after %.1f s (%s; from a "
                    + "checkpoint: %s), first summary counted in memory after %.1f s", healthy, inMemory, loaded,
                    fromCheckpoint ? "yes" : "no", summary);
        }
    }

    private Start start(ServiceProcess service, String base) throws Exception {
        long started = System.nanoTime();
        service.start();
        service.awaitHealthy(Duration.ofSeconds(180));
        double healthy = seconds(started);
        String loaded = awaitMemory(base, Duration.ofSeconds(300));
        double inMemory = seconds(started);
        double summary = firstSummaryFromMemory(base, started);
        return new Start(healthy, inMemory, summary, loaded,
                "1.0".equals(metrics(base).get("zhenggai_memory_load_checkpoint")));
    }

    /** Asks for summaries until one is counted in memory; the seconds from {@code start} to that answer. */
    private double firstSummaryFromMemory(String base, long start) throws Exception {
        while (true) {
            double served = Double.parseDouble(metrics(base).getOrDefault("zhenggai_memory_served_total", "0"));
            get(base + "/api/reports/summary");
            double at = seconds(start);
            if (Double.parseDouble(metrics(base).getOrDefault("zhenggai_memory_served_total", "0")) > served) {
                return at;
            }
            Thread.sleep(50);
        }
    }

    /** report-service's own metrics (zhenggai_memory_*), by name. */
    private Map<String, String> metrics(String base) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, String> values = new java.util.HashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith("zhenggai_memory_")) {
                String[] parts = line.split(" ");
                values.put(parts[0], parts[parts.length - 1]);
            }
        }
        return values;
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Resident memory of a process now and at its peak, from {@code /proc/<pid>/status}, with the heap's limit. */
    private String memory(long pid) {
        try {
            Map<String, String> status = new java.util.HashMap<>();
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                int colon = l.indexOf(':');
                if (colon > 0) {
                    status.put(l.substring(0, colon), l.substring(colon + 1).strip());
                }
            }
            return String.format(Locale.ROOT, "resident %s (VmRSS), peak %s (VmHWM); -Xmx%s",
                    status.get("VmRSS"), status.get("VmHWM"), options.serviceHeap);
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }

    private double[] latencies(String url) throws Exception {
        return latencies(() -> get(url));
    }

    private interface Request {
        void run() throws Exception;
    }

    /** Milliseconds of {@code --runs} requests after {@code --warmups}, sorted. */
    private double[] latencies(Request request) throws Exception {
        for (int i = 0; i < options.warmups; i++) {
            request.run();
        }
        double[] millis = new double[options.runs];
        for (int i = 0; i < options.runs; i++) {
            long start = System.nanoTime();
            request.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** Kafka's ConsumerPerformance in a JVM of its own, over the whole topic, with a fresh group. */
    private Perf consumerPerformance(String bootstrap, Path data, String label) throws Exception {
        say("ConsumerPerformance (%s) …", label);
        Path log = data.resolve("logs/consumer-performance-" + label + ".txt");
        List<String> command = new ArrayList<>(List.of(JavaProcesses.javaBinary(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), "org.apache.kafka.tools.ConsumerPerformance",
                "--bootstrap-server", bootstrap, "--topic", Topics.EVENTS, "--messages", Long.toString(options.events),
                "--group", "consumer-performance-" + UUID.randomUUID(), "--timeout", "120000"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("ConsumerPerformance failed; see " + log);
        }
        // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms,
        // fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
        List<String> lines = Files.readAllLines(log).stream().filter(l -> l.matches("^\\d{4}-.*")).toList();
        if (lines.isEmpty()) {
            throw new IllegalStateException("no result line from ConsumerPerformance; see " + log);
        }
        String[] cells = lines.get(lines.size() - 1).split(",\\s*");
        long records = Long.parseLong(cells[4].strip());
        double perSecond = Double.parseDouble(cells[5].strip());
        return new Perf(records, records / perSecond, perSecond, Double.parseDouble(cells[9].strip()));
    }

    private record Perf(long records, double seconds, double perSecond, double fetchPerSecond) {
    }

    /** Waits until report-service has the active generation's issues in memory; what its metrics say of them. */
    private String awaitMemory(String base, Duration atMost) throws IOException, InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (true) {
            Map<String, String> values = metrics(base);
            if ("1.0".equals(values.get("zhenggai_memory_loaded"))) {
                return values.get("zhenggai_memory_issues") + " issues, loaded in "
                        + values.get("zhenggai_memory_load_seconds") + " s";
            }
            if (System.nanoTime() > end) {
                return "NOT loaded after " + atMost.toSeconds() + " s: answers counted in SQL";
            }
            Thread.sleep(200);
        }
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(120)).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " → " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private JsonNode post(String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(600)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + url + " → " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String cores(Map<String, Double> cores) {
        StringBuilder text = new StringBuilder();
        cores.forEach((name, value) -> text.append(text.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.2f", name.strip(), value)));
        return text.toString();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    /** Command-line options: --name=value. */
    static final class Options {
        long events = 1_000_000;
        int issues = 100_000;
        int runs = 20;
        int warmups = 3;
        String serviceHeap = "1g";
        List<String> serviceJvm = List.of();
        boolean skipReplay;
        boolean skipLatencies;
        boolean reuse;
        boolean jfr;
        boolean hold;
        boolean restart;
        boolean noCds;
        String data;

        static Options parse(String[] args) {
            Options o = new Options();
            for (String arg : args) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
                switch (name) {
                    case "--events" -> o.events = Long.parseLong(value.replace("_", ""));
                    case "--issues" -> o.issues = Integer.parseInt(value.replace("_", ""));
                    case "--runs" -> o.runs = Integer.parseInt(value);
                    case "--warmups" -> o.warmups = Integer.parseInt(value);
                    case "--service-heap" -> o.serviceHeap = value;
                    case "--service-jvm" -> o.serviceJvm = BenchRun.jvmOptions(value);
                    case "--data" -> o.data = value;
                    case "--skip-replay" -> o.skipReplay = true;
                    case "--skip-latencies" -> o.skipLatencies = true;
                    case "--reuse" -> o.reuse = true;
                    case "--jfr" -> o.jfr = true;
                    case "--hold" -> o.hold = true;
                    case "--restart" -> o.restart = true;
                    case "--no-cds" -> o.noCds = true;
                    case "--help", "-h" -> {
                        System.out.println(USAGE);
                        System.exit(0);
                    }
                    default -> {
                        System.err.println("unknown option " + arg + "\n" + USAGE);
                        System.exit(2);
                    }
                }
            }
            return o;
        }

        static final String USAGE = """
                deploy/bench/replay-vs-consumer-perf [options]
                  --events=N           events in all (default 1000000)
                  --issues=K           issues (default 100000)
                  --runs=R             timed requests per answer (default 20), after --warmups=W (default 3)
                  --service-heap=SIZE  report-service -Xmx (default 1g)
                  --service-jvm=OPTS   more JVM options for report-service, after the heap (e.g. -Xmn160m)
                  --skip-replay        only the live intake, ConsumerPerformance and the latencies
                  --skip-latencies     no latency measurements
                  --reuse              keep the work directory of an earlier run with the same --events and start on
                                       its topic and first generation (no generating, no first build; the earlier
                                       results.txt is kept as results-<millis>.txt)
                  --jfr                a JFR profile of report-service (logs/report-service.jfr; changes what is measured)
                  --hold               after the latencies, keep the stack up (report-service's URL printed, the
                                       token in DIR/token.txt) until Ctrl-C, to probe or profile by hand
                  --restart            the restart step only (no ConsumerPerformance, latencies or replay): once the
                                       intake is done, report-service is SIGKILLed and started without a checkpoint
                                       (a whole load, which writes one to deploy/bench/target/memory-checkpoint),
                                       then SIGKILLed and started from it; both starts timed to the first summary
                                       counted in memory
                  --no-cds             report-service without the launcher's class-data archive (by default the run
                                       starts from DIR/cds/report-service-<build>.jsa, written first by a start and
                                       a stop when this build has none)
                  --data=DIR           work directory (default deploy/bench/target/replay-run; deleted first unless
                                       --reuse)""";
    }
}
