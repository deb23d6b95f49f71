package io.zhenggai.issue.figures;

/**
 * A number outside the {@link Bounds} of any real figure (10^1001, 1E-400, a 200-digit amount). Unlike a
 * {@link QuantityException}, which a reader of running text may take as "this is not a reading" and pass over, it
 * refuses the whole input: a bulletin or request carrying such a number is wrong, and nothing of it is stored.
 */
public final class QuantityOutOfBoundsException extends RuntimeException {

    private final String offendingText;
    private final String sourceText;

    /**
     * @param offendingText the number as printed
     * @param sourceText    the quantity being read
     * @param detail        an English explanation
     */
    public QuantityOutOfBoundsException(String offendingText, String sourceText, String detail) {
        super(detail);
        this.offendingText = abbreviate(offendingText);
        this.sourceText = abbreviate(sourceText);
    }

    /** A text fit to name in an answer: a number of a million digits is shown by its ends. */
    static String abbreviate(String text) {
        if (text == null || text.length() <= 40) {
            return text;
        }
        return text.substring(0, 20) + "…" + text.substring(text.length() - 10) + " (" + text.length()
                + " characters)";
    }

    public String offendingText() {
        return offendingText;
    }

    public String sourceText() {
        return sourceText;
    }
}
