package io.zhenggai.report.intake;

/** A read model fed by events: one class per read model, one handler per event type it cares about. */
public interface Projection {

    /**
     * Applies one event in the intake's transaction. Events of other types are ignored. A projection may keep what
     * it applied in memory until {@link #flush}, which the applier calls before the batch's offsets are written and
     * (careful) after every event; it must write it before its transaction commits in any case.
     */
    void apply(RectificationEvent event);

    /** Before a batch: the aggregates it holds, so that their state can be read at once. */
    default void prepare(java.util.Collection<java.util.UUID> aggregateIds) {
    }

    /** Writes what {@link #apply} kept in memory in this transaction. */
    default void flush() {
    }

    /**
     * Checks, without touching the database, that the event's data can be applied, so that a record the contract
     * lets through but that cannot be applied (a date like 2023-02-30) goes to the DLQ instead of failing its batch
     * forever. Throws {@link RectificationEvent.ContractViolation} with the reason.
     */
    default void verify(RectificationEvent event) {
    }
}
