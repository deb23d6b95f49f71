package io.zhenggai.report.intake;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the attempts at one batch have learnt about it: the events that fail by themselves ({@link EventFailed}), to be
 * set aside as dead letters when the batch is applied again, and whether to write each event's bookkeeping as soon as
 * it is applied (careful), so that a failure in writing it is pinned on the event instead of on the whole batch.
 * Lives as long as the batch is retried (the intake: one poll; a replay: until a step succeeds).
 */
public final class Isolation {

    /** Why an event is set aside. */
    public record Poison(String reason, String exception) {
    }

    private final Map<UUID, Poison> poisoned = new ConcurrentHashMap<>();
    private volatile boolean careful;

    /** Learns from a failure of the batch: true when trying again can get further, false when it cannot. */
    public boolean learn(RuntimeException failure) {
        if (failure instanceof EventFailed failed) {
            if (!failed.isPoison() || poisoned.containsKey(failed.event().id())) {
                return false; // not the event's fault, or setting it aside failed too
            }
            poisoned.put(failed.event().id(), new Poison(failed.reason(), failed.exceptionClass()));
            return true;
        }
        if (careful || !EventFailed.poison(failure)) {
            return false;
        }
        careful = true; // a failure no event was named for (writing the batch's bookkeeping): one event at a time
        return true;
    }

    /** The batch went through: the next one is applied at full speed again (what was set aside stays known). */
    public void relax() {
        careful = false;
    }

    public Optional<Poison> poison(UUID eventId) {
        return poisoned.isEmpty() ? Optional.empty() : Optional.ofNullable(poisoned.get(eventId));
    }

    public boolean careful() {
        return careful;
    }

    public boolean isEmpty() {
        return poisoned.isEmpty() && !careful;
    }

    public int poisonedCount() {
        return poisoned.size();
    }
}
