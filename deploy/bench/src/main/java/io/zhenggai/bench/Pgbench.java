package io.zhenggai.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

/**
 * pgbench with a custom script that inserts one row per transaction (autocommit, so one commit each) into a simple
 * table, run against the same PostgreSQL server as issue-service. Per-transaction latencies come from pgbench's own
 * log ({@code -l}), so p50/p99 are comparable with the HTTP side; tps and the latency average are pgbench's figures.
 */
final class Pgbench {

    static final String TABLE_DDL = """
            CREATE TABLE IF NOT EXISTS bench_insert (
                id          BIGSERIAL PRIMARY KEY,
                issue_id    UUID        NOT NULL,
                recorded_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                text        TEXT        NOT NULL
            )""";

    /** The comparison the issue asks for: one single-row INSERT per transaction. */
    static final String INSERT_SCRIPT = """
            INSERT INTO bench_insert (issue_id, text) VALUES (gen_random_uuid(), '全区新材料产业项目已开工18个,开工率67%,已完成投资3.1亿元,新增规上企业140余家');
            """;

    /**
     * A diagnostic: the journal's position counter alone, with nothing else in the transaction, exactly as
     * Journal.append takes it (one counter row updated and the journal row inserted in one statement). Every
     * transaction holds the counter row until its commit is flushed, so commits cannot be grouped: this is the
     * ceiling of that design on this disk, before any work of the service.
     */
    static final String COUNTER_DDL = """
            CREATE TABLE IF NOT EXISTS bench_position (id INT PRIMARY KEY CHECK (id = 1), last BIGINT NOT NULL);
            INSERT INTO bench_position VALUES (1, 0) ON CONFLICT DO NOTHING;
            CREATE TABLE IF NOT EXISTS bench_journal (
                position     BIGINT PRIMARY KEY,
                aggregate_id UUID   NOT NULL,
                payload      JSONB  NOT NULL
            )""";

    static final String COUNTER_SCRIPT = """
            WITH next AS (UPDATE bench_position SET last = last + 1 WHERE id = 1 RETURNING last) INSERT INTO bench_journal (position, aggregate_id, payload) SELECT next.last, gen_random_uuid(), '{"text": "全区新材料产业项目已开工18个,开工率67%,已完成投资3.1亿元"}' FROM next;
            """;

    private final String binary;
    private final int port;
    private final String database;
    private final Path workDirectory;

    Pgbench(String binary, int port, String database, Path workDirectory) {
        this.binary = binary;
        this.port = port;
        this.database = database;
        this.workDirectory = workDirectory;
    }

    /** The pgbench binary: $PGBENCH, or pgbench on the PATH; null when there is none. */
    static String find() {
        String configured = System.getenv("PGBENCH");
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured)) ? configured : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "pgbench");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    String version() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(binary, "--version").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        process.waitFor();
        return out;
    }

    /** The exact command line a phase runs (printed with the results). */
    List<String> command(String label, String scriptFile, int clients, int threads, Duration duration, boolean log) {
        List<String> command = new ArrayList<>(List.of(binary, "-n", "-M", "prepared",
                "-c", String.valueOf(clients), "-j", String.valueOf(threads),
                "-T", String.valueOf(duration.toSeconds()),
                "-f", workDirectory.resolve(scriptFile).toString(),
                "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres"));
        if (log) {
            command.add("-l");
            command.add("--log-prefix=" + workDirectory.resolve("log-" + label));
        }
        command.add(database);
        return command;
    }

    Result run(String label, String scriptFile, String script, int clients, int threads, Duration duration,
               boolean log) throws IOException, InterruptedException {
        Files.createDirectories(workDirectory);
        Files.writeString(workDirectory.resolve(scriptFile), script);
        try (Stream<Path> old = Files.list(workDirectory)) {
            for (Path file : old.filter(p -> p.getFileName().toString().startsWith("log-" + label + ".")).toList()) {
                Files.delete(file);
            }
        }
        List<String> command = command(label, scriptFile, clients, Math.min(threads, clients), duration, log);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGCLIENTENCODING", "UTF8");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        Files.writeString(workDirectory.resolve("output-" + label + ".txt"), String.join(" ", command) + "\n" + output);
        if (exit != 0) {
            throw new IllegalStateException("pgbench exited with " + exit + ":\n" + output);
        }
        Histogram latency = new Histogram(120_000_000L, 3);
        long failedInLog = 0;
        if (log) {
            try (Stream<Path> files = Files.list(workDirectory)) {
                for (Path file : files.filter(p -> p.getFileName().toString().startsWith("log-" + label + "."))
                        .toList()) {
                    try (Stream<String> lines = Files.lines(file)) {
                        for (String line : (Iterable<String>) lines::iterator) {
                            String[] fields = line.split(" ");
                            if (fields.length < 3) {
                                continue;
                            }
                            try {
                                latency.recordValue(Math.min(120_000_000L, Long.parseLong(fields[2])));
                            } catch (NumberFormatException failed) {
                                failedInLog++; // "failed" / "skipped" instead of a latency
                            }
                        }
                    }
                }
            }
        }
        return new Result(label, clients, number(output, "tps = ([0-9.]+)"),
                number(output, "latency average = ([0-9.]+) ms"),
                (long) number(output, "number of transactions actually processed: ([0-9]+)"),
                (long) Math.max(failedInLog, number(output, "number of failed transactions: ([0-9]+)")),
                latency, String.join(" ", command), output);
    }

    /** pgbench's figures, with a latency histogram in microseconds from its per-transaction log. */
    record Result(String label, int clients, double tps, double latencyAverageMillis, long transactions, long failed,
                  Histogram latency, String command, String output) {
    }

    private static double number(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
