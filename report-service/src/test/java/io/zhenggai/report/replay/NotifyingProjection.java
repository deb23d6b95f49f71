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

    @Inject
    SideEffects sideEffects;

    @Override
    public void apply(RectificationEvent event) {
        if ("zhenggai.issue.created.v1".equals(event.type())) {
            sideEffects.perform("notify-lead-leaders", () -> {
                NOTIFIED.add(event.aggregateId());
                SENT.incrementAndGet();
            });
        }
    }
}
