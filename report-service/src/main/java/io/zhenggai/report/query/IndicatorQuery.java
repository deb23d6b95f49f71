package io.zhenggai.report.query;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.zhenggai.report.indicator.IndicatorService;
import io.zhenggai.report.memory.IssueMemory;
import io.zhenggai.report.memory.Remembered;
import io.zhenggai.report.projection.AsOf;
import io.zhenggai.report.store.Generations;

/**
 * An indicator's values, overall and per group, remembered like the summary ({@link SummaryQuery}): by both clocks
 * of the moment they are asked at ({@link IssueMemory#moment}: the generation's changes and the definitions'), the
 * question and the day they are judged on, so a remembered answer is never older than what was committed when it is
 * asked, and a dashboard's repeated indicator costs one statement instead of reading its readings again. Nothing is
 * remembered before the issues are in memory, as for every other answer.
 */
@ApplicationScoped
@Transactional
public class IndicatorQuery {

    @Inject
    IndicatorService indicators;

    @Inject
    IssueMemory memory;

    @Inject
    ReportQueries queries;

    private record Question(Generations.Clocks clocks, String code, Integer version, String by, UUID inspection,
                            AsOf asOf, LocalDate day) {
    }

    private final Remembered<Question, IndicatorService.Answer> values = new Remembered<>(32);

    /** {@link IndicatorService#values}, remembered until the data or the definitions change. */
    public IndicatorService.Answer values(String code, Integer version, String by, UUID inspection, AsOf asOf) {
        return memory.recallAtMoment(values, clocks -> new Question(clocks, code, version, by, inspection, asOf,
                queries.day(asOf)), () -> indicators.values(code, version, by, inspection, asOf));
    }
}
