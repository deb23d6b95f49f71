package io.zhenggai.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.zhenggai.report.indicator.FactLoader;
import io.zhenggai.report.indicator.IssueField;
import io.zhenggai.report.intake.EventApplier;
import io.zhenggai.report.intake.RecordReader;
import io.zhenggai.report.memory.IssueIndex;
import io.zhenggai.report.memory.IssueMemory;
import io.zhenggai.report.projection.AsOf;
import io.zhenggai.report.projection.DeadlineWarnings;
import io.zhenggai.report.projection.Grouping;
import io.zhenggai.report.projection.IssueVisibility;
import io.zhenggai.report.projection.Measure;
import io.zhenggai.report.projection.ReportCalendar;
import io.zhenggai.report.query.ReportQueries;
import io.zhenggai.report.query.ReportQueries.Breakdown;
import io.zhenggai.report.query.ReportQueries.Group;
import io.zhenggai.report.query.ReportQueries.Summary;
import io.zhenggai.report.store.Generations;

/**
 * The oracle of the in-memory engine (issue 16): the summary and the breakdowns the production reads give
 * ({@link ReportQueries#summary}, {@link ReportQueries#breakdown}, counted by {@link IssueMemory} once the generation's
 * index is loaded) must equal those PostgreSQL counts by scanning ({@link ReportQueries#scanSummary},
 * {@link ReportQueries#scanBreakdown}) after any event stream {@link IssueStreams} generates: live, and as of
 * moments on both clocks. Every event goes through the real applier into a generation of the test's own; after each
 * stream, and halfway through it, for every inspection and for all of them (with a stale threshold each), the summary
 * and the breakdown by every {@link Grouping} are compared as whole records (groups in order, keys, labels, every
 * count) live, and as of these moments (each for one of the three scopes in turn, to keep the test fast): on the
 * effective clock the day before the first feedback date, a day between the two, the
 * second's, the days two events took effect, today and a month ahead; on the recorded clock the end of the day an
 * event was recorded and of the day before the first, exactly at an event's recorded instant, a microsecond after and
 * before it, and halfway between two events. And the memory must have given each production answer, so that the test
 * cannot pass by comparing the SQL with itself.
 */
@QuarkusTest
class MemoryOracleTest {

    private static final int TRIES = 20;
    private static final int MAX_STEPS = 30;
    private static final long SEED = 16_2027L;

    @Inject
    RecordReader reader;

    @Inject
    EventApplier applier;

    @Inject
    ReportQueries queries;

    @Inject
    DeadlineWarnings warnings;

    @Inject
    ReportCalendar calendar;

    @Inject
    Generations generations;

    @Inject
    IssueMemory memory;

    @Inject
    FactLoader facts;

    /** The generation the streams are applied in, and where its index is checkpointed at every comparison. */
    private String schema;
    private Path checkpoints;
    private boolean checkpointed;

    @Test
    void shouldAnswerFromMemoryAsTheScanAnswersAfterAnyEventStream() throws Exception {
        checkpoints = Files.createTempDirectory("memory-oracle");
        try {
            IssueStreams.inOwnGeneration(generations, "memory oracle", generation -> {
                schema = generation;
                memory.load(generation);
            }, () -> IssueStreams.tries(SEED, TRIES, IssueStreams.scenarios(MAX_STEPS), this::check));
        } finally {
            try (var files = Files.list(checkpoints)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(checkpoints);
        }
    }

    private void check(IssueStreams.Scenario scenario) {
        IssueStreams.Stream stream = IssueStreams.build(scenario, calendar.today(), calendar.zone());
        IssueStreams.applyComparing(stream, reader, applier, applied -> compare(stream, applied, scenario.staleDays()));
    }

    private void compare(IssueStreams.Stream stream, int applied, int staleDays) {
        // the index as a restart gives it: read from the checkpoint of the last comparison, caught up from the change
        // feed with every event applied since (whatever the slots, the answers are compared below); then checkpointed
        // for the next comparison
        if (checkpointed) {
            assertThat(memory.restart(schema, checkpoints)).as("restarted from the checkpoint").isTrue();
        }
        memory.checkpoint(schema, checkpoints);
        checkpointed = true;
        LocalDate today = calendar.today();
        // the scan reads the stored warning: today's colours first, as every midnight
        warnings.recompute(today);
        List<AsOf> moments = moments(stream, applied, today, calendar.zone());
        List<UUID> inspections = new ArrayList<>(Arrays.asList((UUID) null));
        stream.inspections().forEach(inspection -> inspections.add(inspection.id));
        long served = memory.served();
        long answers = 0;
        for (int k = 0; k < inspections.size(); k++) {
            // a stale threshold per scope: 1 to 60 days
            int stale = 1 + (staleDays + 23 * k) % 60;
            for (int m = 0; m < moments.size(); m++) {
                // live for every scope; each moment for one of them in turn (the turn moves with the stream's length)
                if (m > 0 && (m + applied) % inspections.size() != k) {
                    continue;
                }
                AsOf moment = moments.get(m);
                ReportQueries.Scope scope = queries.scope(inspections.get(k), stale, moment);
                String where = "inspection " + inspections.get(k) + ", stale " + stale + ", "
                        + (moment == null ? "live" : moment.basis().code() + " as of " + moment.given());
                Summary summary = queries.summary(scope);
                answers++;
                // whole records: equals compares every field (a recursive comparison costs more than the queries)
                assertThat(summary).as("summary, %s", where).isEqualTo(queries.scanSummary(scope));
                for (Grouping by : Grouping.values()) {
                    Breakdown breakdown = queries.breakdown(by, scope);
                    answers++;
                    Breakdown scanned = queries.scanBreakdown(by, scope);
                    if (!breakdown.equals(scanned)) {
                        assertThat(breakdown).as("breakdown by %s, %s: %s", by.code(), where,
                                firstDifference(breakdown, scanned)).isEqualTo(scanned);
                    }
                }
                // a drill-through (a measure and a grouping in turn, one of its keys and the null key, a full page
                // and the whole list, once as a unit's caller) and an indicator's issue tallies (a set of fields in
                // turn, per combination or issue by issue)
                int turn = m * 7 + k * 3 + applied;
                Measure measure = Measure.values()[turn % Measure.values().length];
                Grouping by = Grouping.values()[turn % Grouping.values().length];
                List<Group> groups = queries.scanBreakdown(by, scope).groups();
                String key = groups.isEmpty() ? null : groups.get(turn % groups.size()).key();
                for (String drilled : Arrays.asList(key, null)) {
                    for (int limit : new int[] {2, 500}) {
                        answers += compareDrill(by, drilled, measure, scope, limit, where);
                    }
                }
                answers += compareDrill(null, null, measure, scope.visibleTo(IssueVisibility.ofUnits(
                        List.of("B组", "单位甲"))), 2, where);
                Set<IssueField> fields = TALLIED.get(turn % TALLIED.size());
                boolean identified = turn % 2 == 0;
                Map<String, String> labels = new HashMap<>();
                Map<String, String> scanLabels = new HashMap<>();
                IssueIndex index = QuarkusTransaction.requiringNew().call(() -> memory.current().orElseThrow());
                assertThat(facts.memoryTallies(index, fields, inspections.get(k), moment, labels, identified))
                        .as("tallies by %s%s, %s", fields, identified ? ", one by one" : "", where)
                        .containsExactlyInAnyOrderElementsOf(facts.scanTallies(fields, inspections.get(k), moment,
                                scanLabels, identified));
                assertThat(labels).as("tally labels, %s", where).isEqualTo(scanLabels);
            }
        }
        // every production answer came from memory (fails while IssueMemory is a skeleton)
        assertThat(memory.served() - served).as("answers counted in memory").isEqualTo(answers);
    }

    private static final List<Set<IssueField>> TALLIED = List.of(EnumSet.of(IssueField.STATUS),
            EnumSet.of(IssueField.STATUS, IssueField.ON_TIME, IssueField.OVERDUE),
            EnumSet.of(IssueField.WARNING, IssueField.ASPECT, IssueField.UNIT),
            EnumSet.of(IssueField.INSPECTION, IssueField.LIST, IssueField.CATEGORY, IssueField.LEADER,
                    IssueField.TAG, IssueField.ON_TIME));

    private int compareDrill(Grouping by, String key, Measure measure, ReportQueries.Scope scope, int limit,
                             String where) {
        assertThat(queries.issues(by, key, measure, scope, limit)).as("drill %s %s=%s, limit %d, %s, %s", measure,
                by, key, limit, scope.visible(), where).isEqualTo(queries.scanIssues(by, key, measure, scope, limit));
        return 1;
    }

    /** The moments answers are compared as of, live (null) first. */
    private static List<AsOf> moments(IssueStreams.Stream stream, int applied, LocalDate today, ZoneId zone) {
        LocalDate first = stream.inspections().get(0).feedbackDate;
        LocalDate second = stream.inspections().get(1).feedbackDate;
        List<Instant> recorded = stream.recorded().subList(0, applied);
        List<AsOf> moments = new ArrayList<>();
        moments.add(null);
        for (LocalDate day : List.of(first.minusDays(1), first.plusDays(ChronoUnit.DAYS.between(first, second) / 2),
                second, stream.effective().get(applied / 2), stream.effective().get(applied * 3 / 4), today,
                today.plusDays(30))) {
            moments.add(AsOf.date(day, AsOf.Basis.EFFECTIVE, zone));
        }
        Instant at = recorded.get(applied / 3);
        Instant next = recorded.get(Math.min(applied / 3 + 1, applied - 1));
        moments.add(AsOf.date(recorded.get(0).atZone(zone).toLocalDate().minusDays(1), AsOf.Basis.RECORDED, zone));
        moments.add(AsOf.date(recorded.get(applied * 2 / 3).atZone(zone).toLocalDate(), AsOf.Basis.RECORDED, zone));
        moments.add(AsOf.instant(at, AsOf.Basis.RECORDED, zone));
        moments.add(AsOf.instant(at.plus(1, ChronoUnit.MICROS), AsOf.Basis.RECORDED, zone));
        moments.add(AsOf.instant(at.minus(1, ChronoUnit.MICROS), AsOf.Basis.RECORDED, zone));
        moments.add(AsOf.instant(at.plus(Math.max(1, ChronoUnit.MICROS.between(at, next) / 2), ChronoUnit.MICROS),
                AsOf.Basis.RECORDED, zone));
        return moments;
    }

    /** Where two breakdowns first differ, for the failure message. */
    private static String firstDifference(Breakdown memory, Breakdown scan) {
        List<Group> a = memory.groups();
        List<Group> b = scan.groups();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!a.get(i).equals(b.get(i))) {
                return "group " + i + " differs: memory " + a.get(i) + ", scan " + b.get(i);
            }
        }
        if (a.size() != b.size()) {
            return "memory has " + a.size() + " groups, scan " + b.size() + "; the first extra: "
                    + (a.size() > b.size() ? "memory " + a.get(b.size()) : "scan " + b.get(a.size()));
        }
        return memory.equals(scan) ? "equal groups" : "groups equal, header differs: memory " + memory.by() + " "
                + memory.today() + " " + memory.staleDays() + ", scan " + scan.by() + " " + scan.today() + " "
                + scan.staleDays();
    }
}
