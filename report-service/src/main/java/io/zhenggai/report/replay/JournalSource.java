package io.zhenggai.report.replay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.report.intake.RecordReader;
import io.zhenggai.report.intake.RectificationEvent;

/**
 * Replays issue-service's journal ({@code GET /api/journal?after=&limit=}, in journal order) for when the topic no
 * longer holds every event. The journal is ahead of the topic (the relay publishes what it holds), so an event the
 * live generation has not applied yet waits in memory, with every later event of its aggregate, until the live one
 * has; the position stored with each batch is just before the oldest waiting event, so that a restarted replay reads
 * again from there (what it applied already is dropped by sequence).
 */
final class JournalSource extends CountingSource {

    /** Held events' "source" in the replay's generation. */
    static final TopicPartition JOURNAL = new TopicPartition("journal", 0);
    /** Beyond this many waiting events the replay stops reading ahead until the live generation catches up. */
    private static final int MAX_WAITING = 20_000;

    private record Entry(long position, RectificationEvent event) {
    }

    private final ReplayApplier applier;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final ServiceToken token;
    private final int pageSize;
    private long cursor;
    private final Deque<Entry> waiting = new ArrayDeque<>();
    private boolean atEnd;
    private boolean waitingStuck = true;
    private long liveNewest;
    private long liveNewestRead;

    JournalSource(ReplayApplier applier, ObjectMapper json, String url, ServiceToken token, int pageSize) {
        this.applier = applier;
        this.json = json;
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token;
        this.pageSize = pageSize;
    }

    @Override
    public void open() {
        // positioned by rewind
    }

    @Override
    public void rewind(Replay stored) {
        // the position is stored with each batch; a rolled-back batch is read again from there
        cursor = stored.sourcePosition() == null ? 0 : stored.sourcePosition();
        waiting.clear();
        resetCounts();
    }

    @Override
    public int step(String live) throws Exception {
        refreshTarget(live);
        int taken = retryWaiting(live);
        if (waiting.size() < MAX_WAITING) {
            List<Entry> page = page(cursor);
            atEnd = page.size() < pageSize;
            taken += apply(page, live);
        }
        if (taken > 0) {
            applier.mirrorSkips(live);
        }
        return taken;
    }

    /**
     * Reads the journal to its end, applying what the live generation has; what it has not stays waiting (after a
     * switch the intake brings it from the topic; after a mere comparison the replay goes on with it).
     */
    @Override
    public void catchUpExactly(String live) throws Exception {
        retryWaiting(live);
        boolean end = false;
        while (!end) {
            List<Entry> page = page(cursor);
            end = page.size() < pageSize;
            apply(page, live);
        }
        atEnd = true;
        applier.mirrorSkips(live);
        refreshTarget(live);
    }

    /** Applies a page in journal order, each event only once the live generation has it; returns the entries read. */
    private int apply(List<Entry> page, String live) {
        Set<UUID> aggregates = new HashSet<>();
        page.forEach(e -> {
            if (e.event() != null) {
                aggregates.add(e.event().aggregateId());
            }
        });
        Map<UUID, Long> liveSequences = applier.liveSequences(live, aggregates);
        Set<UUID> blocked = new HashSet<>();
        waiting.forEach(w -> blocked.add(w.event().aggregateId()));
        for (Entry entry : page) {
            cursor = entry.position();
            if (entry.event() == null) {
                rejected++;
                continue;
            }
            RectificationEvent event = entry.event();
            if (blocked.contains(event.aggregateId())
                    || event.sequence() > liveSequences.getOrDefault(event.aggregateId(), 0L)) {
                blocked.add(event.aggregateId());
                waiting.add(entry);
                continue;
            }
            if (applier.apply(event, JOURNAL, entry.position())) {
                applied++;
            }
        }
        return page.size();
    }

    /** Applies the waiting events the live generation has applied meanwhile, in journal order. */
    private int retryWaiting(String live) {
        if (waiting.isEmpty()) {
            waitingStuck = true;
            return 0;
        }
        Set<UUID> aggregates = new HashSet<>();
        waiting.forEach(w -> aggregates.add(w.event().aggregateId()));
        Map<UUID, Long> liveSequences = applier.liveSequences(live, aggregates);
        Set<UUID> blocked = new HashSet<>();
        int taken = 0;
        for (Iterator<Entry> it = waiting.iterator(); it.hasNext(); ) {
            RectificationEvent event = it.next().event();
            if (blocked.contains(event.aggregateId())
                    || event.sequence() > liveSequences.getOrDefault(event.aggregateId(), 0L)) {
                blocked.add(event.aggregateId());
                continue;
            }
            if (applier.apply(event, JOURNAL, 0)) {
                applied++;
            }
            it.remove();
            taken++;
        }
        waitingStuck = taken == 0;
        return taken;
    }

    private void refreshTarget(String live) {
        if (System.nanoTime() - liveNewestRead > Duration.ofSeconds(2).toNanos()) {
            liveNewest = applier.liveNewestPosition(live);
            liveNewestRead = System.nanoTime();
        }
    }

    private List<Entry> page(long after) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = get(after);
        if (response.statusCode() == 401) {
            // expired or rotated meanwhile: once more with a fresh token
            token.refused();
            response = get(after);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the journal at " + url + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        JsonNode entries = json.readTree(response.body());
        if (!entries.isArray()) {
            throw new IllegalStateException("the journal at " + url + " did not answer a JSON array");
        }
        List<Entry> page = new ArrayList<>();
        long previous = after;
        for (JsonNode entry : entries) {
            JsonNode position = entry.get("position");
            if (position == null || !position.canConvertToLong() || position.asLong() <= previous) {
                throw new IllegalStateException("journal entry without a position after " + previous + ": " + entry);
            }
            previous = position.asLong();
            // the entry as it came (a figure such as 1E+131072 cannot be written out plain): read as the intake reads
            // a record, so that what the intake dead-lettered is counted as rejected here, never retried forever
            RecordReader.Reading reading = applier.read(entry.toString().getBytes(StandardCharsets.UTF_8));
            page.add(new Entry(previous, reading.accepted() ? reading.event() : null));
        }
        return page;
    }

    private HttpResponse<byte[]> get(long after) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/api/journal?after=" + after + "&limit="
                + pageSize)).timeout(Duration.ofSeconds(60)).header("Accept", "application/json").GET();
        Optional<String> bearer = token.current();
        bearer.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public boolean caughtUp() {
        return atEnd && waitingStuck;
    }

    @Override
    public long done() {
        return cursor;
    }

    @Override
    public long target() {
        return Math.max(cursor, liveNewest);
    }

    @Override
    public Long durablePosition() {
        return waiting.isEmpty() ? cursor : waiting.peekFirst().position() - 1;
    }

    @Override
    public void close() {
        // the HTTP client holds no connection between pages worth closing (Java 17 has no close())
    }
}
