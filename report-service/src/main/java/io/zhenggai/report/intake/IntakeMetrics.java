package io.zhenggai.report.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters of the intake, exported at {@code /q/metrics}. */
@ApplicationScoped
public class IntakeMetrics {

    @Inject
    MeterRegistry registry;

    private Counter applied;
    private Counter duplicates;
    private Counter deadLettered;
    private final AtomicLong newestEventTime = new AtomicLong();
    private final AtomicLong lag = new AtomicLong();

    @PostConstruct
    void register() {
        applied = registry.counter("zhenggai.intake.applied");
        duplicates = registry.counter("zhenggai.intake.duplicates");
        deadLettered = registry.counter("zhenggai.intake.dead.lettered");
        registry.gauge("zhenggai.intake.lag", lag);
        registry.gauge("zhenggai.intake.newest.applied.age.seconds", this, m -> m.newestAppliedAge().toSeconds());
    }

    void applied(RectificationEvent event) {
        applied.increment();
        newestEventTime.accumulateAndGet(event.time().toEpochMilli(), Math::max);
    }

    void duplicate() {
        duplicates.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void lag(long records) {
        lag.set(records);
    }

    public double appliedCount() {
        return applied.count();
    }

    public double duplicateCount() {
        return duplicates.count();
    }

    public double deadLetteredCount() {
        return deadLettered.count();
    }

    public long lag() {
        return lag.get();
    }

    public Duration newestAppliedAge() {
        long newest = newestEventTime.get();
        return newest == 0 ? Duration.ZERO : Duration.between(Instant.ofEpochMilli(newest), Instant.now());
    }
}
