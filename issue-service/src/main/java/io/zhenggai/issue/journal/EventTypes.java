package io.zhenggai.issue.journal;

/** Every event type this service emits; each has a definition in the contract file. */
public final class EventTypes {

    public static final String INSPECTION_CREATED = "zhenggai.inspection.created.v1";

    private EventTypes() {
    }
}
