package io.zhenggai.report.indicator;

import java.util.Objects;

/** Why a figure has no value. Never an exception and never NaN: a dashboard shows the reason instead. */
public record NoValue(Reason reason, String message) {

    public enum Reason {
        /** The denominator sums to zero. */
        DENOMINATOR_ZERO,
        /** A metric term selects no readings. An absent figure is unknown, not zero. */
        MISSING_READINGS,
        /** With pairing, no value of the paired dimension has readings on both sides. */
        NO_PAIRED_READINGS,
        /** The same metric, dimensions and date were reported with different values or units (a finding). */
        CONFLICTING_READINGS,
        /** Terms of one side are in different units (CNY + USD). */
        UNIT_MISMATCH,
        /** A non-additive metric (a rate) matches several dimension combinations and would have to be added up. */
        AMBIGUOUS_READINGS
    }

    public NoValue {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    NoValue prefixed(String side) {
        return new NoValue(reason, side + ": " + message);
    }
}
