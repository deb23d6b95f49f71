package io.zhenggai.issue.ledger;

/** Free text as the ledger keeps it: stripped, absent rather than blank, and storable. */
public final class Texts {

    private Texts() {
    }

    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * Whether a text can be stored and written back as it was given: no U+0000 (PostgreSQL's text and jsonb cannot
     * hold it) and no half of a surrogate pair (it has no UTF-8 form, so the answer could not be written).
     */
    public static boolean isStorable(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
