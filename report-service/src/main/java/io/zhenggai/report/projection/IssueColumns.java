package io.zhenggai.report.projection;

import static io.zhenggai.report.projection.Columns.changing;
import static io.zhenggai.report.projection.Columns.column;
import static io.zhenggai.report.projection.Columns.via;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.zhenggai.report.projection.Columns.Column;
import io.zhenggai.report.projection.Columns.Role;

/**
 * The columns of the rows an issue's events write, each named once ({@link Columns}): its name, its SQL type, its
 * role and where its value comes from. {@code issue_attributes}, {@code issue_view}, {@code issue_version} and
 * {@code issue_timeline} share two sets of columns: the issue's description ({@link #DESCRIPTION}, from the event's
 * snapshot) and its state ({@link #STATE}, from a version, a timeline segment or the view's row); the status history,
 * the readings, the progress reports, the texts and the corrections' supersession have their own. The projections'
 * writes ({@link IssueProjection}, {@link ReportTextProjection}) and the as-of relation ({@link AsOf}) take their
 * column lists from here, and a test holds each table's columns in the schema to its writers', so a new column is
 * added in the schema and here, once, and cannot be left out of a write silently.
 */
final class IssueColumns {

    private IssueColumns() {
    }

    /**
     * An issue's state as a history row or the view keeps it; what is not known (the copied columns of a recomputed
     * timeline's segments, which the insert takes from the attributes row) is null.
     */
    record State(UUID attributes, IssueStatus status, LocalDate completedOn, LocalDate lastProgress,
                 LocalDate createdOn, int reopened, long sequence, UUID inspection, LocalDate deadline,
                 LocalDate originalDeadline, IssueTimeline.Workflow workflow) {

        /** A version of the issue whose event carried {@code issue}, its last progress day {@code lastProgress}. */
        static State of(IssueTimeline.Version v, IssueEvent.Snapshot issue, LocalDate lastProgress) {
            return new State(v.attributes(), v.status(), v.completedOn(), lastProgress, v.createdOn(), v.reopened(),
                    v.sequence(), issue.inspectionId(), issue.deadline(), issue.originalDeadline(), v.workflow());
        }

        /** The state columns an attributes row holds for the recomputed timeline (the copied ones) and no other. */
        static State copiedFrom(IssueEvent.Snapshot issue) {
            return new State(null, null, null, null, null, 0, 0, issue.inspectionId(), issue.deadline(),
                    issue.originalDeadline(), null);
        }

        /** A segment of a recomputed timeline: the copied columns come from the attributes row. */
        static State of(IssueTimeline.Segment s) {
            return new State(s.attributes(), s.status(), s.completedOn(), s.lastProgressDate(), s.createdOn(),
                    s.reopened(), s.sequence(), null, null, null, s.workflow());
        }
    }

    /** The description, as the issue's attributes row and its view carry it. */
    static final List<Column<IssueEvent.Snapshot>> DESCRIPTION = List.of(
            described("list_key", "text", IssueEvent.Snapshot::listKey),
            described("aspect_path", "text", s -> s.aspect().path()),
            described("aspect_numbering", "text", s -> s.aspect().numbering()),
            described("aspect_title", "text", s -> s.aspect().title()),
            described("group_title", "text", IssueEvent.Snapshot::groupTitle),
            described("category_path", "text", s -> s.category().path()),
            described("category_numbering", "text", s -> s.category().numbering()),
            described("category_title", "text", s -> s.category().title()),
            described("path", "text", IssueEvent.Snapshot::path),
            described("numbering", "text", IssueEvent.Snapshot::numbering),
            described("ordinal", "int", IssueEvent.Snapshot::ordinal),
            described("title", "text", IssueEvent.Snapshot::title),
            described("lead_leaders", "text[]", IssueEvent.Snapshot::leadLeaders),
            described("responsible_units", "text[]", IssueEvent.Snapshot::responsibleUnits),
            described("tags", "text[]", IssueEvent.Snapshot::tags),
            described("status_label", "text", IssueEvent.Snapshot::statusLabel),
            described("lead_unit", "text", IssueEvent.Snapshot::leadUnit));

    /** The state, as the view, the versions and the timeline's segments carry it. */
    static final List<Column<State>> STATE = List.of(
            column("attributes_id", "uuid", Role.ATTRIBUTES_ID, State::attributes),
            column("inspection_id", "uuid", Role.COPIED, State::inspection),
            column("deadline", "date", Role.COPIED, State::deadline),
            column("original_deadline", "date", Role.COPIED, State::originalDeadline),
            column("created_on", "date", Role.CREATED, State::createdOn),
            changing("status", "text", s -> s.status().name()),
            changing("completed_on", "date", State::completedOn),
            changing("last_progress_date", "date", State::lastProgress),
            changing("reopened", "int", State::reopened),
            changing("sequence", "bigint", State::sequence),
            changing("assignment_state", "text", s -> s.workflow().assignment()),
            changing("awaiting_decision", "text", s -> s.workflow().awaiting()),
            changing("extension_count", "int", s -> s.workflow().extensions()),
            changing("returned_count", "int", s -> s.workflow().returned()));

    /** The state columns an attributes row holds too, which a recomputed segment takes from it. */
    static final Columns<State> COPIED = new Columns<>(STATE).where(c -> c.role() == Role.COPIED);

    /** A row of {@code issue_attributes}: a distinct description of an issue, with the state columns it fixes. */
    record AttributesLine(UUID id, IssueEvent.Snapshot issue) {
    }

    static final Columns<AttributesLine> ATTRIBUTES = Columns.of(
            List.of(column("id", "uuid", Role.KEY, AttributesLine::id),
                    column("issue_id", "uuid", Role.CREATED, l -> l.issue().id())),
            via(DESCRIPTION, AttributesLine::issue),
            via(COPIED.list(), (AttributesLine l) -> State.copiedFrom(l.issue())));

    /** A row of {@code issue_view}: an issue as it stands, with the warning for the day it was written. */
    record ViewLine(UUID id, IssueEvent.Snapshot issue, State state, String warning, Instant createdAt,
                    Instant updatedAt) {
    }

    static final Columns<ViewLine> VIEW = Columns.of(
            List.of(column("id", "uuid", Role.KEY, ViewLine::id)),
            via(DESCRIPTION, ViewLine::issue),
            via(STATE, ViewLine::state),
            List.of(changing("warning", "text", ViewLine::warning),
                    column("created_at", "timestamptz", Role.CREATED, ViewLine::createdAt),
                    changing("updated_at", "timestamptz", ViewLine::updatedAt)));

    /** What an event changes in the view while the issue keeps its attributes (with the key). */
    static final Columns<ViewLine> VIEW_CHANGE = VIEW.where(c -> c.role() == Role.KEY
            || c.role() == Role.CHANGING);

    /**
     * A row of {@code issue_version}: the issue after an event, on the recorded clock (closed by the next); its key is
     * the issue and the state's sequence. Only inserted.
     */
    record VersionLine(UUID issueId, IssueTimeline.Version version, Instant recordedFrom, Object recordedTo,
                       State state) {
    }

    static final Columns<VersionLine> VERSION = Columns.of(
            List.of(column("issue_id", "uuid", Role.KEY, VersionLine::issueId),
                    column("recorded_from", "timestamptz", Role.CREATED, VersionLine::recordedFrom),
                    changing("recorded_to", "timestamptz", VersionLine::recordedTo),
                    column("effective_date", "date", Role.CREATED, v -> v.version().effective()),
                    column("progress", "boolean", Role.CREATED, v -> v.version().progress()),
                    column("report_id", "uuid", Role.CREATED, v -> v.version().report()),
                    column("corrected_report_id", "uuid", Role.CREATED, v -> v.version().corrected())),
            via(STATE, VersionLine::state));

    /** A segment of {@code issue_timeline}: the issue's state on the effective clock from a day (to another). */
    record SegmentLine(UUID issueId, LocalDate validFrom, Object validTo, State state) {
    }

    static final Columns<SegmentLine> TIMELINE = Columns.of(
            List.of(column("issue_id", "uuid", Role.KEY, SegmentLine::issueId),
                    column("valid_from", "date", Role.KEY, SegmentLine::validFrom),
                    changing("valid_to", "date", SegmentLine::validTo)),
            via(STATE, SegmentLine::state));

    /** An open segment changed in place: its key and its state (not when the issue was created, nor its end). */
    static final Columns<SegmentLine> TIMELINE_CHANGE = TIMELINE.where(c -> c.role() != Role.CREATED
            && !c.name().equals("valid_to"));

    /** A recomputed segment: all but the copied columns, which the insert takes from the attributes row. */
    static final Columns<SegmentLine> TIMELINE_RECOMPUTED = TIMELINE.where(c -> c.role() != Role.COPIED);

    /** A row of {@code issue_status_history}: an event that changed the issue's status (or created it). */
    record StatusLine(UUID issueId, long sequence, UUID eventId, String from, String to, String transition,
                      String reason, LocalDate effective, Instant recordedAt) {
    }

    static final Columns<StatusLine> STATUS_HISTORY = new Columns<>(List.of(
            column("issue_id", "uuid", Role.KEY, StatusLine::issueId),
            column("sequence", "bigint", Role.KEY, StatusLine::sequence),
            column("event_id", "uuid", Role.CREATED, StatusLine::eventId),
            column("from_status", "text", Role.CREATED, StatusLine::from),
            column("to_status", "text", Role.CREATED, StatusLine::to),
            column("transition", "text", Role.CREATED, StatusLine::transition),
            column("reason", "text", Role.CREATED, StatusLine::reason),
            column("effective_date", "date", Role.CREATED, StatusLine::effective),
            column("recorded_at", "timestamptz", Role.CREATED, StatusLine::recordedAt)));

    /** A row of {@code reading_fact}: a reading (数据) of a progress report, {@code dimensions} as JSON. */
    record ReadingLine(UUID eventId, int ordinal, IssueEvent.Snapshot issue, IssueEvent.Report report,
                       IssueEvent.Reading reading, String dimensions, LocalDate effective, Instant recordedAt) {
    }

    static final Columns<ReadingLine> READINGS = new Columns<>(List.of(
            column("event_id", "uuid", Role.KEY, ReadingLine::eventId),
            column("ordinal", "int", Role.KEY, ReadingLine::ordinal),
            column("issue_id", "uuid", Role.CREATED, l -> l.issue().id()),
            column("inspection_id", "uuid", Role.CREATED, l -> l.issue().inspectionId()),
            column("report_id", "uuid", Role.CREATED, l -> l.report().id()),
            column("metric", "text", Role.CREATED, l -> l.reading().metric()),
            column("dimensions", "jsonb", Role.CREATED, ReadingLine::dimensions),
            column("value", "numeric", Role.CREATED, l -> plain(l.reading().value())),
            column("unit", "text", Role.CREATED, l -> l.reading().unit()),
            column("kind", "text", Role.CREATED, l -> l.reading().kind()),
            column("qualifier", "text", Role.CREATED, l -> l.reading().qualifier()),
            column("forecast", "boolean", Role.CREATED, l -> l.reading().forecast()),
            column("change", "boolean", Role.CREATED, l -> l.reading().change()),
            column("stated_value", "numeric", Role.CREATED, l -> plain(l.reading().statedValue())),
            column("stated_unit", "text", Role.CREATED, l -> l.reading().statedUnit()),
            column("display", "text", Role.CREATED, l -> l.reading().display()),
            column("source_text", "text", Role.CREATED, l -> l.reading().sourceText()),
            column("parts", "jsonb", Role.CREATED, l -> l.reading().parts() == null ? null
                    : l.reading().parts().toString()),
            column("as_of", "date", Role.CREATED, l -> l.report().asOf()),
            column("effective_date", "date", Role.CREATED, ReadingLine::effective),
            column("recorded_at", "timestamptz", Role.CREATED, ReadingLine::recordedAt)));

    /**
     * A row of {@code progress_report}: the words of a progress report (or of a correction's replacement), its
     * measures and warnings as JSON.
     */
    record ReportLine(UUID eventId, long sequence, IssueEvent.Snapshot issue, IssueEvent.Report report,
                      LocalDate effective, Instant recordedAt, String measures, String warnings) {
    }

    static final Columns<ReportLine> REPORTS = new Columns<>(List.of(
            column("issue_id", "uuid", Role.KEY, l -> l.issue().id()),
            column("report_id", "uuid", Role.KEY, l -> l.report().id()),
            column("event_id", "uuid", Role.CREATED, ReportLine::eventId),
            column("sequence", "bigint", Role.CREATED, ReportLine::sequence),
            column("inspection_id", "uuid", Role.CREATED, l -> l.issue().inspectionId()),
            column("as_of", "date", Role.CREATED, l -> l.report().asOf()),
            column("effective_date", "date", Role.CREATED, ReportLine::effective),
            column("recorded_at", "timestamptz", Role.CREATED, ReportLine::recordedAt),
            column("text", "text", Role.CREATED, l -> l.report().text()),
            column("measures", "jsonb", Role.CREATED, ReportLine::measures),
            column("status_label", "text", Role.CREATED, l -> l.report().statusLabel()),
            column("warnings", "jsonb", Role.CREATED, ReportLine::warnings)));

    /** A row of {@code issue_text}: what the feedback said of the problem, and the measures planned (JSON). */
    record TextLine(UUID issueId, String description, String measures) {
    }

    static final Columns<TextLine> TEXTS = new Columns<>(List.of(
            column("issue_id", "uuid", Role.KEY, TextLine::issueId),
            column("description", "text", Role.CREATED, TextLine::description),
            column("measures", "jsonb", Role.CREATED, TextLine::measures)));

    /**
     * 更正/撤回: a report (and its readings) superseded by the correction {@code by}, not in force from the day
     * {@code on} (effective clock) and the instant {@code at} (recorded clock).
     */
    record SupersessionLine(UUID by, LocalDate on, Instant at, UUID issueId, UUID reportId) {
    }

    static final Columns<SupersessionLine> SUPERSESSION = new Columns<>(List.of(
            changing("superseded_by", "uuid", SupersessionLine::by),
            changing("superseded_on", "date", SupersessionLine::on),
            changing("superseded_at", "timestamptz", SupersessionLine::at),
            column("issue_id", "uuid", Role.KEY, SupersessionLine::issueId),
            column("report_id", "uuid", Role.KEY, SupersessionLine::reportId)));

    /**
     * Marks the rows of {@code table} ({@code progress_report} or {@code reading_fact}) of the reports in
     * {@code rows} ({@link #SUPERSESSION}) superseded, those not superseded yet (the first correction counts).
     */
    static String supersede(String table, Unnest rows) {
        return "UPDATE " + table + " f SET " + SUPERSESSION.set(rows) + " FROM " + rows.from() + " WHERE f.issue_id = "
                + rows.col("issue_id") + " AND f.report_id = " + rows.col("report_id") + " AND f.superseded_by IS NULL";
    }

    private static String plain(java.math.BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    /** The columns the as-of relation reads of a history row ({@code s}) and its attributes ({@code a}). */
    static String asOfColumns() {
        return new Columns<>(DESCRIPTION).qualified("a") + ", " + new Columns<>(STATE).qualified("s");
    }

    private static <R> Column<R> described(String name, String type, Function<? super R, Object> value) {
        return new Column<>(name, type, Role.DESCRIPTION, value);
    }

}
