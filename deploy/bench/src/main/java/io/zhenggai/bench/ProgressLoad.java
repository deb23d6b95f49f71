package io.zhenggai.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

/**
 * The HTTP side: builds the fixture through the API (one inspection, N issues) and drives
 * {@code POST /api/issues/{id}/progress} from a fixed number of closed-loop clients (each sends its next request
 * when the previous answer arrived, over a kept-alive HTTP/1.1 connection).
 * <p>
 * Spreading: client {@code c} of {@code k} only ever posts to the issues {@code c, c+k, c+2k, …} in turn, so no two
 * clients touch the same issue row and the issue's own row lock ({@code PESSIMISTIC_WRITE}) never waits on another
 * request. What the clients still share is whatever the service itself serialises on.
 */
final class ProgressLoad {

    /** Readings as a bulletin states them: money, a count, an "at least" count. */
    static final String PROGRESS_BODY = """
            {"text": "全区新材料产业项目已开工18个,开工率67%,已完成投资3.1亿元,新增规上企业140余家",
             "readings": [
               {"metric": "investment.completed", "dimensions": {"industry": "新材料"}, "quantity": "3.1亿元"},
               {"metric": "project.started", "dimensions": {"industry": "新材料"}, "quantity": "18个"},
               {"metric": "enterprise.count", "quantity": "140余家"}]}""";

    private static final Pattern FIRST_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
    private static final long HIGHEST_MICROS = 120_000_000L;
    /** Successful requests are also counted per window, to see whether throughput drifts during a phase. */
    static final int WINDOW_SECONDS = 10;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final String token;
    private final boolean idempotencyKeys;

    ProgressLoad(String baseUrl, String token, boolean idempotencyKeys) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.idempotencyKeys = idempotencyKeys;
    }

    String token() {
        return token;
    }

    /** One inspection like the seed's and {@code count} issues under category 一/1 of its main list. */
    List<UUID> createIssues(int count) throws IOException, InterruptedException {
        return createIssues(count, null);
    }

    /**
     * The same; with a {@code tagPrefix}, issue {@code i} (from 1) is tagged {@code tagPrefix + i} alone, so that a
     * drill-through {@code by=tag} finds exactly that issue.
     */
    List<UUID> createIssues(int count, String tagPrefix) throws IOException, InterruptedException {
        HttpResponse<String> inspection = post("/api/inspections", """
                {"team": "市委第五巡察组", "targetUnit": "开发区-基准测试-%s", "kinds": ["ROUTINE", "SPECIAL"],
                 "specialTheme": "黄河流域生态保护和高质量发展", "feedbackDate": "2022-12-07",
                 "declared": {"aspects": 4, "categories": 16, "suggestions": 4},
                 "lists": [
                   {"key": "main", "title": "市委巡察组反馈意见", "aspects": [
                     {"numbering": "（一）", "title": "关于聚焦党中央各项决策部署在基层的落实情况方面", "categories": [
                       {"numbering": "1.", "title": "学习贯彻落实习近平新时代中国特色社会主义思想不够深入"},
                       {"numbering": "2.", "title": "推动高质量发展不够有力"}]}]}]}
                """.formatted(UUID.randomUUID()));
        expect(inspection, 201, "POST /api/inspections");
        Matcher id = FIRST_ID.matcher(inspection.body());
        if (!id.find()) {
            throw new IllegalStateException("No id in " + inspection.body());
        }
        String inspectionId = id.group(1);
        String deadline = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(90).toString();
        List<UUID> issues = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            HttpResponse<String> issue = post("/api/issues", """
                    {"inspectionId": "%s", "listKey": "main", "categoryPath": "一/1", "numbering": "（%d）",
                     "title": "关于重点项目推进不够有力问题（第%d项）", "deadline": "%s",
                     "leadLeaders": ["张三"], "responsibleUnits": ["发展改革局"], "tags": ["%s"]}
                    """.formatted(inspectionId, i, i, deadline, tagPrefix == null ? "项目建设" : tagPrefix + i));
            expect(issue, 201, "POST /api/issues");
            String location = issue.headers().firstValue("Location").orElseThrow();
            issues.add(UUID.fromString(location.substring(location.lastIndexOf('/') + 1)));
        }
        return issues;
    }

    /** Runs {@code clients} closed-loop clients for {@code duration}; every request is recorded. */
    Result run(String label, List<UUID> issues, int clients, Duration duration) throws InterruptedException {
        List<Client> running = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int c = 0; c < clients; c++) {
            List<UUID> mine = new ArrayList<>();
            for (int i = c; i < issues.size(); i += clients) {
                mine.add(issues.get(i));
            }
            if (mine.isEmpty()) {
                throw new IllegalArgumentException("More clients (" + clients + ") than issues (" + issues.size() + ")");
            }
            Client client = new Client(mine, start, end, (int) (duration.toSeconds() / WINDOW_SECONDS) + 2);
            client.thread = new Thread(client, "progress-client-" + c);
            running.add(client);
        }
        running.forEach(client -> client.thread.start());
        for (Client client : running) {
            client.thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram all = new Histogram(HIGHEST_MICROS, 3);
        long ok = 0;
        long errors = 0;
        long bytes = 0;
        Map<String, Long> errorSamples = new ConcurrentHashMap<>();
        long[] windows = new long[(int) (duration.toSeconds() / WINDOW_SECONDS)];
        long[] perSecond = new long[(int) duration.toSeconds()];
        long[] maxMicrosPerSecond = new long[perSecond.length];
        for (Client client : running) {
            for (int w = 0; w < windows.length; w++) {
                windows[w] += client.windows[w];
            }
            for (int i = 0; i < perSecond.length; i++) {
                perSecond[i] += client.perSecond[i];
                maxMicrosPerSecond[i] = Math.max(maxMicrosPerSecond[i], client.maxMicrosPerSecond[i]);
            }
            all.add(client.latency);
            ok += client.ok;
            errors += client.errors;
            bytes += client.bytes;
            client.errorSamples.forEach((k, v) -> errorSamples.merge(k, v, Long::sum));
        }
        return new Result(label, clients, seconds, ok, errors, all, ok + errors == 0 ? 0 : bytes / (ok + errors),
                errorSamples, windows, perSecond, maxMicrosPerSecond, start);
    }

    /** What a phase measured; latencies in microseconds. */
    record Result(String label, int clients, double seconds, long ok, long errors, Histogram latency,
                  long meanResponseBytes, Map<String, Long> errorSamples, long[] windows, long[] perSecond,
                  long[] maxMicrosPerSecond, long startNanos) {

        double throughput() {
            return ok / seconds;
        }
    }

    private final class Client implements Runnable {
        final List<UUID> issues;
        final long start;
        final long end;
        final long[] windows;
        /** Per second of the phase: requests answered 201, and the longest latency of those (µs). */
        final long[] perSecond;
        final long[] maxMicrosPerSecond;
        final Histogram latency = new Histogram(HIGHEST_MICROS, 3);
        final Map<String, Long> errorSamples = new ConcurrentHashMap<>();
        long ok;
        long errors;
        long bytes;
        Thread thread;

        Client(List<UUID> issues, long start, long end, int windowCount) {
            this.issues = issues;
            this.start = start;
            this.end = end;
            this.windows = new long[windowCount];
            this.perSecond = new long[windowCount * WINDOW_SECONDS];
            this.maxMicrosPerSecond = new long[windowCount * WINDOW_SECONDS];
        }

        @Override
        public void run() {
            List<HttpRequest.Builder> requests = issues.stream().map(issue -> HttpRequest
                            .newBuilder(URI.create(baseUrl + "/api/issues/" + issue + "/progress"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(PROGRESS_BODY)))
                    .toList();
            int next = 0;
            while (System.nanoTime() < end) {
                HttpRequest.Builder builder = requests.get(next++ % requests.size());
                // a fresh key per request: every request is a new report, stored with its answer
                HttpRequest request = idempotencyKeys
                        ? builder.copy().header("Idempotency-Key", UUID.randomUUID().toString()).build()
                        : builder.build();
                long t0 = System.nanoTime();
                String failure = null;
                try {
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    bytes += response.body().length;
                    if (response.statusCode() == 201) {
                        ok++;
                        long now = System.nanoTime();
                        int second = (int) ((now - start) / 1_000_000_000L);
                        if (second / WINDOW_SECONDS < windows.length) {
                            windows[second / WINDOW_SECONDS]++;
                        }
                        if (second < perSecond.length) {
                            perSecond[second]++;
                            maxMicrosPerSecond[second] = Math.max(maxMicrosPerSecond[second], (now - t0) / 1000);
                        }
                    } else {
                        failure = response.statusCode() + " " + new String(response.body(),
                                java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElse("");
                    }
                } catch (IOException e) {
                    failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                latency.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - t0) / 1000));
                if (failure != null) {
                    errors++;
                    errorSamples.merge(failure.length() > 160 ? failure.substring(0, 160) : failure, 1L, Long::sum);
                }
            }
        }
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
