package io.zhenggai.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the relay's gauges from issue-service's Prometheus endpoint ({@code GET /q/metrics}):
 * {@code zhenggai_relay_unpublished} (journal rows the broker has not acknowledged yet) and
 * {@code zhenggai_relay_published_total}. Polled once a second during a phase to see whether the relay keeps up.
 */
final class RelayWatch implements AutoCloseable {

    private static final Pattern UNPUBLISHED = Pattern.compile("(?m)^zhenggai_relay_unpublished(?:\\{[^}]*})? ([0-9.eE+-]+)");
    private static final Pattern PUBLISHED = Pattern.compile("(?m)^zhenggai_relay_published_total(?:\\{[^}]*})? ([0-9.eE+-]+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String metricsUrl;
    private volatile boolean running;
    private Thread thread;
    private volatile long maxUnpublished = -1;
    private volatile long polls;

    RelayWatch(String baseUrl) {
        this.metricsUrl = baseUrl + "/q/metrics";
    }

    RelayWatch startPolling() {
        maxUnpublished = -1;
        polls = 0;
        running = true;
        thread = new Thread(() -> {
            while (running) {
                long[] now = read();
                if (now[0] > maxUnpublished) {
                    maxUnpublished = now[0];
                }
                polls++;
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "relay-watch");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Forgets the largest backlog seen so far: the maximum of a phase that began after a warm-up polled the same. */
    void resetMaximum() {
        maxUnpublished = -1;
    }

    long maxUnpublished() {
        return maxUnpublished;
    }

    long polls() {
        return polls;
    }

    /** {unpublished, published total}; -1 when unreadable. */
    long[] read() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(metricsUrl))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new long[] {value(UNPUBLISHED, response.body()), value(PUBLISHED, response.body())};
        } catch (Exception e) {
            return new long[] {-1, -1};
        }
    }

    /** Waits until nothing is unpublished; returns the seconds it took, or -1 on timeout. */
    double awaitDrained(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < timeout.toNanos()) {
            if (read()[0] == 0) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    private static long value(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
    }
}
