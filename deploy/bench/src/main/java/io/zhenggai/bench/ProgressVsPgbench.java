package io.zhenggai.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

import static io.zhenggai.bench.BenchRun.line;
import static io.zhenggai.bench.BenchRun.say;

import io.zhenggai.local.KafkaBrokerProcess;
import io.zhenggai.local.PostgresServer;
import io.zhenggai.local.ServiceProcess;
import io.zhenggai.local.Topics;

/**
 * One run, one machine: a durable embedded PostgreSQL, a Kafka broker process and issue-service from its packaged
 * jar; then {@code POST /api/issues/{id}/progress} from N closed-loop clients for a fixed time, and pgbench
 * single-row inserts on the same PostgreSQL at the same concurrency for the same time; the same again with one
 * client. Prints throughput, p50/p99 and the ratio, whether the relay kept up, what the database backends were doing
 * and where the CPU went. See deploy/bench/README.md.
 */
public final class ProgressVsPgbench {

    private final Options options;
    private final Path root;
    /** What {@code --import-beside} measured, printed with the N-client phase. */
    private String besideReport;
    private final BenchRun run = new BenchRun();
    private Path data;

    private ProgressVsPgbench(Options options, Path root) {
        this.options = options;
        this.root = root;
    }

    public static void main(String[] args) {
        ProgressVsPgbench bench = new ProgressVsPgbench(Options.parse(args), BenchRun.root());
        bench.run.execute(bench::run);
    }

    private void run() throws Exception {
        String pgbenchBinary = Pgbench.find();
        if (pgbenchBinary == null) {
            System.err.println(Options.PGBENCH_MISSING);
            System.exit(2);
        }
        data = options.data != null ? Path.of(options.data).toAbsolutePath()
                : root.resolve("deploy/bench/target/run");
        run.prepare(data, "deploy/bench/progress-vs-pgbench");

        BenchStack stack = BenchStack.start(run, root, data, "issues", "bench");
        PostgresServer pg = stack.postgres;
        if (options.issuesAsyncCommit) {
            sql(pg, "postgres", "ALTER DATABASE issues SET synchronous_commit = off");
        }
        Map<String, String> settings = pgSettings(pg);
        long postmaster = stack.postgresPid();
        KafkaBrokerProcess broker = stack.broker;
        // JFR's default stack depth (64) cuts Quarkus/Hibernate stacks before their callers
        ServiceProcess service = stack.service("issue-service",
                options.jfr ? List.of("-XX:FlightRecorderOptions:stackdepth=1024") : List.of(), options.serviceProperties);
        BenchStack.awaitHealthy(service);
        String token = stack.token("bench-office", "基准测试 office", "office");

        ProgressLoad load = new ProgressLoad(service.baseUrl(), token, options.idempotencyKey);
        say("Creating 1 inspection and %d issues through the API …", options.issues);
        List<UUID> issues = load.createIssues(options.issues);

        CpuMeter cpu = new CpuMeter()
                .add("issue-service JVM", () -> CpuMeter.processTicks(service.pid(), true))
                .add("PostgreSQL (all backends)", () -> CpuMeter.processTreeTicks(postmaster))
                .add("Kafka broker", () -> CpuMeter.processTicks(broker.pid(), true))
                .add("load driver JVM + pgbench", () -> CpuMeter.processTicks(ProcessHandle.current().pid(), true));
        Pgbench pgbench = new Pgbench(pgbenchBinary, pg.port(), "bench", data.resolve("pgbench"));
        sql(pg, "bench", Pgbench.TABLE_DDL);
        RelayWatch relay = new RelayWatch(service.baseUrl());
        List<Phase> phases = new ArrayList<>();

        say("Warming up POST /progress: %d clients for %d s …", options.clients, options.warmup);
        load.run("warm-up", issues, options.clients, Duration.ofSeconds(options.warmup));
        relay.awaitDrained(Duration.ofSeconds(60));

        Phase progressMany = progressPhase(pg, load, issues, options.clients, options.duration, cpu, relay, service);
        phases.add(progressMany);
        RelayReport relayReport = new RelayReport(relay.maxUnpublished(), relay.polls(),
                relay.awaitDrained(Duration.ofSeconds(120)));

        say("Warming up pgbench: %d clients for %d s …", options.clients, Math.min(5, options.warmup));
        pgbench.run("warm-up", "insert.sql", Pgbench.INSERT_SCRIPT, options.clients, options.pgbenchThreads,
                Duration.ofSeconds(Math.min(5, options.warmup)), false);
        Phase pgbenchMany = pgbenchPhase(pg, pgbench, options.clients, options.duration, cpu);
        phases.add(pgbenchMany);
        Phase counterMany = null;
        if (options.counter) {
            sql(pg, "bench", Pgbench.COUNTER_DDL);
            counterMany = pgbenchPhase(pg, pgbench, "pgbench counter row + INSERT", "counter-c" + options.clients,
                    "counter.sql", Pgbench.COUNTER_SCRIPT, options.clients, options.duration, cpu);
            phases.add(counterMany);
        }

        Phase progressOne = null;
        Phase pgbenchOne = null;
        if (options.single > 0 && options.clients != 1) {
            progressOne = progressPhase(pg, load, issues, 1, options.single, cpu, null, service);
            phases.add(progressOne);
            relay.awaitDrained(Duration.ofSeconds(60));
            pgbenchOne = pgbenchPhase(pg, pgbench, 1, options.single, cpu);
            phases.add(pgbenchOne);
        }

        relay.awaitDrained(Duration.ofSeconds(60));
        long[] relayNow = relay.read();
        Map<String, Long> journal = journalFacts(pg);
        long topicRecords = stack.topicRecords();

        // ---- the report
        StringBuilder out = new StringBuilder();
        line(out, "");
        line(out, "==== POST /progress vs pgbench — %s", OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        line(out, "machine: %d cores, load average before the run %s; other work on the box counts (see CPU below)",
                Runtime.getRuntime().availableProcessors(), options.loadAverageAtStart);
        line(out, "PostgreSQL %s (embedded, zonky), DURABLE settings: %s", settings.remove("server_version"),
                settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .reduce((a, b) -> a + " " + b).orElse(""));
        if (options.issuesAsyncCommit) {
            line(out, "DIAGNOSTIC RUN: database issues has synchronous_commit=off (ALTER DATABASE); NOT a fair comparison");
        }
        if (!options.serviceProperties.isEmpty()) {
            line(out, "DIAGNOSTIC RUN: issue-service started with extra properties %s", options.serviceProperties);
        }
        line(out, "pgbench: %s; issue-service: packaged jar, -Xmx384m, JDBC pool max 32 (its defaults)", pgbench.version());
        line(out, "load: %d issues of one inspection; client c of k posts only to issues c, c+k, c+2k … in turn "
                + "(no two clients share an issue row); closed loop, keep-alive HTTP/1.1; warm-up %d s; %s",
                options.issues, options.warmup,
                options.idempotencyKey ? "a fresh Idempotency-Key on every POST" : "no Idempotency-Key");
        line(out, "");
        line(out, "%-34s %7s %8s %12s %8s %8s %8s %8s %7s", "phase", "clients", "seconds", "throughput", "avg ms",
                "p50 ms", "p99 ms", "max ms", "errors");
        printPhase(out, progressMany);
        printPhase(out, pgbenchMany);
        line(out, "%-34s %7d %8s %12.4f   (POST /progress req/s ÷ pgbench tps)", "RATIO progress / pgbench",
                options.clients, "", progressMany.throughput / pgbenchMany.throughput);
        if (counterMany != null) {
            printPhase(out, counterMany);
            line(out, "%-34s %7d %8s %12.4f   (diagnostic: the journal's counter-row design alone, vs plain inserts)",
                    "RATIO counter / pgbench insert", options.clients, "",
                    counterMany.throughput / pgbenchMany.throughput);
        }
        if (progressOne != null) {
            printPhase(out, progressOne);
            printPhase(out, pgbenchOne);
            line(out, "%-34s %7d %8s %12.4f", "RATIO progress / pgbench", 1, "",
                    progressOne.throughput / pgbenchOne.throughput);
            line(out, "scaling 1 → %d clients: POST /progress ×%.2f, pgbench ×%.2f", options.clients,
                    progressMany.throughput / progressOne.throughput, pgbenchMany.throughput / pgbenchOne.throughput);
        }
        line(out, "");
        line(out, "relay (journal → Kafka) during the %d-client POST /progress phase: max unpublished %d (GET /q/metrics "
                        + "zhenggai_relay_unpublished, %d polls, 1/s); drained %s after the load stopped",
                options.clients, relayReport.maxUnpublished, relayReport.polls,
                relayReport.drainSeconds < 0 ? "NOT within 120 s" : String.format("%.1f s", relayReport.drainSeconds));
        line(out, "at the end: zhenggai_relay_unpublished=%d, zhenggai_relay_published_total=%d; journal rows=%d "
                        + "(last position %d, unpublished %d); records in topic %s=%d; progress reports=%d "
                        + "(max %d on one issue)",
                relayNow[0], relayNow[1], journal.get("rows"), journal.get("last"), journal.get("unpublished"),
                Topics.EVENTS, topicRecords, journal.get("reports"), journal.get("maxPerIssue"));
        double serviceCpu = progressMany.cpu.get("issue-service JVM");
        double requests = progressMany.throughput * progressMany.seconds;
        double lockedShare = progressMany.holders.values().stream().mapToDouble(Double::doubleValue).sum();
        line(out, "");
        line(out, "derived, %d-client POST /progress: issue-service CPU %.1f ms per request (%.2f cores ÷ %.1f req/s); "
                        + "a row lock held with others queued in %.0f%% of the samples → serial section ≈ %.1f ms "
                        + "per request, a ceiling of ≈ %.0f req/s whatever the concurrency",
                options.clients, serviceCpu * 1000 / progressMany.throughput, serviceCpu, progressMany.throughput,
                lockedShare * 100, lockedShare * progressMany.seconds * 1000 / requests,
                requests / (lockedShare * progressMany.seconds));
        line(out, "%d-client POST /progress req/s per %d s window: %s", options.clients, ProgressLoad.WINDOW_SECONDS,
                java.util.Arrays.stream(progressMany.windows)
                        .mapToObj(n -> String.format(Locale.ROOT, "%.1f", n / (double) ProgressLoad.WINDOW_SECONDS))
                        .reduce((a, b) -> a + "  " + b).orElse(""));
        if (besideReport != null) {
            line(out, "%s", besideReport);
        }
        line(out, "mean response body of POST /progress: %d bytes at %d clients%s (the answer lists all the issue's reports)",
                progressMany.meanResponseBytes, options.clients,
                progressOne == null ? "" : ", " + progressOne.meanResponseBytes + " bytes in the later 1-client phase");
        for (Phase phase : phases) {
            line(out, "");
            line(out, "%s, %d client(s): database backends (avg count per state, %d samples of pg_stat_activity)",
                    phase.label, phase.clients, phase.samples);
            phase.activity.entrySet().stream().filter(e -> e.getValue() >= 0.05).limit(10)
                    .forEach(e -> line(out, "  %6.2f  %s", e.getValue(), e.getKey()));
            if (phase.waitingShare >= 0.05) {
                line(out, "  some backend waited on a lock in %.0f%% of the samples; the lock HOLDER was then "
                        + "(share of all samples):", phase.waitingShare * 100);
                phase.holders.entrySet().stream().filter(e -> e.getValue() >= 0.01).limit(10)
                        .forEach(e -> line(out, "  %6.2f  %s", e.getValue(), e.getKey()));
            }
            line(out, "  CPU, cores used: %s", phase.cpu.entrySet().stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                    .reduce((a, b) -> a + "; " + b).orElse(""));
            phase.errorSamples.forEach((k, v) -> line(out, "  error ×%d: %s", v, k));
        }
        line(out, "");
        line(out, "commands:");
        for (Phase phase : phases) {
            if (phase.command != null) {
                line(out, "  %s", phase.command);
            }
        }
        line(out, "  POST /progress: %d Java threads, java.net.http.HttpClient (HTTP/1.1 keep-alive), body %s",
                options.clients, ProgressLoad.PROGRESS_BODY.replaceAll("\\s+", " "));
        line(out, "logs: %s (issue-service, broker, pgbench output and per-transaction logs)", data);
        System.out.print(out);
        Files.writeString(data.resolve("results.txt"), out.toString());
    }

    private Phase progressPhase(PostgresServer pg, ProgressLoad load, List<UUID> issues, int clients, int seconds,
                                CpuMeter cpu, RelayWatch relay, ServiceProcess service) throws Exception {
        sql(pg, "postgres", "CHECKPOINT");
        say("Measuring POST /progress: %d client(s) for %d s …", clients, seconds);
        Path jfr = null;
        if (options.jfr && relay != null) {
            jfr = data.resolve("issue-service-" + clients + "-clients.jfr");
            jcmd(service.pid(), "JFR.start", "name=bench", "settings=profile", "filename=" + jfr);
        }
        if (relay != null) {
            relay.startPolling();
        }
        CpuMeter.Snapshot before = cpu.snapshot();
        ProgressLoad.Result result;
        ActivitySampler sampler = new ActivitySampler(pg.jdbcUrl("postgres"), "issues", 50);
        BesideImport beside = options.importBeside && relay != null
                ? new BesideImport(service.baseUrl(), load.token(), seedBulletin(), Duration.ofSeconds(seconds / 3))
                .start() : null;
        try {
            result = load.run("POST /progress", issues, clients, Duration.ofSeconds(seconds));
        } finally {
            sampler.close();
        }
        if (beside != null) {
            beside.await();
            besideReport = beside.report(result);
        }
        CpuMeter.Snapshot after = cpu.snapshot();
        if (relay != null) {
            relay.close();
        }
        if (jfr != null) {
            jcmd(service.pid(), "JFR.stop", "name=bench");
            say("JFR profile of issue-service: %s", jfr);
        }
        Histogram h = result.latency();
        return new Phase("POST /api/issues/{id}/progress", clients, result.seconds(), result.throughput(), "req/s",
                h.getMean() / 1000.0, h, result.errors(), sampler.averages(), sampler.samples(),
                sampler.holderAverages(), sampler.waitingShare(), result.windows(), CpuMeter.cores(before, after), null,
                result.meanResponseBytes(), result.errorSamples());
    }

    /** The seed bulletin (seeds/*.txt): a real 通报, imported beside the load by {@code --import-beside}. */
    private Path seedBulletin() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("seeds"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().findFirst()
                    .orElseThrow(() -> new IllegalStateException("no seed bulletin in seeds/"));
        }
    }

    private Phase pgbenchPhase(PostgresServer pg, Pgbench pgbench, int clients, int seconds, CpuMeter cpu)
            throws Exception {
        return pgbenchPhase(pg, pgbench, "pgbench single-row INSERT", "c" + clients, "insert.sql",
                Pgbench.INSERT_SCRIPT, clients, seconds, cpu);
    }

    private Phase pgbenchPhase(PostgresServer pg, Pgbench pgbench, String title, String label, String scriptFile,
                               String script, int clients, int seconds, CpuMeter cpu) throws Exception {
        sql(pg, "postgres", "CHECKPOINT");
        say("Measuring %s: %d client(s) for %d s …", title, clients, seconds);
        CpuMeter.Snapshot before = cpu.snapshot();
        Pgbench.Result result;
        ActivitySampler sampler = new ActivitySampler(pg.jdbcUrl("postgres"), "bench", 50);
        try {
            result = pgbench.run(label, scriptFile, script, clients, options.pgbenchThreads,
                    Duration.ofSeconds(seconds), true);
        } finally {
            sampler.close();
        }
        CpuMeter.Snapshot after = cpu.snapshot();
        return new Phase(title, clients, seconds, result.tps(), "tps",
                result.latencyAverageMillis(), result.latency(), result.failed(), sampler.averages(), sampler.samples(),
                sampler.holderAverages(), sampler.waitingShare(), null,
                CpuMeter.cores(before, after), result.command(), 0, Map.of());
    }

    private record Phase(String label, int clients, double seconds, double throughput, String unit, double avgMillis,
                         Histogram latency, long errors, Map<String, Double> activity, long samples,
                         Map<String, Double> holders, double waitingShare, long[] windows,
                         Map<String, Double> cpu, String command, long meanResponseBytes,
                         Map<String, Long> errorSamples) {
    }

    private record RelayReport(long maxUnpublished, long polls, double drainSeconds) {
    }

    private static void printPhase(StringBuilder out, Phase p) {
        line(out, "%-34s %7d %8.1f %8.1f %-5s %8.2f %8.2f %8.2f %8.2f %7d", p.label, p.clients, p.seconds,
                p.throughput, p.unit, p.avgMillis, p.latency.getValueAtPercentile(50) / 1000.0,
                p.latency.getValueAtPercentile(99) / 1000.0, p.latency.getMaxValue() / 1000.0, p.errors);
    }

    private static Map<String, String> pgSettings(PostgresServer pg) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> names = List.of("server_version", "fsync", "synchronous_commit", "full_page_writes",
                "wal_sync_method", "commit_delay", "shared_buffers", "max_wal_size", "checkpoint_timeout");
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), PostgresServer.USER, "");
             Statement s = c.createStatement()) {
            for (String name : names) {
                try (ResultSet r = s.executeQuery("SHOW " + name)) {
                    r.next();
                    out.put(name, r.getString(1));
                }
            }
        }
        return out;
    }

    private static Map<String, Long> journalFacts(PostgresServer pg) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("issues"), PostgresServer.USER, "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("""
                     SELECT (SELECT count(*) FROM journal), (SELECT last FROM journal_position),
                            (SELECT count(*) FROM journal WHERE position IS NULL)
                              + (SELECT last FROM journal_position) - (SELECT last FROM journal_published)
                              + (SELECT coalesce(sum(to_position - next_position + 1), 0) FROM journal_republish),
                            (SELECT count(*) FROM progress_report),
                            (SELECT coalesce(max(n), 0) FROM (SELECT count(*) n FROM progress_report GROUP BY issue_id) x)
                     """)) {
            r.next();
            out.put("rows", r.getLong(1));
            out.put("last", r.getLong(2));
            out.put("unpublished", r.getLong(3));
            out.put("reports", r.getLong(4));
            out.put("maxPerIssue", r.getLong(5));
        }
        return out;
    }

    private static void sql(PostgresServer pg, String database, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(database), PostgresServer.USER, "");
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid)));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            System.err.println("jcmd failed: " + output);
        }
    }


    /** Command-line options: --name=value. */
    static final class Options {
        static final String PGBENCH_MISSING = """
                pgbench was not found (it is not among the embedded PostgreSQL binaries).
                Install it, e.g. on Debian/Ubuntu:   sudo apt-get install -y postgresql-client
                (Debian 12 ships pgbench 15 in postgresql-client-15; any pgbench >= 14 can drive the PG 14 server)
                or point PGBENCH at a pgbench binary.""";

        int duration = 60;
        int warmup = 30;
        int clients = 16;
        int issues = 200;
        int single = 20;
        int pgbenchThreads = 2;
        String data;
        boolean jfr;
        boolean idempotencyKey;
        boolean importBeside;
        boolean counter = true;
        boolean issuesAsyncCommit;
        Map<String, String> serviceProperties = new LinkedHashMap<>();
        String loadAverageAtStart = "?";

        static Options parse(String[] args) {
            Options o = new Options();
            for (String arg : args) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "true";
                switch (name) {
                    case "--help", "-h" -> {
                        System.out.println("deploy/bench/progress-vs-pgbench [options]\n" + usage());
                        System.exit(0);
                    }
                    case "--duration" -> o.duration = Integer.parseInt(value);
                    case "--warmup" -> o.warmup = Integer.parseInt(value);
                    case "--clients" -> o.clients = Integer.parseInt(value);
                    case "--issues" -> o.issues = Integer.parseInt(value);
                    case "--single" -> o.single = Integer.parseInt(value);
                    case "--pgbench-threads" -> o.pgbenchThreads = Integer.parseInt(value);
                    case "--data" -> o.data = value;
                    case "--jfr" -> o.jfr = Boolean.parseBoolean(value);
                    case "--idempotency-key" -> o.idempotencyKey = Boolean.parseBoolean(value);
                    case "--import-beside" -> o.importBeside = Boolean.parseBoolean(value);
                    case "--counter" -> o.counter = Boolean.parseBoolean(value);
                    case "--diagnose-issues-async-commit" -> o.issuesAsyncCommit = Boolean.parseBoolean(value);
                    case "--service-property" -> o.serviceProperties.put(value.substring(0, value.indexOf('=')),
                            value.substring(value.indexOf('=') + 1));
                    default -> {
                        System.err.println("unknown option " + arg + "\n" + usage());
                        System.exit(2);
                    }
                }
            }
            o.loadAverageAtStart = BenchRun.loadAverage();
            return o;
        }

        static String usage() {
            return """
                    options (all optional):
                      --duration=60        seconds of each measured 16-client phase (POST /progress, then pgbench)
                      --clients=16         concurrent clients of both (pgbench -c)
                      --pgbench-threads=2  pgbench -j
                      --issues=200         issues the clients spread over (client c posts to c, c+k, …)
                      --warmup=30          seconds of POST /progress warm-up (pgbench warms up min(5, this))
                      --single=20          seconds of each 1-client phase (0: skip)
                      --data=DIR           work directory (deleted first); default deploy/bench/target/run
                      --jfr                record a JFR profile of issue-service in the N-client phase
                      --idempotency-key    send a fresh Idempotency-Key with every POST /progress
                      --import-beside      import the seed bulletin through the API a third into the N-client phase,
                                           and compare the writers' seconds during the import with the rest
                      --counter=false      skip the diagnostic pgbench phase on a copy of the journal's counter row
                    diagnostics (the comparison is then not fair; the report says so):
                      --diagnose-issues-async-commit   ALTER DATABASE issues SET synchronous_commit = off
                      --service-property=key=value     extra system property for issue-service (repeatable)""";
        }
    }
}
