package io.zhenggai.report.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.zhenggai.report.Events;
import io.zhenggai.report.intake.EventApplier;
import io.zhenggai.report.intake.RecordReader;
import io.zhenggai.report.indicator.FactLoader;
import io.zhenggai.report.indicator.IndicatorDefinition;
import io.zhenggai.report.indicator.IndicatorSpec;
import io.zhenggai.report.indicator.IndicatorStore;
import io.zhenggai.report.indicator.IssueFact;
import io.zhenggai.report.indicator.IssueField;
import io.zhenggai.report.projection.AsOf;
import io.zhenggai.report.projection.DeadlineWarnings;
import io.zhenggai.report.projection.Grouping;
import io.zhenggai.report.projection.IssueVisibility;
import io.zhenggai.report.projection.Measure;
import io.zhenggai.report.projection.ReportCalendar;
import io.zhenggai.report.query.ReportQueries;
import io.zhenggai.report.query.DrillThrough;
import io.zhenggai.report.query.SummaryQuery;
import io.zhenggai.report.store.Generation;
import io.zhenggai.report.store.Generations;

/**
 * The memory's mechanics (the answers themselves are {@code MemoryOracleTest}'s): every answer counts every change
 * committed before it, whoever committed it, with no wait for a poll; a change the log no longer holds (pruned) makes
 * the index read the whole generation again; a rolled-back transaction leaves no trace.
 */
@QuarkusTest
class IssueMemoryTest {

    private static final AtomicLong OFFSETS = new AtomicLong();

    @Inject
    IssueMemory memory;

    @Inject
    ReportQueries queries;

    @Inject
    RecordReader reader;

    @Inject
    EventApplier applier;

    @Inject
    Generations generations;

    @Inject
    ReportCalendar calendar;

    @Inject
    EntityManager em;

    @Inject
    DeadlineWarnings warnings;

    @Inject
    FactLoader facts;

    @Inject
    SummaryQuery summaries;

    @Inject
    DrillThrough drill;

    @Inject
    IndicatorStore indicators;

    @Test
    void shouldAnswerWithEveryCommittedChangeAndReloadWhatTheLogLost() throws Exception {
        Generation generation = generations.create("memory mechanics");
        try {
            generations.in(generation.schema(), () -> {
                memory.load(generation.schema());
                check(generation.schema());
                return null;
            });
        } finally {
            QuarkusTransaction.requiringNew().run(() -> generations.cancel(generation.number()));
        }
    }

    @Test
    void shouldRememberTheSummaryUntilTheDataOrTheDefinitionsChange() throws Exception {
        Generation generation = generations.create("remembered summary");
        try {
            generations.in(generation.schema(), () -> {
                memory.load(generation.schema());
                checkRemembered();
                return null;
            });
        } finally {
            QuarkusTransaction.requiringNew().run(() -> generations.cancel(generation.number()));
        }
    }

    private void checkRemembered() {
        LocalDate today = calendar.today();
        Events.Inspection inspection = new Events.Inspection(today.minusDays(40));
        apply(inspection.created());
        Events.Issue issue = inspection.issue("main", "一", 1, "问题一")
                .responsibility(List.of("领导甲"), List.of("单位甲"), List.of());
        apply(issue.created(issue.feedbackDate()));
        apply(issue.progress(today.minusDays(3), investment("100000000", "1亿元")));
        ReportQueries.Scope live = queries.scope(null, null, null);
        SummaryQuery.Headline first = summaries.summary(live);
        assertThat(investment(first)).isEqualByComparingTo("100000000");
        SummaryQuery.Headline again = summaries.summary(live);
        assertThat(again.summary()).as("remembered while nothing changed").isSameAs(first.summary());
        assertThat(again.indicators()).as("remembered while nothing changed").isSameAs(first.indicators());
        SummaryQuery.Headline stale7 = summaries.summary(queries.scope(null, 7, null));
        assertThat(stale7.summary()).as("another question").isNotSameAs(first.summary());
        assertThat(stale7.indicators()).as("the same figures whatever the stale threshold")
                .isSameAs(first.indicators());

        DrillThrough.Drill drilled = drill.count(null, null, Measure.TOTAL, live, 10);
        assertThat(drill.count(null, null, Measure.TOTAL, live, 10)).as("remembered").isSameAs(drilled);
        DrillThrough.Drill figure = drill.indicator("investment.completed", null, null, null, null, null,
                IssueVisibility.ALL, 10);
        assertThat(drill.indicator("investment.completed", null, null, null, null, null, IssueVisibility.ALL, 10))
                .as("remembered").isSameAs(figure);

        // the data changed: counted again, the latest reading counts (LAST over time)
        apply(issue.progress(today.minusDays(1), investment("250000000", "2.5亿元")));
        assertThat(drill.count(null, null, Measure.TOTAL, live, 10).events()).as("the new event listed")
                .hasSize(drilled.events().size() + 1);
        SummaryQuery.Headline second = summaries.summary(live);
        assertThat(investment(second)).isEqualByComparingTo("250000000");
        assertThat(second.summary().issues().total()).isEqualTo(1);

        // the definitions changed, the data did not: a new indicator is listed, a metric's rule counts anew
        String code = "test.remembered" + OFFSETS.incrementAndGet();
        QuarkusTransaction.requiringNew().run(() -> indicators.create(IndicatorDefinition.parse(IndicatorSpec.of(code,
                "测试指标", "metric(investment.completed)", null, BigDecimal.ONE, "CNY", "a test's")), 0, "test"));
        try {
            assertThat(summaries.summary(live).indicators()).extracting(a -> a.indicator().code()).contains(code);
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("INSERT INTO public.metric_aggregation "
                    + "(metric, over_time, over_dimensions) VALUES ('investment.completed', 'SUM', 'SUM')")
                    .executeUpdate());
            assertThat(investment(summaries.summary(live))).as("readings summed over time")
                    .isEqualByComparingTo("350000000");
            assertThat(drill.indicator("investment.completed", null, null, null, null, null, IssueVisibility.ALL, 10)
                    .indicator().overall().value()).as("drilled after the rule changed")
                    .isEqualByComparingTo("350000000");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("DELETE FROM public.metric_aggregation WHERE metric = 'investment.completed'")
                        .executeUpdate();
                indicators.retire(code);
            });
        }
        SummaryQuery.Headline last = summaries.summary(live);
        assertThat(last.indicators()).extracting(a -> a.indicator().code()).doesNotContain(code);
        assertThat(investment(last)).isEqualByComparingTo("250000000");
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode investment(String value, String display) {
        return Events.reading("investment.completed", Map.of("industry", "新材料"), value, "CNY", "MONEY", display);
    }

    private static BigDecimal investment(SummaryQuery.Headline headline) {
        return headline.indicators().stream().filter(a -> a.indicator().code().equals("investment.completed"))
                .findFirst().orElseThrow().overall().value();
    }

    private void check(String schema) {
        LocalDate today = calendar.today();
        Events.Inspection inspection = new Events.Inspection(today.minusDays(40));
        apply(inspection.created());
        ReportQueries.Scope live = queries.scope(null, null, null);
        assertThat(summary(live).issues().total()).isZero();
        Events.Issue first = inspection.issue("main", "一", 1, "问题一")
                .responsibility(List.of("领导甲"), List.of("单位甲"), List.of()).deadline(today.minusDays(1));
        // read your writes: each answer right after the commit counts it, live and as of today on both clocks
        apply(first.created(first.feedbackDate()));
        assertThat(summary(live).issues().total()).isEqualTo(1);
        assertThat(summary(live).issues().overdue()).isEqualTo(1);
        apply(first.transition("START", "IN_PROGRESS", today.minusDays(10)));
        apply(first.transition("COMPLETE", "COMPLETED", today.minusDays(2)));
        assertThat(summary(live).issues().byStatus().get("COMPLETED")).isEqualTo(1);
        assertThat(summary(queries.scope(null, null, AsOf.date(today.minusDays(5), AsOf.Basis.EFFECTIVE,
                calendar.zone()))).issues().byStatus().get("IN_PROGRESS")).isEqualTo(1);
        compareAll(today);

        // the log loses everything (as if pruned while the memory was stopped): the next change cannot be caught up
        // from the log, so the index reads the generation again
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM " + schema + ".change_log")
                .executeUpdate());
        long before = memory.loaded(schema).clock();
        Events.Issue second = inspection.issue("main", "一", 2, "问题二")
                .responsibility(List.of("领导乙"), List.of("单位乙", "单位甲"), List.of("重点"));
        apply(second.created(second.feedbackDate()));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM " + schema + ".change_log")
                .executeUpdate());
        apply(first.transition("CLOSE", "CLOSED", today));
        assertThat(summary(live).issues().total()).isEqualTo(2);
        assertThat(summary(live).issues().byStatus().get("CLOSED")).isEqualTo(1);
        assertThat(memory.loaded(schema).clock()).isGreaterThan(before);
        compareAll(today);

        // a transaction that rolls back moves nothing
        long clock = memory.loaded(schema).clock();
        RecordReader.Reading reading = reader.read(second.transition("START", "IN_PROGRESS", today)
                .value().getBytes(StandardCharsets.UTF_8));
        QuarkusTransaction.begin();
        try {
            assertThat(applier.accept(reading.event(), new TopicPartition("memory", 0), OFFSETS.incrementAndGet()))
                    .isEqualTo(EventApplier.Outcome.APPLIED);
        } finally {
            QuarkusTransaction.rollback();
        }
        assertThat(summary(live).issues().byStatus().get("IN_PROGRESS")).isZero();
        assertThat(memory.loaded(schema).clock()).isEqualTo(clock);
    }

    private ReportQueries.Summary summary(ReportQueries.Scope scope) {
        long served = memory.served();
        ReportQueries.Summary summary = queries.summary(scope);
        assertThat(memory.served()).as("answered from memory").isEqualTo(served + 1);
        return summary;
    }

    private void compareAll(LocalDate today) {
        // the live scan reads the stored warning: today's colours first, as every midnight
        warnings.recompute(today);
        for (AsOf asOf : new AsOf[] {null, AsOf.date(today.minusDays(3), AsOf.Basis.EFFECTIVE, calendar.zone()),
                AsOf.date(today, AsOf.Basis.RECORDED, calendar.zone())}) {
            ReportQueries.Scope scope = queries.scope(null, 7, asOf);
            assertThat(summary(scope)).usingRecursiveComparison().isEqualTo(queries.scanSummary(scope));
            for (Grouping by : Grouping.values()) {
                assertThat(queries.breakdown(by, scope)).as("%s %s", by, asOf).usingRecursiveComparison()
                        .isEqualTo(queries.scanBreakdown(by, scope));
            }
            // drill-throughs: a full page and the whole list, by groups, null keys and a unit's caller
            for (Measure measure : Measure.values()) {
                for (int limit : new int[] {1, 500}) {
                    compareDrill(null, null, measure, scope, limit);
                }
                compareDrill(Grouping.UNIT, "单位甲", measure, scope, 500);
                compareDrill(Grouping.TAG, null, measure, scope, 500);
                compareDrill(Grouping.ASPECT, null, measure, scope, 500);
                compareDrill(null, null, measure, scope.visibleTo(IssueVisibility.ofUnits(List.of("单位乙"))), 500);
            }
            // an indicator's issue tallies, one by one and per combination of fields
            for (Set<IssueField> fields : List.of(EnumSet.of(IssueField.STATUS), EnumSet.of(IssueField.ON_TIME,
                    IssueField.WARNING, IssueField.OVERDUE), EnumSet.of(IssueField.ASPECT, IssueField.UNIT,
                    IssueField.LEADER, IssueField.TAG, IssueField.INSPECTION, IssueField.LIST, IssueField.CATEGORY))) {
                for (boolean identified : new boolean[] {false, true}) {
                    Map<String, String> memoryLabels = new HashMap<>();
                    Map<String, String> scanLabels = new HashMap<>();
                    IssueIndex index = QuarkusTransaction.requiringNew().call(() -> memory.current().orElseThrow());
                    List<IssueFact> tallied = facts.memoryTallies(index, fields, null, asOf, memoryLabels,
                            identified);
                    assertThat(tallied).as("%s %s", fields, asOf).containsExactlyInAnyOrderElementsOf(
                            facts.scanTallies(fields, null, asOf, scanLabels, identified));
                    assertThat(memoryLabels).isEqualTo(scanLabels);
                }
            }
        }
    }

    private void compareDrill(Grouping by, String key, Measure measure, ReportQueries.Scope scope, int limit) {
        long served = memory.served();
        assertThat(queries.issues(by, key, measure, scope, limit)).as("%s %s=%s, limit %d, %s", measure, by, key,
                limit, scope.visible()).usingRecursiveComparison().isEqualTo(queries.scanIssues(by, key, measure,
                scope, limit));
        assertThat(memory.served()).as("answered from memory").isEqualTo(served + 1);
    }

    private void apply(Events.Record record) {
        RecordReader.Reading reading = reader.read(record.value().getBytes(StandardCharsets.UTF_8));
        assertThat(reading.accepted()).as("%s: %s", reading.reason(), record.value()).isTrue();
        EventApplier.Outcome outcome = QuarkusTransaction.requiringNew().call(() ->
                applier.accept(reading.event(), new TopicPartition("memory", 0), OFFSETS.incrementAndGet()));
        assertThat(outcome).as(record.value()).isEqualTo(EventApplier.Outcome.APPLIED);
    }
}
