package io.zhenggai.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.zhenggai.report.indicator.FactLoader;
import io.zhenggai.report.indicator.IssueField;
import io.zhenggai.report.intake.EventApplier;
import io.zhenggai.report.intake.RecordReader;
import io.zhenggai.report.projection.DeadlineWarnings;
import io.zhenggai.report.projection.Grouping;
import io.zhenggai.report.projection.IssueVisibility;
import io.zhenggai.report.projection.Measure;
import io.zhenggai.report.projection.ReportCalendar;
import io.zhenggai.report.query.ReportQueries;
import io.zhenggai.report.store.Generations;

/**
 * The oracle (issue 16): a live summary from the counters ({@code IssueCounters}, kept by triggers on
 * {@code issue_view}) must equal the summary counted by scanning the issues ({@code ReportQueries.scanSummary}, the
 * SQL the summary used before) after any event stream {@link IssueStreams} generates (two inspections, back-dated and
 * corrected events, reopenings, deadline moves, the workflow, changes of units, leaders and tags; stale thresholds of
 * 1 to 60 days). Every event goes through the real applier into PostgreSQL; after each stream, and halfway through
 * it, both summaries of each inspection are compared in full, and so are the drill-through's live first page and total
 * with the one pass over every issue ({@code ReportQueries.scanIssues}), and an indicator's issue tallies from the
 * counters with those counted by scanning ({@code FactLoader.scanTallies}).
 */
@QuarkusTest
class CountersOracleTest {

    private static final int TRIES = 25;
    private static final long SEED = 16_2026L;

    private static final List<Set<IssueField>> TALLIED = List.of(Set.of(), EnumSet.of(IssueField.STATUS),
            EnumSet.of(IssueField.ON_TIME), EnumSet.of(IssueField.STATUS, IssueField.ON_TIME),
            EnumSet.of(IssueField.OVERDUE), EnumSet.of(IssueField.STATUS, IssueField.OVERDUE, IssueField.ON_TIME),
            EnumSet.of(IssueField.WARNING), EnumSet.of(IssueField.STATUS, IssueField.WARNING, IssueField.OVERDUE));

    @Inject
    RecordReader reader;

    @Inject
    EventApplier applier;

    @Inject
    ReportQueries queries;

    @Inject
    FactLoader facts;

    @Inject
    DeadlineWarnings warnings;

    @Inject
    ReportCalendar calendar;

    @Inject
    Generations generations;

    @Test
    void shouldCountAsTheScanCountsAfterAnyEventStream() throws Exception {
        IssueStreams.inOwnGeneration(generations, "counters oracle", schema -> { },
                () -> IssueStreams.tries(SEED, TRIES, IssueStreams.scenarios(30), this::check));
    }

    private void check(IssueStreams.Scenario scenario) {
        IssueStreams.Stream stream = IssueStreams.build(scenario, calendar.today(), calendar.zone());
        IssueStreams.applyComparing(stream, reader, applier, applied -> stream.inspections().forEach(inspection ->
                compare(inspection.id, scenario.staleDays())));
    }

    private void compare(UUID inspection, int staleDays) {
        // the scan reads the stored warning: today's colours first, as every midnight
        warnings.recompute(calendar.today());
        ReportQueries.Scope scope = queries.scope(inspection, staleDays, null);
        assertThat(queries.summary(scope)).usingRecursiveComparison().isEqualTo(queries.scanSummary(scope));
        // an indicator's issue tallies from the counters against the scan's, for every set of fields they serve
        for (Set<IssueField> fields : TALLIED) {
            assertThat(facts.countedTallies(fields, inspection)).as("tallies by %s", fields)
                    .containsExactlyInAnyOrderElementsOf(facts.scanTallies(fields, inspection, null, new HashMap<>(),
                            false));
        }
        assertThat(facts.countedTallies(EnumSet.of(IssueField.WARNING, IssueField.ON_TIME), inspection)).isNull();
        assertThat(facts.countedTallies(EnumSet.of(IssueField.STATUS, IssueField.UNIT), inspection)).isNull();
        // the drill-through's live first page and total against the one pass over every issue (a third of the
        // measures each time, chosen by the stale threshold): a full page (limit 1: the total from the counters or a
        // count of its own) and a page that is the whole list, by many-valued groups and a null key, for a unit
        for (Measure measure : Measure.values()) {
            if (measure.ordinal() % 3 != staleDays % 3) {
                continue;
            }
            for (int limit : new int[] {1, 500}) {
                compareDrill(null, null, measure, scope, limit);
            }
            compareDrill(Grouping.UNIT, "单位0", measure, scope, 1);
            compareDrill(Grouping.TAG, null, measure, scope, 1);
            compareDrill(Grouping.LEADER, "领导1", measure, scope, 1);
            compareDrill(null, null, measure, scope.visibleTo(IssueVisibility.ofUnits(List.of("单位1"))), 1);
        }
    }

    private void compareDrill(Grouping by, String key, Measure measure, ReportQueries.Scope scope, int limit) {
        assertThat(queries.issues(by, key, measure, scope, limit)).as("%s %s=%s, limit %d, %s", measure, by, key,
                limit, scope.visible()).usingRecursiveComparison().isEqualTo(queries.scanIssues(by, key, measure,
                scope, limit));
    }
}
