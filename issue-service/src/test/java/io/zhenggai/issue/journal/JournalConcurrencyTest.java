package io.zhenggai.issue.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.zhenggai.local.test.JwtTestResource;

/**
 * Many writers and many readers of {@code GET /api/journal?after=} at once, interleaved at random: writers hold their
 * transactions open for random times after appending (so rows commit out of id order), append one to three events
 * per transaction, and roll some back; readers page through the journal with random page sizes and pauses. Every
 * reader must see every position exactly once, in order, without a gap, and every committed event (and no rolled-back
 * one), each aggregate's in sequence order.
 */
@QuarkusTest
class JournalConcurrencyTest {

    static final int WRITERS = 12;
    static final int TRANSACTIONS_PER_WRITER = 40;
    static final int READERS = 6;

    @Inject
    Journal journal;

    @TestHTTPResource("/api/journal")
    URL journalUrl;

    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();
    final String token = JwtTestResource.token("journal-concurrency-reader", "journal-reader");

    /** A rolled-back transaction's way out. */
    static final class RolledBack extends RuntimeException {
        RolledBack() {
            super("rolled back on purpose", null, false, false);
        }
    }

    @Test
    void shouldGiveEveryReaderEveryCommittedEventOnceInOrderWithoutAGap() throws Exception {
        long start = journal.lastPosition();
        Set<UUID> committed = ConcurrentHashMap.newKeySet();
        Set<UUID> rolledBack = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);

        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            writers.add(new Thread(() -> write(committed, rolledBack, failures), "journal-writer-" + w));
        }
        List<Reader> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            readers.add(new Reader(start, writing, committed, failures));
        }
        readers.forEach(reader -> reader.thread.start());
        writers.forEach(Thread::start);
        for (Thread writer : writers) {
            writer.join();
        }
        writing.set(false);
        for (Reader reader : readers) {
            reader.thread.join(120_000);
            assertThat(reader.thread.isAlive()).as("a reader still waits for events").isFalse();
        }

        assertThat(failures).isEmpty();
        assertThat(rolledBack).as("some writer transactions rolled back").isNotEmpty();
        assertThat(committed).hasSizeGreaterThan(WRITERS * TRANSACTIONS_PER_WRITER / 2);
        for (Reader reader : readers) {
            assertThat(reader.gaps).as("positions skipped or out of order").isEmpty();
            Set<UUID> seen = new HashSet<>(reader.eventIds);
            assertThat(reader.eventIds).as("no event seen twice").hasSameSizeAs(seen);
            assertThat(seen).as("every committed event").containsAll(committed);
            assertThat(seen).as("no rolled-back event").doesNotContainAnyElementsOf(rolledBack);
            assertThat(reader.outOfSequence).as("each aggregate's events in sequence order").isEmpty();
        }
        assertThat(journal.lastPosition()).isEqualTo(readers.get(0).last);
    }

    private void write(Set<UUID> committed, Set<UUID> rolledBack, List<Throwable> failures) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        UUID aggregate = UUID.randomUUID();
        long[] sequence = {0};
        try {
            for (int t = 0; t < TRANSACTIONS_PER_WRITER; t++) {
                boolean rollBack = random.nextInt(5) == 0;
                int events = 1 + random.nextInt(3);
                List<UUID> appended = new ArrayList<>();
                try {
                    QuarkusTransaction.requiringNew().run(() -> {
                        for (int e = 0; e < events; e++) {
                            appended.add(journal.append(AggregateType.ISSUE, aggregate, sequence[0] + e + 1,
                                    EventTypes.ISSUE_UPDATED, null, "concurrency-test",
                                    Map.of("writer", Thread.currentThread().getName(), "n", e)));
                            pause(random.nextInt(4));
                        }
                        if (rollBack) {
                            throw new RolledBack();
                        }
                    });
                    sequence[0] += events;
                    committed.addAll(appended);
                } catch (RolledBack expected) {
                    rolledBack.addAll(appended);
                }
                pause(random.nextInt(3));
            }
        } catch (Throwable e) {
            failures.add(e);
        }
    }

    private static void pause(int millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Pages through the journal from {@code start} until writing stopped and it has seen every committed event. */
    private final class Reader implements Runnable {
        final Thread thread = new Thread(this, "journal-reader");
        final long start;
        final AtomicBoolean writing;
        final Set<UUID> committed;
        final List<Throwable> failures;
        final List<Long> positions = new ArrayList<>();
        final List<UUID> eventIds = new ArrayList<>();
        final Set<UUID> seen = new HashSet<>();
        final List<String> gaps = new ArrayList<>();
        final List<String> outOfSequence = new ArrayList<>();
        final Map<String, Long> sequences = new HashMap<>();
        long last;

        Reader(long start, AtomicBoolean writing, Set<UUID> committed, List<Throwable> failures) {
            this.start = start;
            this.last = start;
            this.writing = writing;
            this.committed = committed;
            this.failures = failures;
        }

        @Override
        public void run() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long deadline = System.nanoTime() + Duration.ofSeconds(110).toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    boolean done = !writing.get() && seen.containsAll(committed);
                    if (done) {
                        return;
                    }
                    int limit = 1 + random.nextInt(40);
                    HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                                    URI.create(journalUrl + "?after=" + last + "&limit=" + limit))
                            .header("Authorization", "Bearer " + token).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (page.statusCode() != 200) {
                        throw new IllegalStateException("GET /api/journal answered " + page.statusCode());
                    }
                    for (JsonNode event : json.readTree(page.body())) {
                        long position = event.get("position").asLong();
                        if (position != last + 1) {
                            gaps.add("after " + last + " came " + position);
                        }
                        last = position;
                        positions.add(position);
                        UUID id = UUID.fromString(event.get("id").asText());
                        eventIds.add(id);
                        seen.add(id);
                        String aggregate = event.get("aggregateid").asText();
                        long sequence = event.get("sequence").asLong();
                        Long previous = sequences.put(aggregate, sequence);
                        if (previous != null && sequence != previous + 1) {
                            outOfSequence.add(aggregate + ": " + previous + " then " + sequence);
                        }
                    }
                    pause(random.nextInt(3));
                }
                throw new IllegalStateException("reader timed out at position " + last);
            } catch (Throwable e) {
                failures.add(e);
            }
        }
    }
}
