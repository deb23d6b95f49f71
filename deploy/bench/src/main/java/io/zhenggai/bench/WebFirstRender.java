package io.zhenggai.bench;

import static io.zhenggai.bench.BenchRun.line;
import static io.zhenggai.bench.BenchRun.say;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import io.zhenggai.local.KafkaBrokerProcess;
import io.zhenggai.local.ServiceProcess;
import io.zhenggai.local.Topics;

/**
 * Time to first render of 总览 and the bytes every page loads, in a real headless Chromium with its cache off (what a
 * first visit costs), on the seed bulletin and then with {@code --issues} more synthetic issues
 * ({@link EventGenerator}, straight to the topic). Beside each, in the same run, the baseline: how long the API answer
 * the page shows ({@code GET /api/reports/summary}) takes over plain HTTP; the report gives the ratio.
 */
public final class WebFirstRender {

    private static final String MEASURE = """
            const nav = performance.getEntriesByType('navigation')[0];
            const paint = performance.getEntriesByType('paint').find(p => p.name === 'first-contentful-paint');
            const resources = performance.getEntriesByType('resource');
            const sum = (key) => resources.reduce((a, r) => a + (r[key] || 0), 0);
            return [nav.responseStart, paint ? paint.startTime : -1, nav.domContentLoadedEventEnd, nav.loadEventEnd,
                    nav.transferSize + sum('transferSize'), nav.decodedBodySize + sum('decodedBodySize'),
                    resources.length + 1];""";

    private final BenchRun run = new BenchRun();
    private final Path root;
    private final int issues;
    private final int runs;
    private final StringBuilder out = new StringBuilder();

    private WebFirstRender(Path root, int issues, int runs) {
        this.root = root;
        this.issues = issues;
        this.runs = runs;
    }

    public static void main(String[] args) throws Exception {
        int issues = 100_000;
        int runs = 5;
        for (String arg : args) {
            if (arg.startsWith("--issues=")) {
                issues = Integer.parseInt(arg.substring(9));
            } else if (arg.startsWith("--runs=")) {
                runs = Integer.parseInt(arg.substring(7));
            } else {
                System.out.println("deploy/bench/web-first-render [--issues=100000] [--runs=5]");
                System.exit(arg.equals("--help") ? 0 : 2);
            }
        }
        WebFirstRender bench = new WebFirstRender(BenchRun.root(), issues, runs);
        bench.run.execute(bench::measure);
    }

    private void measure() throws Exception {
        Path data = run.prepare(root.resolve("deploy/bench/target/web-run"), "deploy/bench/web-first-render");
        line(out, "web-first-render: the seed, then %,d more issues; %d runs each; %d cores, load average %s", issues,
                runs, Runtime.getRuntime().availableProcessors(), BenchRun.loadAverage());
        BenchStack stack = BenchStack.start(run, root, data, "issues", "reports");
        KafkaBrokerProcess broker = stack.broker;
        ServiceProcess issueService = stack.service("issue-service", List.of());
        ServiceProcess reports = stack.service("report-service", List.of(),
                ServiceProcess.webConfiguration(issueService.baseUrl(), stack.keys));
        BenchStack.awaitHealthy(issueService, reports);
        String office = stack.token("bench-office", "基准 office", "office");
        String viewer = stack.token("bench-viewer", "基准 viewer", "viewer");
        HttpClient http = HttpClient.newHttpClient();
        say("Importing the seed bulletin …");
        http.send(HttpRequest.newBuilder(URI.create(issueService.baseUrl() + "/api/imports/bulletins"))
                .header("Authorization", "Bearer " + office).header("Content-Type", "text/plain; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofFile(root.resolve("seeds/dongying-edz-rectification-2023-05-10.txt")))
                .build(), HttpResponse.BodyHandlers.ofString());
        awaitTotal(http, reports, viewer, 53);

        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("bench-chromium"), "--window-size=1366,900");
        ChromeDriver driver = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
        run.track(driver::quit);
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        driver.get(reports.baseUrl() + "/signin");
        driver.findElement(By.cssSelector("[data-demo-user='office']")).click();
        Thread.sleep(1000);

        phase("seed (53 issues)", driver, http, reports, viewer, true);
        if (issues > 0) {
            say("Writing %,d synthetic issues (4 events each) to %s …", issues, Topics.EVENTS);
            long start = System.nanoTime();
            EventGenerator.main(new String[] {"--bootstrap=" + broker.bootstrapServers(),
                    "--events=" + (4L * issues + 10), "--issues=" + issues, "--inspections=10", "--acks=all"});
            awaitTotal(http, reports, viewer, 53 + issues);
            line(out, "%,d issues written and applied in %.1f s", issues, (System.nanoTime() - start) / 1e9);
            phase(String.format("seed + %,d issues", issues), driver, http, reports, viewer, false);
        }
        System.out.print(out);
        Files.writeString(data.resolve("results.txt"), out.toString(), StandardCharsets.UTF_8);
    }

    private void phase(String name, ChromeDriver driver, HttpClient http, ServiceProcess reports, String token,
                       boolean everyPage) throws Exception {
        List<Double> api = new ArrayList<>();
        List<double[]> overview = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(reports.baseUrl()
                    + "/api/reports/summary")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            api.add((System.nanoTime() - start) / 1e6);
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("summary answered " + answer.statusCode());
            }
            overview.add(page(driver, reports.baseUrl() + "/"));
        }
        double apiMs = median(api);
        double fcp = median(overview.stream().map(m -> m[1]).toList());
        line(out, "%n%s", name);
        line(out, "  GET /api/reports/summary (baseline)   median %8.1f ms", apiMs);
        line(out, "  总览 first contentful paint           median %8.1f ms  = %.1f × the baseline", fcp, fcp / apiMs);
        line(out, "  总览 first byte / DOMContentLoaded / load  %.1f / %.1f / %.1f ms (median)",
                median(overview.stream().map(m -> m[0]).toList()), median(overview.stream().map(m -> m[2]).toList()),
                median(overview.stream().map(m -> m[3]).toList()));
        if (!everyPage) {
            return;
        }
        line(out, "  bytes each page loads, cache off (transferred, compressed / decoded; requests):");
        for (String path : List.of("/", "/screen", "/issues", "/review", "/imports", "/indicators",
                "/drill?measure=total", "/signin")) {
            double[] m = page(driver, reports.baseUrl() + path);
            line(out, "    %-22s %,10.0f B / %,10.0f B  (%d requests)", path, m[4], m[5], (int) m[6]);
        }
    }

    private static double[] page(ChromeDriver driver, String url) throws InterruptedException {
        driver.get(url);
        Thread.sleep(1500); // the parts loaded after the page (completion over time) count too
        List<?> m = (List<?>) driver.executeScript(MEASURE);
        return m.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
    }

    private static void awaitTotal(HttpClient http, ServiceProcess reports, String token, long total) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(URI.create(reports.baseUrl() + "/api/reports/summary"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("\"total\":" + total + ",")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("report-service did not reach " + total + " issues");
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
