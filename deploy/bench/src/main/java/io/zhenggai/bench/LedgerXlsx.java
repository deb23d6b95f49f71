package io.zhenggai.bench;

import static io.zhenggai.bench.BenchRun.line;
import static io.zhenggai.bench.BenchRun.say;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.postgresql.PGConnection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.local.JavaProcesses;
import io.zhenggai.local.KafkaBrokerProcess;
import io.zhenggai.local.PostgresServer;
import io.zhenggai.local.ServiceProcess;
import io.zhenggai.local.Topics;

/**
 * By-hand benchmark: the Excel ledger (整改台账, {@code GET /api/reports/ledger.xlsx}) of N issues from the packaged
 * report-service running in a small heap ({@code -Xmx256m} by default), its time and peak heap, next to reading the
 * same rows out of PostgreSQL with {@code COPY … TO STDOUT} in the same run (the baseline: the ratio says what writing
 * the workbook costs on top of the rows). One run:
 * <ol>
 *   <li>durable embedded PostgreSQL, a KRaft broker process, the topics;</li>
 *   <li>report-service started on the empty database, with a GC log;</li>
 *   <li>the ledger's data: by default projections of N issues written straight into its active generation by SQL
 *       ({@code ledger-xlsx/generate.sql}: about ten history rows per issue, seconds to make); or, with
 *       {@code --source=events}, N issues' events from {@link EventGenerator} through the topic and the live intake
 *       (the real path, but about 440 events/s here);</li>
 *   <li>per run: the service's heap collected ({@code jcmd GC.run}), the ledger downloaded to a file, the rows in
 *       the workbook counted, the GC log read for the heap before and after every collection during the download;
 *       then the COPY baseline; then the ledger as of two dates and the statistics workbook once.</li>
 * </ol>
 * The report is printed and written to {@code results.txt} in the work directory.
 */
public final class LedgerXlsx {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GC_LINE = Pattern.compile(
            "^\\[([^\\]]+)\\].*GC\\(\\d+\\) Pause.*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private final BenchRun run = new BenchRun();
    private final Options options;
    private final Path root;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private String token;

    private LedgerXlsx(Options options, Path root) {
        this.options = options;
        this.root = root;
    }

    public static void main(String[] args) {
        LedgerXlsx bench = new LedgerXlsx(Options.parse(args), BenchRun.root());
        bench.run.execute(bench::measure);
    }

    private void measure() throws Exception {
        Path dir = options.data != null ? Path.of(options.data).toAbsolutePath()
                : root.resolve("deploy/bench/target/ledger-run");
        Path data = run.prepare(dir, "deploy/bench/ledger-xlsx");
        StringBuilder out = new StringBuilder();
        line(out, "ledger-xlsx: %,d issues (%s), report-service -Xmx%s, %d runs, %d cores, load average at start %s",
                options.issues, options.source, options.heap, options.runs, Runtime.getRuntime().availableProcessors(),
                BenchRun.loadAverage());

        BenchStack stack = BenchStack.start(run, root, data, "reports");
        PostgresServer pg = stack.postgres;
        KafkaBrokerProcess broker = stack.broker;
        token = stack.token("bench-office", "基准测试 office", "office", "operator");
        Path gcLog = data.resolve("logs/report-service-gc.log");
        ServiceProcess service = stack.service("report-service",
                List.of("-Xmx" + options.heap, "-Xlog:gc:file=" + gcLog + ":time"));
        BenchStack.awaitHealthy(service);
        String base = service.baseUrl();

        long madeStart = System.nanoTime();
        if (options.source.equals("events")) {
            long events = options.events > 0 ? options.events : options.issues * 10L;
            say("Writing %,d events for %,d issues to %s, then the live intake applies them …", events,
                    options.issues, Topics.EVENTS);
            EventGenerator.main(new String[] {"--bootstrap=" + broker.bootstrapServers(), "--events=" + events,
                    "--issues=" + options.issues, "--acks=all"});
            awaitIntake(base, events);
            line(out, "data: %,d events generated and applied by the live intake in %.1f s", events,
                    seconds(madeStart));
        } else {
            say("Writing the projections of %,d issues into gen_1 …", options.issues);
            try (Connection db = DriverManager.getConnection(pg.jdbcUrl("reports"), PostgresServer.USER, "");
                 Statement statement = db.createStatement()) {
                String sql;
                try (InputStream in = LedgerXlsx.class.getResourceAsStream("/ledger-xlsx/generate.sql")) {
                    sql = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .replace("${issues}", Integer.toString(options.issues));
                }
                statement.execute(sql);
            }
            line(out, "data: projections of %,d issues written by SQL in %.1f s", options.issues, seconds(madeStart));
        }
        try (Connection db = DriverManager.getConnection(pg.jdbcUrl("reports"), PostgresServer.USER, "");
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT (SELECT count(*) FROM gen_1.issue_view),
                            (SELECT sum(jsonb_array_length(measures)) FROM gen_1.issue_text)
                            + (SELECT coalesce(sum(jsonb_array_length(measures)), 0) FROM gen_1.progress_report),
                            (SELECT count(*) FROM gen_1.progress_report), (SELECT count(*) FROM gen_1.reading_fact),
                            (SELECT count(*) FROM gen_1.issue_version)""")) {
            rows.next();
            line(out, "rows: %,d issues, %,d measures, %,d progress reports, %,d readings, %,d versions",
                    rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5));
        }
        report(out, data);

        line(out, "%n%-44s %9s %10s %9s %12s %12s %8s", "what", "seconds", "MB", "rows", "peak heap MB",
                "after GC MB", "ratio");
        List<Double> copies = new ArrayList<>();
        List<Double> exports = new ArrayList<>();
        for (int r = 1; r <= options.runs; r++) {
            Download ledger = download(service, base + "/api/reports/ledger.xlsx", data.resolve("ledger.xlsx"), gcLog);
            exports.add(ledger.seconds());
            double copy = copyBaseline(pg, data.resolve("ledger.tsv"));
            copies.add(copy);
            line(out, "%-44s %9.2f %10.1f %,9d %12s %12s %8.2f", "run " + r + ": ledger.xlsx (live)", ledger.seconds(),
                    ledger.bytes() / 1e6, ledger.rows(), ledger.peak(), ledger.after(), ledger.seconds() / copy);
            line(out, "%-44s %9.2f %10.1f %9s %12s %12s %8s", "run " + r + ": COPY of the same rows (baseline)", copy,
                    Files.size(data.resolve("ledger.tsv")) / 1e6, "", "", "", "1");
            report(out, data);
        }
        for (String date : List.of("2024-01-15", "2025-06-30")) {
            Download asOf = download(service, base + "/api/reports/ledger.xlsx?asOf=" + date,
                    data.resolve("ledger-" + date + ".xlsx"), gcLog);
            line(out, "%-44s %9.2f %10.1f %,9d %12s %12s %8.2f", "ledger.xlsx asOf=" + date + " (effective)",
                    asOf.seconds(), asOf.bytes() / 1e6, asOf.rows(), asOf.peak(), asOf.after(),
                    asOf.seconds() / median(copies));
        }
        Download statistics = download(service, base + "/api/reports/statistics.xlsx",
                data.resolve("statistics.xlsx"), gcLog);
        line(out, "%-44s %9.2f %10.3f %9s %12s %12s %8.2f", "statistics.xlsx (live)", statistics.seconds(),
                statistics.bytes() / 1e6, "", statistics.peak(), statistics.after(),
                statistics.seconds() / median(copies));
        line(out, "%nmedian: ledger.xlsx %.2f s, COPY %.2f s, ratio %.2f; %,.0f rows/s into the workbook",
                median(exports), median(copies), median(exports) / median(copies), options.issues / median(exports));
        line(out, "heap: -Xmx%s; peak = the most heap in use before a collection during the download, after GC = "
                + "the most still in use after one (the download's live set, with the service's own)", options.heap);
        line(out, "load average at the end %s", BenchRun.loadAverage());
        System.out.println();
        System.out.print(out);
        report(out, data);
        say("Report written to %s", data.resolve("results.txt"));
    }

    /** A download, its time and size, the rows of its ledger sheet, and the heap in use around its collections. */
    private record Download(double seconds, long bytes, long rows, String peak, String after) {
    }

    private Download download(ServiceProcess service, String url, Path file, Path gcLog) throws Exception {
        collect(service);
        OffsetDateTime from = OffsetDateTime.now();
        long start = System.nanoTime();
        HttpResponse<Path> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(30)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofFile(file));
        double seconds = seconds(start);
        OffsetDateTime to = OffsetDateTime.now();
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " → " + response.statusCode() + ": "
                    + Files.readString(file));
        }
        Thread.sleep(300); // the GC log is written asynchronously
        long[] heap = heapDuring(gcLog, from, to);
        return new Download(seconds, Files.size(file), rowsOf(file),
                heap[0] < 0 ? "no GC" : Long.toString(heap[0]), heap[1] < 0 ? "no GC" : Long.toString(heap[1]));
    }

    /** The service's heap collected, so that each download starts alike (jcmd, beside the java binary). */
    private static void collect(ServiceProcess service) throws Exception {
        Path jcmd = Path.of(JavaProcesses.javaBinary()).resolveSibling("jcmd");
        if (Files.isExecutable(jcmd)) {
            new ProcessBuilder(jcmd.toString(), Long.toString(service.pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }

    /** The largest heap in use before and after a collection between two moments, in MB (-1: none happened). */
    private static long[] heapDuring(Path gcLog, OffsetDateTime from, OffsetDateTime to) throws IOException {
        long before = -1;
        long after = -1;
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        try (BufferedReader lines = Files.newBufferedReader(gcLog)) {
            for (String line; (line = lines.readLine()) != null; ) {
                Matcher m = GC_LINE.matcher(line);
                if (!m.find() || line.contains("System.gc()")) {
                    continue;
                }
                OffsetDateTime at = OffsetDateTime.parse(m.group(1), format);
                if (at.isBefore(from) || at.isAfter(to)) {
                    continue;
                }
                before = Math.max(before, megabytes(m.group(2), m.group(3)));
                after = Math.max(after, megabytes(m.group(4), m.group(5)));
            }
        }
        return new long[] {before, after};
    }

    private static long megabytes(String value, String unit) {
        long v = Long.parseLong(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    /** The rows of the ledger sheet (xl/worksheets/sheet1.xml), counted as the file streams: header included. */
    private static long rowsOf(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry sheet = zip.getEntry("xl/worksheets/sheet1.xml");
            if (sheet == null) {
                return 0;
            }
            try (InputStream in = zip.getInputStream(sheet)) {
                return count(in, "<row ".getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    private static long count(InputStream in, byte[] needle) throws IOException {
        long found = 0;
        int matched = 0;
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            for (int i = 0; i < n; i++) {
                matched = buffer[i] == needle[matched] ? matched + 1 : buffer[i] == needle[0] ? 1 : 0;
                if (matched == needle.length) {
                    found++;
                    matched = 0;
                }
            }
        }
        return found;
    }

    /**
     * The baseline: the same rows the live ledger reads (the query of report-service's {@code LedgerRows}, live),
     * written by PostgreSQL as text with {@code COPY … TO STDOUT} to a file; seconds.
     */
    private static double copyBaseline(PostgresServer pg, Path file) throws Exception {
        String query = """
                SELECT i.id, i.inspection_id, i.list_key, coalesce(i.aspect_numbering, '') || coalesce(i.category_numbering, '')
                       || coalesce(i.numbering, ''), coalesce(i.aspect_numbering, '') || i.aspect_title,
                       coalesce(i.category_numbering, '') || i.category_title, i.title, m.measures,
                       CAST(to_jsonb(i.lead_leaders) AS text), i.lead_unit, CAST(to_jsonb(i.responsible_units) AS text),
                       i.deadline, i.original_deadline, i.status, i.status_label, i.warning, r.as_of, r.text, f.figures,
                       i.assignment_state, i.returned_count, i.extension_count, i.awaiting_decision, i.sequence
                FROM gen_1.issue_view i LEFT JOIN gen_1.inspection_view v ON v.id = i.inspection_id
                LEFT JOIN LATERAL (SELECT CAST(to_jsonb(array_agg(x.measure ORDER BY x.sequence, x.n)) AS text)
                    AS measures FROM (SELECT t.value #>> '{}' AS measure, 0 AS sequence, t.n FROM gen_1.issue_text it,
                    jsonb_array_elements(it.measures) WITH ORDINALITY AS t(value, n) WHERE it.issue_id = i.id
                    UNION ALL SELECT t.value #>> '{}', x.sequence, t.n FROM gen_1.progress_report x,
                    jsonb_array_elements(x.measures) WITH ORDINALITY AS t(value, n) WHERE x.issue_id = i.id) x) m ON TRUE
                LEFT JOIN LATERAL (SELECT x.event_id, x.report_id, x.as_of, x.text FROM gen_1.progress_report x
                    WHERE x.issue_id = i.id AND x.superseded_at IS NULL ORDER BY x.as_of DESC, x.sequence DESC LIMIT 1) r
                    ON TRUE
                LEFT JOIN LATERAL (SELECT CAST(to_jsonb(array_agg(coalesce(x.display, x.source_text) ORDER BY x.ordinal))
                    AS text) AS figures FROM gen_1.reading_fact x WHERE x.event_id = r.event_id
                    AND x.report_id = r.report_id) f ON TRUE
                ORDER BY v.feedback_date, i.inspection_id, i.ordinal, i.id""";
        long start = System.nanoTime();
        try (Connection db = DriverManager.getConnection(pg.jdbcUrl("reports"), PostgresServer.USER, "");
             OutputStream out = Files.newOutputStream(file)) {
            db.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + query + ") TO STDOUT", out);
        }
        return seconds(start);
    }

    private void awaitIntake(String base, long events) throws Exception {
        long lastPrint = 0;
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/intake/status"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode status = JSON.readTree(response.body());
            long handled = status.path("applied").asLong() + status.path("deadLettered").asLong()
                    + status.path("duplicates").asLong();
            if (handled >= events && status.path("lag").asLong() == 0) {
                return;
            }
            if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                lastPrint = System.nanoTime();
                say("  intake: %,d of %,d (%.0f/s over the last minute)", handled, events,
                        status.path("appliedPerSecond").asDouble());
            }
            Thread.sleep(1000);
        }
    }

    private static void report(StringBuilder out, Path data) throws IOException {
        Files.writeString(data.resolve("results.txt"), out.toString());
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Command-line options: --name=value. */
    static final class Options {
        int issues = 100_000;
        long events;
        int runs = 3;
        String heap = "256m";
        String source = "sql";
        String data;

        static Options parse(String[] args) {
            Options options = new Options();
            for (String arg : args) {
                String[] kv = arg.split("=", 2);
                String value = kv.length > 1 ? kv[1] : "";
                switch (kv[0]) {
                    case "--issues" -> options.issues = Integer.parseInt(value.replace("_", ""));
                    case "--events" -> options.events = Long.parseLong(value.replace("_", ""));
                    case "--runs" -> options.runs = Integer.parseInt(value);
                    case "--heap" -> options.heap = value;
                    case "--source" -> {
                        if (!Arrays.asList("sql", "events").contains(value)) {
                            throw new IllegalArgumentException("--source is sql or events");
                        }
                        options.source = value;
                    }
                    case "--data" -> options.data = value;
                    case "--help", "-h" -> {
                        System.out.println("""
                                deploy/bench/ledger-xlsx [--issues=100000] [--runs=3] [--heap=256m] [--source=sql|events]
                                                         [--events=N] [--data=DIR]
                                  --issues   issues in the ledger (10 inspections)
                                  --runs     downloads of the live ledger, each beside a COPY of the same rows
                                  --heap     report-service's -Xmx
                                  --source   sql: projections written straight into the generation (seconds);
                                             events: N events (default 10 per issue) through the topic and the intake
                                  --data     work directory (default deploy/bench/target/ledger-run; made afresh)""");
                        System.exit(0);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg + " (--help)");
                }
            }
            return options;
        }
    }
}
