package io.zhenggai.issue.importing;

/**
 * The text is not a progress bulletin (the API answers 422). {@link #reason()} says which test failed, so that the
 * caller can tell an empty upload from, say, a bulletin whose numbering the parser cannot read.
 */
public class NotABulletinException extends RuntimeException {

    /** Why the text was refused. */
    public enum Reason {
        /** No text, or only blank lines. */
        EMPTY,
        /** Not text: control characters or replacement characters from a wrong encoding. */
        NOT_TEXT,
        /** No word of the genre (整改, 巡察, 巡视, 问题). */
        NOT_RECTIFICATION,
        /** No feedback tree with at least one problem in any shape the parser reads; see {@link #partial()}. */
        NO_FEEDBACK_TREE,
        /**
         * Larger than any bulletin: a paragraph over {@link BulletinParser#MAX_PARAGRAPH_CHARS} characters or a tree of
         * more than {@link BulletinParser#MAX_HEADINGS} headings. Refused before the figures are read, so that hostile
         * input costs time linear in its length.
         */
        TOO_LARGE
    }

    private final Reason reason;
    private final transient PartialRead partial;

    public NotABulletinException(Reason reason, String message) {
        this(reason, message, null);
    }

    /** @param partial what could be read of the text, for a refusal of its shape ({@link Reason#NO_FEEDBACK_TREE}) */
    public NotABulletinException(Reason reason, String message, PartialRead partial) {
        super(message);
        this.reason = reason;
        this.partial = partial;
    }

    public Reason reason() {
        return reason;
    }

    /** What could be read of the text (header, declared totals, figures, what was found and missing), or {@code null}. */
    public PartialRead partial() {
        return partial;
    }
}
