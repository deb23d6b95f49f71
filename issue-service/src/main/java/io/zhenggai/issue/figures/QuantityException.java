package io.zhenggai.issue.figures;

import java.util.Objects;

/**
 * The one exception of the figures package: a quantity that cannot be read, or that reads as something impossible.
 * The HTTP layer maps it to {@code application/problem+json} (422) using {@link #reason()} as the problem type and
 * {@link #offendingText()} as the thing to name.
 */
public final class QuantityException extends RuntimeException {

    /** Why a quantity was refused. */
    public enum Reason {
        /** Not a quantity at all: no number, an unreadable number, or conflicting qualifiers (约…以上). */
        MALFORMED,
        /** A number without a unit, including a bare 亿 or 万 outside a money context. */
        MISSING_UNIT,
        /** A unit the catalogue does not know, or one that is not a unit of a reading (年, 月, 日 on their own). */
        UNKNOWN_UNIT,
        /** A count below zero outside a change (变化量). */
        NEGATIVE_COUNT,
        /** A count that is not a whole number (1.5家). */
        FRACTIONAL_COUNT,
        /** A measure, rate or compound below zero outside a change. */
        NEGATIVE_VALUE,
        /** A stated rate above 100% although neither the text nor the caller says 超额. */
        RATE_ABOVE_100
    }

    private final Reason reason;
    private final String offendingText;
    private final String sourceText;

    /**
     * @param reason        why
     * @param offendingText the part of the input to name in the error (the unknown unit, the rate …)
     * @param sourceText    the whole input that was being read
     * @param detail        an English explanation
     */
    public QuantityException(Reason reason, String offendingText, String sourceText, String detail) {
        super(reason + ": " + detail);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.offendingText = offendingText;
        this.sourceText = sourceText;
    }

    public Reason reason() {
        return reason;
    }

    public String offendingText() {
        return offendingText;
    }

    public String sourceText() {
        return sourceText;
    }
}
