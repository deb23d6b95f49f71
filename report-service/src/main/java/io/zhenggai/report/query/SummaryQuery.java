package io.zhenggai.report.query;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.zhenggai.report.indicator.IndicatorService;
import io.zhenggai.report.memory.IssueMemory;
import io.zhenggai.report.memory.Remembered;
import io.zhenggai.report.projection.AsOf;
import io.zhenggai.report.store.Generations;

/**
 * The summary (the ledger at a glance): the counts of issues and inspections and the latest value of every indicator,
 * in one transaction, remembered until the data or the definitions change. The question is keyed by both clocks of
 * the moment it is asked at ({@link IssueMemory#moment}, read in the statement that binds the transaction) and the
 * day it is judged on, so a remembered summary is never older than what was committed when it is asked: a repeated
 * summary costs one statement. Only answers counted in memory are remembered (before the memory is loaded, every
 * summary is counted in SQL). What a caller makes of a headline (its view) is remembered with it, so a repeated summary
 * is not rebuilt either.
 */
@ApplicationScoped
@Transactional
public class SummaryQuery {

    @Inject
    ReportQueries queries;

    @Inject
    IndicatorService indicators;

    @Inject
    IssueMemory memory;

    /** The counts, and every indicator in use overall (their headline figures). */
    public record Headline(ReportQueries.Summary summary, List<IndicatorService.Answer> indicators) {
    }

    private record Question(Generations.Clocks clocks, ReportQueries.Scope scope, LocalDate today) {
    }

    /** The indicators' question: they do not depend on the stale threshold, so summaries that differ in it share. */
    private record Figures(Generations.Clocks clocks, UUID inspection, AsOf asOf, LocalDate today) {
    }

    /** A view of a headline: both questions it answers, and the kind of view made of it. */
    private record Shown(Question question, Figures figures, Class<?> type) {
    }

    private final Remembered<Question, ReportQueries.Summary> counts = new Remembered<>(32);
    private final Remembered<Figures, List<IndicatorService.Answer>> figures = new Remembered<>(16);
    private final Remembered<Shown, Object> views = new Remembered<>(32);

    public Headline summary(ReportQueries.Scope scope) {
        return summary(scope, Headline.class, headline -> headline);
    }

    /**
     * The summary as the caller shows it: {@code view} (a function of the headline alone, giving a {@code type}) is
     * applied once per remembered headline.
     */
    public <V> V summary(ReportQueries.Scope scope, Class<V> type, Function<Headline, V> view) {
        IssueMemory.Moment moment = memory.moment();
        if (moment.index() == null) {
            return view.apply(new Headline(queries.summary(scope),
                    indicators.current(scope.inspection(), scope.asOf())));
        }
        LocalDate today = queries.day(scope.asOf());
        Question question = new Question(moment.clocks(), scope, today);
        Figures asked = new Figures(moment.clocks(), scope.inspection(), scope.asOf(), today);
        return type.cast(memory.recall(views, new Shown(question, asked, type), () -> view.apply(new Headline(
                memory.recall(counts, question, () -> queries.summary(scope)),
                figures.get(asked, () -> indicators.current(scope.inspection(), scope.asOf()))))));
    }
}
