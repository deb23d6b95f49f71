package io.zhenggai.report.replay;

import java.time.Instant;

/**
 * A replay (重放): every projection rebuilt from the event log into a new generation while the active one serves,
 * then compared with it and switched in. As stored in {@code public.replay}.
 */
public record Replay(long id, int generation, Source source, State state, boolean autoSwitch, String note, long done,
                     long target, long applied, long rejected, long suppressedEffects, Double rate,
                     Long sourcePosition, String owner, Instant heartbeatAt, Action requestedAction,
                     boolean acceptDifferences, String actionResult, String comparison, Instant comparedAt,
                     String error, Instant startedAt, Instant updatedAt, Instant caughtUpAt, Instant finishedAt) {

    /** Where the events come from. */
    public enum Source {
        /** {@code rectification-events} from its beginning (it must still hold every event). */
        TOPIC,
        /** issue-service's journal, {@code GET /api/journal}, for when the topic no longer holds everything. */
        JOURNAL
    }

    public enum State {
        RUNNING, CAUGHT_UP, COMPARING, SWITCHED, CANCELLED, FAILED;

        public boolean isOpen() {
            return this == RUNNING || this == CAUGHT_UP || this == COMPARING;
        }
    }

    /** What an operator asked the worker to do. */
    public enum Action { COMPARE, SWITCH }

    /** Outcomes of an action, in {@code action_result}. */
    public static final String SWITCHED = "SWITCHED";
    public static final String EQUAL = "EQUAL";
    public static final String DIFFERENCES = "DIFFERENCES";
    public static final String NOT_CAUGHT_UP = "NOT_CAUGHT_UP";
    public static final String FAILED = "FAILED";
}
