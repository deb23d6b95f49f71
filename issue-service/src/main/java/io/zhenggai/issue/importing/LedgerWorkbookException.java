package io.zhenggai.issue.importing;

/**
 * A workbook the ledger import cannot read, with the reason in Chinese (the office reads it): not an Excel workbook at
 * all, one whose content unpacks to far more than it could hold (a zip bomb), no sheet of the ledger's name, a header
 * row other than the contract's, or more rows than an import takes. Whatever the reason, nothing is imported.
 */
public class LedgerWorkbookException extends Exception {

    /** Why the workbook is refused. */
    public enum Reason {
        /** Not an .xlsx workbook (or a damaged one). */
        NOT_A_WORKBOOK,
        /** Its parts unpack beyond the limits: a zip bomb, or text far larger than a ledger holds. */
        TOO_LARGE_UNPACKED,
        /** No sheet named as the ledger's. */
        NO_LEDGER_SHEET,
        /** Row 1 is not the contract's header row. */
        WRONG_HEADERS,
        /** More data rows than an import takes. */
        TOO_MANY_ROWS
    }

    private final Reason reason;

    public LedgerWorkbookException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public LedgerWorkbookException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
