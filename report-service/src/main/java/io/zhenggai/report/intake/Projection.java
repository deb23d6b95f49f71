package io.zhenggai.report.intake;

/** A read model fed by events: one class per read model, one handler per event type it cares about. */
public interface Projection {

    /** Applies one event in the intake's transaction. Events of other types are ignored. */
    void apply(RectificationEvent event);

    /**
     * Checks, without touching the database, that the event's data can be applied, so that a record the contract
     * lets through but that cannot be applied (a date like 2023-02-30) goes to the DLQ instead of failing its batch
     * forever. Throws {@link RectificationEvent.ContractViolation} with the reason.
     */
    default void verify(RectificationEvent event) {
    }
}
