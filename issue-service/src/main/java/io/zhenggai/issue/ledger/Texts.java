package io.zhenggai.issue.ledger;

/** Optional free text as the ledger keeps it: stripped, and absent rather than blank. */
public final class Texts {

    private Texts() {
    }

    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
