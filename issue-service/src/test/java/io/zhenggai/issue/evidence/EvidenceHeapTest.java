package io.zhenggai.issue.evidence;

import static io.zhenggai.issue.evidence.Files.PDF;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.zhenggai.issue.Api;
import io.zhenggai.local.test.JwtTestResource;

/**
 * Large files stream through the service: its heap does not grow by anywhere near a file's size while it is
 * uploaded, refused at the limit, or downloaded.
 * <pre>
 *   file                       stopped at     live heap growth allowed    answer
 *   40 MiB PDF (under 50 MiB)  36 MiB sent    < 10 MiB (a quarter)       201, same SHA-256 back
 *   60 MiB PDF, chunked        48 MiB sent    < 10 MiB                   413 at the limit, nothing stored
 *   40 MiB download            20 MiB read    < 10 MiB                   byte-identical (same SHA-256)
 * </pre>
 * The test runs in the service's JVM, so the body is made as it is sent (never a byte array) and the heap is
 * measured while the transfer is held still: the client stops at a given offset, both sides settle, a full GC leaves
 * only what is live, and that is compared with the live heap before the transfer. A service that buffered the body
 * would hold most of the bytes sent so far at that moment.
 */
@QuarkusTest
class EvidenceHeapTest {

    static final long MIB = 1024 * 1024;
    static final long ALLOWED_GROWTH = 10 * MIB;

    final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    @TestHTTPResource("/")
    URI root;

    @Test
    void shouldStreamLargeFilesInAndOutWithoutHoldingThem() throws Exception {
        String issue = Api.issue(Api.inspection(), null);
        String token = JwtTestResource.token("office-clerk", "office");
        // warm up: classes, pools and caches the first upload and download fill are not the file's
        upload(issue, token, new Files.Generated(3 * MIB, 99), -1).join();

        long baseline = liveHeap();
        Files.Generated file = new Files.Generated(40 * MIB, 40).pauseAt(36 * MIB);
        CompletableFuture<RawHttp.Answer> stored = upload(issue, token, file, 40 * MIB);
        long midUpload = heldAt(file) - baseline;
        RawHttp.Answer answer = stored.get(60, TimeUnit.SECONDS);
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(answer.text()).contains("\"sha256\":\"" + file.sha256() + "\"");
        String id = answer.text().replaceAll(".*\"id\":\"([0-9a-f-]+)\".*", "$1");
        long afterUpload = liveHeap() - baseline;

        baseline = liveHeap();
        Files.Generated oversized = new Files.Generated(60 * MIB, 60).pauseAt(48 * MIB);
        CompletableFuture<RawHttp.Answer> refused = upload(issue, token, oversized, -1);
        long midRefusal = heldAt(oversized) - baseline;
        RawHttp.Answer refusal = refused.get(60, TimeUnit.SECONDS);
        assertThat(refusal.status()).as(refusal.text()).isEqualTo(413);
        long afterRefusal = liveHeap() - baseline;

        baseline = liveHeap();
        HttpResponse<InputStream> download = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(root.resolve("/api/issues/" + issue + "/evidence/" + id))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        MessageDigest digest = Files.digest();
        long midDownload;
        try (InputStream in = download.body()) {
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            for (int n; read < 20 * MIB && (n = in.read(buffer, 0, (int) Math.min(buffer.length, 20 * MIB - read)))
                    != -1; read += n) {
                digest.update(buffer, 0, n);
            }
            Thread.sleep(500); // the service fills what the connection takes, then waits for this reader
            midDownload = liveHeap() - baseline;
            for (int n; (n = in.read(buffer)) != -1; ) {
                digest.update(buffer, 0, n);
            }
        }
        assertThat(HexFormat.of().formatHex(digest.digest())).as("the same bytes back").isEqualTo(file.sha256());

        System.out.printf("EvidenceHeapTest: live heap growth (MiB) — 40 MiB upload: %.1f at 36 MiB sent, %.1f "
                        + "after; 60 MiB chunked upload refused (413) after %.1f MiB sent: %.1f at 48 MiB sent, %.1f "
                        + "after; 40 MiB download: %.1f at 20 MiB read (max heap %d MiB)%n",
                mib(midUpload), mib(afterUpload), mib(refusal.sent()), mib(midRefusal), mib(afterRefusal),
                mib(midDownload), memory.getHeapMemoryUsage().getMax() / MIB);
        assertThat(midUpload).as("live heap growth while a 40 MiB upload is at 36 MiB").isLessThan(ALLOWED_GROWTH);
        assertThat(midRefusal).as("live heap growth while a 60 MiB upload is at 48 MiB").isLessThan(ALLOWED_GROWTH);
        assertThat(midDownload).as("live heap growth while a 40 MiB download is at 20 MiB")
                .isLessThan(ALLOWED_GROWTH);
        assertThat(afterUpload).isLessThan(ALLOWED_GROWTH);
        assertThat(afterRefusal).isLessThan(ALLOWED_GROWTH);
    }

    CompletableFuture<RawHttp.Answer> upload(String issue, String token, Files.Generated file, long length) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return RawHttp.send(root, "POST", "/api/issues/" + issue + "/evidence?name=large.pdf",
                        Map.of("Authorization", "Bearer " + token, "Content-Type", PDF), file, length, false);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The live heap while the upload is held at its pause offset; then lets it go on. */
    long heldAt(Files.Generated file) throws InterruptedException {
        try {
            assertThat(file.awaitPause(60)).as("the upload reached its pause").isTrue();
            Thread.sleep(500); // what is in flight reaches the service
            return liveHeap();
        } finally {
            file.release();
        }
    }

    /** The heap in use after full collections: what is live. */
    long liveHeap() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    static double mib(long bytes) {
        return bytes / (double) MIB;
    }
}
