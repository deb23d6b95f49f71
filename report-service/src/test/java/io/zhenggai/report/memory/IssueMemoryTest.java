package io.zhenggai.report.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import io.zhenggai.report.indicator.IndicatorService;
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
import io.zhenggai.report.query.BreakdownQuery;
import io.zhenggai.report.query.IndicatorQuery;
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
    IndicatorQuery indicatorValues;

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
    BreakdownQuery breakdowns;

    @Inject
    IndicatorStore indicators;

    @Inject
    io.zhenggai.report.store.ChangeFeed changes;

    @Test
    void shouldAnswerWithEveryCommittedChangeAndReloadWhatTheLogLost() throws Exception {
        inLoadedGeneration("memory mechanics", this::check);
    }

    @Test
    void shouldRestartFromACheckpointAndCatchUpOrIgnoreOneThatDoesNotFit() throws Exception {
        Path directory = Files.createTempDirectory("memory-checkpoint");
        try {
            inLoadedGeneration("memory checkpoint", schema -> restarts(schema, directory));
        } finally {
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(directory);
        }
    }

    private void restarts(String schema, Path directory) throws Exception {
        LocalDate today = calendar.today();
        Events.Inspection inspection = new Events.Inspection(today.minusDays(40));
        apply(inspection.created());
        Events.Issue first = inspection.issue("main", "一", 1, "问题一")
                .responsibility(List.of("领导甲"), List.of("单位甲"), List.of()).deadline(today.minusDays(1));
        Events.Issue second = inspection.issue("main", "一", 2, "问题二")
                .responsibility(List.of("领导乙"), List.of("单位乙", "单位甲"), List.of("重点", "重点"));
        Events.Issue third = inspection.issue("main", "二", 3, "问题三")
                .responsibility(List.of(), List.of("单位丙"), List.of("一般")).deadline(today.plusDays(3));
        apply(first.created(first.feedbackDate()));
        apply(second.created(second.feedbackDate()));
        apply(third.created(third.feedbackDate()));
        apply(first.transition("START", "IN_PROGRESS", today.minusDays(10)));
        apply(second.transition("START", "IN_PROGRESS", today.minusDays(4)));
        ReportQueries.Scope live = queries.scope(null, null, null);
        assertThat(summary(live).issues().total()).isEqualTo(3);

        // written and read back: the same answers, and the same slots (the restored attributes equal the read ones)
        memory.checkpoint(schema, directory);
        Path file = IndexCheckpoint.file(directory, schema);
        assertThat(file).exists();
        int slots = memory.slots(schema);
        assertThat(memory.restart(schema, directory)).as("from the checkpoint").isTrue();
        assertThat(memory.slots(schema)).isEqualTo(slots);
        compareAll(today);

        // changes after the checkpoint: a restart reads it and catches up from the change feed; an issue changed
        // without new attributes finds its slots again
        IssueIndex.Page before = memory.loaded(schema).page(null, null, Measure.TOTAL, null, null, today, today, null,
                10);
        apply(first.transition("COMPLETE", "COMPLETED", today.minusDays(2)));
        apply(third.transition("START", "IN_PROGRESS", today.minusDays(1)));
        int grown = QuarkusTransaction.requiringNew().call(() -> memory.current().orElseThrow()).slots();
        assertThat(memory.restart(schema, directory)).as("from the checkpoint, then the feed").isTrue();
        assertThat(memory.loaded(schema).clock()).isEqualTo(QuarkusTransaction.requiringNew().call(() ->
                ((Number) em.createNativeQuery("SELECT n FROM " + schema + ".change_clock").getSingleResult())
                        .longValue()));
        assertThat(memory.slots(schema)).as("slots after the catch-up").isEqualTo(grown);
        assertThat(summary(live).issues().byStatus().get("COMPLETED")).isEqualTo(1);
        assertThat(summary(live).issues().byStatus().get("IN_PROGRESS")).isEqualTo(2);
        assertThat(memory.loaded(schema).page(null, null, Measure.TOTAL, null, null, today, today, null, 10).ids())
                .containsExactlyElementsOf(before.ids());
        compareAll(today);

        // a file that is not whole: a byte changed, or cut short; a file that is not this database's or this
        // generation's: whole loads, the same answers
        memory.checkpoint(schema, directory);
        byte[] whole = Files.readAllBytes(file);
        for (int at : new int[] {whole.length / 2, 20, whole.length - 1}) {
            byte[] corrupted = whole.clone();
            corrupted[at] ^= 0x10;
            Files.write(file, corrupted);
            assertThat(memory.restart(schema, directory)).as("byte %d of %d changed", at, whole.length).isFalse();
        }
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 7));
        assertThat(memory.restart(schema, directory)).as("truncated").isFalse();
        Files.write(file, whole);
        assertThat(memory.restart(schema, directory)).as("whole again").isTrue();
        IndexCheckpoint.Identity own = IndexCheckpoint.header(file).orElseThrow();
        for (IndexCheckpoint.Identity other : List.of(
                new IndexCheckpoint.Identity(own.system() + 1, own.schema(), own.generation(), own.createdAt(),
                        own.clock(), own.loggedAt()),
                // a wiped database whose generation of the same name and number was created anew
                new IndexCheckpoint.Identity(own.system(), own.schema(), own.generation(), own.createdAt() + 1,
                        own.clock(), own.loggedAt()),
                new IndexCheckpoint.Identity(own.system(), own.schema(), own.generation() + 1, own.createdAt(),
                        own.clock(), own.loggedAt()),
                // an older copy of the database that logged another change under the same number
                new IndexCheckpoint.Identity(own.system(), own.schema(), own.generation(), own.createdAt(),
                        own.clock(), own.loggedAt() + 1))) {
            IndexCheckpoint.write(directory, memory.loaded(schema), other);
            assertThat(memory.restart(schema, directory)).as("a checkpoint of %s", other).isFalse();
        }
        compareAll(today);
        // this generation's file under another generation's name
        Generation other = generations.create("memory checkpoint, another generation");
        try {
            Files.write(IndexCheckpoint.file(directory, other.schema()), whole);
            assertThat(memory.restart(other.schema(), directory)).as("another generation's").isFalse();
            assertThat(memory.loaded(other.schema()).issues()).isZero();
        } finally {
            Files.delete(IndexCheckpoint.file(directory, other.schema()));
            QuarkusTransaction.requiringNew().run(() -> generations.cancel(other.number()));
        }

        // the change feed pruned past the checkpoint: a whole load
        memory.checkpoint(schema, directory);
        apply(second.transition("COMPLETE", "COMPLETED", today));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM " + schema + ".change_log")
                .executeUpdate());
        apply(third.transition("COMPLETE", "COMPLETED", today));
        assertThat(memory.restart(schema, directory)).as("the feed lost changes after the checkpoint").isFalse();
        assertThat(summary(live).issues().byStatus().get("COMPLETED")).isEqualTo(3);
        compareAll(today);
    }

    /**
     * A catch-up reads only an issue's later versions when its versions add up (kept + read = its count); a version
     * the projection's rule would not write (here one inserted by hand, ending long before the issue's latest began)
     * makes it read the issue's whole history, so that the memory still answers as PostgreSQL does.
     */
    @Test
    void shouldReadAnIssuesWholeHistoryWhenItsVersionsDoNotAddUp() throws Exception {
        inLoadedGeneration("memory versions", schema -> {
            LocalDate today = calendar.today();
            Events.Inspection inspection = new Events.Inspection(today.minusDays(40));
            apply(inspection.created());
            Events.Issue issue = inspection.issue("main", "一", 1, "问题一");
            apply(issue.created(issue.feedbackDate()));
            apply(issue.transition("START", "IN_PROGRESS", today.minusDays(10)));
            // as of a moment before the issue was recorded, a version inserted into its past, and the change logged
            java.time.Instant moment = QuarkusTransaction.requiringNew().call(() -> ((java.time.Instant) em
                    .createNativeQuery("SELECT min(recorded_from) - INTERVAL '9 days' FROM " + schema
                            + ".issue_version WHERE issue_id = ?1", java.time.Instant.class)
                    .setParameter(1, issue.id).getSingleResult()));
            ReportQueries.Scope past = queries.scope(null, 7, AsOf.instant(moment, AsOf.Basis.RECORDED,
                    calendar.zone()));
            assertThat(summary(past).issues().total()).isZero();
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("CREATE TEMP TABLE inserted ON COMMIT DROP AS SELECT * FROM " + schema
                        + ".issue_version WHERE issue_id = ?1 AND sequence = 1").setParameter(1, issue.id)
                        .executeUpdate();
                em.createNativeQuery("UPDATE inserted SET sequence = 1000, recorded_from = recorded_from - "
                        + "INTERVAL '10 days', recorded_to = recorded_from - INTERVAL '8 days'").executeUpdate();
                em.createNativeQuery("INSERT INTO " + schema + ".issue_version SELECT * FROM inserted")
                        .executeUpdate();
                changes.record(List.of(issue.id), null);
            });
            assertThat(summary(past)).usingRecursiveComparison().isEqualTo(queries.scanSummary(past));
            assertThat(summary(past).issues().total()).isEqualTo(1);
            compareAll(today);
        });
    }

    @Test
    void shouldRememberTheSummaryUntilTheDataOrTheDefinitionsChange() throws Exception {
        inLoadedGeneration("remembered summary", schema -> checkRemembered());
    }

    private interface InSchema {
        void run(String schema) throws Exception;
    }

    /**
     * Runs {@code work} in a new generation whose issues are in memory, completed like the active one (its counters
     * are read when memory is compared with SQL); the generation is cancelled after.
     */
    private void inLoadedGeneration(String note, InSchema work) throws Exception {
        Generation generation = generations.create(note);
        try {
            QuarkusTransaction.requiringNew().run(() -> generations.completeIndexes(generation.schema()));
            generations.in(generation.schema(), () -> {
                memory.load(generation.schema());
                work.run(generation.schema());
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
        long served = memory.served();
        SummaryQuery.Headline again = summaries.summary(live);
        assertThat(again).as("remembered, with what was made of it").isSameAs(first);
        assertThat(memory.served()).as("a remembered summary counted as given from memory").isEqualTo(served + 1);
        assertThat(again.summary()).as("remembered while nothing changed").isSameAs(first.summary());
        assertThat(again.indicators()).as("remembered while nothing changed").isSameAs(first.indicators());
        SummaryQuery.Headline stale7 = summaries.summary(queries.scope(null, 7, null));
        assertThat(stale7.summary()).as("another question").isNotSameAs(first.summary());
        assertThat(stale7.indicators()).as("the same figures whatever the stale threshold")
                .isSameAs(first.indicators());

        ReportQueries.Breakdown byUnit = breakdowns.breakdown(Grouping.UNIT, live, ReportQueries.Breakdown.class,
                b -> b);
        served = memory.served();
        assertThat(breakdowns.breakdown(Grouping.UNIT, live, ReportQueries.Breakdown.class, b -> b))
                .as("remembered").isSameAs(byUnit);
        assertThat(memory.served()).as("a remembered breakdown counted as given from memory").isEqualTo(served + 1);
        assertThat(breakdowns.breakdown(Grouping.LEADER, live, ReportQueries.Breakdown.class, b -> b))
                .as("another grouping").isNotSameAs(byUnit);

        DrillThrough.Drill drilled = drill.count(null, null, Measure.TOTAL, live, 10);
        served = memory.served();
        assertThat(drill.count(null, null, Measure.TOTAL, live, 10)).as("remembered").isSameAs(drilled);
        assertThat(memory.served()).as("a remembered drill counted as given from memory").isEqualTo(served + 1);
        DrillThrough.Drill figure = drill.indicator("investment.completed", null, null, null, null, null,
                IssueVisibility.ALL, 10);
        assertThat(drill.indicator("investment.completed", null, null, null, null, null, IssueVisibility.ALL, 10))
                .as("remembered").isSameAs(figure);
        IndicatorService.Answer byIndustry = indicatorValues.values("investment.completed", null, "industry", null,
                null);
        served = memory.served();
        assertThat(indicatorValues.values("investment.completed", null, "industry", null, null)).as("remembered")
                .isSameAs(byIndustry);
        assertThat(memory.served()).as("remembered values counted as given from memory").isEqualTo(served + 1);
        assertThat(indicatorValues.values("investment.completed", null, null, null, null)).as("another question")
                .isNotSameAs(byIndustry);

        // the data changed: counted again, the latest reading counts (LAST over time)
        apply(issue.progress(today.minusDays(1), investment("250000000", "2.5亿元")));
        assertThat(drill.count(null, null, Measure.TOTAL, live, 10).events()).as("the new event listed")
                .hasSize(drilled.events().size() + 1);
        SummaryQuery.Headline second = summaries.summary(live);
        assertThat(investment(second)).isEqualByComparingTo("250000000");
        assertThat(indicatorValues.values("investment.completed", null, "industry", null, null).groups())
                .as("values counted again").singleElement()
                .satisfies(g -> assertThat(g.value().value()).isEqualByComparingTo("250000000"));
        ReportQueries.Breakdown recounted = breakdowns.breakdown(Grouping.UNIT, live, ReportQueries.Breakdown.class,
                b -> b);
        assertThat(recounted).as("counted again").isNotSameAs(byUnit);
        assertThat(recounted.groups()).extracting(g -> g.counts().total()).containsExactly(1L);
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
            assertThat(indicatorValues.values("investment.completed", null, "industry", null, null).overall().value())
                    .as("values after the rule changed").isEqualByComparingTo("350000000");
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
