package io.zhenggai.report.replay;

/** What every replay source counts between two reports of progress: events applied, and records that are none. */
abstract class CountingSource implements ReplaySource {

    protected long applied;
    protected long rejected;

    /** From the stored position again: what was counted since the last report is not the progress from there. */
    protected void resetCounts() {
        applied = 0;
        rejected = 0;
    }

    @Override
    public final long takeApplied() {
        long taken = applied;
        applied = 0;
        return taken;
    }

    @Override
    public final long takeRejected() {
        long taken = rejected;
        rejected = 0;
        return taken;
    }
}
