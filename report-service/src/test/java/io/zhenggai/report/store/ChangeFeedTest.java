package io.zhenggai.report.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The change feed (issue 16) in PostgreSQL: writers in parallel transactions, some rolling back, and readers polling
 * at random; every reader must see every committed number once, in order, with exactly the ids committed under it,
 * and never a rolled-back one. Then pruning, and the answers for positions from another generation. Each test in a
 * generation of its own (BUILDING, cancelled at the end), since nothing else writes there.
 */
@QuarkusTest
class ChangeFeedTest {

    private static final int WRITERS = 6;
    private static final int TRANSACTIONS = 60;
    private static final int READERS = 3;

    @Inject
    ChangeFeed feed;

    @Inject
    Generations generations;

    @Inject
    DataSource dataSource;

    Generation generation;

    @BeforeEach
    void createGeneration() {
        generation = generations.create("change feed test");
    }

    @AfterEach
    void cancelGeneration() {
        QuarkusTransaction.requiringNew().run(() -> generations.cancel(generation.number()));
    }

    /** A transaction that logs these ids; it rolls back after taking its number when {@code rollBack}. */
    private long write(Set<UUID> ids, boolean rollBack) throws Exception {
        return generations.in(generation.schema(), () -> QuarkusTransaction.requiringNew().call(() -> {
            long n = feed.record(ids, null);
            // hold the clock a little, so that other writers queue behind it and readers poll meanwhile
            Thread.sleep(ThreadLocalRandom.current().nextInt(3));
            if (rollBack) {
                throw new RolledBack();
            }
            return n;
        }));
    }

    static final class RolledBack extends RuntimeException {
    }

    /** What one poll of a reader answered. */
    record Poll(long after, long upTo, Set<UUID> ids, boolean complete) {
    }

    @Test
    void shouldShowEveryReaderEveryCommittedChangeOnceInOrder() throws Exception {
        long start = feed.clock(generation.schema());
        assertThat(ChangeFeed.generationOf(start)).isEqualTo(generation.number());
        Map<Long, Set<UUID>> committed = new ConcurrentHashMap<>();
        Set<UUID> rolledBack = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
        try {
            List<Future<List<Poll>>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(() -> read(start, writing)));
            }
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                writers.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int t = 0; t < TRANSACTIONS; t++) {
                        Set<UUID> ids = new HashSet<>();
                        for (int i = random.nextInt(1, 4); i > 0; i--) {
                            ids.add(UUID.randomUUID());
                        }
                        boolean rollBack = random.nextInt(5) == 0;
                        try {
                            long n = write(ids, rollBack);
                            assertThat(committed.put(n, ids)).as("number %d committed twice", n).isNull();
                        } catch (RolledBack e) {
                            rolledBack.addAll(ids);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);

            long clock = feed.clock(generation.schema());
            assertThat(rolledBack).isNotEmpty();
            Set<UUID> all = new HashSet<>();
            committed.values().forEach(all::addAll);
            for (Future<List<Poll>> reader : readers) {
                List<Poll> polls = reader.get();
                long position = start;
                Set<UUID> seen = new HashSet<>();
                for (Poll poll : polls) {
                    assertThat(poll.complete()).as("poll after %d", poll.after()).isTrue();
                    assertThat(poll.after()).isEqualTo(position);
                    // exactly the ids committed under the numbers it read, none rolled back
                    Set<UUID> expected = new HashSet<>();
                    for (long n = poll.after() + 1; n <= poll.upTo(); n++) {
                        assertThat(committed).as("number %d read", n).containsKey(n);
                        expected.addAll(committed.get(n));
                    }
                    assertThat(poll.ids()).as("ids of %d..%d", poll.after() + 1, poll.upTo())
                            .containsExactlyInAnyOrderElementsOf(expected);
                    assertThat(poll.ids()).doesNotContainAnyElementsOf(rolledBack);
                    seen.addAll(poll.ids());
                    position = poll.upTo();
                }
                assertThat(position).isEqualTo(clock);
                assertThat(seen).isEqualTo(all);
                assertThat(polls.stream().filter(p -> p.upTo() > p.after()).count())
                        .as("polls that read something, while the writers wrote").isGreaterThan(1);
            }
            // the numbers committed are exactly the next ones after the start: a rolled-back number is taken again
            assertThat(committed.keySet()).hasSize((int) (clock - start));
            for (long n = start + 1; n <= clock; n++) {
                assertThat(committed).containsKey(n);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls from {@code start} at random sizes while the writers write, then to the end. */
    private List<Poll> read(long start, AtomicBoolean writing) throws Exception {
        List<Poll> polls = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long position = start;
        try (Connection connection = dataSource.getConnection()) {
            boolean last = false;
            while (true) {
                boolean more = writing.get();
                ChangeFeed.Changes changes = ChangeFeed.since(connection, generation.schema(), position,
                        random.nextInt(1, 6));
                polls.add(new Poll(changes.after(), changes.upTo(), changes.aggregateIds(), changes.complete()));
                if (!changes.complete()) {
                    return polls; // the test fails on it
                }
                position = changes.upTo();
                if (!more && !changes.more()) {
                    if (last) {
                        return polls;
                    }
                    last = true; // once more after the writers finished, to see the end twice
                }
                Thread.sleep(random.nextInt(2));
            }
        }
    }

    @Test
    void shouldPruneOnlyRowsBothOlderAndBeyondTheNewestAndSayWhenARangeIsGone() throws Exception {
        long start = feed.clock(generation.schema());
        List<Set<UUID>> written = new ArrayList<>();
        for (int t = 0; t < 30; t++) {
            Set<UUID> ids = Set.of(UUID.randomUUID());
            assertThat(write(ids, false)).isEqualTo(start + t + 1);
            written.add(ids);
        }
        // young rows stay, however many there are
        assertThat(prune(Duration.ofHours(1), 0)).isZero();
        // old rows among the newest ten stay
        assertThat(prune(Duration.ZERO, 10)).isEqualTo(20);
        assertThat(prune(Duration.ZERO, 10)).isZero();

        long clock = start + 30;
        assertThat(feed.clock(generation.schema())).isEqualTo(clock);
        ChangeFeed.Changes kept = feed.since(generation.schema(), clock - 10, 100);
        assertThat(kept.complete()).isTrue();
        assertThat(kept.upTo()).isEqualTo(clock);
        Set<UUID> newest = new HashSet<>();
        written.subList(20, 30).forEach(newest::addAll);
        assertThat(kept.aggregateIds()).isEqualTo(newest);

        for (long from : new long[] {start, clock - 11}) {
            ChangeFeed.Changes gone = feed.since(generation.schema(), from, 100);
            assertThat(gone.complete()).as("from %d", from).isFalse();
            assertThat(gone.aggregateIds()).isEmpty();
            assertThat(gone.upTo()).isEqualTo(from);
        }
        ChangeFeed.Changes upToDate = feed.since(generation.schema(), clock, 100);
        assertThat(upToDate.complete()).isTrue();
        assertThat(upToDate.more()).isFalse();
        assertThat(upToDate.aggregateIds()).isEmpty();
    }

    private int prune(Duration keep, int keepRows) throws Exception {
        return generations.in(generation.schema(),
                () -> QuarkusTransaction.requiringNew().call(() -> feed.prune(keep, keepRows)));
    }

    @Test
    void shouldNeverTakeAPositionOfAnotherGenerationOrAheadOfTheClock() throws Exception {
        long start = feed.clock(generation.schema());
        write(Set.of(UUID.randomUUID()), false);
        Generation active = generations.active();
        long activeClock = feed.clock();
        assertThat(activeClock).isEqualTo(feed.clock(active.schema()));
        assertThat(ChangeFeed.generationOf(activeClock)).isEqualTo(active.number());
        assertThat(feed.since(activeClock, 10).schema()).isEqualTo(active.schema());
        // the active generation's position means nothing in the new one, nor the new one's in the active one
        assertThat(feed.since(generation.schema(), activeClock, 10).complete()).isFalse();
        assertThat(feed.since(active.schema(), start, 10).complete()).isFalse();
        assertThat(feed.since(generation.schema(), start + 2, 10).complete()).isFalse();
        ChangeFeed.Changes one = feed.since(generation.schema(), start, 10);
        assertThat(one.complete()).isTrue();
        assertThat(one.upTo()).isEqualTo(start + 1);
        assertThatThrownBy(() -> feed.since("public", 0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> feed.since(generation.schema(), start, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
