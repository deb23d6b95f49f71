package io.zhenggai.issue.ledger;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.zhenggai.issue.importing.Finding;
import io.zhenggai.issue.importing.ListCounts;

/**
 * The answer to a bulletin import: what the parser found, what it checked, and (unless a dry run) what the ledger
 * recorded.
 *
 * @param outcome      DRY_RUN, IMPORTED (a new inspection or a later bulletin of a known one) or UNCHANGED (this
 *                     bulletin was imported before)
 * @param inspectionId the inspection the bulletin belongs to; null in a dry run of an unknown inspection
 * @param changes      what the import recorded: issues created, progress reports and status changes
 */
public record ImportReport(String outcome, UUID inspectionId, String team, String targetUnit, LocalDate feedbackDate,
                           LocalDate reportDate, int aspectCount, int categoryCount, int issueCount, int readingCount,
                           List<ListCounts> lists, List<Finding> findings, Changes changes) {

    public record Changes(int issuesCreated, int progressReports, int statusChanges, int issuesNotInLedger) {
        static final Changes NONE = new Changes(0, 0, 0, 0);
    }
}
