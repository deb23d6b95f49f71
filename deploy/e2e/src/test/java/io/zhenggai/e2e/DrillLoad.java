package io.zhenggai.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady write load through issue-service's API, open loop: a progress report is sent every {@code 1/rate}
 * seconds whatever the answers before it (a client does not slow down because the service is in trouble), each to the
 * next of the issues in turn. Every answer is kept: what was acknowledged (2xx) must end up in the journal.
 */
final class DrillLoad implements AutoCloseable {

    /** One write: which issue, what came back, the sequence issue-service gave it (its ETag), and the phase. */
    record Write(String issueId, int status, long sequence, String phase, String error) {

        boolean acknowledged() {
            return error == null && status >= 200 && status < 300;
        }

        PublishedLog.Key key() {
            return new PublishedLog.Key(issueId, sequence);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    private final String baseUrl;
    private final String token;
    private final List<String> issues;
    private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "drill-load");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> inFlight = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Write> done = new ConcurrentLinkedQueue<>();
    private final AtomicLong sent = new AtomicLong();
    volatile String phase = "before";

    DrillLoad(String baseUrl, String token, List<String> issues) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.issues = List.copyOf(issues);
    }

    DrillLoad start(int perSecond) {
        clock.scheduleAtFixedRate(this::fire, 0, 1_000_000L / perSecond, TimeUnit.MICROSECONDS);
        return this;
    }

    /** Stops sending and waits for the answers of what was sent (each request times out after 30 s). */
    List<Write> stop() {
        clock.shutdownNow();
        try {
            clock.awaitTermination(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(90, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("[drill] waiting for the load's last answers: " + e);
        }
        return List.copyOf(done);
    }

    long acknowledged() {
        return done.stream().filter(Write::acknowledged).count();
    }

    /**
     * Keeps the load going for at least {@code least} and until {@code count} more writes have been acknowledged (at
     * most {@code most}): on a busy machine a fixed time may pass before anything was written at all.
     */
    void runFor(Duration least, long count, Duration most) {
        long target = acknowledged() + count;
        long start = System.nanoTime();
        while (System.nanoTime() - start < most.toNanos()
                && (System.nanoTime() - start < least.toNanos() || acknowledged() < target)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void fire() {
        long n = sent.incrementAndGet();
        String issue = issues.get((int) (n % issues.size()));
        String readings = n % 3 != 0 ? "" : """
                , "readings": [{"metric": "investment.completed", "dimensions": {"industry": "新材料"},
                                "quantity": "%d.5亿元"}]""".formatted(n % 97);
        String body = """
                {"text": "第%d次进展：已开工%d个项目", "measures": ["加快推进第%d项措施"]%s}"""
                .formatted(n, n % 50, n, readings);
        String startedIn = phase;
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/issues/" + issue + "/progress"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        CompletableFuture<Void> answer = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null) {
                        done.add(new Write(issue, 0, 0, startedIn, failure.toString()));
                    } else {
                        long sequence = response.headers().firstValue("ETag")
                                .map(tag -> Long.parseLong(tag.replace("W/", "").replace("\"", ""))).orElse(0L);
                        boolean ok = response.statusCode() >= 200 && response.statusCode() < 300;
                        done.add(new Write(issue, response.statusCode(), sequence, startedIn,
                                ok ? null : response.body()));
                    }
                    return null;
                });
        inFlight.add(answer);
        inFlight.removeIf(CompletableFuture::isDone);
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
