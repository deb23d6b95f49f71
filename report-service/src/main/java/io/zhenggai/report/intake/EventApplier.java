package io.zhenggai.report.intake;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.kafka.common.TopicPartition;

/**
 * Applies events of one aggregate strictly in sequence order, exactly once: a redelivered event changes nothing, an
 * event after a gap is held until the missing one arrives, and the arrival of the missing one releases the held
 * ones in order.
 */
@ApplicationScoped
public class EventApplier {

    /** What became of an event. */
    public enum Outcome { APPLIED, DUPLICATE, HELD }

    @Inject
    IntakeLedger ledger;

    @Inject
    Instance<Projection> projections;

    @Inject
    IntakeMetrics metrics;

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome accept(RectificationEvent event, TopicPartition source, long offset) {
        long last = ledger.lastSequence(event.aggregateId());
        if (event.sequence() <= last) {
            metrics.duplicate();
            return Outcome.DUPLICATE;
        }
        if (event.sequence() > last + 1) {
            ledger.hold(event, source, offset);
            return Outcome.HELD;
        }
        RectificationEvent next = event;
        while (next != null) {
            for (Projection projection : projections) {
                projection.apply(next);
            }
            ledger.recordApplied(next);
            metrics.applied(next);
            Optional<RectificationEvent> held = ledger.releaseHeld(next.aggregateId(), next.sequence() + 1);
            next = held.orElse(null);
        }
        return Outcome.APPLIED;
    }
}
