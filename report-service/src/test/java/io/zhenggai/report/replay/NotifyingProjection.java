package io.zhenggai.report.replay;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.zhenggai.report.intake.Projection;
import io.zhenggai.report.intake.RectificationEvent;
import io.zhenggai.report.store.SideEffects;

/**
 * A projection with a side effect, as a notification to an issue's lead leaders would be: it "notifies" once per
 * created issue through {@link SideEffects}. Test code only: the real projections have no side effects yet.
 */
@ApplicationScoped
public class NotifyingProjection implements Projection {

    static final Set<UUID> NOTIFIED = ConcurrentHashMap.newKeySet();
    static final java.util.concurrent.atomic.AtomicLong SENT = new java.util.concurrent.atomic.AtomicLong();
    /**
     * While set and not open, a replay (a generation being built) waits at its first event for it (at most 30 s): a
     * test reads beside a replay that is certainly running, however fast the replay would otherwise be.
     */
    static volatile java.util.concurrent.CountDownLatch replayGate;

    @Inject
    SideEffects sideEffects;

    @Inject
    io.zhenggai.report.store.Generations generations;

    @Override
    public void apply(RectificationEvent event) {
        java.util.concurrent.CountDownLatch gate = replayGate;
        if (gate != null && generations.building()) {
            try {
                gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if ("zhenggai.issue.created.v1".equals(event.type())) {
            sideEffects.perform("notify-lead-leaders", () -> {
                NOTIFIED.add(event.aggregateId());
                SENT.incrementAndGet();
            });
        }
    }
}
