package io.zhenggai.report.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.report.intake.Projection;
import io.zhenggai.report.intake.RectificationEvent;
import io.zhenggai.report.store.Carried;
import io.zhenggai.report.store.Generations;

/**
 * Issues (问题) as they stand now, denormalised for reporting, with their status history and the readings (数据) of
 * their progress reports. Every issue event carries the whole snapshot, so each one overwrites the row; what the
 * snapshot does not say is derived here: the warning light, the day the issue was completed (for the on-time rate),
 * the day it was created, and how often a 回头看 reopened it.
 * <p>
 * Both clocks are kept on every history row and fact: the effective date (when it took effect, as the user or the
 * bulletin said; a 补录 can put it long before) and the recorded time (when issue-service recorded it), so that
 * answers "as of" either can be added without rebuilding these tables.
 * <p>
 * <b>Batched.</b> An event is applied to the transaction's {@link Batch} in memory (each issue's state before it read
 * once per batch, by {@link #prepare}); {@link #flush} writes the batch with one multi-row statement per table: one
 * {@code issue_view} upsert per issue (its last state), the versions, the timeline's changes, the status history, the
 * readings and the corrections. The writes of the issue view and of its histories are plain INSERT / INSERT … ON
 * CONFLICT / UPDATE / DELETE statements in methods of their own ({@link #writeViews}, {@link #writeVersions},
 * {@link #writeTimeline}), so that statement-level triggers on these tables see every change whatever the batch size.
 */
@ApplicationScoped
public class IssueProjection implements Projection {

    private static final Set<IssueStatus> DONE = Set.of(IssueStatus.COMPLETED, IssueStatus.CLOSED);
    private static final String BATCH = IssueProjection.class.getName() + ".batch";

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    ReportCalendar calendar;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Generations generations;

    @Override
    public void verify(RectificationEvent event) {
        if (IssueEvent.isIssueEvent(event)) {
            IssueEvent.of(event);
        }
    }

    /** Reads the state before the batch of every issue among these aggregates, in one statement. */
    @Override
    public void prepare(Collection<UUID> aggregateIds) {
        Batch batch = batch();
        List<UUID> unknown = new ArrayList<>();
        for (UUID id : aggregateIds) {
            if (batch.states.containsKey(id)) {
                continue;
            }
            if (batch.carried != null && batch.carried.containsKey(id)) {
                batch.states.put(id, batch.carried.get(id));
            } else if (batch.carriedComplete) {
                batch.states.put(id, null); // nothing stored
            } else {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            load(batch, unknown.stream().distinct().toList());
        }
    }

    @Override
    public void apply(RectificationEvent event) {
        if (!IssueEvent.isIssueEvent(event)) {
            return;
        }
        Batch batch = batch();
        IssueEvent change = IssueEvent.of(event);
        IssueEvent.Snapshot issue = change.issue();
        LocalDate effective = event.effectiveDay(calendar.zone());
        if (!batch.states.containsKey(issue.id())) {
            prepare(List.of(issue.id()));
        }
        State previous = batch.states.get(issue.id());

        IssueStatus before = previous == null ? null : previous.status();
        LocalDate completedOn;
        if (!DONE.contains(issue.status())) {
            completedOn = null; // returned or reopened: a later completion is judged on its own date
        } else if (before != null && DONE.contains(before)) {
            completedOn = previous.completedOn(); // COMPLETED → CLOSED: timeliness is judged on completion
        } else {
            completedOn = effective;
        }
        int reopened = (previous == null ? 0 : previous.reopened()) + (IssueEvent.REOPENED.equals(event.type()) ? 1 : 0);
        LocalDate createdOn = previous == null ? effective : previous.createdOn();
        UUID attributes = attributesId(issue);
        batch.views.merge(issue.id(), new ViewRow(event, issue, completedOn, createdOn, reopened, attributes,
                event.time(), previous == null ? null : previous.attributes()), ViewRow::followedBy);
        if (previous == null || !attributes.equals(previous.attributes())) { // rare: written only on a change
            batch.attributes.putIfAbsent(attributes, issue);
        }
        IssueEvent.Correction correction = change.correction();
        IssueTimeline.Version version = new IssueTimeline.Version(event.sequence(), effective, issue.status(),
                attributes, completedOn, reopened, change.report() != null, createdOn, issue.workflow(),
                change.report() == null ? null : change.report().id(),
                correction == null ? null : correction.reportId());
        batch.versions.add(new VersionRow(issue, version, event.time(),
                previous == null ? null : previous.versionSequence()));
        State next = history(batch, issue, previous, version);
        batch.states.put(issue.id(), next);

        if (before != issue.status()) {
            IssueEvent.StatusChange stated = change.change();
            IssueColumns.STATUS_HISTORY.add(batch.statusChanges, new IssueColumns.StatusLine(issue.id(),
                    event.sequence(), event.id(), before == null ? null : before.name(), issue.status().name(),
                    stated != null ? stated.transition() : before == null ? "CREATE" : "SNAPSHOT",
                    stated == null ? null : stated.reason(), effective, event.time()));
        }
        if (change.report() != null) {
            List<IssueEvent.Reading> readings = change.report().readings();
            for (int n = 0; n < readings.size(); n++) {
                IssueEvent.Reading r = readings.get(n);
                IssueColumns.READINGS.add(batch.readings, new IssueColumns.ReadingLine(event.id(), n, issue,
                        change.report(), r, toJson(r.dimensions()), effective, event.time()));
            }
        }
        if (correction != null) {
            // written after the batch's readings (the corrected report may be among them); the first one counts
            if (batch.corrected.add(issue.id() + "/" + correction.reportId())) {
                IssueColumns.SUPERSESSION.add(batch.corrections, new IssueColumns.SupersessionLine(event.id(),
                        effective, event.time(), issue.id(), correction.reportId()));
            }
        }
    }

    /**
     * The effective timeline's change for this event, kept in the batch. Effective basis: an event that takes effect
     * on or after the start of the issue's open segment (events arriving in date order) changes only that segment's
     * end: it is updated when the event takes effect on the same day, else closed and followed by a new one. A
     * back-dated event (补录) marks the issue to be recomputed from its versions with {@link IssueTimeline#of} when
     * the batch is written; both give the same rows. So does a correction (更正/撤回) of a progress report: it takes a
     * report out of the progress chain, which only the whole chain can tell. Returns the issue's state after it.
     */
    private State history(Batch batch, IssueEvent.Snapshot issue, State previous, IssueTimeline.Version version) {
        UUID id = issue.id();
        boolean recompute = batch.recompute.contains(id) || previous != null
                && (previous.openFrom() == null || version.effective().isBefore(previous.openFrom())
                || version.corrected() != null);
        boolean status = previous == null || previous.status() != version.status()
                || previous.reopened() != version.reopened();
        boolean attributes = previous == null || !version.attributes().equals(previous.attributes());
        boolean workflow = previous == null || !version.workflow().equals(previous.workflow());
        LocalDate from = version.effective();
        LocalDate openFrom = previous == null ? null : previous.openFrom();
        LocalDate openLastProgress = previous == null ? null : previous.openLastProgress();
        if (recompute) {
            batch.recompute.add(id);
            batch.timelines.remove(id);
        } else if (status || attributes || workflow || version.progress()) {
            LocalDate lastProgress = version.progress() ? version.effective() : openLastProgress;
            Segment segment = new Segment(issue, version, from, lastProgress);
            TimelineWork work = batch.timelines.computeIfAbsent(id, k -> new TimelineWork());
            if (previous != null && from.equals(openFrom)) {
                work.replaceOpen(segment);
            } else {
                work.closeOpenAndAdd(previous == null ? null : openFrom, segment);
            }
            openFrom = from;
            openLastProgress = lastProgress;
        }
        return new State(version.status(), version.completedOn(), version.createdOn(), version.reopened(),
                version.attributes(), openFrom, openLastProgress, version.workflow(), version.sequence());
    }

    /** Writes what the batch holds. */
    @Override
    public void flush() {
        Batch batch = (Batch) transactions.getResource(BATCH);
        if (batch != null && !batch.isEmpty()) {
            batch.write(this);
        }
    }

    private void write(Batch batch) {
        writeAttributes(batch.attributes);
        writeViews(batch.views.values());
        writeVersions(batch.versions);
        writeTimeline(batch.timelines);
        recomputeTimelines(batch);
        writeStatusChanges(batch.statusChanges);
        writeReadings(batch.readings);
        writeCorrections(batch.corrections);
    }

    private void writeAttributes(Map<UUID, IssueEvent.Snapshot> attributes) {
        if (attributes.isEmpty()) {
            return;
        }
        Unnest rows = IssueColumns.ATTRIBUTES.unnest();
        attributes.forEach((id, issue) -> IssueColumns.ATTRIBUTES.add(rows, new IssueColumns.AttributesLine(id, issue)));
        rows.bind(em.createNativeQuery("INSERT INTO issue_attributes (" + rows.names() + ") SELECT " + rows.cols()
                + " FROM " + rows.from() + " ON CONFLICT (id) DO NOTHING")).executeUpdate();
        attributes.clear();
    }

    /**
     * The issue view, each issue's last state in the batch: an issue whose stored row has its attributes already (most
     * events change only its state) by one UPDATE of the state's columns, the others by one upsert of the whole row
     * (plain INSERT … ON CONFLICT DO UPDATE). Same attributes id, same descriptive columns: the id is a hash of them.
     */
    void writeViews(Collection<ViewRow> views) {
        if (views.isEmpty()) {
            return;
        }
        LocalDate today = calendar.today();
        Unnest states = IssueColumns.VIEW_CHANGE.unnest();
        Unnest whole = IssueColumns.VIEW.unnest();
        for (ViewRow v : views) {
            IssueEvent.Snapshot issue = v.issue();
            IssueColumns.ViewLine line = new IssueColumns.ViewLine(issue.id(), issue, v.state(),
                    WarningRule.level(issue.status(), issue.deadline(), today).name(), v.createdAt(),
                    v.event().time());
            if (v.keepsAttributes()) {
                IssueColumns.VIEW_CHANGE.add(states, line);
            } else {
                IssueColumns.VIEW.add(whole, line);
            }
        }
        if (!states.isEmpty()) {
            states.bind(em.createNativeQuery("UPDATE issue_view v SET " + IssueColumns.VIEW_CHANGE.set(states)
                    + " FROM " + states.from() + " WHERE v.id = " + states.col("id"))).executeUpdate();
        }
        if (!whole.isEmpty()) {
            whole.bind(em.createNativeQuery("INSERT INTO issue_view (" + whole.names() + ") SELECT " + whole.cols()
                    + " FROM " + whole.from() + " ON CONFLICT (id) DO UPDATE SET " + IssueColumns.VIEW.setExcluded()))
                    .executeUpdate();
        }
        views.clear();
    }

    /**
     * Recorded basis: each issue's open version closes at the recorded time of its first version in the batch, and
     * the batch's versions follow, each closed by the next. In a generation being built the open version stays open
     * until the generation is complete ({@code issue_history_close}), as does the effective timeline's open segment.
     */
    void writeVersions(List<VersionRow> versions) {
        if (versions.isEmpty()) {
            return;
        }
        Map<UUID, VersionRow> later = new HashMap<>();
        Unnest rows = IssueColumns.VERSION.unnest();
        // each version is closed by the issue's next one in the batch: walk backwards
        List<IssueColumns.VersionLine> lines = new ArrayList<>();
        for (int k = versions.size() - 1; k >= 0; k--) {
            VersionRow row = versions.get(k);
            IssueEvent.Snapshot issue = row.issue();
            VersionRow after = later.put(issue.id(), row);
            lines.add(new IssueColumns.VersionLine(issue.id(), row.version(), row.recordedAt(),
                    after == null ? "infinity" : after.recordedAt(),
                    IssueColumns.State.of(row.version(), issue, issue.lastProgressDate())));
        }
        for (int k = lines.size() - 1; k >= 0; k--) {
            IssueColumns.VERSION.add(rows, lines.get(k));
        }
        if (!generations.building()) { // a generation being built closes them once, when complete
            // each issue's stored open version (its latest), found by its key: the batch's issues, not every open row
            Map<UUID, VersionRow> first = new LinkedHashMap<>();
            for (VersionRow row : versions) {
                first.putIfAbsent(row.issue().id(), row);
            }
            Unnest closing = new Unnest("issue_id uuid", "sequence bigint", "recorded_to timestamptz");
            first.values().stream().filter(row -> row.previousSequence() != null)
                    .forEach(row -> closing.add(row.issue().id(), row.previousSequence(), row.recordedAt()));
            if (!closing.isEmpty()) {
                closing.bind(em.createNativeQuery("UPDATE issue_version v SET recorded_to = "
                        + closing.col("recorded_to") + " FROM " + closing.from() + " WHERE v.issue_id = "
                        + closing.col("issue_id") + " AND v.sequence = " + closing.col("sequence")
                        + " AND v.recorded_to = 'infinity'")).executeUpdate();
            }
        }
        rows.bind(em.createNativeQuery("INSERT INTO issue_version (" + rows.names() + ") SELECT " + rows.cols()
                + " FROM " + rows.from() + " ON CONFLICT (issue_id, sequence) DO NOTHING")).executeUpdate();
        versions.clear();
    }

    /**
     * Effective basis, the issues written incrementally: the open segments this batch changed in place, those it
     * closed, then the segments it added (the last of each issue open).
     */
    void writeTimeline(Map<UUID, TimelineWork> timelines) {
        if (timelines.isEmpty()) {
            return;
        }
        Unnest changed = IssueColumns.TIMELINE_CHANGE.unnest();
        Unnest closed = new Unnest("issue_id uuid", "valid_from date", "valid_to date");
        Unnest added = IssueColumns.TIMELINE.unnest();
        timelines.forEach((id, work) -> {
            Segment s = work.changedOpen;
            if (s != null) {
                IssueColumns.TIMELINE_CHANGE.add(changed, new IssueColumns.SegmentLine(id, s.from(), null, s.state()));
            }
            if (work.closedAt != null) {
                closed.add(id, work.openFrom, work.closedAt);
            }
            for (int k = 0; k < work.added.size(); k++) {
                Segment a = work.added.get(k);
                Object to = k + 1 < work.added.size() ? work.added.get(k + 1).from() : "infinity";
                IssueColumns.TIMELINE.add(added, new IssueColumns.SegmentLine(id, a.from(), to, a.state()));
            }
        });
        if (!changed.isEmpty()) {
            changed.bind(em.createNativeQuery("UPDATE issue_timeline t SET "
                    + IssueColumns.TIMELINE_CHANGE.set(changed) + " FROM " + changed.from() + " WHERE t.issue_id = "
                    + changed.col("issue_id") + " AND t.valid_from = " + changed.col("valid_from"))).executeUpdate();
        }
        if (!closed.isEmpty() && !generations.building()) { // a generation being built closes them when complete
            // by its key, like the versions above: the segment the issue's state says is open
            closed.bind(em.createNativeQuery("UPDATE issue_timeline t SET valid_to = " + closed.col("valid_to")
                    + " FROM " + closed.from() + " WHERE t.issue_id = " + closed.col("issue_id")
                    + " AND t.valid_from = " + closed.col("valid_from") + " AND t.valid_to = 'infinity'"))
                    .executeUpdate();
        }
        if (!added.isEmpty()) {
            added.bind(em.createNativeQuery("INSERT INTO issue_timeline (" + added.names() + ") SELECT "
                    + added.cols() + " FROM " + added.from())).executeUpdate();
        }
        timelines.clear();
    }

    /** Rewrites the effective timelines of the issues marked in the batch from their versions (back-dated events). */
    private void recomputeTimelines(Batch batch) {
        if (batch.recompute.isEmpty()) {
            return;
        }
        List<UUID> ids = List.copyOf(batch.recompute);
        String[] idTexts = ids.stream().map(UUID::toString).toArray(String[]::new);
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("SELECT issue_id, " + VERSION_COLUMNS + """
                         FROM issue_version WHERE issue_id = ANY(CAST(CAST(:ids AS text[]) AS uuid[]))
                        ORDER BY issue_id, sequence""", Tuple.class)
                .setParameter("ids", idTexts).getResultList();
        Map<UUID, List<IssueTimeline.Version>> versions = new LinkedHashMap<>();
        for (Tuple row : rows) {
            versions.computeIfAbsent(Rows.uuid(row.get("issue_id")), k -> new ArrayList<>()).add(version(row));
        }
        em.createNativeQuery("DELETE FROM issue_timeline WHERE issue_id = ANY(CAST(CAST(:ids AS text[]) AS uuid[]))")
                .setParameter("ids", idTexts).executeUpdate();
        // the inspection and deadlines come with the attributes the segment has
        Unnest segments = IssueColumns.TIMELINE_RECOMPUTED.unnest();
        versions.forEach((id, list) -> {
            List<IssueTimeline.Segment> computed = IssueTimeline.of(list);
            for (IssueTimeline.Segment s : computed) {
                IssueColumns.TIMELINE_RECOMPUTED.add(segments, new IssueColumns.SegmentLine(id, s.validFrom(),
                        s.validTo() == null ? "infinity" : s.validTo(), IssueColumns.State.of(s)));
            }
            IssueTimeline.Segment open = computed.get(computed.size() - 1);
            batch.states.computeIfPresent(id, (k, state) -> state.open(open.validFrom(), open.lastProgressDate()));
        });
        if (!segments.isEmpty()) {
            segments.bind(em.createNativeQuery("INSERT INTO issue_timeline (" + segments.names() + ", "
                    + String.join(", ", IssueColumns.COPIED.names()) + ") SELECT " + segments.cols() + ", "
                    + IssueColumns.COPIED.qualified("a") + " FROM " + segments.from()
                    + " JOIN issue_attributes a ON a.id = " + segments.col("attributes_id"))).executeUpdate();
        }
        batch.recompute.clear();
    }

    private void writeStatusChanges(Unnest changes) {
        if (changes.isEmpty()) {
            return;
        }
        changes.bind(em.createNativeQuery("INSERT INTO issue_status_history (" + changes.names() + ") SELECT "
                + changes.cols() + " FROM " + changes.from() + " ON CONFLICT (issue_id, sequence) DO NOTHING"))
                .executeUpdate();
    }

    /** Every reading of the batch's reports in one statement, and the series they belong to. */
    private void writeReadings(Unnest readings) {
        if (readings.isEmpty()) {
            return;
        }
        readings.bind(em.createNativeQuery("WITH written AS (INSERT INTO reading_fact (" + readings.names()
                + ") SELECT " + readings.cols() + " FROM " + readings.from() + """
                 ON CONFLICT (event_id, ordinal) DO NOTHING
                RETURNING metric, inspection_id, dimensions)
                INSERT INTO reading_series (metric, inspection_id, dimensions)
                SELECT DISTINCT metric, inspection_id, dimensions FROM written
                ON CONFLICT DO NOTHING""")).executeUpdate();
    }

    /**
     * 更正/撤回: the corrected report's readings stop counting, on the recorded clock from the correction's recorded
     * time and on the effective clock from its effective date (the corrected report's as-of date, by the contract).
     * The rows stay: an answer as of a moment before the correction was recorded still finds the old figures.
     */
    private void writeCorrections(Unnest corrections) {
        if (corrections.isEmpty()) {
            return;
        }
        corrections.bind(em.createNativeQuery(IssueColumns.supersede("reading_fact", corrections))).executeUpdate();
    }

    /**
     * The id of an issue's attributes: a name-based UUID of the issue and the values, so equal attributes share one
     * {@code issue_attributes} row and a change back to earlier values finds the row it had.
     */
    static UUID attributesId(IssueEvent.Snapshot issue) {
        List<Object> values = java.util.Arrays.asList(issue.id(), issue.inspectionId(), issue.listKey(),
                issue.aspect().path(), issue.aspect().numbering(), issue.aspect().title(), issue.groupTitle(),
                issue.category().path(), issue.category().numbering(), issue.category().title(), issue.path(),
                issue.numbering(), issue.ordinal(), issue.title(), issue.leadLeaders(), issue.responsibleUnits(),
                issue.tags(), issue.deadline(), issue.statusLabel());
        if (issue.leadUnit() != null || issue.originalDeadline() != null) {
            // only then: the attributes of events written before the workflow keep the ids they had
            values = new ArrayList<>(values);
            values.add(issue.leadUnit());
            values.add(issue.originalDeadline());
        }
        StringBuilder canonical = new StringBuilder();
        for (Object value : values) {
            String text = String.valueOf(value);
            // length-prefixed, so that no two different lists of values give the same text
            canonical.append(value == null ? -1 : text.length()).append(':').append(value == null ? "" : text).append('|');
        }
        return UUID.nameUUIDFromBytes(canonical.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The columns of {@code issue_version} a version of the timeline is read from ({@link #version}). */
    public static final String VERSION_COLUMNS = "sequence, effective_date, status, attributes_id, completed_on, "
            + "reopened, progress, created_on, assignment_state, awaiting_decision, extension_count, returned_count, "
            + "report_id, corrected_report_id";

    /** A row of {@code issue_version} (its {@link #VERSION_COLUMNS}) as the timeline reads it. */
    public static IssueTimeline.Version version(Tuple r) {
        return new IssueTimeline.Version(Rows.count(r.get("sequence")), Rows.date(r.get("effective_date")),
                IssueStatus.valueOf((String) r.get("status")), Rows.uuid(r.get("attributes_id")),
                Rows.date(r.get("completed_on")), (int) Rows.count(r.get("reopened")),
                Boolean.TRUE.equals(r.get("progress")), Rows.date(r.get("created_on")), workflow(r),
                Rows.uuid(r.get("report_id")), Rows.uuid(r.get("corrected_report_id")));
    }

    private static IssueTimeline.Workflow workflow(Tuple r) {
        return new IssueTimeline.Workflow((String) r.get("assignment_state"), (String) r.get("awaiting_decision"),
                (int) Rows.count(r.get("extension_count")), (int) Rows.count(r.get("returned_count")));
    }

    /** Reads the stored state of these issues (those without a row are new: no entry). */
    private void load(Batch batch, List<UUID> ids) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        SELECT v.id, v.status, v.completed_on, v.created_on, v.reopened, v.attributes_id, t.valid_from,
                               t.last_progress_date, v.assignment_state, v.awaiting_decision, v.extension_count,
                               v.returned_count, v.sequence
                        FROM issue_view v
                        LEFT JOIN LATERAL (SELECT valid_from, last_progress_date FROM issue_timeline
                                           WHERE issue_id = v.id ORDER BY valid_from DESC LIMIT 1) t ON TRUE
                        WHERE v.id = ANY(CAST(CAST(:ids AS text[]) AS uuid[]))""", Tuple.class)
                .setParameter("ids", ids.stream().map(UUID::toString).toArray(String[]::new)).getResultList();
        for (UUID id : ids) {
            batch.states.put(id, null);
        }
        for (Tuple row : rows) {
            batch.states.put(Rows.uuid(row.get("id")), new State(IssueStatus.valueOf((String) row.get("status")),
                    Rows.date(row.get("completed_on")), Rows.date(row.get("created_on")),
                    (int) Rows.count(row.get("reopened")), Rows.uuid(row.get("attributes_id")),
                    Rows.date(row.get("valid_from")), Rows.date(row.get("last_progress_date")), workflow(row),
                    Rows.count(row.get("sequence"))));
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This transaction's batch, created (and its completion guard registered) on first use. */
    private Batch batch() {
        Batch batch = (Batch) transactions.getResource(BATCH);
        if (batch == null) {
            batch = new Batch(this);
            transactions.putResource(BATCH, batch);
            transactions.registerInterposedSynchronization(batch);
        }
        return batch;
    }

    /**
     * The issue before the next event: its state, with the start and last progress date of its open timeline
     * segment (null start: unknown, the timeline is recomputed), and the sequence of its latest version, the open one
     * (null when it has none). That is the view's {@code sequence}: every issue event writes its view row and a version
     * at the event's sequence ({@link IssueEvent} refuses a snapshot of another sequence).
     */
    record State(IssueStatus status, LocalDate completedOn, LocalDate createdOn, int reopened, UUID attributes,
                 LocalDate openFrom, LocalDate openLastProgress, IssueTimeline.Workflow workflow,
                 Long versionSequence) {
        State open(LocalDate from, LocalDate lastProgress) {
            return new State(status, completedOn, createdOn, reopened, attributes, from, lastProgress, workflow,
                    versionSequence);
        }
    }

    /** An issue's row of the view after the batch's last event of it (created_at: its first event's time). */
    record ViewRow(RectificationEvent event, IssueEvent.Snapshot issue, LocalDate completedOn, LocalDate createdOn,
                   int reopened, UUID attributes, Instant createdAt, UUID storedAttributes) {
        /** The row after a later event of the batch: its state, with the first one's creation and stored attributes. */
        ViewRow followedBy(ViewRow next) {
            return new ViewRow(next.event, next.issue, next.completedOn, next.createdOn, next.reopened,
                    next.attributes, createdAt, storedAttributes);
        }

        /** The stored row has these attributes already (so their columns need not be written again). */
        boolean keepsAttributes() {
            return attributes.equals(storedAttributes);
        }

        IssueColumns.State state() {
            return new IssueColumns.State(attributes, issue.status(), completedOn, issue.lastProgressDate(),
                    createdOn, reopened, issue.sequence(), issue.inspectionId(), issue.deadline(),
                    issue.originalDeadline(), issue.workflow());
        }
    }

    /**
     * A version of an issue (recorded basis), with the snapshot's copies of the inspection and deadlines, and the
     * sequence of the issue's version before it (null when none).
     */
    record VersionRow(IssueEvent.Snapshot issue, IssueTimeline.Version version, Instant recordedAt,
                      Long previousSequence) {
    }

    /** A segment of the effective timeline from {@code from}: the state of a version. */
    record Segment(IssueEvent.Snapshot issue, IssueTimeline.Version version, LocalDate from, LocalDate lastProgress) {
        IssueColumns.State state() {
            return IssueColumns.State.of(version, issue, lastProgress);
        }
    }

    /** What a batch did to one issue's stored timeline: its open segment changed or closed, and segments added. */
    static final class TimelineWork {
        LocalDate openFrom;
        Segment changedOpen;
        LocalDate closedAt;
        final List<Segment> added = new ArrayList<>();

        /** The same day as the open segment: it takes the new state. */
        void replaceOpen(Segment segment) {
            if (added.isEmpty()) {
                changedOpen = segment;
            } else {
                added.set(added.size() - 1, segment);
            }
        }

        /** A later day: the open segment ends where the new one starts. */
        void closeOpenAndAdd(LocalDate storedOpenFrom, Segment segment) {
            if (added.isEmpty() && storedOpenFrom != null) {
                openFrom = storedOpenFrom;
                closedAt = segment.from();
            }
            added.add(segment);
        }
    }

    /**
     * What one transaction has applied and not yet written. Whatever is still unwritten when the transaction
     * completes is written then, before the commit, so forgetting {@link #flush} never loses a change.
     */
    static final class Batch implements Synchronization {
        final IssueProjection projection;
        /** Each issue's state after the batch's events so far; null for an issue that has none yet. */
        final Map<UUID, State> states = new HashMap<>();
        /** The states a replay's worker knows from its committed batches (see {@link Carried}), or null. */
        final Map<UUID, State> carried;
        final boolean carriedComplete;
        final Map<UUID, IssueEvent.Snapshot> attributes = new LinkedHashMap<>();
        final Map<UUID, ViewRow> views = new LinkedHashMap<>();
        final List<VersionRow> versions = new ArrayList<>();
        final Map<UUID, TimelineWork> timelines = new LinkedHashMap<>();
        final Set<UUID> recompute = new LinkedHashSet<>();
        final Set<String> corrected = new java.util.HashSet<>();
        Unnest statusChanges;
        Unnest readings;
        Unnest corrections;

        Batch(IssueProjection projection) {
            this.projection = projection;
            Carried carry = Carried.current().orElse(null);
            this.carried = carry == null ? null : carry.part(BATCH, HashMap::new);
            this.carriedComplete = carry != null && carry.complete();
            fresh();
        }

        private void fresh() {
            statusChanges = IssueColumns.STATUS_HISTORY.unnest();
            readings = IssueColumns.READINGS.unnest();
            corrections = IssueColumns.SUPERSESSION.unnest();
        }

        boolean isEmpty() {
            return views.isEmpty() && versions.isEmpty() && attributes.isEmpty() && timelines.isEmpty()
                    && recompute.isEmpty() && statusChanges.isEmpty() && readings.isEmpty() && corrections.isEmpty();
        }

        void write(IssueProjection projection) {
            projection.write(this);
            fresh();
        }

        @Override
        public void beforeCompletion() {
            if (!isEmpty()) {
                write(projection);
            }
        }

        @Override
        public void afterCompletion(int status) {
            if (carried != null && status == Status.STATUS_COMMITTED) {
                carried.putAll(states); // what is stored now
            }
        }
    }
}
