package io.zhenggai.issue.ledger;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer to a ledger import (整改台账导入): per row that would change or was refused, what it changes or why not.
 * Rows that match the ledger as it stands are only counted.
 *
 * @param outcome   DRY_RUN (nothing written) or APPLIED (every change written, in one transaction)
 * @param rows      the data rows the ledger sheet had
 * @param unchanged rows that change nothing
 * @param changed   rows that change their issue
 * @param refused   rows refused (a dry run lists them; applying is refused while there is one)
 */
@Schema(name = "LedgerImport")
public record LedgerImport(@Schema(example = "DRY_RUN") String outcome, int rows, int unchanged, int changed,
                           int refused, List<Row> results) {

    /**
     * One row of the sheet: its number as Excel shows it, the issue it names, and what changes (or, REFUSED, its
     * errors: each naming the column).
     *
     * @param figures  the figures a new progress text yields (their display forms), read as any progress report's
     * @param warnings the consistency findings on that text (a rate against its parts …)
     * @param events   the events the change journals, in order, as the API's own steps would
     */
    @Schema(name = "LedgerImportRow")
    public record Row(@Schema(example = "5") int row, UUID issueId, String numbering, String title, Long version,
                      @Schema(example = "CHANGED") String state, List<Change> changes, List<String> figures,
                      List<String> warnings, List<String> events, List<Error> errors) {
    }

    /** A changed cell: the column (its Chinese header), the ledger's value and the row's. */
    @Schema(name = "LedgerImportChange")
    public record Change(@Schema(example = "完成时限") String column, @Schema(example = "2023-06-30") String from,
                         @Schema(example = "2023-07-31") String to) {
    }

    /** Why a row is refused: the row, the column (its Chinese header) and the reason, in Chinese. */
    @Schema(name = "LedgerImportError")
    public record Error(@Schema(example = "7") int row, @Schema(example = "完成时限") String column,
                        @Schema(example = "“2023-02-30”不是有效的日期") String message) {

        /** Where, as a problem's field names it: 第7行「完成时限」. */
        public String field() {
            return "第" + row + "行「" + column + "」";
        }
    }
}
