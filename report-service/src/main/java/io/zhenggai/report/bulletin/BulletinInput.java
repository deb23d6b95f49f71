package io.zhenggai.report.bulletin;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.zhenggai.report.indicator.IndicatorValue;
import io.zhenggai.report.projection.BulletinQueries;
import io.zhenggai.report.query.ReportQueries;

/**
 * Everything a bulletin is made of, read from the projections as of one moment: what {@link BulletinAssembler} turns
 * into a {@link Bulletin} without reading anything else.
 *
 * @param date          the date the bulletin speaks for (截至), printed under the signature
 * @param inspection    the inspection (巡察) with its feedback lists
 * @param issues        its issues in bulletin order, as they stood
 * @param reports       each issue's latest progress report in force, by issue
 * @param counts        the issue counts of the inspection (the reports' one definition of each)
 * @param earlier       the counts at the end of the month before, for the change of the completion rate; null when
 *                      the inspection did not exist then
 * @param earlierDate   that day; null with {@code earlier}
 * @param keyFigures    the indicators in use, overall, as of the date
 * @param nextSteps     the office's text for 下一步工作 (its stored text, or the default)
 */
public record BulletinInput(LocalDate date, BulletinQueries.InspectionRow inspection,
                            List<BulletinQueries.IssueRow> issues, Map<UUID, BulletinQueries.ReportRow> reports,
                            ReportQueries.IssueCounts counts, ReportQueries.IssueCounts earlier, LocalDate earlierDate,
                            List<KeyFigure> keyFigures, String nextSteps) {

    /** An indicator's value as the bulletin prints it among the key figures (主要指标). */
    public record KeyFigure(String code, String name, IndicatorValue value, int decimals) {
    }
}
