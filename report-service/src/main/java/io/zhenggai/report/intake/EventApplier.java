package io.zhenggai.report.intake;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.kafka.common.TopicPartition;
import io.zhenggai.report.replay.Generations;
import io.zhenggai.report.replay.InGeneration;
import io.zhenggai.report.replay.SideEffects;
import io.zhenggai.report.replay.SwitchLock;

/**
 * Applies events of one aggregate strictly in sequence order, exactly once: a redelivered event changes nothing, an
 * event after a gap is held until the missing one arrives, and the arrival of the missing one releases the held
 * ones in order.
 */
@ApplicationScoped
@InGeneration
public class EventApplier {

    /** What became of an event. */
    public enum Outcome { APPLIED, DUPLICATE, HELD }

    @Inject
    IntakeLedger ledger;

    @Inject
    Instance<Projection> projections;

    @Inject
    IntakeMetrics metrics;

    @Inject
    SideEffects sideEffects;

    @Inject
    SwitchLock switchLock;

    @Inject
    Generations generations;

    /**
     * A switch of generations committed between this transaction binding its generation and taking the switch lock:
     * it is bound to the retired one, where nothing may land. Nothing was written; try again.
     */
    public static final class SwitchedMeanwhile extends RuntimeException {
        SwitchedMeanwhile(String bound) {
            super("generation " + bound + " was retired while this transaction began; nothing was written");
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome accept(RectificationEvent event, TopicPartition source, long offset) {
        long last = ledger.lastSequence(event.aggregateId());
        if (event.sequence() <= last) {
            if (!sideEffects.isReplaying()) {
                metrics.duplicate();
            }
            return Outcome.DUPLICATE;
        }
        if (event.sequence() > last + 1) {
            ledger.hold(event, source, offset);
            return Outcome.HELD;
        }
        applyFrom(event);
        return Outcome.APPLIED;
    }

    /** What an operator's skip did: the sequences given up and how many held events were then applied. */
    public record Skip(UUID aggregateId, long skippedFrom, long skippedTo, int applied) {
    }

    /**
     * Closes a gap by giving up the missing events: the held events from the lowest one on are applied in order, and
     * the skip is recorded with its reason. Empty when the aggregate holds nothing.
     */
    @Transactional
    public Optional<Skip> skipGap(UUID aggregateId, String reason) {
        switchLock.shared();
        // an operator's skip: this bean bound the transaction to the active generation before the lock was taken, so
        // make sure it still is (a replay repeating the skip works in the generation it builds)
        String bound = generations.bound().orElseThrow();
        if (!sideEffects.isReplaying() && !bound.equals(generations.active().schema())) {
            throw new SwitchedMeanwhile(bound);
        }
        long last = ledger.lastSequence(aggregateId);
        Optional<Long> lowest = ledger.lowestHeld(aggregateId);
        if (lowest.isEmpty()) {
            return Optional.empty();
        }
        ledger.recordSkip(aggregateId, last + 1, lowest.get() - 1, reason);
        RectificationEvent first = ledger.releaseHeld(aggregateId, lowest.get()).orElseThrow();
        int applied = applyFrom(first);
        ledger.flush();
        if (!sideEffects.isReplaying()) {
            metrics.held(ledger.heldCount());
        }
        return Optional.of(new Skip(aggregateId, last + 1, lowest.get() - 1, applied));
    }

    /** Applies an event and then every held event that follows it without a gap; returns how many were applied. */
    private int applyFrom(RectificationEvent event) {
        int applied = 0;
        RectificationEvent next = event;
        while (next != null) {
            for (Projection projection : projections) {
                projection.apply(next);
            }
            ledger.recordApplied(next);
            if (!sideEffects.isReplaying()) {
                // the intake's metrics count live events; a replay reports its own progress
                metrics.applied(next);
            }
            applied++;
            Optional<RectificationEvent> held = ledger.releaseHeld(next.aggregateId(), next.sequence() + 1);
            next = held.orElse(null);
        }
        return applied;
    }
}
