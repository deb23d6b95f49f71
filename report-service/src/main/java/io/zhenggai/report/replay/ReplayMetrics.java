package io.zhenggai.report.replay;

import java.util.Optional;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * The open replay's progress at {@code /q/metrics}, read from {@code public.replay} at each scrape, so that every
 * instance shows the same replay whichever of them runs it: {@code zhenggai_replay_open} (1 while one is running,
 * caught up or comparing), its events done and target, and its rate (events per second). Without an open replay
 * the numbers are 0.
 */
@ApplicationScoped
public class ReplayMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    ReplayStore store;

    void onStart(@Observes StartupEvent event) {
        gauge("zhenggai.replay.open", "1 while a replay is open (running, caught up or comparing)", r -> 1);
        gauge("zhenggai.replay.done", "Events the open replay has read", Replay::done);
        gauge("zhenggai.replay.target", "Events the open replay must read to catch up", Replay::target);
        gauge("zhenggai.replay.rate", "Events per second of the open replay",
                r -> r.rate() == null ? 0 : r.rate());
    }

    private void gauge(String name, String description, ToDoubleFunction<Replay> value) {
        Gauge.builder(name, this, m -> m.open().map(value::applyAsDouble).orElse(0.0))
                .description(description).register(registry);
    }

    private Optional<Replay> open() {
        try {
            return QuarkusTransaction.requiringNew().call(store::open);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
