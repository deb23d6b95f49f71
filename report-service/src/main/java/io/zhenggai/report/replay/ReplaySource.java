package io.zhenggai.report.replay;

/**
 * Where a replay reads the event log from. Every method that applies runs in the caller's transaction, bound to the
 * replay's generation, with this thread marked as replaying; a source never applies an event the live generation has
 * not applied yet, so that the two can be compared at the same point.
 */
interface ReplaySource extends AutoCloseable {

    /** Connects; {@link #rewind} then positions it. */
    void open() throws Exception;

    /** Applies what is next, up to where the live generation stands; returns how many entries it took (0: none now). */
    int step(String live) throws Exception;

    /** Whether the last step found nothing left that the live generation has and the replay has not. */
    boolean caughtUp();

    /**
     * Under the switch lock (the live intake paused): applies exactly what the live generation has applied and nothing
     * more, so that the two can be compared and switched with nothing lost or applied twice.
     */
    void catchUpExactly(String live) throws Exception;

    /**
     * Back to where the replay's generation and record say it stands: at the start (the beginning for a new replay,
     * the stored position after a restart) and after a transaction of the replay rolled back. In a transaction bound
     * to the replay's generation.
     */
    void rewind(Replay stored) throws Exception;

    long done();

    long target();

    /** Applied, rejected (not events) since the last call. */
    long takeApplied();

    long takeRejected();

    /** Journal position to store with the batch, or null for the topic (offsets are stored in the generation). */
    Long durablePosition();

    @Override
    void close();
}
