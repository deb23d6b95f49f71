package io.zhenggai.issue.evidence;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The name an uploaded file keeps: what the uploader called it, NFC-normalised and stripped, and refused rather than
 * silently changed when it could mislead or harm whoever downloads it — a path (separators, "." and ".."), control
 * characters, invisible format characters such as the right-to-left override that makes {@code report‮fdp.exe}
 * read as a PDF, or more than {@value #MAX_LENGTH} characters.
 */
public final class FileNames {

    public static final int MAX_LENGTH = 255;

    private FileNames() {
    }

    /** The name as it is kept (NFC, stripped). Call {@link #problem} first: this assumes it found none. */
    public static String normalise(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFC).strip();
    }

    /** What is wrong with a file name, or empty when it can be kept. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("a file name is required");
        }
        for (int i = 0; i < name.length(); ) {
            char c = name.charAt(i);
            if (Character.isHighSurrogate(c) ? i + 1 >= name.length() || !Character.isLowSurrogate(name.charAt(i + 1))
                    : Character.isLowSurrogate(c)) {
                return Optional.of("a file name may not hold half of a surrogate pair");
            }
            int cp = name.codePointAt(i);
            if (cp == '/' || cp == '\\') {
                return Optional.of("a file name is a name, not a path: it may not contain / or \\");
            }
            int type = Character.getType(cp);
            if (type == Character.CONTROL) {
                return Optional.of("a file name may not contain control characters (U+%04X)".formatted(cp));
            }
            if (type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                return Optional.of("a file name may not contain invisible formatting characters such as "
                        + "direction overrides (U+%04X)".formatted(cp));
            }
            i += Character.charCount(cp);
        }
        String kept = normalise(name);
        if (kept.equals(".") || kept.equals("..")) {
            return Optional.of("a file name may not be . or ..");
        }
        if (kept.codePointCount(0, kept.length()) > MAX_LENGTH) {
            return Optional.of("a file name has at most " + MAX_LENGTH + " characters");
        }
        return Optional.empty();
    }
}
