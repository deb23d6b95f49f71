package io.zhenggai.report.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;

/**
 * Metrics of the intake, exported at {@code /q/metrics} and shown by {@code /api/intake/status}: events applied (and
 * per second over the last minute), redeliveries ignored, records dead-lettered by reason, events held behind gaps,
 * consumer lag, and the age of the newest applied event. Counters count since start; the held events and the newest
 * applied event are read from the database at start, so they survive a restart. What happens in a transaction is
 * counted when it commits: a batch that rolls back and is applied again (without a poison record) counts once.
 */
@ApplicationScoped
public class IntakeMetrics {

    /** Seconds over which the applied rate is averaged. */
    static final int RATE_WINDOW = 60;

    @Inject
    MeterRegistry registry;

    @Inject
    TransactionSynchronizationRegistry transactions;

    private Counter applied;
    private Counter duplicates;
    private Counter conflicts;
    private final AtomicLong blocked = new AtomicLong();
    private final Map<DeadLetters.Kind, Counter> deadLettered = new EnumMap<>(DeadLetters.Kind.class);
    private final AtomicLong newestEventTime = new AtomicLong();
    private final AtomicLong lag = new AtomicLong();
    private final Map<Integer, AtomicLong> partitionLag = new ConcurrentHashMap<>();
    private final AtomicLong held = new AtomicLong();
    private final long[] perSecond = new long[RATE_WINDOW];
    private final long[] secondOf = new long[RATE_WINDOW];

    @PostConstruct
    void register() {
        applied = registry.counter("zhenggai.intake.applied");
        duplicates = registry.counter("zhenggai.intake.duplicates");
        conflicts = registry.counter("zhenggai.intake.conflicts");
        registry.gauge("zhenggai.intake.blocked", blocked);
        for (DeadLetters.Kind kind : DeadLetters.Kind.values()) {
            deadLettered.put(kind, registry.counter("zhenggai.intake.dead.lettered", "reason", kind.tag()));
        }
        registry.gauge("zhenggai.intake.lag", lag);
        registry.gauge("zhenggai.intake.held", held);
        registry.gauge("zhenggai.intake.applied.per.second", this, IntakeMetrics::appliedPerSecond);
        registry.gauge("zhenggai.intake.newest.applied.age.seconds", this,
                m -> m.newestAppliedAge() == null ? Double.NaN : m.newestAppliedAge().toSeconds());
    }

    private static final String PENDING = IntakeMetrics.class.getName() + ".pending";

    /** Runs now outside a transaction, else once the current one has committed (never for one rolled back). */
    @SuppressWarnings("unchecked")
    private void onCommit(Runnable count) {
        if (transactions.getTransactionKey() == null) {
            count.run();
            return;
        }
        java.util.List<Runnable> pending = (java.util.List<Runnable>) transactions.getResource(PENDING);
        if (pending == null) {
            java.util.List<Runnable> counts = new java.util.ArrayList<>();
            transactions.putResource(PENDING, counts);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        counts.forEach(Runnable::run);
                    }
                }
            });
            pending = counts;
        }
        pending.add(count);
    }

    void applied(RectificationEvent event) {
        onCommit(() -> count(event));
    }

    private void count(RectificationEvent event) {
        applied.increment();
        newestEventTime.accumulateAndGet(event.time().toEpochMilli(), Math::max);
        long second = System.currentTimeMillis() / 1000;
        synchronized (perSecond) {
            int slot = (int) (second % RATE_WINDOW);
            if (secondOf[slot] != second) {
                secondOf[slot] = second;
                perSecond[slot] = 0;
            }
            perSecond[slot]++;
        }
    }

    /** The newest applied event known at start, from the database. */
    void restored(Instant newestApplied, long heldEvents) {
        if (newestApplied != null) {
            newestEventTime.accumulateAndGet(newestApplied.toEpochMilli(), Math::max);
        }
        held.set(heldEvents);
    }

    void duplicate() {
        onCommit(duplicates::increment);
    }

    void conflict() {
        onCommit(conflicts::increment);
    }

    void deadLettered(DeadLetters.Kind kind) {
        onCommit(deadLettered.get(kind)::increment);
    }

    /** Aggregates waiting for an operator (behind a dead-lettered event or a conflict). */
    public void blocked(long aggregates) {
        blocked.set(aggregates);
    }

    public long blockedCount() {
        return blocked.get();
    }

    public double conflictCount() {
        return conflicts.count();
    }

    /**
     * The lag of each partition this instance holds ({@code zhenggai_intake_partition_lag{partition}}), and their
     * sum. A partition handed to another instance reads 0 here (its new owner reports it), so {@code max by
     * (partition)} over the instances is the lag of each.
     */
    void lag(Map<Integer, Long> byPartition) {
        partitionLag.keySet().forEach(p -> partitionLag.get(p).set(byPartition.getOrDefault(p, 0L)));
        byPartition.forEach((partition, records) -> partitionLag.computeIfAbsent(partition, p -> registry.gauge(
                "zhenggai.intake.partition.lag", List.of(Tag.of("partition",
                        String.valueOf(p))), new AtomicLong())).set(records));
        lag.set(byPartition.values().stream().mapToLong(Long::longValue).sum());
    }

    void held(long events) {
        held.set(events);
    }

    public double appliedCount() {
        return applied.count();
    }

    public double duplicateCount() {
        return duplicates.count();
    }

    public double deadLetteredCount() {
        return deadLettered.values().stream().mapToDouble(Counter::count).sum();
    }

    public Map<String, Long> deadLetteredByReason() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        deadLettered.forEach((kind, counter) -> counts.put(kind.tag(), (long) counter.count()));
        return counts;
    }

    public long lag() {
        return lag.get();
    }

    public long held() {
        return held.get();
    }

    /** Events applied per second, averaged over the last {@value #RATE_WINDOW} whole seconds. */
    public double appliedPerSecond() {
        long now = System.currentTimeMillis() / 1000;
        long total = 0;
        synchronized (perSecond) {
            for (int slot = 0; slot < RATE_WINDOW; slot++) {
                if (secondOf[slot] < now && secondOf[slot] >= now - RATE_WINDOW) {
                    total += perSecond[slot];
                }
            }
        }
        return total / (double) RATE_WINDOW;
    }

    /** How old the newest applied event is (by its recorded time); null before any was applied. */
    public Duration newestAppliedAge() {
        long newest = newestEventTime.get();
        return newest == 0 ? null : Duration.between(Instant.ofEpochMilli(newest), Instant.now());
    }
}
