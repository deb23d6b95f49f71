package io.zhenggai.report.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zhenggai.report.projection.AsOf;
import io.zhenggai.report.projection.Grouping;
import io.zhenggai.report.projection.IssueAttributes;
import io.zhenggai.report.projection.IssueState;
import io.zhenggai.report.projection.Measure;

/**
 * An index written to a checkpoint and read back answers every question as the original does (counts, every
 * breakdown, drill pages, tallies; live, as of days and instants, per inspection), keeps its slots when the same
 * issues change again, and a file that is not whole or not the one expected is refused. Generated issues with the
 * awkward values the SQL has: null and repeated array elements, missing attributes, issues without a live row, dead
 * history rows (changed issues), removed issues. Plain JUnit: {@code IssueMemoryTest} and {@code MemoryOracleTest}
 * check the same against PostgreSQL.
 */
class IndexCheckpointTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.of(2024, 6, 1);
    private static final Instant NOW = Instant.parse("2024-06-01T04:00:00Z");
    private static final UUID[] INSPECTIONS = {UUID.fromString("9f000000-0000-0000-0000-000000000001"),
            UUID.fromString("0f000000-0000-0000-0000-000000000002")};

    @TempDir
    Path directory;

    @Test
    void shouldAnswerAsTheOriginalAfterAWriteAndARead() throws Exception {
        Random random = new Random(16);
        IssueIndex original = new IssueIndex("gen_7", 7L << 40, Integer.MAX_VALUE);
        List<UUID> ids = new ArrayList<>();
        List<IssueIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            ids.add(id);
            entries.add(entry(id, random, new Attributes()));
        }
        Map<UUID, IssueIndex.InspectionLabel> labels = new HashMap<>();
        labels.put(INSPECTIONS[0], new IssueIndex.InspectionLabel("第一巡察组 → 甲（2024-01-01）",
                Map.of("main", "主清单", "extra", "附加")));
        Map<String, String> withNull = new HashMap<>();
        withNull.put("main", null);
        labels.put(INSPECTIONS[1], new IssueIndex.InspectionLabel("第二巡察组 → 乙（2024-02-01）", withNull));
        original.replace(entries, labels, (7L << 40) + 10);
        // changed issues (their old history rows dead), and removed ones (an issue with no row left)
        List<IssueIndex.Entry> changed = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            UUID id = ids.get(random.nextInt(ids.size()));
            changed.add(i % 10 == 0 ? empty(id) : entry(id, random, new Attributes()));
        }
        original.replace(changed, Map.of(), (7L << 40) + 11);

        IndexCheckpoint.Identity identity = identity(original);
        long bytes = IndexCheckpoint.write(directory, original, identity);
        Path file = IndexCheckpoint.file(directory, "gen_7");
        assertThat(Files.size(file)).isEqualTo(bytes);
        assertThat(IndexCheckpoint.header(file)).contains(identity);
        IssueIndex restored = IndexCheckpoint.read(file, identity, Integer.MAX_VALUE);

        assertThat(restored.issues()).isEqualTo(original.issues());
        assertThat(restored.clock()).isEqualTo(original.clock());
        assertThat(restored.slots()).isEqualTo(original.slots());
        // the restored index tallies its breakdowns measure by measure, the original by class of masks
        restored.classCells = 0;
        assertSameAnswers(restored, original);

        // the same changes to both: equal attributes find the restored slots, and the answers stay equal
        List<IssueIndex.Entry> again = new ArrayList<>();
        Random next = new Random(17);
        for (int i = 0; i < 80; i++) {
            again.add(entry(ids.get(next.nextInt(ids.size())), next, new Attributes()));
        }
        original.replace(again, Map.of(), (7L << 40) + 12);
        restored.replace(again, Map.of(), (7L << 40) + 12);
        assertThat(restored.slots()).isEqualTo(original.slots());
        assertSameAnswers(restored, original);
    }

    /**
     * A catch-up reads only the versions that end at or after the issue's latest one began ({@link
     * IssueIndex#versionTails}) and the index keeps the earlier ones: answers on every clock equal those of an index
     * given each changed issue's whole history.
     */
    @Test
    void shouldKeepTheEarlierVersionsWhenACatchUpReadsOnlyTheLaterOnes() {
        Random random = new Random(21);
        IssueIndex partial = new IssueIndex("gen_5", 5L << 40, 0);
        IssueIndex whole = new IssueIndex("gen_5", 5L << 40, 0);
        Map<UUID, IssueIndex.Entry> written = written(random, 300, (5L << 40) + 1, partial, whole);
        List<UUID> ids = new ArrayList<>(written.keySet());
        for (int round = 2; round < 5; round++) {
            Set<UUID> changed = changed(random, ids, 60);
            Map<UUID, long[]> tails = partial.versionTails(changed);
            List<IssueIndex.Entry> partialEntries = new ArrayList<>();
            List<IssueIndex.Entry> wholeEntries = new ArrayList<>();
            for (UUID id : changed) {
                IssueIndex.Entry before = written.get(id);
                IssueIndex.Entry after = extended(before, random, new Attributes());
                written.put(id, after);
                wholeEntries.add(after);
                long[] tail = tails.get(id);
                int n = before.versions().length;
                if (n == 0) {
                    assertThat(tail).as("an issue without versions is read whole").isNull();
                    partialEntries.add(after);
                    continue;
                }
                long since = before.recordedFrom()[n - 1];
                assertThat(tail).as("the latest version's beginning, and the versions that ended before it")
                        .containsExactly(since, Math.max(0, n - 2));
                List<Integer> later = new ArrayList<>();
                for (int v = 0; v < after.versions().length; v++) {
                    if (after.recordedTo()[v] >= since) {
                        later.add(v);
                    }
                }
                partialEntries.add(new IssueIndex.Entry(id, after.live(), after.validFrom(), after.validTo(),
                        after.segments(), later.stream().mapToLong(v -> after.recordedFrom()[v]).toArray(),
                        later.stream().mapToLong(v -> after.recordedTo()[v]).toArray(),
                        later.stream().map(v -> after.versions()[v]).toArray(IssueState[]::new), since));
            }
            partial.replace(partialEntries, Map.of(), (5L << 40) + round);
            whole.replace(wholeEntries, Map.of(), (5L << 40) + round);
            assertSameAnswers(partial, whole);
        }
    }

    /**
     * An index that compacts at every chance moves its rows down in place (no copy of its arrays) and answers on every
     * clock as one that never compacts, over rounds of changed issues.
     */
    @Test
    void shouldAnswerAlikeWhenItCompactsItsRowsInPlace() {
        Random random = new Random(34);
        IssueIndex compacting = new IssueIndex("gen_6", 6L << 40, 0);
        IssueIndex never = new IssueIndex("gen_6", 6L << 40, Integer.MAX_VALUE);
        Map<UUID, IssueIndex.Entry> written = written(random, 200, (6L << 40) + 1, compacting, never);
        List<UUID> ids = new ArrayList<>(written.keySet());
        for (int round = 2; round < 42; round++) {
            Set<UUID> changed = changed(random, ids, 1 + random.nextInt(120));
            List<IssueIndex.Entry> entries = new ArrayList<>();
            for (UUID id : changed) {
                IssueIndex.Entry after = extended(written.get(id), random, new Attributes());
                written.put(id, after);
                entries.add(after);
            }
            compacting.replace(entries, Map.of(), (6L << 40) + round);
            never.replace(entries, Map.of(), (6L << 40) + round);
            assertSameAnswers(compacting, never);
        }
        assertThat(compacting.compactions).as("compactions").isGreaterThan(3);
        assertThat(compacting.copiedCompactions).as("compactions that copied the rows").isZero();
        assertThat(never.compactions).isZero();
    }

    /** {@code issues} random issues, written into each of {@code indexes} at change {@code clock}. */
    private static Map<UUID, IssueIndex.Entry> written(Random random, int issues, long clock, IssueIndex... indexes) {
        Map<UUID, IssueIndex.Entry> written = new HashMap<>();
        for (int i = 0; i < issues; i++) {
            UUID id = new UUID(random.nextLong(), random.nextLong());
            written.put(id, entry(id, random, new Attributes()));
        }
        for (IssueIndex index : indexes) {
            index.replace(written.values(), Map.of(), clock);
        }
        return written;
    }

    /** Up to {@code draws} issues of {@code ids} drawn at random (a drawn one again counts once). */
    private static Set<UUID> changed(Random random, List<UUID> ids, int draws) {
        Set<UUID> changed = new LinkedHashSet<>();
        for (int i = 0; i < draws; i++) {
            changed.add(ids.get(random.nextInt(ids.size())));
        }
        return changed;
    }

    /** The issue after more events: its open version closed, one to three versions after it, new live state. */
    private static IssueIndex.Entry extended(IssueIndex.Entry before, Random random, Attributes pool) {
        IssueState.Inspection inspection = IssueState.Inspection.of(INSPECTIONS[random.nextInt(2)]);
        int n = before.versions().length;
        int added = 1 + random.nextInt(3);
        long[] from = Arrays.copyOf(before.recordedFrom(), n + added);
        long[] to = Arrays.copyOf(before.recordedTo(), n + added);
        IssueState[] versions = Arrays.copyOf(before.versions(), n + added);
        long micros = n == 0 ? IssueIndex.micros(NOW) - 100L * 86_400_000_000L : from[n - 1];
        for (int v = n; v < n + added; v++) {
            micros += 1 + (long) random.nextInt(30) * 86_400_000_000L;
            if (v > 0) {
                to[v - 1] = micros;
            }
            from[v] = micros;
            to[v] = Long.MAX_VALUE;
            versions[v] = state(random, inspection, pool);
        }
        return new IssueIndex.Entry(before.id(), state(random, inspection, pool), before.validFrom(),
                before.validTo(), before.segments(), from, to, versions, IssueIndex.WHOLE);
    }

    @Test
    void shouldRefuseAFileThatIsNotWholeOrNotTheOneExpected() throws Exception {
        Random random = new Random(3);
        IssueIndex index = new IssueIndex("gen_2", 2L << 40, 0);
        List<IssueIndex.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            entries.add(entry(new UUID(random.nextLong(), random.nextLong()), random, new Attributes()));
        }
        index.replace(entries, Map.of(), (2L << 40) + 3);
        IndexCheckpoint.Identity identity = identity(index);
        IndexCheckpoint.write(directory, index, identity);
        Path file = IndexCheckpoint.file(directory, "gen_2");
        byte[] whole = Files.readAllBytes(file);
        int issues = index.issues();
        assertThat(IndexCheckpoint.read(file, identity, 0).issues()).isEqualTo(issues).isGreaterThan(40);

        // any single byte changed, anywhere: header, columns, trailer
        for (int at = 0; at < whole.length; at += Math.max(1, whole.length / 97)) {
            byte[] corrupted = whole.clone();
            corrupted[at] ^= 1;
            Files.write(file, corrupted);
            int where = at;
            assertThatThrownBy(() -> IndexCheckpoint.read(file, identity, 0)).as("byte %d", where)
                    .isInstanceOf(IOException.class);
        }
        for (int cut : new int[] {1, 12, whole.length / 2, whole.length - 1}) {
            Files.write(file, Arrays.copyOf(whole, whole.length - cut));
            assertThatThrownBy(() -> IndexCheckpoint.read(file, identity, 0)).as("cut by %d", cut)
                    .isInstanceOf(IOException.class);
        }
        Files.write(file, whole);
        for (IndexCheckpoint.Identity other : List.of(
                new IndexCheckpoint.Identity(identity.system() + 1, "gen_2", 2, identity.createdAt(),
                        identity.clock(), identity.loggedAt()),
                new IndexCheckpoint.Identity(identity.system(), "gen_3", 2, identity.createdAt(), identity.clock(),
                        identity.loggedAt()),
                new IndexCheckpoint.Identity(identity.system(), "gen_2", 2, identity.createdAt() - 1,
                        identity.clock(), identity.loggedAt()),
                new IndexCheckpoint.Identity(identity.system(), "gen_2", 2, identity.createdAt(),
                        identity.clock() + 1, identity.loggedAt()),
                new IndexCheckpoint.Identity(identity.system(), "gen_2", 2, identity.createdAt(), identity.clock(),
                        identity.loggedAt() + 1))) {
            assertThatThrownBy(() -> IndexCheckpoint.read(file, other, 0)).as("%s", other)
                    .isInstanceOf(IOException.class);
        }
        // the database no longer knowing when the change was logged (pruned) is no reason to refuse it: the change
        // feed decides then
        assertThat(IndexCheckpoint.read(file, new IndexCheckpoint.Identity(identity.system(), "gen_2", 2,
                identity.createdAt(), identity.clock(), Long.MIN_VALUE), 0).issues()).isEqualTo(issues);

        // at start a killed writer's temporary file is removed, the checkpoints are kept; once the active
        // generation's is written, another generation's is removed
        Files.writeString(directory.resolve("issues-gen_2.checkpoint.123.tmp"), "half");
        Files.writeString(directory.resolve("issues-gen_1.checkpoint"), "old");
        assertThat(IndexCheckpoint.clean(directory, null)).extracting(f -> f.getFileName().toString())
                .containsExactly("issues-gen_2.checkpoint.123.tmp");
        try (var files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
                    "issues-gen_2.checkpoint", "issues-gen_1.checkpoint");
        }
        IndexCheckpoint.clean(directory, "gen_2");
        try (var files = Files.list(directory)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("issues-gen_2.checkpoint");
        }
    }

    private static IndexCheckpoint.Identity identity(IssueIndex index) {
        return new IndexCheckpoint.Identity(7715094927782760251L, index.schema(),
                Integer.parseInt(index.schema().substring(4)), 1_796_310_561_228_664L, index.clock(),
                1_796_310_581_179_974L);
    }

    private static void assertSameAnswers(IssueIndex restored, IssueIndex original) {
        List<AsOf> moments = new ArrayList<>();
        moments.add(null);
        for (int d = -200; d <= 40; d += 30) {
            moments.add(AsOf.date(TODAY.plusDays(d), AsOf.Basis.EFFECTIVE, ZONE));
            moments.add(AsOf.instant(NOW.plusSeconds(d * 86_400L + 17), AsOf.Basis.RECORDED, ZONE));
        }
        List<UUID> scopes = Arrays.asList(null, INSPECTIONS[0], INSPECTIONS[1], UUID.randomUUID());
        for (UUID inspection : scopes) {
            for (AsOf asOf : moments) {
                String where = inspection + " " + asOf;
                LocalDate stale = TODAY.minusDays(20);
                assertThat(restored.counts(inspection, asOf, TODAY, stale)).as(where)
                        .isEqualTo(original.counts(inspection, asOf, TODAY, stale));
                for (Grouping by : Grouping.values()) {
                    List<IssueIndex.Group> groups = original.breakdown(by, inspection, asOf, TODAY, stale);
                    assertThat(restored.breakdown(by, inspection, asOf, TODAY, stale)).as("%s by %s", where, by)
                            .isEqualTo(groups);
                    for (Measure measure : new Measure[] {Measure.TOTAL, Measure.OVERDUE, Measure.STALE}) {
                        String key = groups.isEmpty() ? null : groups.get(groups.size() / 2).key();
                        for (List<String> units : Arrays.asList(null, List.of("单位乙"))) {
                            assertThat(restored.page(by, key, measure, inspection, asOf, TODAY, stale, units, 7))
                                    .as("%s page %s %s=%s %s", where, measure, by, key, units)
                                    .isEqualTo(original.page(by, key, measure, inspection, asOf, TODAY, stale,
                                            units, 7));
                        }
                    }
                }
                for (IssueIndex.TallyFields fields : List.of(
                        new IssueIndex.TallyFields(true, false, false, false, false, false, false, false, true, true,
                                false),
                        new IssueIndex.TallyFields(false, true, true, true, true, true, true, true, false, false,
                                false),
                        new IssueIndex.TallyFields(true, true, false, true, false, true, false, false, true, true,
                                true))) {
                    Map<String, String> restoredLabels = new HashMap<>();
                    Map<String, String> originalLabels = new HashMap<>();
                    assertThat(restored.tallies(fields, inspection, asOf, TODAY, restoredLabels)).as("%s %s", where,
                            fields).isEqualTo(original.tallies(fields, inspection, asOf, TODAY, originalLabels));
                    assertThat(restoredLabels).isEqualTo(originalLabels);
                }
            }
        }
    }

    /** Attribute values drawn from small pools, so that issues share them (and slots). */
    private static final class Attributes {
        private static final String[][] UNITS = {null, {}, {"单位甲"}, {"单位乙", "单位甲"}, {"单位乙", null, "单位乙"}};
        private static final String[][] TAGS = {null, {"重点"}, {"重点", "重点"}, {"一般", "Zhongdian"}};
        private static final String[] LISTS = {"main", "extra", null};

        IssueAttributes draw(Random random, IssueState.Inspection inspection) {
            int a = random.nextInt(3);
            return new IssueAttributes(inspection, LISTS[random.nextInt(LISTS.length)], "一/" + a,
                    a == 0 ? null : "（" + a + "）", a == 2 ? null : "方面" + a, random.nextBoolean() ? null : "组" + a,
                    "一/" + a + "/" + random.nextInt(2), "1.", "类" + random.nextInt(3), random.nextInt(5),
                    copy(UNITS[random.nextInt(UNITS.length)]), copy(UNITS[random.nextInt(UNITS.length)]),
                    copy(TAGS[random.nextInt(TAGS.length)]), random.nextBoolean() ? null : "牵头" + a);
        }

        private static String[] copy(String[] values) {
            return values == null ? null : values.clone();
        }
    }

    private static IssueIndex.Entry empty(UUID id) {
        return new IssueIndex.Entry(id, null, new int[0], new int[0], new IssueState[0], new long[0], new long[0],
                new IssueState[0], IssueIndex.WHOLE);
    }

    private static IssueIndex.Entry entry(UUID id, Random random, Attributes pool) {
        IssueState.Inspection inspection = IssueState.Inspection.of(INSPECTIONS[random.nextInt(2)]);
        IssueState live = random.nextInt(8) == 0 ? null : state(random, inspection, pool);
        int segmentCount = random.nextInt(4);
        int[] from = new int[segmentCount];
        int[] to = new int[segmentCount];
        IssueState[] segments = new IssueState[segmentCount];
        int day = (int) TODAY.toEpochDay() - 300 + random.nextInt(100);
        for (int s = 0; s < segmentCount; s++) {
            from[s] = day;
            day += 1 + random.nextInt(120);
            to[s] = s == segmentCount - 1 && random.nextBoolean() ? Integer.MAX_VALUE : day;
            segments[s] = state(random, inspection, pool);
        }
        int versionCount = random.nextInt(4);
        long[] recordedFrom = new long[versionCount];
        long[] recordedTo = new long[versionCount];
        IssueState[] versions = new IssueState[versionCount];
        long micros = IssueIndex.micros(NOW) - 300L * 86_400_000_000L + random.nextInt(1_000_000);
        for (int v = 0; v < versionCount; v++) {
            recordedFrom[v] = micros;
            micros += 1 + (long) random.nextInt(120) * 86_400_000_000L;
            recordedTo[v] = v == versionCount - 1 ? Long.MAX_VALUE : micros;
            versions[v] = state(random, inspection, pool);
        }
        return new IssueIndex.Entry(id, live, from, to, segments, recordedFrom, recordedTo, versions,
                IssueIndex.WHOLE);
    }

    private static IssueState state(Random random, IssueState.Inspection inspection, Attributes pool) {
        int today = (int) TODAY.toEpochDay();
        IssueAttributes attributes = random.nextInt(10) == 0 ? null : pool.draw(random, inspection);
        return new IssueState(attributes, inspection, day(random, today), (byte) (random.nextInt(6) - 1),
                day(random, today), day(random, today), day(random, today), day(random, today),
                (byte) random.nextInt(2), (byte) random.nextInt(3), random.nextInt(2), random.nextInt(3),
                random.nextInt(3));
    }

    private static int day(Random random, int today) {
        return random.nextInt(6) == 0 ? IssueState.NO_DAY : today - 120 + random.nextInt(160);
    }
}
