package io.zhenggai.issue.ledger;

/**
 * A consistency finding on a progress report's text, kept with the report and carried by its event: the report is
 * recorded as said, the warning says what does not add up.
 *
 * @param kind    RATE_MISMATCH, COUNT_MISMATCH, UNIT_SUSPECT (the importer's finding kinds), or NOT_READ
 * @param message what is wrong, in Chinese with the English in brackets
 */
public record ReportWarning(String kind, String message) {
}
