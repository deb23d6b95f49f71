package io.zhenggai.report.bulletin;

/** The next-steps text was changed since the version the writer read: the write would overwrite it unseen. */
public class NextStepsChangedException extends RuntimeException {

    private final int current;

    public NextStepsChangedException(int current) {
        super("the next-steps text is at version " + current + " now");
        this.current = current;
    }

    public int current() {
        return current;
    }
}
