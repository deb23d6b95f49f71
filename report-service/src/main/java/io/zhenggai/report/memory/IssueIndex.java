package io.zhenggai.report.memory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
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
import io.zhenggai.report.projection.IssueStatus;
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
 * <b>Layout.</b> The states are kept in columns of primitives ({@link Rows}): per state its <i>slot</i> (the pair of
 * its attributes and inspection, numbered once: what every grouping, label, ordinal and visibility is a function of),
 * the measures that do not depend on the day ({@link Measure#fixedMask}), its status and the three days the rest of
 * the measures compare with the answer's day. The live states are one row per issue; the timeline segments and the
 * versions are rows in flat arrays, an issue's rows side by side, with the range they are in force. An answer first
 * picks the rows in force (one pass over one or two arrays), then judges them at its day and counts them with the
 * slots' group numbers; a grouping's numbers per slot are computed once ({@link SlotGroups}) and kept, since a slot
 * never changes. A changed issue's old history rows are marked dead (never in force) and its new ones appended; the
 * arrays are compacted when the dead outnumber the living.
 * <p>
 * Readers count under a read lock; {@link #replace} swaps whole issues under the write lock, so an answer never sees
 * half of an issue's change. The index knows the change number it is current with ({@link #clock}); the
 * {@link IssueMemory} keeps it current.
 */
public final class IssueIndex {

    private static final Measure[] MEASURES = Measure.values();
    private static final int M = MEASURES.length;

    /**
     * One issue as read: its live state and its history on both clocks. Turned into rows by {@link #replace}.
     *
     * @param versionsSince {@link #WHOLE}: {@code versions} are all of the issue's versions; otherwise they are those
     *                      that end at or after this instant (microseconds), and the index keeps the ones it holds
     *                      that ended before it ({@link #versionTails})
     */
    record Entry(UUID id, IssueState live, int[] validFrom, int[] validTo, IssueState[] segments, long[] recordedFrom,
                 long[] recordedTo, IssueState[] versions, long versionsSince) {
    }

    /** {@link Entry#versionsSince} of an entry that holds every version of its issue. */
    static final long WHOLE = Long.MIN_VALUE;

    /**
     * What a catch-up needs to read of the versions of {@code ids}: per issue that has versions here, the instant its
     * latest version began (microseconds) and how many of its versions ended before that instant. A version is
     * written once and only ever closed later (its end set once, from 'infinity'), and a later one begins no earlier,
     * so those versions are as the database has them: a catch-up reads only the versions ending at or after the
     * instant (the latest, its predecessor and what was added since) and checks the count ({@link IndexLoader}).
     */
    Map<UUID, long[]> versionTails(Collection<UUID> ids) {
        lock.readLock().lock();
        try {
            Map<UUID, long[]> tails = new HashMap<>();
            for (UUID id : ids) {
                Integer at = positions.get(id);
                if (at == null || versionCount[at] == 0) {
                    continue;
                }
                int start = versionStart[at];
                int end = start + versionCount[at];
                long since = Long.MIN_VALUE;
                for (int r = start; r < end; r++) {
                    since = Math.max(since, versions.from[r]);
                }
                if (since == Long.MIN_VALUE || since == Long.MAX_VALUE) {
                    continue; // no finite beginning: read them all
                }
                long kept = 0;
                for (int r = start; r < end; r++) {
                    if (keptBefore(r, since)) {
                        kept++;
                    }
                }
                tails.put(id, new long[] {since, kept});
            }
            return tails;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** What the labels of inspections and lists are made of ({@code inspection_view}). */
    record InspectionLabel(String label, Map<String, String> listTitles) {
    }

    /** A group of a breakdown: key (null for the issues without a value), label, counts. */
    public record Group(String key, String label, Map<Measure, Long> counts) {
    }

    final String schema;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile long clock;
    /** Moves with every {@link #replace}: what a remembered {@link Picked} was picked from. */
    private long version;
    /** The last rows picked (their measures judged), reused by answers to the same moment until the next change. */
    private final Remembered<PickKey, Picked> picks = new Remembered<>(8);

    // --- issues, by position (0 … size-1); a removed issue's place is taken by the last one
    private int size;
    private UUID[] ids = new UUID[1024];
    private final Map<UUID, Integer> positions = new HashMap<>();
    /** Per position, where its segments and versions are in {@link #segments} and {@link #versions}. */
    private int[] segmentStart = new int[1024];
    private int[] segmentCount = new int[1024];
    private int[] versionStart = new int[1024];
    private int[] versionCount = new int[1024];

    /** The live states, row = position (slot -1: the issue has no live row). */
    private final Rows live = new Rows();
    /** The effective timeline: in force on day d when from ≤ d < to. */
    private final Rows segments = new Rows();
    /** The recorded versions: in force at instant T (µs) when from < T ≤ to. */
    private final Rows versions = new Rows();

    // --- slots: (attributes, inspection) pairs, numbered as they appear, never removed
    private final Map<SlotKey, Integer> slotNumbers = new HashMap<>();
    private IssueAttributes[] slotAttributes = new IssueAttributes[1024];
    private int[] slotInspection = new int[1024];
    /** The slot's bulletin ordinal ({@link Integer#MAX_VALUE} without attributes: ordered last). */
    private int[] slotOrdinal = new int[1024];
    private int slots;
    private final Map<Grouping, SlotGroups> groupings = new EnumMap<>(Grouping.class);

    // --- inspections, numbered as they appear
    private final Map<UUID, Integer> inspectionNumbers = new HashMap<>();
    private final List<IssueState.Inspection> inspectionKeys = new ArrayList<>();
    /** Read outside the lock too (the labels of an identified tally): concurrent. */
    private final Map<UUID, InspectionLabel> inspections = new java.util.concurrent.ConcurrentHashMap<>();

    /** Dead history rows (of either clock) tolerated before the arrays are compacted, besides half of them. */
    private final int compactAbove;

    IssueIndex(String schema, long clock, int compactAbove) {
        this.schema = schema;
        this.clock = clock;
        this.compactAbove = compactAbove;
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
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------- writing

    /**
     * Replaces the issues and inspections read for a change (an issue without any row left is removed) and moves the
     * clock to {@code clock}, in one step for readers. An inspection is never deleted: its label is replaced.
     */
    void replace(Collection<Entry> changed, Map<UUID, InspectionLabel> changedInspections, long clock) {
        lock.writeLock().lock();
        try {
            for (Entry entry : changed) {
                Integer at = positions.get(entry.id());
                boolean empty = entry.live() == null && entry.segments().length == 0 && entry.versions().length == 0;
                if (at != null) {
                    // the versions kept (an entry of the later ones only), copied ahead of the new ones
                    int keptStart = versions.size;
                    int kept = entry.versionsSince() == WHOLE ? 0 : keepVersions(at, entry.versionsSince());
                    kill(at);
                    if (empty && kept == 0) {
                        remove(at);
                    } else {
                        write(at, entry, keptStart, kept);
                    }
                } else if (!empty) {
                    if (entry.versionsSince() != WHOLE) {
                        throw new IllegalStateException("the later versions of an issue the index does not hold");
                    }
                    int position = size++;
                    if (position == ids.length) {
                        grow(position * 2);
                    }
                    ids[position] = entry.id();
                    positions.put(entry.id(), position);
                    write(position, entry, versions.size, 0);
                }
            }
            if (segments.dead > Math.max(compactAbove, segments.size / 2)
                    || versions.dead > Math.max(compactAbove, versions.size / 2)) {
                compact();
            }
            inspections.putAll(changedInspections);
            this.clock = Math.max(this.clock, clock);
            version++;
            picks.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void grow(int capacity) {
        ids = Arrays.copyOf(ids, capacity);
        segmentStart = Arrays.copyOf(segmentStart, capacity);
        segmentCount = Arrays.copyOf(segmentCount, capacity);
        versionStart = Arrays.copyOf(versionStart, capacity);
        versionCount = Arrays.copyOf(versionCount, capacity);
    }

    /**
     * Whether version row {@code row} is one a catch-up from {@code since} keeps: it ended before (the catch-up reads
     * those ending at or after it).
     */
    private boolean keptBefore(int row, long since) {
        return versions.to[row] < since;
    }

    /**
     * Appends copies of the versions of the issue at {@code position} that ended before {@code since}; returns how
     * many.
     */
    private int keepVersions(int position, long since) {
        int start = versionStart[position];
        int end = start + versionCount[position];
        int kept = 0;
        for (int r = start; r < end; r++) {
            if (keptBefore(r, since)) {
                versions.ensure(versions.size + 1);
                versions.copy(versions, r, versions.size++);
                kept++;
            }
        }
        return kept;
    }

    /**
     * Writes an issue's rows at {@code position}: its live row in place, its history appended (after the {@code kept}
     * versions from {@code keptStart}, already appended).
     */
    private void write(int position, Entry entry, int keptStart, int kept) {
        live.ensure(position + 1);
        if (entry.live() == null) {
            live.slot[position] = -1;
        } else {
            live.set(position, position, 0, 0, entry.live(), slot(entry.live()));
        }
        live.size = Math.max(live.size, position + 1);
        segmentStart[position] = segments.size;
        segmentCount[position] = entry.segments().length;
        for (int i = 0; i < entry.segments().length; i++) {
            IssueState state = entry.segments()[i];
            segments.append(position, entry.validFrom()[i], entry.validTo()[i], state, slot(state));
        }
        versionStart[position] = keptStart;
        versionCount[position] = kept + entry.versions().length;
        for (int i = 0; i < entry.versions().length; i++) {
            IssueState state = entry.versions()[i];
            versions.append(position, entry.recordedFrom()[i], entry.recordedTo()[i], state, slot(state));
        }
    }

    /** Marks the history rows of the issue at {@code position} dead (never in force again). */
    private void kill(int position) {
        segments.kill(segmentStart[position], segmentCount[position]);
        versions.kill(versionStart[position], versionCount[position]);
        segmentCount[position] = 0;
        versionCount[position] = 0;
    }

    /** Removes the (killed) issue at {@code position}: the last one moves into its place. */
    private void remove(int position) {
        positions.remove(ids[position]);
        int last = --size;
        if (position != last) {
            ids[position] = ids[last];
            positions.put(ids[position], position);
            live.copy(live, last, position);
            live.owner[position] = position;
            segmentStart[position] = segmentStart[last];
            segmentCount[position] = segmentCount[last];
            versionStart[position] = versionStart[last];
            versionCount[position] = versionCount[last];
            segments.own(segmentStart[position], segmentCount[position], position);
            versions.own(versionStart[position], versionCount[position], position);
        }
        ids[last] = null;
        live.slot[last] = -1;
        segmentCount[last] = 0;
        versionCount[last] = 0;
        live.size = size;
    }

    /**
     * Rewrites the history without its dead rows, in place: each issue's rows move down to the next free row, in the
     * order they stand. Copying them into new arrays instead allocated every column again (growing by doubling) at
     * each compaction, which at 1,000 issues under a steady load came every few seconds, each array large enough for
     * G1 to allocate it in the old generation (where such allocations start concurrent cycles). The copy remains for
     * rows that do not lie as {@link Rows#compactInPlace} expects (never, unless the bookkeeping is broken).
     */
    private void compact() {
        compactions++;
        if (segments.compactInPlace(segmentStart, segmentCount) && versions.compactInPlace(versionStart, versionCount)) {
            return;
        }
        copiedCompactions++;
        copyCompact();
    }

    /** Compactions so far, and how many of them copied the rows (for the tests; under the write lock). */
    int compactions;
    int copiedCompactions;

    private void copyCompact() {
        Rows liveSegments = new Rows();
        Rows liveVersions = new Rows();
        for (int p = 0; p < size; p++) {
            int start = liveSegments.size;
            liveSegments.appendFrom(segments, segmentStart[p], segmentCount[p]);
            segmentStart[p] = start;
            start = liveVersions.size;
            liveVersions.appendFrom(versions, versionStart[p], versionCount[p]);
            versionStart[p] = start;
        }
        segments.replaceWith(liveSegments);
        versions.replaceWith(liveVersions);
    }

    private record SlotKey(IssueAttributes attributes, IssueState.Inspection inspection) {
    }

    /** The slot of a state's attributes and inspection, numbered when first seen. */
    private int slot(IssueState state) {
        SlotKey key = new SlotKey(state.attributes(), state.inspection());
        Integer slot = slotNumbers.get(key);
        if (slot != null) {
            return slot;
        }
        if (slots == slotAttributes.length) {
            slotAttributes = Arrays.copyOf(slotAttributes, slots * 2);
            slotInspection = Arrays.copyOf(slotInspection, slots * 2);
            slotOrdinal = Arrays.copyOf(slotOrdinal, slots * 2);
        }
        IssueAttributes a = state.attributes();
        slotAttributes[slots] = a;
        slotInspection[slots] = inspectionNumber(state.inspection());
        slotOrdinal[slots] = a == null ? Integer.MAX_VALUE : a.ordinal;
        slotNumbers.put(key, slots);
        return slots++;
    }

    private int inspectionNumber(IssueState.Inspection inspection) {
        Integer number = inspectionNumbers.get(inspection.id());
        if (number == null) {
            number = inspectionKeys.size();
            inspectionKeys.add(inspection);
            inspectionNumbers.put(inspection.id(), number);
        }
        return number;
    }

    // ------------------------------------------------------------------------------------------------- checkpoint

    /** How many slots the index has numbered (they are never removed: a restored index must not number them anew). */
    int slots() {
        lock.readLock().lock();
        try {
            return slots;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Writes the whole index as it is ({@link IndexCheckpoint}): its issues and their positions, the three populations
     * of rows as they are (dead rows too), the slots with their attributes, the inspections and their labels. Under the
     * read lock, so that it is one state of the index; answers keep being counted meanwhile.
     */
    void writeTo(IndexCheckpoint.Out out) throws java.io.IOException {
        lock.readLock().lock();
        try {
            out.string(schema);
            out.longValue(clock);
            out.intValue(inspectionKeys.size());
            for (IssueState.Inspection inspection : inspectionKeys) {
                out.uuid(inspection.id());
                out.string(inspection.text());
            }
            out.intValue(inspections.size());
            for (Map.Entry<UUID, InspectionLabel> label : inspections.entrySet()) {
                out.uuid(label.getKey());
                out.string(label.getValue().label());
                Map<String, String> titles = label.getValue().listTitles();
                out.intValue(titles.size());
                for (Map.Entry<String, String> title : titles.entrySet()) {
                    out.string(title.getKey());
                    out.string(title.getValue());
                }
            }
            out.intValue(slots);
            for (int s = 0; s < slots; s++) {
                out.intValue(slotInspection[s]);
                IssueAttributes a = slotAttributes[s];
                out.bool(a != null);
                if (a != null) {
                    out.uuid(a.inspection.id());
                    out.string(a.inspection.text());
                    out.string(a.listKey);
                    out.string(a.aspectPath);
                    out.string(a.aspectNumbering);
                    out.string(a.aspectTitle);
                    out.string(a.groupTitle);
                    out.string(a.categoryPath);
                    out.string(a.categoryNumbering);
                    out.string(a.categoryTitle);
                    out.intValue(a.ordinal);
                    out.strings(a.leadLeaders);
                    out.strings(a.responsibleUnits);
                    out.strings(a.tags);
                    out.string(a.leadUnit);
                }
            }
            out.intValue(size);
            for (int p = 0; p < size; p++) {
                out.uuid(ids[p]);
            }
            out.ints(segmentStart, size);
            out.ints(segmentCount, size);
            out.ints(versionStart, size);
            out.ints(versionCount, size);
            live.writeTo(out);
            segments.writeTo(out);
            versions.writeTo(out);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** An index as {@link #writeTo} wrote it (the caller has checked the file whole: see {@link IndexCheckpoint}). */
    static IssueIndex readFrom(IndexCheckpoint.In in, int compactAbove) throws java.io.IOException {
        String schema = in.string();
        IssueIndex index = new IssueIndex(schema, in.longValue(), compactAbove);
        int inspectionCount = in.count(16);
        Map<UUID, IssueState.Inspection> byId = new HashMap<>();
        for (int i = 0; i < inspectionCount; i++) {
            IssueState.Inspection inspection = new IssueState.Inspection(in.uuid(), in.string());
            index.inspectionNumbers.put(inspection.id(), index.inspectionKeys.size());
            index.inspectionKeys.add(inspection);
            byId.put(inspection.id(), inspection);
        }
        int labelCount = in.count(16);
        for (int i = 0; i < labelCount; i++) {
            UUID id = in.uuid();
            String label = in.string();
            int titleCount = in.count(8);
            Map<String, String> titles = new HashMap<>();
            for (int t = 0; t < titleCount; t++) {
                titles.put(in.string(), in.string());
            }
            index.inspections.put(id, new InspectionLabel(label, titles));
        }
        int slots = in.count(5);
        index.slotAttributes = new IssueAttributes[Math.max(1024, slots)];
        index.slotInspection = new int[index.slotAttributes.length];
        index.slotOrdinal = new int[index.slotAttributes.length];
        for (int s = 0; s < slots; s++) {
            int inspection = in.intValue();
            if (inspection < 0 || inspection >= inspectionCount) {
                throw new java.io.IOException("slot " + s + " names inspection " + inspection);
            }
            IssueAttributes a = null;
            if (in.bool()) {
                UUID id = in.uuid();
                String text = in.string();
                IssueState.Inspection of = byId.computeIfAbsent(id, x -> new IssueState.Inspection(x, text));
                a = new IssueAttributes(of, in.string(), in.string(), in.string(), in.string(), in.string(),
                        in.string(), in.string(), in.string(), in.intValue(), in.strings(), in.strings(), in.strings(),
                        in.string());
            }
            index.slotAttributes[s] = a;
            index.slotInspection[s] = inspection;
            index.slotOrdinal[s] = a == null ? Integer.MAX_VALUE : a.ordinal;
            index.slotNumbers.put(new SlotKey(a, index.inspectionKeys.get(inspection)), s);
        }
        index.slots = slots;
        int size = in.count(16);
        index.grow(Math.max(1024, size));
        for (int p = 0; p < size; p++) {
            UUID id = in.uuid();
            index.ids[p] = id;
            index.positions.put(id, p);
        }
        index.size = size;
        in.ints(index.segmentStart, size);
        in.ints(index.segmentCount, size);
        in.ints(index.versionStart, size);
        in.ints(index.versionCount, size);
        index.live.readFrom(in);
        index.segments.readFrom(in);
        index.versions.readFrom(in);
        if (index.live.size != size || index.positions.size() != size) {
            throw new java.io.IOException("the live rows or the ids do not match the issues");
        }
        return index;
    }

    // ------------------------------------------------------------------------------------------------- reading

    /** The counts of every {@link Measure} over the issues of {@code inspection} (null: all) as of {@code asOf}. */
    public Map<Measure, Long> counts(UUID inspection, AsOf asOf, LocalDate today, LocalDate staleBefore) {
        lock.readLock().lock();
        try {
            Picked picked = pick(inspection, asOf, today, staleBefore);
            return picked.answer("counts", () -> {
                long[] counts = new long[M];
                int[] masks = picked.masks;
                int n = picked.n;
                // a pass per measure: a loop the JIT can vectorise
                for (int b = 0; b < M; b++) {
                    int count = 0;
                    for (int i = 0; i < n; i++) {
                        count += masks[i] >>> b & 1;
                    }
                    counts[b] = count;
                }
                return java.util.Collections.unmodifiableMap(measures(counts, 0));
            });
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Counts per group of {@code by}, in the order and with the keys and labels {@code scanBreakdown} gives. */
    public List<Group> breakdown(Grouping by, UUID inspection, AsOf asOf, LocalDate today, LocalDate staleBefore) {
        lock.readLock().lock();
        try {
            Picked picked = pick(inspection, asOf, today, staleBefore);
            return picked.answer(by, () -> breakdown(by, picked));
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<Group> breakdown(Grouping by, Picked picked) {
        SlotGroups groups = groups(by);
        int g = groups.count();
        // the rows are tallied per group and class of equal masks (a few dozen classes: one increment a row, not one
        // per measure), each class's measures added once at the end; per measure when the classes would take much
        // room (very many groups and classes)
        MaskClasses classes = picked.answer(MaskClasses.class, () -> MaskClasses.of(picked.masks, picked.n));
        int k = classes.masks.length;
        boolean byClass = classCells > 0 && (k <= M || (long) (g + 1) * k <= classCells);
        int width = byClass ? k : M;
        // group 0 is the issues without a value; group k + 1 is the grouping's k-th key
        int[] tally = new int[(g + 1) * width];
        int[] ordinal = new int[g + 1];
        Arrays.fill(ordinal, Integer.MAX_VALUE);
        int[] label = new int[g + 1];
        Arrays.fill(label, -1);
        int[] representative = new int[g + 1];
        Arrays.fill(representative, -1);
        boolean[] counted = new boolean[g + 1];
        Rows rows = picked.rows;
        for (int i = 0; i < picked.n; i++) {
            int slot = rows.slot[picked.rows(i)];
            int cell = byClass ? classes.of[i] : -1;
            int mask = picked.masks[i];
            int slotOrdinal = this.slotOrdinal[slot];
            if (groups.single) {
                add(groups.group[slot] + 1, cell, mask, width, slotOrdinal, groups.label[slot], slot, tally, ordinal,
                        label, representative, counted, groups);
            } else {
                for (int group : groups.groups[slot]) {
                    add(group + 1, cell, mask, width, slotOrdinal, group < 0 ? -1 : group, slot, tally, ordinal,
                            label, representative, counted, groups);
                }
            }
        }
        int[] counts = byClass ? classes.measures(tally, g + 1) : tally;
        List<Integer> ordered = new ArrayList<>();
        for (int key = 1; key <= g; key++) {
            if (counted[key]) {
                ordered.add(key);
            }
        }
        ordered.sort((x, y) -> ordinal[x] != ordinal[y] ? Integer.compare(ordinal[x], ordinal[y])
                : compareCodePoints(groups.keys.get(x - 1), groups.keys.get(y - 1)));
        if (counted[0]) {
            ordered.add(0);
        }
        List<Group> result = new ArrayList<>(ordered.size());
        for (int key : ordered) {
            String text = labelOfKey(by) ? (key == 0 ? null : computeLabel(by, representative[key]))
                    : label[key] < 0 ? null : groups.labels.get(label[key]);
            result.add(new Group(key == 0 ? null : groups.keys.get(key - 1), text,
                    java.util.Collections.unmodifiableMap(measures(counts, key * M))));
        }
        return List.copyOf(result);
    }

    /** A row of a breakdown: its class of masks tallied ({@code cell} ≥ 0), else each measure of its mask. */
    private static void add(int group, int cell, int mask, int width, int slotOrdinal, int slotLabel, int slot,
                            int[] tally, int[] ordinal, int[] label, int[] representative, boolean[] counted,
                            SlotGroups groups) {
        counted[group] = true;
        int base = group * width;
        if (cell >= 0) {
            tally[base + cell]++;
        } else {
            for (int m = mask; m != 0; m &= m - 1) {
                tally[base + Integer.numberOfTrailingZeros(m)]++;
            }
        }
        if (slotOrdinal < ordinal[group]) {
            ordinal[group] = slotOrdinal;
        }
        if (slotLabel != label[group]) {
            label[group] = groups.largerLabel(label[group], slotLabel);
        }
        if (representative[group] < 0) {
            representative[group] = slot;
        }
    }

    /** The distinct masks of a pick's rows ({@link #masks}) and each row's number among them ({@link #of}). */
    static final class MaskClasses {
        final int[] of;
        final int[] masks;

        private MaskClasses(int[] of, int[] masks) {
            this.of = of;
            this.masks = masks;
        }

        static MaskClasses of(int[] rowMasks, int n) {
            int[] of = new int[n];
            int[] masks = new int[16];
            // open addressing: a class's number + 1 at its mask's place, 0 where none is
            int[] places = new int[64];
            int k = 0;
            for (int i = 0; i < n; i++) {
                int mask = rowMasks[i];
                int place = place(mask, places.length);
                int known;
                while ((known = places[place] - 1) >= 0 && masks[known] != mask) {
                    place = (place + 1) & (places.length - 1);
                }
                if (known < 0) {
                    if (k == masks.length) {
                        masks = Arrays.copyOf(masks, k * 2);
                    }
                    masks[k] = mask;
                    known = k++;
                    places[place] = k;
                    if (k * 2 > places.length) {
                        places = places(masks, k, places.length * 2);
                    }
                }
                of[i] = known;
            }
            return new MaskClasses(of, Arrays.copyOf(masks, k));
        }

        private static int place(int mask, int length) {
            return (mask * 0x9E3779B9 >>> 7) & (length - 1);
        }

        private static int[] places(int[] masks, int k, int length) {
            int[] places = new int[length];
            for (int c = 0; c < k; c++) {
                int place = place(masks[c], length);
                while (places[place] != 0) {
                    place = (place + 1) & (length - 1);
                }
                places[place] = c + 1;
            }
            return places;
        }

        /** Per group, the count of each measure: the tallies of {@code groups} groups by class, spread. */
        int[] measures(int[] tally, int groups) {
            int k = masks.length;
            int[] counts = new int[groups * M];
            for (int group = 0; group < groups; group++) {
                for (int c = 0; c < k; c++) {
                    int t = tally[group * k + c];
                    if (t != 0) {
                        for (int m = masks[c]; m != 0; m &= m - 1) {
                            counts[group * M + Integer.numberOfTrailingZeros(m)] += t;
                        }
                    }
                }
            }
            return counts;
        }
    }

    /**
     * How many cells a breakdown's tally by class may take when it has more classes than measures (0: never by class,
     * for the test that both ways count alike).
     */
    int classCells = 1 << 20;

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
        lock.readLock().lock();
        try {
            Picked picked = pick(inspection, asOf, today, staleBefore);
            return picked.answer(new PageQuestion(by, key, measure, visibleUnits == null ? null
                    : java.util.Collections.unmodifiableList(new ArrayList<>(visibleUnits)), limit), () -> page(by, key, measure, visibleUnits, limit, picked));
        } finally {
            lock.readLock().unlock();
        }
    }

    private record PageQuestion(Grouping by, String key, Measure measure, List<String> visibleUnits, int limit) {
    }

    private Page page(Grouping by, String key, Measure measure, List<String> visibleUnits, int limit,
                      Picked picked) {
        int bit = 1 << measure.ordinal();
        SlotGroups groups = by == null ? null : groups(by);
        // the group's number (0: the issues without a value)
        int wanted = 0;
        if (groups != null && key != null) {
            Integer number = groups.keyNumbers.get(key);
            if (number == null) {
                // a key no issue has
                return new Page(List.of(), 0);
            }
            wanted = number + 1;
        }
        byte[] visible = visibleUnits == null ? null : new byte[slots];
        Order order = new Order();
        int[] found = new int[picked.n];
        int total = 0;
        Rows rows = picked.rows;
        for (int i = 0; i < picked.n; i++) {
            if ((picked.masks[i] & bit) == 0) {
                continue;
            }
            int row = picked.rows(i);
            int slot = rows.slot[row];
            if (groups != null && !in(groups, slot, wanted)) {
                continue;
            }
            if (visible != null && !visible(visible, slot, visibleUnits)) {
                continue;
            }
            found[total++] = row;
        }
        int[] first = order.first(rows, found, total, limit);
        List<UUID> page = new ArrayList<>(first.length);
        for (int row : first) {
            page.add(ids[rows.owner[row]]);
        }
        return new Page(List.copyOf(page), total);
    }

    /** Whether a slot is in group number {@code wanted} (0: without a value). */
    private static boolean in(SlotGroups groups, int slot, int wanted) {
        if (groups.single) {
            return groups.group[slot] + 1 == wanted;
        }
        for (int group : groups.groups[slot]) {
            if (group + 1 == wanted) {
                return true;
            }
        }
        return false;
    }

    /** The caller's units against the issue's ({@code responsible_units && :visibleUnits}), once per slot. */
    private boolean visible(byte[] known, int slot, List<String> units) {
        if (known[slot] == 0) {
            IssueAttributes a = slotAttributes[slot];
            boolean visible = false;
            if (a != null && a.responsibleUnits != null) {
                for (String unit : a.responsibleUnits) {
                    if (unit != null && units.contains(unit)) {
                        visible = true;
                        break;
                    }
                }
            }
            known[slot] = (byte) (visible ? 1 : 2);
        }
        return known[slot] == 1;
    }

    /** Bulletin order of rows: inspection (its id, as PostgreSQL orders UUIDs), ordinal (none last), issue id. */
    private final class Order implements java.util.Comparator<Integer> {
        private final int[] inspectionRank;
        private Rows rows;

        Order() {
            Integer[] byId = new Integer[inspectionKeys.size()];
            for (int i = 0; i < byId.length; i++) {
                byId[i] = i;
            }
            Arrays.sort(byId, (x, y) -> compareUuids(inspectionKeys.get(x).id(), inspectionKeys.get(y).id()));
            inspectionRank = new int[byId.length];
            for (int rank = 0; rank < byId.length; rank++) {
                inspectionRank[byId[rank]] = rank;
            }
        }

        long rank(int row) {
            int slot = rows.slot[row];
            return (long) inspectionRank[slotInspection[slot]] << 32 | (slotOrdinal[slot] ^ 0x80000000L) & 0xffffffffL;
        }

        @Override
        public int compare(Integer x, Integer y) {
            int c = Long.compare(rank(x), rank(y));
            return c != 0 ? c : compareUuids(ids[rows.owner[x]], ids[rows.owner[y]]);
        }

        /**
         * The first {@code limit} of {@code n} rows in this order. Their (inspection, ordinal) ranks are computed once;
         * a heap of the {@code limit} smallest ranks gives the largest rank the page can hold, and only the rows up to
         * it (more than {@code limit} only when ranks tie) are sorted in full.
         */
        int[] first(Rows rows, int[] found, int n, int limit) {
            this.rows = rows;
            if (limit <= 0 || n == 0) {
                return new int[0];
            }
            long[] ranks = new long[n];
            for (int i = 0; i < n; i++) {
                ranks[i] = rank(found[i]);
            }
            long largest = Long.MAX_VALUE;
            if (n > limit) {
                // a max-heap of the limit smallest ranks: its top is the largest rank on the page
                long[] heap = new long[limit];
                for (int i = 0; i < limit; i++) {
                    heap[i] = ranks[i];
                    up(heap, i);
                }
                for (int i = limit; i < n; i++) {
                    if (ranks[i] < heap[0]) {
                        heap[0] = ranks[i];
                        down(heap, limit);
                    }
                }
                largest = heap[0];
            }
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (ranks[i] <= largest) {
                    candidates.add(found[i]);
                }
            }
            int[] sorted = sorted(candidates, candidates.size());
            return sorted.length <= limit ? sorted : Arrays.copyOf(sorted, limit);
        }

        private static void up(long[] heap, int i) {
            while (i > 0 && heap[(i - 1) / 2] < heap[i]) {
                long t = heap[i];
                heap[i] = heap[(i - 1) / 2];
                heap[(i - 1) / 2] = t;
                i = (i - 1) / 2;
            }
        }

        private static void down(long[] heap, int size) {
            int i = 0;
            while (true) {
                int l = 2 * i + 1;
                int r = l + 1;
                int top = i;
                if (l < size && heap[l] > heap[top]) {
                    top = l;
                }
                if (r < size && heap[r] > heap[top]) {
                    top = r;
                }
                if (top == i) {
                    return;
                }
                long t = heap[i];
                heap[i] = heap[top];
                heap[top] = t;
                i = top;
            }
        }

        /** All {@code n} rows in this order. */
        int[] all(Rows rows, int[] found, int n) {
            this.rows = rows;
            return sorted(Arrays.asList(Arrays.stream(found, 0, n).boxed().toArray(Integer[]::new)), n);
        }

        private int[] sorted(Collection<Integer> rowsToSort, int n) {
            Integer[] sorted = rowsToSort.toArray(new Integer[n]);
            Arrays.sort(sorted, this);
            int[] result = new int[sorted.length];
            for (int i = 0; i < sorted.length; i++) {
                result[i] = sorted[i];
            }
            return result;
        }
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

    private static final int ON_TIME_BIT = 1 << Measure.ON_TIME.ordinal();
    private static final int LATE_BIT = 1 << Measure.LATE.ordinal();
    private static final int OVERDUE_BIT = 1 << Measure.OVERDUE.ordinal();
    private static final int CLOSED = IssueStatus.CLOSED.ordinal();
    private static final int LONG_TERM = IssueStatus.LONG_TERM.ordinal();
    private static final io.zhenggai.report.projection.WarningLevel[] LEVELS =
            io.zhenggai.report.projection.WarningLevel.values();

    public List<Tally> tallies(TallyFields f, UUID inspection, AsOf asOf, LocalDate today, Map<String, String> labels) {
        lock.readLock().lock();
        try {
            // the mask judged with the stale day at today, as the scan's facts judge it (stale is not a tally field)
            Picked picked = pick(inspection, asOf, today, today);
            if (f.identified()) {
                return tallies(f, picked, today, labels);
            }
            Labelled tallied = picked.answer(f, () -> {
                Map<String, String> put = new HashMap<>();
                return new Labelled(List.copyOf(tallies(f, picked, today, put)), put);
            });
            tallied.labels().forEach((key, label) -> putLabel(labels, key, label));
            return tallied.tallies();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Tallies with the labels their keys were given. */
    private record Labelled(List<Tally> tallies, Map<String, String> labels) {
    }

    private List<Tally> tallies(TallyFields f, Picked picked, LocalDate today, Map<String, String> labels) {
        int day = (int) today.toEpochDay();
        boolean wantWarning = f.warning();
        boolean wantOnTime = f.onTime();
        boolean wantOverdue = f.overdue();
        Rows rows = picked.rows;
        boolean tree = f.inspection() || f.list() || f.aspect() || f.category() || f.units() || f.leaders()
                || f.tags();
        if (f.identified()) {
            int[] found = new int[picked.n];
            int n = 0;
            for (int i = 0; i < picked.n; i++) {
                int row = picked.rows(i);
                if (rows.status[row] >= 0) {
                    found[n++] = row;
                }
            }
            int[] ordered = new Order().all(rows, found, n);
            List<Tally> tallies = new ArrayList<>(n);
            for (int row : ordered) {
                int mask = Measure.mask(rows.fixed[row], rows.status[row], rows.deadline[row], rows.original[row],
                        rows.active[row], day, day);
                tallies.add(tally(f, ids[rows.owner[row]], rows, row, mask, day, labels));
            }
            return tallies;
        }
        // a cell is the slot's part (its tree keys: once per slot) and the state's part (status, warning, …)
        Map<SlotCell, Integer> slotCells = new HashMap<>();
        int[] cellOfSlot = tree ? new int[slots] : null;
        if (tree) {
            Arrays.fill(cellOfSlot, -1);
        }
        // cells of the state's part alone (no tree field): counted in an array, in the order first met
        int[] small = tree ? null : new int[1 << 11];
        int[] smallFirst = tree ? null : new int[1 << 11];
        List<Integer> smallOrder = tree ? null : new ArrayList<>();
        Map<Long, long[]> counts = new LinkedHashMap<>();
        Map<Long, Integer> firstRow = new HashMap<>();
        for (int i = 0; i < picked.n; i++) {
            int row = picked.rows(i);
            int status = rows.status[row];
            if (status < 0) {
                continue;
            }
            int slotCell = 0;
            if (tree) {
                int slot = rows.slot[row];
                if (cellOfSlot[slot] < 0) {
                    Tally keys = tally(f, null, rows, row, 0, day, labels);
                    cellOfSlot[slot] = slotCells.computeIfAbsent(new SlotCell(keys.inspection(), keys.list(),
                            keys.aspect(), keys.category(), keys.units(), keys.leaders(), keys.tags()),
                            k -> slotCells.size());
                }
                slotCell = cellOfSlot[slot];
            }
            int mask = picked.masks[i];
            int warning = wantWarning ? WarningRule.level(status != CLOSED && status != LONG_TERM,
                    rows.deadline[row], day).ordinal() : 0;
            int onTime = !wantOnTime ? 0 : (mask & ON_TIME_BIT) != 0 ? 1 : (mask & LATE_BIT) != 0 ? 2 : 0;
            int overdue = wantOverdue && (mask & OVERDUE_BIT) != 0 ? 1 : 0;
            int code = status << 8 | warning << 4 | onTime << 1 | overdue;
            if (small != null) {
                if (small[code]++ == 0) {
                    smallFirst[code] = row;
                    smallOrder.add(code);
                }
                continue;
            }
            long cell = (long) slotCell << 16 | code;
            long[] count = counts.get(cell);
            if (count == null) {
                counts.put(cell, count = new long[1]);
                firstRow.put(cell, row);
            }
            count[0]++;
        }
        if (small != null) {
            for (int code : smallOrder) {
                counts.put((long) code, new long[] {small[code]});
                firstRow.put((long) code, smallFirst[code]);
            }
        }
        List<Tally> tallies = new ArrayList<>(counts.size());
        for (Map.Entry<Long, long[]> cell : counts.entrySet()) {
            int row = firstRow.get(cell.getKey());
            int code = (int) (cell.getKey() & 0xffff);
            int mask = ((code >> 1 & 3) == 1 ? ON_TIME_BIT : (code >> 1 & 3) == 2 ? LATE_BIT : 0)
                    | ((code & 1) == 1 ? OVERDUE_BIT : 0);
            Tally t = tally(f, null, rows, row, mask, day, labels);
            tallies.add(new Tally(null, t.status(), t.warning(), t.inspection(), t.list(), t.aspect(),
                    t.category(), t.units(), t.leaders(), t.tags(), t.onTime(), t.overdue(), cell.getValue()[0]));
        }
        return tallies;
    }

    /** A tally cell's part that depends on the slot alone. */
    private record SlotCell(String inspection, String list, String aspect, String category, List<String> units,
                            List<String> leaders, List<String> tags) {
    }

    /** A row's tally cell (count 1), with its tree keys' labels put in {@code labels}. */
    private Tally tally(TallyFields f, UUID id, Rows rows, int row, int mask, int day, Map<String, String> labels) {
        int slot = rows.slot[row];
        IssueAttributes a = slotAttributes[slot];
        int status = rows.status[row];
        Boolean onTime = !f.onTime() ? null : (mask & ON_TIME_BIT) != 0 ? Boolean.TRUE
                : (mask & LATE_BIT) != 0 ? Boolean.FALSE : null;
        return new Tally(id, status, f.warning() ? LEVELS[WarningRule.level(status != CLOSED && status != LONG_TERM,
                rows.deadline[row], day).ordinal()].name() : null,
                treeKey(f.inspection(), Grouping.INSPECTION, slot, labels),
                treeKey(f.list(), Grouping.LIST, slot, labels), treeKey(f.aspect(), Grouping.ASPECT, slot, labels),
                treeKey(f.category(), Grouping.CATEGORY, slot, labels),
                f.units() ? list(a == null ? null : a.responsibleUnits) : null,
                f.leaders() ? list(a == null ? null : a.leadLeaders) : null,
                f.tags() ? list(a == null ? null : a.tags) : null, onTime,
                f.overdue() && (mask & OVERDUE_BIT) != 0, 1);
    }

    private String treeKey(boolean wanted, Grouping by, int slot, Map<String, String> labels) {
        if (!wanted) {
            return null;
        }
        String key = computeKey(by, slot);
        if (key != null) {
            putLabel(labels, key, computeLabel(by, slot));
        }
        return key;
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : Arrays.asList(values);
    }

    private static Map<Measure, Long> measures(long[] counts, int base) {
        Map<Measure, Long> measures = new EnumMap<>(Measure.class);
        for (Measure measure : MEASURES) {
            measures.put(measure, counts[base + measure.ordinal()]);
        }
        return measures;
    }

    private static Map<Measure, Long> measures(int[] counts, int base) {
        Map<Measure, Long> measures = new EnumMap<>(Measure.class);
        for (Measure measure : MEASURES) {
            measures.put(measure, (long) counts[base + measure.ordinal()]);
        }
        return measures;
    }

    // ------------------------------------------------------------------------------------------------- picking

    /** The rows in force for an answer, and their measures judged at its day. */
    private static final class Picked {
        final Rows rows;
        /** The rows in force, by their number in {@link #rows}. */
        final int[] picked;
        final int[] masks;
        final int n;

        Picked(Rows rows, int[] picked, int[] masks, int n) {
            this.rows = rows;
            this.picked = picked;
            this.masks = masks;
            this.n = n;
        }

        int rows(int i) {
            return picked[i];
        }

        /** Answers counted from these rows (the counts, a breakdown, a tally), kept as long as they are. */
        private final Map<Object, Object> answers = new java.util.concurrent.ConcurrentHashMap<>();

        @SuppressWarnings("unchecked")
        <T> T answer(Object question, java.util.function.Supplier<T> count) {
            Object known = answers.get(question);
            if (known == null) {
                known = count.get();
                answers.putIfAbsent(question, known);
            }
            return (T) known;
        }
    }

    /**
     * The states in force (live, on a day, at an instant: as {@link AsOf} selects rows) of the issues of
     * {@code inspection} (null: all), with their measures judged at {@code today} and {@code staleBefore}.
     */
    private Picked pick(UUID inspection, AsOf asOf, LocalDate today, LocalDate staleBefore) {
        // under the read lock: the version cannot move meanwhile
        return picks.get(new PickKey(version, inspection, asOf, today, staleBefore),
                () -> pickNow(inspection, asOf, today, staleBefore));
    }

    private record PickKey(long version, UUID inspection, AsOf asOf, LocalDate today, LocalDate staleBefore) {
    }

    private Picked pickNow(UUID inspection, AsOf asOf, LocalDate today, LocalDate staleBefore) {
        int wanted = -1;
        if (inspection != null) {
            Integer number = inspectionNumbers.get(inspection);
            if (number == null) {
                return new Picked(live, new int[0], new int[0], 0);
            }
            wanted = number;
        }
        Rows rows;
        int[] picked;
        int n = 0;
        if (asOf == null) {
            rows = live;
            picked = new int[size];
            int[] slot = live.slot;
            for (int p = 0; p < size; p++) {
                int s = slot[p];
                if (s >= 0 && (wanted < 0 || slotInspection[s] == wanted)) {
                    picked[n++] = p;
                }
            }
        } else if (asOf.basis() == AsOf.Basis.EFFECTIVE) {
            rows = segments;
            long day = asOf.day().toEpochDay();
            long[] from = rows.from;
            long[] to = rows.to;
            int[] slot = rows.slot;
            picked = new int[Math.min(rows.size, size * 2 + 16)];
            for (int r = 0; r < rows.size; r++) {
                // valid_from <= day < valid_to (a dead row's from is Long.MAX_VALUE)
                if (from[r] <= day && to[r] > day && (wanted < 0 || slotInspection[slot[r]] == wanted)) {
                    if (n == picked.length) {
                        picked = Arrays.copyOf(picked, n * 2);
                    }
                    picked[n++] = r;
                }
            }
        } else {
            rows = versions;
            long before = micros(asOf.recordedBefore());
            long[] from = rows.from;
            long[] to = rows.to;
            int[] slot = rows.slot;
            picked = new int[Math.min(rows.size, size * 2 + 16)];
            for (int r = 0; r < rows.size; r++) {
                // recorded_from < T <= recorded_to
                if (from[r] < before && to[r] >= before && (wanted < 0 || slotInspection[slot[r]] == wanted)) {
                    if (n == picked.length) {
                        picked = Arrays.copyOf(picked, n * 2);
                    }
                    picked[n++] = r;
                }
            }
        }
        int day = (int) today.toEpochDay();
        int stale = (int) staleBefore.toEpochDay();
        int[] masks = new int[n];
        int[] fixed = rows.fixed;
        byte[] status = rows.status;
        int[] deadline = rows.deadline;
        int[] original = rows.original;
        int[] active = rows.active;
        for (int i = 0; i < n; i++) {
            int r = picked[i];
            masks[i] = Measure.mask(fixed[r], status[r], deadline[r], original[r], active[r], day, stale);
        }
        return new Picked(rows, picked, masks, n);
    }

    /**
     * States in columns: per row its owner (the issue's position), the range it is in force (days or microseconds,
     * per population), its slot, and what {@link Measure#mask} reads.
     */
    private static final class Rows {
        int size;
        int dead;
        int[] owner = new int[1024];
        long[] from = new long[1024];
        long[] to = new long[1024];
        int[] slot = new int[1024];
        int[] fixed = new int[1024];
        byte[] status = new byte[1024];
        int[] deadline = new int[1024];
        int[] original = new int[1024];
        int[] active = new int[1024];

        void ensure(int capacity) {
            if (capacity > owner.length) {
                int grown = Math.max(capacity, owner.length * 2);
                owner = Arrays.copyOf(owner, grown);
                from = Arrays.copyOf(from, grown);
                to = Arrays.copyOf(to, grown);
                slot = Arrays.copyOf(slot, grown);
                fixed = Arrays.copyOf(fixed, grown);
                status = Arrays.copyOf(status, grown);
                deadline = Arrays.copyOf(deadline, grown);
                original = Arrays.copyOf(original, grown);
                active = Arrays.copyOf(active, grown);
            }
        }

        void set(int row, int owner, long from, long to, IssueState state, int slot) {
            this.owner[row] = owner;
            this.from[row] = from;
            this.to[row] = to;
            this.slot[row] = slot;
            this.fixed[row] = Measure.fixedMask(state);
            this.status[row] = state.status();
            this.deadline[row] = state.deadline();
            this.original[row] = Measure.original(state);
            this.active[row] = Measure.active(state);
        }

        void append(int owner, long from, long to, IssueState state, int slot) {
            ensure(size + 1);
            set(size++, owner, from, to, state, slot);
        }

        /** Row {@code source} of {@code rows} written as row {@code target} of these. */
        void copy(Rows rows, int source, int target) {
            owner[target] = rows.owner[source];
            from[target] = rows.from[source];
            to[target] = rows.to[source];
            slot[target] = rows.slot[source];
            fixed[target] = rows.fixed[source];
            status[target] = rows.status[source];
            deadline[target] = rows.deadline[source];
            original[target] = rows.original[source];
            active[target] = rows.active[source];
        }

        /** Rows never in force again (from the largest value: no day or instant is at or after it). */
        void kill(int start, int count) {
            for (int r = start; r < start + count; r++) {
                from[r] = Long.MAX_VALUE;
                to[r] = Long.MIN_VALUE;
            }
            dead += count;
        }

        void own(int start, int count, int owner) {
            Arrays.fill(this.owner, start, start + count, owner);
        }

        void appendFrom(Rows source, int start, int count) {
            ensure(size + count);
            for (int i = 0; i < count; i++) {
                copy(source, start + i, size++);
            }
        }

        void writeTo(IndexCheckpoint.Out out) throws java.io.IOException {
            out.intValue(size);
            out.intValue(dead);
            out.ints(owner, size);
            out.longs(from, size);
            out.longs(to, size);
            out.ints(slot, size);
            out.ints(fixed, size);
            out.bytes(status, size);
            out.ints(deadline, size);
            out.ints(original, size);
            out.ints(active, size);
        }

        void readFrom(IndexCheckpoint.In in) throws java.io.IOException {
            int n = in.count(41);
            ensure(n);
            size = n;
            dead = in.intValue();
            in.ints(owner, n);
            in.longs(from, n);
            in.longs(to, n);
            in.ints(slot, n);
            in.ints(fixed, n);
            in.bytes(status, n);
            in.ints(deadline, n);
            in.ints(original, n);
            in.ints(active, n);
        }

        /**
         * Moves the live rows down over the dead ones, keeping their order, and sets each owner's start anew; false,
         * changing nothing, unless every live row belongs to the run of rows its owner's start and count describe.
         */
        boolean compactInPlace(int[] start, int[] count) {
            for (int r = 0; r < size; ) {
                if (from[r] == Long.MAX_VALUE) {
                    r++;
                    continue;
                }
                int p = owner[r];
                if (p < 0 || p >= start.length || start[p] != r || count[p] <= 0 || r + count[p] > size) {
                    return false;
                }
                r += count[p];
            }
            int cursor = 0;
            for (int r = 0; r < size; ) {
                if (from[r] == Long.MAX_VALUE) {
                    r++;
                    continue;
                }
                int p = owner[r];
                int n = count[p];
                if (r != cursor) {
                    // the source lies at or after the target: arraycopy moves overlapping runs correctly
                    System.arraycopy(owner, r, owner, cursor, n);
                    System.arraycopy(from, r, from, cursor, n);
                    System.arraycopy(to, r, to, cursor, n);
                    System.arraycopy(slot, r, slot, cursor, n);
                    System.arraycopy(fixed, r, fixed, cursor, n);
                    System.arraycopy(status, r, status, cursor, n);
                    System.arraycopy(deadline, r, deadline, cursor, n);
                    System.arraycopy(original, r, original, cursor, n);
                    System.arraycopy(active, r, active, cursor, n);
                }
                start[p] = cursor;
                cursor += n;
                r += n;
            }
            size = cursor;
            dead = 0;
            return true;
        }

        void replaceWith(Rows other) {
            size = other.size;
            dead = 0;
            owner = other.owner;
            from = other.from;
            to = other.to;
            slot = other.slot;
            fixed = other.fixed;
            status = other.status;
            deadline = other.deadline;
            original = other.original;
            active = other.active;
        }
    }

    // ------------------------------------------------------------------------------------------------- groupings

    /** A grouping's keys per slot, numbered, with their labels: computed once per slot and kept. */
    private SlotGroups groups(Grouping by) {
        SlotGroups groups;
        synchronized (groupings) {
            groups = groupings.computeIfAbsent(by, SlotGroups::new);
        }
        groups.cover(this);
        return groups;
    }

    /**
     * One grouping's numbers: per slot its group (single-valued: -1 for no key) or groups (many-valued: the values,
     * repeated as often as the array repeats them; an empty or absent array is one -1), and per slot the number of
     * its label (single-valued groupings whose label is not the key's alone); keys and labels as numbered.
     */
    private static final class SlotGroups {
        final Grouping by;
        final boolean single;
        final List<String> keys = new ArrayList<>();
        final Map<String, Integer> keyNumbers = new HashMap<>();
        final List<String> labels = new ArrayList<>();
        final Map<String, Integer> labelNumbers = new HashMap<>();
        int[] group = new int[0];
        int[][] groups = new int[0][];
        int[] label = new int[0];
        /** How many slots are covered: written under the lock of this object, read by every answer. */
        volatile int covered;

        SlotGroups(Grouping by) {
            this.by = by;
            this.single = !by.manyValued();
        }

        int count() {
            return keys.size();
        }

        /** Numbers the slots not covered yet (under the index's read lock: the slots do not change meanwhile). */
        void cover(IssueIndex index) {
            if (covered >= index.slots) {
                return;
            }
            synchronized (this) {
                int n = index.slots;
                if (covered >= n) {
                    return;
                }
                if (single) {
                    group = Arrays.copyOf(group, n);
                    label = Arrays.copyOf(label, n);
                } else {
                    groups = Arrays.copyOf(groups, n);
                }
                for (int s = covered; s < n; s++) {
                    if (single) {
                        String key = index.computeKey(by, s);
                        group[s] = key == null ? -1 : keyNumber(key);
                        label[s] = labelOfKey(by) ? -1 : labelNumber(index.computeLabel(by, s));
                    } else {
                        String[] values = values(by, index.slotAttributes[s]);
                        int[] numbers = new int[values.length];
                        for (int v = 0; v < values.length; v++) {
                            numbers[v] = values[v] == null ? -1 : keyNumber(values[v]);
                        }
                        groups[s] = numbers;
                    }
                }
                covered = n;
            }
        }

        private int keyNumber(String key) {
            Integer number = keyNumbers.get(key);
            if (number == null) {
                number = keys.size();
                keys.add(key);
                keyNumbers.put(key, number);
                if (!single) {
                    // a many-valued grouping's label is its value: the same number
                    labels.add(key);
                    labelNumbers.put(key, number);
                }
            }
            return number;
        }

        private int labelNumber(String label) {
            if (label == null) {
                return -1;
            }
            Integer number = labelNumbers.get(label);
            if (number == null) {
                number = labels.size();
                labels.add(label);
                labelNumbers.put(label, number);
            }
            return number;
        }

        /** Of two labels' numbers, the one of the larger label ({@link IssueIndex#largerLabel}); -1 is none. */
        int largerLabel(int a, int b) {
            if (a < 0 || b < 0) {
                return a < 0 ? b : a;
            }
            return compareCodePoints(labels.get(a), labels.get(b)) >= 0 ? a : b;
        }
    }

    /** The values of a many-valued grouping (an empty or absent array is one null). */
    private static final String[] NULL_VALUE = {null};

    private static String[] values(Grouping by, IssueAttributes a) {
        String[] values = a == null ? null : switch (by) {
            case UNIT -> a.responsibleUnits;
            case LEADER -> a.leadLeaders;
            case TAG -> a.tags;
            default -> throw new IllegalArgumentException(by + " is single-valued");
        };
        return values == null || values.length == 0 ? NULL_VALUE : values;
    }

    /** The key of a single-valued grouping for a slot, as {@link Grouping#keyExpression()} computes it. */
    private String computeKey(Grouping by, int slot) {
        IssueAttributes a = slotAttributes[slot];
        String inspection = inspectionKeys.get(slotInspection[slot]).text();
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

    /** Whether a grouping's label depends on its key alone and the inspection's record (read when answering). */
    private static boolean labelOfKey(Grouping by) {
        return by == Grouping.INSPECTION || by == Grouping.LIST;
    }

    /** The label of a single-valued grouping for a slot, as {@link Grouping#labelExpression()} computes it. */
    private String computeLabel(Grouping by, int slot) {
        IssueAttributes a = slotAttributes[slot];
        IssueState.Inspection inspection = inspectionKeys.get(slotInspection[slot]);
        return switch (by) {
            case INSPECTION -> {
                InspectionLabel label = inspections.get(inspection.id());
                yield label == null ? inspection.text() : label.label();
            }
            case LIST -> {
                if (a == null || a.listKey == null) {
                    yield null;
                }
                InspectionLabel label = inspections.get(inspection.id());
                String title = label == null ? null : label.listTitles().get(a.listKey);
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

    // ------------------------------------------------------------------------------------------------- orders

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
