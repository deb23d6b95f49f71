package io.zhenggai.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * A bulletin import through issue-service's API ({@code POST /api/imports/bulletins}, the seed bulletin) started
 * part-way into a measured phase, beside the writers: issue 15 asks that it not stop them. It times itself, and
 * {@link #report} compares the writers' per-second throughput and latency while it ran with the rest of the phase.
 */
final class BesideImport {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String token;
    private final Path bulletin;
    private final long delayMillis;
    private volatile long startNanos;
    private volatile long endNanos;
    private volatile String outcome = "not run";
    private Thread thread;

    BesideImport(String baseUrl, String token, Path bulletin, Duration delay) {
        this.url = baseUrl + "/api/imports/bulletins";
        this.token = token;
        this.bulletin = bulletin;
        this.delayMillis = delay.toMillis();
    }

    BesideImport start() {
        thread = new Thread(() -> {
            try {
                Thread.sleep(delayMillis);
                String text = Files.readString(bulletin);
                startNanos = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + token)
                        .header("Content-Type", "text/plain; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.ofString());
                endNanos = System.nanoTime();
                String body = response.body().replaceAll("\\s+", " ");
                outcome = response.statusCode() + " " + (body.length() > 300 ? body.substring(0, 300) + " …" : body);
            } catch (IOException e) {
                endNanos = System.nanoTime();
                outcome = "failed: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "beside-import");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    void await() throws InterruptedException {
        thread.join(Duration.ofMinutes(6).toMillis());
    }

    /** The import's time and answer, and the writers' seconds during it against the rest of the phase. */
    String report(ProgressLoad.Result writers) {
        if (endNanos == 0) {
            return "bulletin import beside the load: " + outcome;
        }
        long[] perSecond = writers.perSecond();
        long[] maxMicros = writers.maxMicrosPerSecond();
        int from = (int) Math.max(0, (startNanos - writers.startNanos()) / 1_000_000_000L);
        int to = (int) Math.min(perSecond.length - 1, (endNanos - writers.startNanos()) / 1_000_000_000L);
        long during = 0;
        long duringMax = 0;
        long rest = 0;
        long restMax = 0;
        int restSeconds = 0;
        StringBuilder around = new StringBuilder();
        for (int i = 0; i < perSecond.length; i++) {
            if (i >= from && i <= to) {
                during += perSecond[i];
                duringMax = Math.max(duringMax, maxMicros[i]);
            } else {
                rest += perSecond[i];
                restMax = Math.max(restMax, maxMicros[i]);
                restSeconds++;
            }
            if (i >= from - 3 && i <= to + 3) {
                around.append(String.format(Locale.ROOT, "%s%d:%d/%.0fms", around.length() == 0 ? "" : "  ", i,
                        perSecond[i], maxMicros[i] / 1000.0));
            }
        }
        int duringSeconds = to - from + 1;
        return String.format(Locale.ROOT, """
                bulletin import beside the load (%s, POST /api/imports/bulletins): %.2f s, seconds %d–%d of the phase; \
                answer %s
                  POST /progress while it ran: %.1f req/s, longest %.1f ms; in the other %d s of the phase: %.1f req/s, \
                longest %.1f ms
                  per second around it (second: answered/longest): %s""",
                bulletin.getFileName(), (endNanos - startNanos) / 1e9, from, to, outcome,
                during / (double) duringSeconds, duringMax / 1000.0, restSeconds,
                restSeconds == 0 ? 0 : rest / (double) restSeconds, restMax / 1000.0, around);
    }
}
