package io.zhenggai.issue.ledger;

/** Where a progress report's readings came from. */
public enum ReadingSource {
    /** Read from its text by the importer's reader. */
    TEXT,
    /** Given by the caller as readings. */
    EXPLICIT,
    /** The caller's readings, and the text's readings of other metrics. */
    MIXED
}
