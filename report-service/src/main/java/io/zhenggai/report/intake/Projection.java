package io.zhenggai.report.intake;

/** A read model fed by events: one class per read model, one handler per event type it cares about. */
public interface Projection {

    /** Applies one event in the intake's transaction. Events of other types are ignored. */
    void apply(RectificationEvent event);
}
