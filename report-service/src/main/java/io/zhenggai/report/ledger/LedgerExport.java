package io.zhenggai.report.ledger;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.zhenggai.report.projection.AsOf;
import io.zhenggai.report.projection.Grouping;
import io.zhenggai.report.projection.IssueVisibility;
import io.zhenggai.report.projection.LedgerRows;
import io.zhenggai.report.query.ReportQueries;
import io.zhenggai.report.store.InGeneration;

/**
 * The Excel documents of the ledger: the ledger itself (整改台账: one row per issue, and a sheet of statistics by
 * responsible unit and by lead leader) and the statistics workbook (整改统计: the breakdowns by aspect, unit and
 * leader). Both read the projections in one transaction, live or as of a moment, through the same queries as the
 * JSON reports, and come back written to temporary files, ready to stream to the caller.
 */
@ApplicationScoped
@Transactional
@InGeneration
public class LedgerExport {

    /** The layout of the contract: the header row issue-service's import reads back. */
    public static final LedgerLayout LAYOUT = LedgerLayout.load();

    static final String NONE = "（未明确）";

    /** A sheet of the statistics workbook: its name, what its groups are, and the grouping. */
    private record Sheet(String name, String groupHeader, Grouping by) {
    }

    private static final List<Sheet> STATISTICS = List.of(new Sheet("按方面", "方面", Grouping.ASPECT),
            new Sheet("按责任单位", "责任单位", Grouping.UNIT), new Sheet("按牵头领导", "牵头领导", Grouping.LEADER));

    @Inject
    LedgerRows rows;

    @Inject
    ReportQueries queries;

    /**
     * The ledger of one inspection (all when null) as of {@code asOf} (null: live): the issues {@code visible} lets
     * the caller see, and the whole statistics (totals are the published figures, as every breakdown gives them).
     */
    public LedgerWorkbook ledger(UUID inspection, AsOf asOf, IssueVisibility visible) {
        LocalDate day = queries.day(asOf);
        LedgerWorkbook workbook = new LedgerWorkbook(LAYOUT, "整改台账（截至" + chinese(day) + "）");
        try (Stream<LedgerRows.LedgerRow> stream = rows.rows(inspection, asOf, visible)) {
            Iterator<LedgerRows.LedgerRow> iterator = stream.iterator();
            workbook.ledger(iterator);
            ReportQueries.Scope scope = queries.scope(inspection, null, asOf);
            workbook.statistics("统计", "整改统计（截至" + chinese(day) + "）", List.of(
                    new LedgerWorkbook.Table("按责任单位", "责任单位", queries.breakdown(Grouping.UNIT, scope).groups()),
                    new LedgerWorkbook.Table("按牵头领导", "牵头领导", queries.breakdown(Grouping.LEADER, scope).groups())),
                    NONE);
            return workbook;
        } catch (RuntimeException e) {
            workbook.close();
            throw e;
        }
    }

    /** The statistics workbook: a sheet per breakdown (aspect, unit, leader), each titled with the as-of date. */
    public LedgerWorkbook statistics(UUID inspection, AsOf asOf) {
        LocalDate day = queries.day(asOf);
        LedgerWorkbook workbook = new LedgerWorkbook(LAYOUT, "整改统计（截至" + chinese(day) + "）");
        try {
            ReportQueries.Scope scope = queries.scope(inspection, null, asOf);
            for (Sheet sheet : STATISTICS) {
                workbook.statistics(sheet.name(), "整改统计（" + sheet.name() + "，截至" + chinese(day) + "）",
                        List.of(new LedgerWorkbook.Table(sheet.name(), sheet.groupHeader(),
                                queries.breakdown(sheet.by(), scope).groups())), NONE);
            }
            return workbook;
        } catch (RuntimeException e) {
            workbook.close();
            throw e;
        }
    }

    /** 2023年5月10日. */
    static String chinese(LocalDate day) {
        return day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
    }
}
