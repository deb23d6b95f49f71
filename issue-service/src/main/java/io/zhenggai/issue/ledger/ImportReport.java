package io.zhenggai.issue.ledger;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.zhenggai.issue.importing.DeclaredTotals;
import io.zhenggai.issue.importing.Finding;
import io.zhenggai.issue.importing.InspectionHeader;
import io.zhenggai.issue.importing.ListCounts;

/**
 * The answer to a bulletin import: what the parser found, what it checked, and (unless a dry run) what the ledger
 * recorded.
 *
 * @param outcome      DRY_RUN, IMPORTED (a new inspection or a later bulletin of a known one) or UNCHANGED (this
 *                     bulletin was imported before)
 * @param inspectionId the inspection the bulletin belongs to; null in a dry run of an unknown inspection
 * @param changes      what the import recorded: issues created, progress reports and status changes
 * @param issuingUnit  the unit that publishes the bulletin (from its title, or its signature)
 * @param inspection   all the bulletin says of the inspection: team or auditor, inspected unit, kinds, theme, on-site
 *                     period, feedback date, round (第三轮巡视) and whether it is a 回头看
 * @param declared     the totals the bulletin declares (方面, 类, 问题, 意见建议, 整改措施)
 * @param tree         a dry run's: the feedback lists as the import would record them (numbering and titles of
 *                     aspects, groups and categories); null otherwise
 * @param issues       a dry run's: each issue as the import would record it, with the status the bulletin reports and
 *                     the readings its progress report would carry; null otherwise
 */
public record ImportReport(String outcome, UUID inspectionId, String team, String targetUnit, LocalDate feedbackDate,
                           LocalDate reportDate, int aspectCount, int categoryCount, int issueCount, int readingCount,
                           List<ListCounts> lists, List<Finding> findings, Changes changes, String issuingUnit,
                           InspectionHeader inspection, DeclaredTotals declared,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<InspectionRequest.ListRequest> tree,
                           @JsonInclude(JsonInclude.Include.NON_NULL) List<PlannedIssue> issues) {

    /**
     * An issue as a dry run reads it from the bulletin: where the ledger would place it (its list and numbering path,
     * computed as the ledger computes paths), its words, the status the bulletin reports (NOT_STARTED, IN_PROGRESS,
     * COMPLETED, LONG_TERM) with the status label as printed, and the readings of its progress report.
     */
    public record PlannedIssue(String listKey, String path, String numbering, String title, String description,
                               String status, String statusLabel, List<String> measures, List<Reading> readings) {
    }

    public ImportReport(String outcome, UUID inspectionId, String team, String targetUnit, LocalDate feedbackDate,
                        LocalDate reportDate, int aspectCount, int categoryCount, int issueCount, int readingCount,
                        List<ListCounts> lists, List<Finding> findings, Changes changes) {
        this(outcome, inspectionId, team, targetUnit, feedbackDate, reportDate, aspectCount, categoryCount, issueCount,
                readingCount, lists, findings, changes, null, null, null, null, null);
    }

    /**
     * @param withResponsibility issues created with the responsibility the bulletin prints (units, leaders, deadline)
     * @param assignments        of those, the ones assigned (交办) because the bulletin names their lead leader too
     */
    public record Changes(int issuesCreated, int progressReports, int statusChanges, int issuesNotInLedger,
                          int withResponsibility, int assignments) {
        static final Changes NONE = new Changes(0, 0, 0, 0, 0, 0);

        public Changes(int issuesCreated, int progressReports, int statusChanges, int issuesNotInLedger) {
            this(issuesCreated, progressReports, statusChanges, issuesNotInLedger, 0, 0);
        }
    }
}
