package io.zhenggai.report.store;

/**
 * The projections changed: a batch of events was applied and committed by the intake. Fired right after the
 * commit, synchronously for the issues in memory (which catch up at once and time the batch's freshness from
 * {@code arrivals}, must not throw, and do no more than take note) and asynchronously for everyone else (the web app's
 * live updates), so that those can neither slow nor fail the intake.
 *
 * @param arrivals when each of the batch's records (one per event) arrived on the topic (its timestamp, epoch
 *                 milliseconds): the relay's send, a millisecond or so before the broker appended it
 */
public record ProjectionChanged(long[] arrivals) {
}
