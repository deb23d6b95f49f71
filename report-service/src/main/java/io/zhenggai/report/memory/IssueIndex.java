package io.zhenggai.report.memory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import io.zhenggai.report.projection.AsOf;
import io.zhenggai.report.projection.Grouping;
import io.zhenggai.report.projection.IssueAttributes;
import io.zhenggai.report.projection.IssueState;
import io.zhenggai.report.projection.Measure;
import io.zhenggai.report.projection.WarningRule;

/**
 * One generation's issues in memory: for every issue its live state (its {@code issue_view} row), its effective
 * timeline ({@code issue_timeline}: a state per range of days) and its recorded versions ({@code issue_version}: a
 * state per range of instants), and the inspections' labels. It counts what {@code ReportQueries.scanSummary} and
 * {@code scanBreakdown} count in SQL, by the same rules: the states in force (live, on a day, or at an instant, exactly
 * as {@link AsOf} selects rows: several rows of one issue in force count several times, as they would there), the
 * {@link Measure}s by {@link Measure#mask}, the groups by {@link Grouping}'s keys and labels, ordered as the SQL orders
 * them (non-null keys first, by the smallest bulletin ordinal, then by key, compared by code point as
 * {@code COLLATE "C"} does).
 * <p>
 * Readers count under a read lock; {@link #replace} swaps whole issues under the write lock, so an answer never sees
 * half of an issue's change. The index knows the change number it is current with ({@link #clock}); the
 * {@link IssueMemory} keeps it current.
 */
public final class IssueIndex {

    private static final Measure[] MEASURES = Measure.values();

    /** One issue: its live state and its history on both clocks. Immutable; replaced whole. */
    record Entry(UUID id, IssueState live, int[] validFrom, int[] validTo, IssueState[] segments, long[] recordedFrom,
                 long[] recordedTo, IssueState[] versions) {
    }

    /** What the labels of inspections and lists are made of ({@code inspection_view}). */
    record InspectionLabel(String label, Map<String, String> listTitles) {
    }

    /** A group of a breakdown: key (null for the issues without a value), label, counts. */
    public record Group(String key, String label, Map<Measure, Long> counts) {
    }

    final String schema;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private Entry[] entries = new Entry[1024];
    private int size;
    private final Map<UUID, Integer> positions = new HashMap<>();
    /** Read outside the lock too (the labels of an identified tally): concurrent. */
    private final Map<UUID, InspectionLabel> inspections = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long clock;

    IssueIndex(String schema, long clock) {
        this.schema = schema;
        this.clock = clock;
    }

    /** The generation's schema. */
    public String schema() {
        return schema;
    }

    /** The number of the last change (of the generation's change feed) the index holds. */
    public long clock() {
        return clock;
    }

    /** How many issues it holds (with any state at all). */
    public int issues() {
        lock.readLock().lock();
        try {
            return positions.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Replaces the issues and inspections read for a change (an issue without any row left is removed) and moves the
     * clock to {@code clock}, in one step for readers.
     */
    void replace(Collection<Entry> changed, Map<UUID, InspectionLabel> changedInspections,
                 Collection<UUID> goneInspections, long clock) {
        lock.writeLock().lock();
        try {
            for (Entry entry : changed) {
                Integer at = positions.get(entry.id());
                boolean empty = entry.live() == null && entry.segments().length == 0 && entry.versions().length == 0;
                if (at != null) {
                    if (empty) {
                        // the last entry moves into the hole
                        Entry last = entries[--size];
                        entries[size] = null;
                        positions.remove(entry.id());
                        if (at != size) {
                            entries[at] = last;
                            positions.put(last.id(), at);
                        }
                    } else {
                        entries[at] = entry;
                    }
                } else if (!empty) {
                    if (size == entries.length) {
                        entries = java.util.Arrays.copyOf(entries, size * 2);
                    }
                    entries[size] = entry;
                    positions.put(entry.id(), size++);
                }
            }
            inspections.putAll(changedInspections);
            goneInspections.forEach(inspections::remove);
            this.clock = Math.max(this.clock, clock);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The counts of every {@link Measure} over the issues of {@code inspection} (null: all) as of {@code asOf}. */
    public Map<Measure, Long> counts(UUID inspection, AsOf asOf, LocalDate today, LocalDate staleBefore) {
        long[] counts = new long[MEASURES.length];
        int day = (int) today.toEpochDay();
        int stale = (int) staleBefore.toEpochDay();
        each(inspection, asOf, (id, state) -> add(counts, Measure.mask(state, day, stale)));
        return measures(counts);
    }

    /**
     * Calls {@code action} with every state in force for an answer (live, on a day, at an instant: see
     * {@link #selector}) of the issues of {@code inspection} (null: all), under the read lock.
     */
    private void each(UUID inspection, AsOf asOf, java.util.function.BiConsumer<UUID, IssueState> action) {
        lock.readLock().lock();
        try {
            Selector selector = selector(asOf);
            for (int e = 0; e < size; e++) {
                Entry entry = entries[e];
                selector.each(entry, state -> {
                    if (inspection == null || inspection.equals(state.inspection().id())) {
                        action.accept(entry.id(), state);
                    }
                });
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Counts per group of {@code by}, in the order and with the keys and labels {@code scanBreakdown} gives. */
    public List<Group> breakdown(Grouping by, UUID inspection, AsOf asOf, LocalDate today, LocalDate staleBefore) {
        int day = (int) today.toEpochDay();
        int stale = (int) staleBefore.toEpochDay();
        Map<String, Accumulator> groups = new HashMap<>();
        Accumulator none = new Accumulator(null);
        each(inspection, asOf, (id, state) -> {
            int mask = Measure.mask(state, day, stale);
            IssueAttributes a = state.attributes();
            int ordinal = a == null ? Integer.MAX_VALUE : a.ordinal;
            String[] values = values(by, a);
            if (values == null) {
                String key = key(by, state);
                Accumulator group = key == null ? none : groups.computeIfAbsent(key, Accumulator::new);
                if (labelOfKey(by)) {
                    group.add(mask, ordinal, null);
                    if (group.representative == null) {
                        group.representative = state;
                    }
                } else {
                    group.add(mask, ordinal, label(by, state));
                }
            } else {
                for (String value : values) {
                    Accumulator group = value == null ? none : groups.computeIfAbsent(value, Accumulator::new);
                    group.add(mask, ordinal, value);
                }
            }
        });
        List<Accumulator> ordered = new ArrayList<>(groups.values());
        ordered.sort((x, y) -> x.ordinal != y.ordinal ? Integer.compare(x.ordinal, y.ordinal)
                : compareCodePoints(x.key, y.key));
        if (none.counted) {
            ordered.add(none);
        }
        List<Group> result = new ArrayList<>(ordered.size());
        for (Accumulator group : ordered) {
            String label = group.representative == null ? group.label : label(by, group.representative);
            result.add(new Group(group.key, label, measures(group.counts)));
        }
        return result;
    }

    /** The first issues of a drill-through, in bulletin order, and how many there are in all. */
    public record Page(List<UUID> ids, long total) {
    }

    /**
     * The issues a count is made of, as {@code ReportQueries.scanIssues} lists them: those in the group {@code key} of
     * {@code by} (all when {@code by} is null; the null key is the issues without a value) that satisfy
     * {@code measure}, of {@code inspection} (null: all), with one of {@code visibleUnits} among their responsible
     * units (null: every issue), at most {@code limit} in bulletin order (inspection, ordinal, id), and the total.
     */
    public Page page(Grouping by, String key, Measure measure, UUID inspection, AsOf asOf, LocalDate today,
                     LocalDate staleBefore, List<String> visibleUnits, int limit) {
        int day = (int) today.toEpochDay();
        int stale = (int) staleBefore.toEpochDay();
        int bit = 1 << measure.ordinal();
        List<IssueState> states = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        each(inspection, asOf, (id, state) -> {
            if ((Measure.mask(state, day, stale) & bit) != 0 && in(by, key, state)
                    && visible(visibleUnits, state.attributes())) {
                states.add(state);
                ids.add(id);
            }
        });
        // the first `limit` in bulletin order: a heap of the best so far, its worst on top
        java.util.Comparator<Integer> order = (x, y) -> compare(states.get(x), ids.get(x), states.get(y),
                ids.get(y));
        java.util.PriorityQueue<Integer> best = new java.util.PriorityQueue<>(Math.min(limit, states.size()) + 1,
                order.reversed());
        for (int i = 0; i < states.size(); i++) {
            if (best.size() < limit) {
                best.add(i);
            } else if (limit > 0 && order.compare(i, best.peek()) < 0) {
                best.poll();
                best.add(i);
            }
        }
        List<Integer> first = new ArrayList<>(best);
        first.sort(order);
        List<UUID> page = new ArrayList<>(first.size());
        for (int i : first) {
            page.add(ids.get(i));
        }
        return new Page(page, states.size());
    }

    /** Bulletin order: inspection, ordinal (none last), id, as PostgreSQL orders them. */
    private static int compare(IssueState a, UUID aId, IssueState b, UUID bId) {
        int c = compareUuids(a.inspection().id(), b.inspection().id());
        if (c == 0) {
            c = Integer.compare(ordinal(a), ordinal(b));
        }
        return c != 0 ? c : compareUuids(aId, bId);
    }

    /** Whether the state is in the group {@code key} of {@code by} (every state when {@code by} is null). */
    private static boolean in(Grouping by, String key, IssueState state) {
        if (by == null) {
            return true;
        }
        String[] values = values(by, state.attributes());
        if (values == null) {
            return java.util.Objects.equals(key(by, state), key);
        }
        for (String value : values) {
            if (java.util.Objects.equals(value, key)) {
                return true;
            }
        }
        return false;
    }

    /** The caller's units against the issue's ({@code responsible_units && :visibleUnits}; null: every issue). */
    private static boolean visible(List<String> units, IssueAttributes a) {
        if (units == null) {
            return true;
        }
        if (a == null || a.responsibleUnits == null) {
            return false;
        }
        for (String unit : a.responsibleUnits) {
            if (unit != null && units.contains(unit)) {
                return true;
            }
        }
        return false;
    }

    /** Which of an issue's fields a tally tells apart (its status always), and whether issue by issue. */
    public record TallyFields(boolean warning, boolean inspection, boolean list, boolean aspect, boolean category,
                              boolean units, boolean leaders, boolean tags, boolean onTime, boolean overdue,
                              boolean identified) {
    }

    /**
     * Issues counted per combination of the fields: what {@code FactLoader.scanTallies} counts (a status the code does
     * not know is left out: the scan would fail on it). {@code onTime} is TRUE when {@link Measure#ON_TIME}, FALSE
     * when {@link Measure#LATE}, else null; the tree's keys are {@link Grouping}'s, their labels put in
     * {@code labels}. Ordered by inspection, ordinal and id when issue by issue (a drill-through lists the first).
     */
    public record Tally(UUID id, int status, String warning, String inspection, String list, String aspect,
                        String category, List<String> units, List<String> leaders, List<String> tags, Boolean onTime,
                        boolean overdue, long count) {
    }

    public List<Tally> tallies(TallyFields f, UUID inspection, AsOf asOf, LocalDate today, Map<String, String> labels) {
        int day = (int) today.toEpochDay();
        Map<Tally, long[]> cells = new LinkedHashMap<>();
        List<IssueState> identified = f.identified() ? new ArrayList<>() : null;
        List<UUID> ids = f.identified() ? new ArrayList<>() : null;
        each(inspection, asOf, (id, state) -> {
            if (state.status() < 0) {
                return;
            }
            if (identified != null) {
                identified.add(state);
                ids.add(id);
            } else {
                cells.computeIfAbsent(tally(f, null, state, day, labels), t -> new long[1])[0]++;
            }
        });
        if (identified == null) {
            List<Tally> tallies = new ArrayList<>(cells.size());
            cells.forEach((t, n) -> tallies.add(new Tally(t.id(), t.status(), t.warning(), t.inspection(), t.list(),
                    t.aspect(), t.category(), t.units(), t.leaders(), t.tags(), t.onTime(), t.overdue(), n[0])));
            return tallies;
        }
        Integer[] order = new Integer[identified.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> compare(identified.get(x), ids.get(x), identified.get(y), ids.get(y)));
        List<Tally> tallies = new ArrayList<>(order.length);
        for (int i : order) {
            tallies.add(tally(f, ids.get(i), identified.get(i), day, labels));
        }
        return tallies;
    }

    private static int ordinal(IssueState state) {
        return state.attributes() == null ? Integer.MAX_VALUE : state.attributes().ordinal;
    }

    private Tally tally(TallyFields f, UUID id, IssueState state, int day, Map<String, String> labels) {
        IssueAttributes a = state.attributes();
        int mask = f.onTime() || f.overdue() ? Measure.mask(state, day, day) : 0;
        Boolean onTime = !f.onTime() ? null : (mask & 1 << Measure.ON_TIME.ordinal()) != 0 ? Boolean.TRUE
                : (mask & 1 << Measure.LATE.ordinal()) != 0 ? Boolean.FALSE : null;
        return new Tally(id, state.status(), f.warning() ? WarningRule.level(state.status() != CLOSED
                        && state.status() != LONG_TERM, state.deadline(), day).name() : null,
                treeKey(f.inspection(), Grouping.INSPECTION, state, labels),
                treeKey(f.list(), Grouping.LIST, state, labels), treeKey(f.aspect(), Grouping.ASPECT, state, labels),
                treeKey(f.category(), Grouping.CATEGORY, state, labels),
                f.units() ? list(a == null ? null : a.responsibleUnits) : null,
                f.leaders() ? list(a == null ? null : a.leadLeaders) : null,
                f.tags() ? list(a == null ? null : a.tags) : null, onTime,
                f.overdue() && (mask & 1 << Measure.OVERDUE.ordinal()) != 0, 1);
    }

    private String treeKey(boolean wanted, Grouping by, IssueState state, Map<String, String> labels) {
        if (!wanted) {
            return null;
        }
        String key = key(by, state);
        if (key != null) {
            putLabel(labels, key, label(by, state));
        }
        return key;
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : java.util.Arrays.asList(values);
    }

    private static final int CLOSED = io.zhenggai.report.projection.IssueStatus.CLOSED.ordinal();
    private static final int LONG_TERM = io.zhenggai.report.projection.IssueStatus.LONG_TERM.ordinal();

    private static void add(long[] counts, int mask) {
        while (mask != 0) {
            counts[Integer.numberOfTrailingZeros(mask)]++;
            mask &= mask - 1;
        }
    }

    private static Map<Measure, Long> measures(long[] counts) {
        Map<Measure, Long> measures = new EnumMap<>(Measure.class);
        for (Measure measure : MEASURES) {
            measures.put(measure, counts[measure.ordinal()]);
        }
        return measures;
    }

    /** A group being counted: its counts, the smallest ordinal of its rows, the largest label. */
    private static final class Accumulator {
        final String key;
        final long[] counts = new long[MEASURES.length];
        int ordinal = Integer.MAX_VALUE;
        String label;
        /** A state of the group, for a label that depends on the key alone. */
        IssueState representative;
        boolean counted;

        Accumulator(String key) {
            this.key = key;
        }

        void add(int mask, int ordinal, String label) {
            counted = true;
            IssueIndex.add(counts, mask);
            this.ordinal = Math.min(this.ordinal, ordinal);
            this.label = largerLabel(this.label, label);
        }
    }

    /** The values of a many-valued grouping (an empty or absent array is one null), or null for a single-valued one. */
    private static final String[] NULL_VALUE = {null};

    private static String[] values(Grouping by, IssueAttributes a) {
        if (!by.manyValued()) {
            return null;
        }
        String[] values = a == null ? null : switch (by) {
            case UNIT -> a.responsibleUnits;
            case LEADER -> a.leadLeaders;
            case TAG -> a.tags;
            default -> throw new IllegalArgumentException(by + " is single-valued");
        };
        return values == null || values.length == 0 ? NULL_VALUE : values;
    }

    /** The key of a single-valued grouping, as {@link Grouping#keyExpression()} computes it. */
    private static String key(Grouping by, IssueState state) {
        IssueAttributes a = state.attributes();
        if (a == null || a.inspection != state.inspection()) {
            return computeKey(by, state);
        }
        String key = a.memo(by.ordinal());
        if (key == null) {
            key = computeKey(by, state);
            a.memo(by.ordinal(), key);
            return key;
        }
        return key == IssueAttributes.NULL ? null : key;
    }

    private static String computeKey(Grouping by, IssueState state) {
        IssueAttributes a = state.attributes();
        String inspection = state.inspection().text();
        return switch (by) {
            case INSPECTION -> inspection;
            case LIST -> a == null ? null : inspection + "/" + a.listKey;
            case ASPECT -> a == null ? null : inspection + "/" + a.listKey + "/" + a.aspectPath;
            case GROUP -> a == null || a.groupTitle == null ? null
                    : inspection + "/" + a.listKey + "/" + a.aspectPath + "/" + a.groupTitle;
            case CATEGORY -> a == null ? null : inspection + "/" + a.listKey + "/" + a.categoryPath;
            case LEAD_UNIT -> a == null ? null : a.leadUnit;
            default -> throw new IllegalArgumentException(by + " is many-valued");
        };
    }

    /** The label of a single-valued grouping, as {@link Grouping#labelExpression()} computes it. */
    private String label(Grouping by, IssueState state) {
        IssueAttributes a = state.attributes();
        if (a == null || labelOfKey(by)) {
            return computeLabel(by, state);
        }
        int slot = 16 + by.ordinal();
        String label = a.memo(slot);
        if (label == null) {
            label = computeLabel(by, state);
            a.memo(slot, label);
            return label;
        }
        return label == IssueAttributes.NULL ? null : label;
    }

    /** Whether a grouping's label depends on its key alone and the inspection's record (read at the end, once). */
    private static boolean labelOfKey(Grouping by) {
        return by == Grouping.INSPECTION || by == Grouping.LIST;
    }

    private String computeLabel(Grouping by, IssueState state) {
        IssueAttributes a = state.attributes();
        return switch (by) {
            case INSPECTION -> {
                InspectionLabel inspection = inspections.get(state.inspection().id());
                yield inspection == null ? state.inspection().text() : inspection.label();
            }
            case LIST -> {
                if (a == null || a.listKey == null) {
                    yield null;
                }
                InspectionLabel inspection = inspections.get(state.inspection().id());
                String title = inspection == null ? null : inspection.listTitles().get(a.listKey);
                yield title == null ? a.listKey : title;
            }
            case ASPECT -> a == null || a.aspectTitle == null ? null
                    : (a.aspectNumbering == null ? "" : a.aspectNumbering) + a.aspectTitle;
            case GROUP -> a == null ? null : a.groupTitle;
            case CATEGORY -> a == null || a.categoryTitle == null ? null
                    : (a.categoryNumbering == null ? "" : a.categoryNumbering) + a.categoryTitle;
            case LEAD_UNIT -> a == null ? null : a.leadUnit;
            default -> throw new IllegalArgumentException(by + " is many-valued");
        };
    }

    /** UUIDs in PostgreSQL's order: their bytes unsigned (Java's {@code UUID.compareTo} compares signed halves). */
    static int compareUuids(UUID x, UUID y) {
        int c = Long.compareUnsigned(x.getMostSignificantBits(), y.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(x.getLeastSignificantBits(), y.getLeastSignificantBits());
    }

    /**
     * Of two labels of one key, the one a breakdown shows: the larger in code point order ({@code max(label COLLATE
     * "C")}); a null (no label) loses.
     */
    public static String largerLabel(String a, String b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        if (a == b || a.equals(b)) {
            return a;
        }
        return compareCodePoints(a, b) >= 0 ? a : b;
    }

    /** Puts a key's label, keeping the larger of two ({@link #largerLabel}). */
    public static void putLabel(Map<String, String> labels, String key, String label) {
        labels.put(key, largerLabel(labels.get(key), label));
    }

    /** Strings in code point order: PostgreSQL's {@code COLLATE "C"} on UTF-8. */
    static int compareCodePoints(String x, String y) {
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            int a = x.codePointAt(i);
            int b = y.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    }

    /** The states of an issue in force for an answer. */
    private interface Selector {
        void each(Entry entry, java.util.function.Consumer<IssueState> action);
    }

    private static Selector selector(AsOf asOf) {
        if (asOf == null) {
            return (entry, action) -> {
                if (entry.live() != null) {
                    action.accept(entry.live());
                }
            };
        }
        if (asOf.basis() == AsOf.Basis.EFFECTIVE) {
            int day = (int) asOf.day().toEpochDay();
            return (entry, action) -> {
                int[] from = entry.validFrom();
                int[] to = entry.validTo();
                for (int i = 0; i < from.length; i++) {
                    // valid_from <= day < valid_to
                    if (from[i] <= day && to[i] > day) {
                        action.accept(entry.segments()[i]);
                    }
                }
            };
        }
        long before = micros(asOf.recordedBefore());
        return (entry, action) -> {
            long[] from = entry.recordedFrom();
            long[] to = entry.recordedTo();
            for (int i = 0; i < from.length; i++) {
                // recorded_from < T <= recorded_to
                if (from[i] < before && to[i] >= before) {
                    action.accept(entry.versions()[i]);
                }
            }
        };
    }

    /** An instant in microseconds since the epoch, as PostgreSQL keeps a timestamptz. */
    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static Map<String, String> listTitles(List<Map.Entry<String, String>> lists) {
        Map<String, String> titles = new LinkedHashMap<>();
        for (Map.Entry<String, String> list : lists) {
            titles.putIfAbsent(list.getKey(), list.getValue());
        }
        return titles;
    }
}
