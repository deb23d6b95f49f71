package io.zhenggai.bench;

import static io.zhenggai.bench.BenchRun.line;
import static io.zhenggai.bench.BenchRun.say;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.local.ServiceProcess;

/**
 * By-hand benchmark: the seed bulletin generated as a Word document ({@code GET /api/bulletins/{id}?format=docx}) by
 * the packaged report-service, its time and heap next to baselines measured in the same run on the same data:
 * the same bulletin as Markdown (the same reads and assembly, no Word writer) and the summary of the inspection (the
 * cheapest read of it). One run:
 * <ol>
 *   <li>embedded PostgreSQL, a KRaft broker process, issue-service and report-service (packaged, report-service with a
 *       capped heap, {@code --service-heap}, 256m by default);</li>
 *   <li>the seed bulletin imported through issue-service; report-service has it once it counts it as the ledger does;</li>
 *   <li>for each of summary, Markdown and Word: warm-up requests, then {@code --requests} sequential requests timed one
 *       by one, while the service's heap is watched through JMX (attached to its process): the heap is collected and
 *       the pools' peaks reset before the phase; reported are the peak heap in use during the phase (the sum of the
 *       pools' peaks: an upper bound, garbage included) and the bytes the service allocated per request (all its
 *       threads);</li>
 *   <li>the Word phase's figures as ratios to the Markdown phase's and the summary's.</li>
 * </ol>
 * The report is printed and written to {@code results.txt} in the work directory
 * ({@code deploy/bench/target/bulletin-run}), with the last Word document beside it ({@code seed-bulletin.docx}).
 */
public final class BulletinDocx {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] STATUSES = {"NOT_STARTED", "IN_PROGRESS", "COMPLETED", "CLOSED", "LONG_TERM"};

    private final BenchRun run = new BenchRun();
    private final Options options;
    private final Path root;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private String token;

    private BulletinDocx(Options options, Path root) {
        this.options = options;
        this.root = root;
    }

    public static void main(String[] args) {
        BulletinDocx bench = new BulletinDocx(Options.parse(args), BenchRun.root());
        bench.run.execute(bench::measure);
    }

    /** One phase's figures. */
    private record Phase(String name, int requests, double p50, double p95, double mean, double peakHeapMb,
                         double allocatedMbPerRequest, long bytes) {
    }

    private void measure() throws Exception {
        Path data = run.prepare(options.data != null ? Path.of(options.data).toAbsolutePath()
                : root.resolve("deploy/bench/target/bulletin-run"), "deploy/bench/bulletin-docx");
        StringBuilder out = new StringBuilder();
        line(out, "bulletin-docx: the seed bulletin as Word, %d requests a phase after %d warm-up; %d cores, load "
                + "average at start %s; report-service -Xmx%s", options.requests, options.warmup,
                Runtime.getRuntime().availableProcessors(), BenchRun.loadAverage(), options.serviceHeap);

        BenchStack stack = BenchStack.start(run, root, data, "issues", "reports");
        token = stack.token("bench-office", "基准测试 office", "office");
        ServiceProcess issues = stack.service("issue-service", List.of("-Xmx384m"));
        ServiceProcess reports = stack.service("report-service", List.of("-Xmx" + options.serviceHeap));
        BenchStack.awaitHealthy(issues, reports);

        say("Importing the seed bulletin …");
        String seed = Files.readString(root.resolve("seeds/dongying-edz-rectification-2023-05-10.txt"),
                StandardCharsets.UTF_8);
        HttpResponse<String> imported = http.send(HttpRequest.newBuilder(URI.create(issues.baseUrl()
                        + "/api/imports/bulletins")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(seed, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (imported.statusCode() != 201 && imported.statusCode() != 200) {
            throw new IllegalStateException("the import answered " + imported.statusCode() + ": " + imported.body());
        }
        JsonNode report = JSON.readTree(imported.body());
        String inspection = report.path("inspectionId").asText();
        String date = report.path("reportDate").asText();
        awaitReportService(issues.baseUrl(), reports.baseUrl(), inspection);
        line(out, "seed: %d issues imported, inspection %s, bulletin as of %s", report.path("issueCount").asInt(),
                inspection, date);

        String bulletin = reports.baseUrl() + "/api/bulletins/" + inspection + "?asOf=" + date + "&format=";
        try (JMXConnector jmx = attach(reports.pid())) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            Phase summary = phase("summary", reports.baseUrl() + "/api/reports/summary?inspection=" + inspection,
                    "application/json", server, null);
            Phase markdown = phase("bulletin md", bulletin + "md", "text/markdown", server, null);
            Phase word = phase("bulletin docx", bulletin + "docx", "*/*", server, data.resolve("seed-bulletin.docx"));
            line(out, "");
            line(out, "%-14s %9s %9s %9s %9s %14s %16s %11s", "phase", "requests", "p50 ms", "p95 ms", "mean ms",
                    "peak heap MB", "allocated MB/req", "bytes");
            for (Phase p : List.of(summary, markdown, word)) {
                line(out, "%-14s %9d %9.1f %9.1f %9.1f %14.1f %16.2f %,11d", p.name(), p.requests(), p.p50(),
                        p.p95(), p.mean(), p.peakHeapMb(), p.allocatedMbPerRequest(), p.bytes());
            }
            line(out, "");
            line(out, "docx ÷ md:      time (p50) %.2f, allocated per request %.2f, peak heap %.2f", word.p50()
                    / markdown.p50(), word.allocatedMbPerRequest() / markdown.allocatedMbPerRequest(),
                    word.peakHeapMb() / markdown.peakHeapMb());
            line(out, "docx ÷ summary: time (p50) %.2f, allocated per request %.2f", word.p50() / summary.p50(),
                    word.allocatedMbPerRequest() / summary.allocatedMbPerRequest());
        }
        line(out, "load average at the end %s", BenchRun.loadAverage());
        System.out.println();
        System.out.print(out);
        Files.writeString(data.resolve("results.txt"), out.toString());
        say("Report written to %s", data.resolve("results.txt"));
    }

    /** Warm-up, then timed requests one after the other, with the service's heap watched through JMX. */
    private Phase phase(String name, String url, String accept, MBeanServerConnection server, Path keep)
            throws Exception {
        say("%s: %d warm-up requests, then %d timed …", name, options.warmup, options.requests);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", accept).timeout(Duration.ofSeconds(120)).GET().build();
        for (int i = 0; i < options.warmup; i++) {
            send(request);
        }
        MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.MEMORY_MXBEAN_NAME,
                MemoryMXBean.class);
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (ObjectName pool : server.queryNames(new ObjectName(ManagementFactory.MEMORY_POOL_MXBEAN_DOMAIN_TYPE
                + ",*"), null)) {
            MemoryPoolMXBean bean = ManagementFactory.newPlatformMXBeanProxy(server, pool.toString(),
                    MemoryPoolMXBean.class);
            if (bean.getType() == MemoryType.HEAP) {
                pools.add(bean);
            }
        }
        com.sun.management.ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(server,
                ManagementFactory.THREAD_MXBEAN_NAME, com.sun.management.ThreadMXBean.class);
        memory.gc();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long allocatedBefore = allocated(threads);
        double[] millis = new double[options.requests];
        byte[] last = null;
        for (int i = 0; i < options.requests; i++) {
            long start = System.nanoTime();
            last = send(request);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        long allocated = allocated(threads) - allocatedBefore;
        long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        if (keep != null) {
            Files.write(keep, last);
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new Phase(name, options.requests, percentile(sorted, 50), percentile(sorted, 95),
                Arrays.stream(millis).average().orElse(0), peak / 1048576.0,
                allocated / 1048576.0 / options.requests, last.length);
    }

    /** Bytes allocated so far by the service's live threads (threads that ended are not counted: its workers live). */
    private static long allocated(com.sun.management.ThreadMXBean threads) {
        long[] ids = threads.getAllThreadIds();
        return Arrays.stream(threads.getThreadAllocatedBytes(ids)).filter(b -> b > 0).sum();
    }

    private byte[] send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** A JMX connection to the local management agent of the process {@code pid}, started through the attach API. */
    private static JMXConnector attach(long pid) throws Exception {
        com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(String.valueOf(pid));
        try {
            return JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
        } finally {
            vm.detach();
        }
    }

    /** Until report-service counts the inspection as the ledger does, status by status. */
    private void awaitReportService(String issues, String reports, String inspection) throws Exception {
        Map<String, Long> ledger = new java.util.LinkedHashMap<>();
        for (String status : STATUSES) {
            ledger.put(status, get(issues + "/api/issues?size=1&inspection=" + inspection + "&status=" + status)
                    .path("total").asLong());
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            JsonNode counts = get(reports + "/api/reports/summary?inspection=" + inspection).path("issues")
                    .path("byStatus");
            if (Arrays.stream(STATUSES).allMatch(s -> counts.path(s).asLong(-1) == ledger.get(s))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("report-service did not count the seed as the ledger does: "
                        + counts + " vs " + ledger);
            }
            Thread.sleep(500);
        }
    }

    private JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private record Options(int requests, int warmup, String serviceHeap, String data) {

        static Options parse(String[] args) {
            int requests = 30;
            int warmup = 10;
            String heap = "256m";
            String data = null;
            for (String arg : args) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
                if (arg.startsWith("--requests=")) {
                    requests = Integer.parseInt(value);
                } else if (arg.startsWith("--warmup=")) {
                    warmup = Integer.parseInt(value);
                } else if (arg.startsWith("--service-heap=")) {
                    heap = value;
                } else if (arg.startsWith("--data=")) {
                    data = value;
                } else if (arg.equals("--help")) {
                    System.out.println("""
                            deploy/bench/bulletin-docx [--requests=30] [--warmup=10] [--service-heap=256m] [--data=DIR]
                              the seed bulletin as Word from the packaged report-service: time and heap, next to the
                              same bulletin as Markdown and to the inspection's summary, measured in the same run""");
                    System.exit(0);
                } else {
                    throw new IllegalArgumentException("unknown option " + arg + " (see --help)");
                }
            }
            if (requests < 1 || warmup < 0) {
                throw new IllegalArgumentException("--requests must be at least 1 and --warmup at least 0");
            }
            return new Options(requests, warmup, heap, data);
        }
    }
}
