package io.zhenggai.report.intake;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.apache.kafka.common.TopicPartition;
import io.zhenggai.report.store.Generations;
import io.zhenggai.report.store.InGeneration;
import io.zhenggai.report.store.SideEffects;
import io.zhenggai.report.store.SwitchLock;

/**
 * Applies events of one aggregate strictly in sequence order, exactly once: a redelivered event changes nothing, an
 * event after a gap is held until the missing one arrives, and the arrival of the missing one releases the held
 * ones in order.
 */
@ApplicationScoped
@InGeneration
public class EventApplier {

    /** What became of an event. */
    public enum Outcome { APPLIED, DUPLICATE, HELD, DEAD_LETTERED, CONFLICT }

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

    /**
     * Applies, holds or ignores an event, in the caller's transaction. An event the batch's {@link Isolation} names is
     * set aside as a dead letter instead (its aggregate then waits at its sequence, like a gap). An event at a
     * sequence already applied is a redelivery only if it is the very event applied there: another id is a conflict,
     * kept and shown, and its aggregate waits for an operator. Any failure is thrown as {@link EventFailed}, naming
     * the event that failed (this one, or a held one it released).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome accept(RectificationEvent event, TopicPartition partition, long offset) {
        DeadLetters.Source source = new DeadLetters.Source(partition.topic(), partition.partition(), offset);
        try {
            Optional<Isolation.Poison> poison = ledger.poison(event.id());
            if (poison.isPresent()) {
                setAside(event, source, poison.get());
                return Outcome.DEAD_LETTERED;
            }
            long last = ledger.lastSequence(event.aggregateId());
            if (event.sequence() <= last) {
                Optional<UUID> applied = ledger.appliedEventId(event.aggregateId(), event.sequence());
                if (applied.isPresent() && !applied.get().equals(event.id())) {
                    conflict(event, applied.get(), source);
                    return Outcome.CONFLICT;
                }
                // the very event applied there, or a sequence an operator gave up
                if (!sideEffects.isReplaying()) {
                    metrics.duplicate();
                }
                return Outcome.DUPLICATE;
            }
            if (event.sequence() > last + 1 || ledger.conflicted(event.aggregateId())) {
                Optional<UUID> other = ledger.hold(event, partition, offset);
                if (other.isPresent()) {
                    conflict(event, other.get(), source);
                    return Outcome.CONFLICT;
                }
                return Outcome.HELD;
            }
        } catch (EventFailed e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EventFailed(event, source, e);
        }
        return applyFrom(event, source, ledger.careful()) > 0 ? Outcome.APPLIED : Outcome.DEAD_LETTERED;
    }

    /** Before a batch: locks and reads its aggregates at once, in the ledger and in every projection. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void prepare(java.util.Collection<UUID> aggregateIds) {
        ledger.prepare(aggregateIds);
        for (Projection projection : projections) {
            projection.prepare(aggregateIds);
        }
    }

    /** Writes what the projections and the ledger kept of the batch so far. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void flush() {
        for (Projection projection : projections) {
            projection.flush();
        }
        ledger.flush();
    }

    private void conflict(RectificationEvent event, UUID existing, DeadLetters.Source source) {
        ledger.recordConflict(event, existing, source);
        if (!sideEffects.isReplaying()) {
            metrics.conflict();
        }
    }

    /**
     * Records an event that is not applied because a projection failed on it. The intake has sent it to the DLQ
     * before this transaction commits; a replay never sends again.
     */
    private void setAside(RectificationEvent event, DeadLetters.Source source, Isolation.Poison poison) {
        boolean live = !sideEffects.isReplaying();
        ledger.recordDeadLetter(source == null ? UNKNOWN_SOURCE : source, DeadLetters.Kind.PROJECTION_FAILURE,
                poison.reason(), poison.exception(), IntakeLedger.EventHeader.of(event), live);
        if (live) {
            metrics.deadLettered(DeadLetters.Kind.PROJECTION_FAILURE);
        }
    }

    private static final DeadLetters.Source UNKNOWN_SOURCE = new DeadLetters.Source("unknown", -1, -1);

    /** What an operator's skip did: the sequences given up and how many held events were then applied. */
    public record Skip(UUID aggregateId, long skippedFrom, long skippedTo, int applied) {
    }

    /** The aggregate waits for an operator to decide about a conflict: a gap cannot be skipped before. */
    public static final class Conflicted extends RuntimeException {
        Conflicted(UUID aggregateId) {
            super("aggregate " + aggregateId + " has an open conflict: dismiss it (POST /api/intake/conflicts/"
                    + aggregateId + "/dismiss) before skipping its gap", null, false, false);
        }
    }

    /**
     * Closes a gap by giving up the missing events: the held events from the lowest one on are applied in order, and
     * the skip is recorded with its reason. An aggregate held behind a dead-lettered event with nothing held after it
     * gives up the sequences up to that event, so that the next one applies. Empty when the aggregate waits for
     * nothing.
     *
     * @throws Conflicted while the aggregate has an open conflict
     */
    @Transactional
    public Optional<Skip> skipGap(UUID aggregateId, String reason) {
        return skipGap(aggregateId, reason, null);
    }

    /** The same, setting aside the held events {@code isolation} names (see {@link Intake#skipGap}). */
    @Transactional
    public Optional<Skip> skipGap(UUID aggregateId, String reason, Isolation isolation) {
        if (isolation != null) {
            ledger.isolate(isolation);
        }
        checkActive();
        long last = ledger.lastSequence(aggregateId);
        if (ledger.conflicted(aggregateId)) {
            throw new Conflicted(aggregateId);
        }
        Optional<Long> lowest = ledger.lowestHeld(aggregateId);
        if (lowest.isEmpty()) {
            Optional<IntakeLedger.EventHeader> deadLettered = ledger.lowestDeadLettered(aggregateId, last);
            if (deadLettered.isEmpty()) {
                return Optional.empty();
            }
            ledger.recordSkip(aggregateId, last + 1, deadLettered.get().sequence(), reason);
            ledger.advance(deadLettered.get());
            return Optional.of(new Skip(aggregateId, last + 1, deadLettered.get().sequence(), 0));
        }
        ledger.recordSkip(aggregateId, last + 1, lowest.get() - 1, reason);
        RectificationEvent first = ledger.releaseHeld(aggregateId, lowest.get()).orElseThrow();
        int applied = applyFrom(first, ledger.heldSource(first.id()), true);
        flush();
        if (!sideEffects.isReplaying()) {
            metrics.held(ledger.heldCount());
        }
        return Optional.of(new Skip(aggregateId, last + 1, lowest.get() - 1, applied));
    }

    /** What an operator's dismissal of conflicts did: how many were closed and how many held events then applied. */
    public record Dismissal(UUID aggregateId, int dismissed, int applied) {
    }

    /**
     * Dismisses an aggregate's open conflicts, keeping what was applied: the conflicting events stay recorded (with the
     * reason) and are never applied; the aggregate's held events that follow its last applied one without a gap are
     * applied. Empty when it has no open conflict.
     */
    @Transactional
    public Optional<Dismissal> dismissConflicts(UUID aggregateId, String reason) {
        return dismissConflicts(aggregateId, reason, null);
    }

    /** The same, setting aside the held events {@code isolation} names (see {@link Intake#dismissConflicts}). */
    @Transactional
    public Optional<Dismissal> dismissConflicts(UUID aggregateId, String reason, Isolation isolation) {
        if (isolation != null) {
            ledger.isolate(isolation);
        }
        checkActive();
        long last = ledger.lastSequence(aggregateId);
        if (!ledger.conflicted(aggregateId)) {
            return Optional.empty();
        }
        int dismissed = ledger.dismissConflicts(aggregateId, reason);
        int applied = 0;
        Optional<RectificationEvent> next = ledger.releaseHeld(aggregateId, last + 1);
        if (next.isPresent()) {
            applied = applyFrom(next.get(), ledger.heldSource(next.get().id()), true);
        }
        flush();
        if (!sideEffects.isReplaying()) {
            metrics.held(ledger.heldCount());
        }
        return Optional.of(new Dismissal(aggregateId, dismissed, applied));
    }

    /**
     * Brings every aggregate's held events in line with where it stands, after its last applied sequence moved by
     * another path than applying its next event (a generation rebuilt from the journal, switched in with the live
     * generation's held events and conflicts): open conflicts whose event is the very one applied at their sequence
     * are closed with {@code resolution}; held events at or below the last applied sequence are dropped when they are
     * the event applied there and become conflicts when they are not; and, unless the aggregate still waits for an
     * operator, the held event that is next in sequence is applied, with every held one that follows it without a
     * gap. Returns how many were applied. In the caller's transaction (a switch: under its lock).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int releaseApplicable(String resolution) {
        flush();
        ledger.resolveConfirmedConflicts(resolution);
        int applied = 0;
        for (UUID aggregateId : ledger.holdingAggregates()) {
            long last = ledger.lastSequence(aggregateId);
            for (RectificationEvent passed : ledger.releaseHeldUpTo(aggregateId, last)) {
                DeadLetters.Source source = ledger.heldSource(passed.id());
                Optional<UUID> there = ledger.appliedEventId(aggregateId, passed.sequence());
                if (there.isPresent() && !there.get().equals(passed.id())) {
                    conflict(passed, there.get(), source);
                } else if (!sideEffects.isReplaying()) {
                    metrics.duplicate(); // the very event applied there (or a sequence an operator gave up)
                }
            }
            if (ledger.conflicted(aggregateId)) {
                continue;
            }
            Optional<RectificationEvent> next = ledger.releaseHeld(aggregateId, last + 1);
            if (next.isPresent()) {
                applied += applyFrom(next.get(), ledger.heldSource(next.get().id()), ledger.careful());
            }
        }
        flush();
        return applied;
    }

    /**
     * An operator's change: this bean bound the transaction to the active generation before the switch lock was
     * taken, so make sure it still is (a replay repeating the change works in the generation it builds).
     */
    private void checkActive() {
        switchLock.shared();
        String bound = generations.bound().orElseThrow();
        if (!sideEffects.isReplaying() && !bound.equals(generations.active().schema())) {
            throw new SwitchedMeanwhile(bound);
        }
    }

    /**
     * Applies an event and then every held event that follows it without a gap; returns how many were applied. A held
     * event the batch's isolation names is set aside as a dead letter, and the ones after it stay held. With
     * {@code eachAtOnce} (a batch applied again carefully, an operator's skip or dismissal) every event's writes are
     * flushed before the next, so that a write that fails is pinned on its event.
     */
    private int applyFrom(RectificationEvent event, DeadLetters.Source source, boolean eachAtOnce) {
        if (eachAtOnce) {
            flush(); // what the transaction applied before is not this event's to answer for
        }
        int applied = 0;
        RectificationEvent next = event;
        DeadLetters.Source from = source;
        while (next != null) {
            Optional<Isolation.Poison> poison = ledger.poison(next.id());
            if (poison.isPresent()) {
                setAside(next, from, poison.get());
                break;
            }
            try {
                for (Projection projection : projections) {
                    projection.apply(next);
                }
                ledger.recordApplied(next);
                if (eachAtOnce) {
                    flush(); // a failure in writing the projections or the bookkeeping is this event's
                }
            } catch (RuntimeException e) {
                throw new EventFailed(next, from, e);
            }
            if (!sideEffects.isReplaying()) {
                // the intake's metrics count live events; a replay reports its own progress
                metrics.applied(next);
            }
            applied++;
            Optional<RectificationEvent> held = ledger.releaseHeld(next.aggregateId(), next.sequence() + 1);
            next = held.orElse(null);
            from = next == null ? null : ledger.heldSource(next.id());
        }
        return applied;
    }
}
