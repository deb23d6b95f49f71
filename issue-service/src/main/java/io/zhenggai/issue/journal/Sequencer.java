package io.zhenggai.issue.journal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Gives committed journal rows their positions. Writers insert rows without a position and share no lock, so their
 * commits are grouped; this one thread (one at a time across instances: a transaction-scoped advisory lock) takes the
 * committed rows that have no position yet, in id order, and numbers them after the last position in one statement
 * per batch, committing before anyone reads them. It sees only committed rows and its transactions follow one
 * another, so positions are gap-free and become visible in order: a reader of {@code position > N} never skips one.
 * <p>
 * Woken after every commit that journaled something, so a position follows within milliseconds. The committing
 * thread then waits (at most {@code zhenggai.journal.await-position}) until its rows have positions, so that whoever
 * made a change finds it in {@code GET /api/journal} once the answer arrived. Another instance's sequencer may give
 * the positions: this one then reads them for its waiting writers.
 */
@ApplicationScoped
public class Sequencer {

    private static final Logger LOG = Logger.getLogger(Sequencer.class);
    private static final long ADVISORY_LOCK = 0x7A68656E67736571L; // "zhengseq"

    @Inject
    Journal journal;

    @Inject
    Relay relay;

    @ConfigProperty(name = "zhenggai.journal.sequencer-batch", defaultValue = "2000")
    int batchSize;

    @ConfigProperty(name = "zhenggai.journal.await-position", defaultValue = "PT2S")
    Duration awaitPosition;

    private final Object signal = new Object();
    private final Map<Long, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean wakeRequested;
    private volatile boolean healthy = true;
    private Thread worker;

    void onStart(@Observes StartupEvent event) {
        running = true;
        worker = new Thread(this::run, "journal-sequencer");
        worker.setDaemon(true);
        worker.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        wake();
        if (worker != null) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** In the appending transaction: the row's writer will wait for its position after the commit. */
    void onAppending(@Observes Journal.JournalAppended appended) {
        if (!awaitPosition.isZero()) {
            waiting.put(appended.id(), new CompletableFuture<>());
        }
    }

    /** After the commit: sequence now, and wait until this row has its position. */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Journal.JournalAppended appended) {
        wake();
        CompletableFuture<Long> position = waiting.get(appended.id());
        if (position == null) {
            return;
        }
        try {
            if (healthy) {
                position.get(awaitPosition.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException | ExecutionException e) {
            LOG.debugf("Journal row %d has no position yet; answering anyway", appended.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiting.remove(appended.id());
        }
    }

    void onRolledBack(@Observes(during = TransactionPhase.AFTER_FAILURE) Journal.JournalAppended appended) {
        waiting.remove(appended.id());
    }

    void wake() {
        synchronized (signal) {
            wakeRequested = true;
            signal.notifyAll();
        }
    }

    /** What one round did: the positions it gave or found, and whether a full batch suggests more. */
    private record Round(List<long[]> positions, boolean sequenced, boolean full) {
    }

    private void run() {
        long backoff = 0;
        while (running) {
            Round round;
            try {
                round = QuarkusTransaction.requiringNew().timeout(60).call(this::round);
                healthy = true;
                backoff = 0;
            } catch (RuntimeException e) {
                healthy = false;
                LOG.warnf("Journal sequencer failed (will retry): %s", e.getMessage());
                backoff = Math.min(Math.max(backoff * 2, 100), 5_000);
                pause(backoff);
                continue;
            }
            for (long[] idAndPosition : round.positions()) {
                CompletableFuture<Long> waiter = waiting.get(idAndPosition[0]);
                if (waiter != null) {
                    waiter.complete(idAndPosition[1]);
                }
            }
            if (round.sequenced() && !round.positions().isEmpty()) {
                relay.wake();
            }
            if (!round.full()) {
                // another instance sequences: look again soon for our waiting writers' positions
                pause(!round.sequenced() && !waiting.isEmpty() ? 20 : 500);
            }
        }
    }

    private Round round() {
        if (journal.tryTransactionLock(ADVISORY_LOCK)) {
            List<long[]> sequenced = journal.sequence(batchSize);
            return new Round(sequenced, true, sequenced.size() == batchSize);
        }
        return new Round(waiting.isEmpty() ? List.of() : journal.positionsOf(waiting.keySet()), false, false);
    }

    private void pause(long millis) {
        synchronized (signal) {
            if (!wakeRequested && running) {
                try {
                    signal.wait(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            wakeRequested = false;
        }
    }
}
