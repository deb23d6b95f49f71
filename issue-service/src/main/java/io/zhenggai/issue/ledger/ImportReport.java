package io.zhenggai.issue.ledger;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

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
 */
public record ImportReport(String outcome, UUID inspectionId, String team, String targetUnit, LocalDate feedbackDate,
                           LocalDate reportDate, int aspectCount, int categoryCount, int issueCount, int readingCount,
                           List<ListCounts> lists, List<Finding> findings, Changes changes, String issuingUnit,
                           InspectionHeader inspection, DeclaredTotals declared) {

    public ImportReport(String outcome, UUID inspectionId, String team, String targetUnit, LocalDate feedbackDate,
                        LocalDate reportDate, int aspectCount, int categoryCount, int issueCount, int readingCount,
                        List<ListCounts> lists, List<Finding> findings, Changes changes) {
        this(outcome, inspectionId, team, targetUnit, feedbackDate, reportDate, aspectCount, categoryCount, issueCount,
                readingCount, lists, findings, changes, null, null, null);
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
