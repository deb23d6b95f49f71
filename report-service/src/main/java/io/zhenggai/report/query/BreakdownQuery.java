package io.zhenggai.report.query;

import java.time.LocalDate;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.zhenggai.report.memory.IssueMemory;
import io.zhenggai.report.memory.Remembered;
import io.zhenggai.report.projection.Grouping;
import io.zhenggai.report.store.Generations;

/**
 * A breakdown (counts per group) as its caller shows it, remembered like the summary ({@link SummaryQuery}): by both
 * clocks of the moment it is asked at, the grouping, the scope and the day it is judged on, so a repeated breakdown
 * costs the one statement that binds its transaction and reads the clocks. Only breakdowns counted in memory are
 * remembered.
 */
@ApplicationScoped
@Transactional
public class BreakdownQuery {

    @Inject
    ReportQueries queries;

    @Inject
    IssueMemory memory;

    private record Shown(Generations.Clocks clocks, Grouping by, ReportQueries.Scope scope, LocalDate today,
            Class<?> type) {
    }

    private final Remembered<Shown, Object> views = new Remembered<>(64);

    /** The breakdown made into what {@code view} (a function of the breakdown alone, giving a {@code type}) makes. */
    public <V> V breakdown(Grouping by, ReportQueries.Scope scope, Class<V> type,
            Function<ReportQueries.Breakdown, V> view) {
        return type.cast(memory.recallAtMoment(views, clocks -> new Shown(clocks, by, scope,
                queries.day(scope.asOf()), type), () -> view.apply(queries.breakdown(by, scope))));
    }
}
