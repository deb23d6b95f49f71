package io.zhenggai.report.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The columns of an issue's rows, each named once: its name, its SQL type and where its value comes from.
 * {@code issue_attributes}, {@code issue_view}, {@code issue_version} and {@code issue_timeline} share two sets of
 * columns: the issue's description ({@link #DESCRIPTION}, from the event's snapshot) and its state
 * ({@link #STATE}, from a version, a timeline segment or the view's row). The projection's writes
 * ({@link IssueProjection}) and the as-of relation ({@link AsOf}) take their column lists from here, and a test holds
 * each table's columns in the schema to its writer's, so a new column is added in the schema and here, once, and
 * cannot be left out of a write silently.
 */
public final class IssueColumns {

    private IssueColumns() {
    }

    /** What a column is to the statements that write only some columns. */
    enum Role {
        /** Finds the row: never set by an update. */
        KEY,
        /** The issue's description, as the bulletin gives it. */
        DESCRIPTION,
        /** The issue's attributes row ({@code attributes_id}). */
        ATTRIBUTES_ID,
        /** A state column copied from the attributes row (so counts need no join): fixed by the attributes id. */
        COPIED,
        /** When the issue (or its row) was created: never changes. */
        CREATED,
        /** Everything else: what an event changes. */
        CHANGING
    }

    /** A column: its name, its SQL type, what it is to the writes, and its value in a row of type {@code R}. */
    public record Column<R>(String name, String type, Role role, Function<? super R, Object> value) {

        /** The same column, its value taken from the part {@code part} of another kind of row. */
        <T> Column<T> of(Function<? super T, ? extends R> part) {
            return new Column<>(name, type, role, row -> value.apply(part.apply(row)));
        }
    }

    /** A table's (or a statement's) columns, in order. */
    public record Columns<R>(List<Column<R>> list) {

        @SafeVarargs
        static <R> Columns<R> of(List<Column<R>>... parts) {
            return new Columns<>(Stream.of(parts).flatMap(List::stream).toList());
        }

        public List<String> names() {
            return list.stream().map(Column::name).toList();
        }

        /** Those for which {@code keep} holds. */
        Columns<R> where(Predicate<Column<R>> keep) {
            return new Columns<>(list.stream().filter(keep).toList());
        }

        /** An empty {@link Unnest} of these columns, parameters numbered from 1. */
        Unnest unnest() {
            return new Unnest(list.stream().map(c -> c.name() + " " + c.type()).toArray(String[]::new));
        }

        /** Adds a row's cells to {@code rows}, made by {@link #unnest()}. */
        void add(Unnest rows, R row) {
            Object[] cells = new Object[list.size()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = list.get(i).value().apply(row);
            }
            rows.add(cells);
        }

        /**
         * {@code name = value, …} of an {@code UPDATE … SET}, each value the unnest's column of the same name: every
         * column but the keys, which find the row.
         */
        String set(Unnest rows) {
            return String.join(", ", list.stream().filter(c -> c.role() != Role.KEY)
                    .map(c -> c.name() + " = " + rows.col(c.name())).toList());
        }

        /**
         * {@code name = EXCLUDED.name, …} of an {@code ON CONFLICT DO UPDATE SET}: the row keeps its key and when it
         * was created.
         */
        String setExcluded() {
            return String.join(", ", list.stream().filter(c -> c.role() != Role.KEY && c.role() != Role.CREATED)
                    .map(c -> c.name() + " = EXCLUDED." + c.name()).toList());
        }

        /** The names qualified by a table's alias, comma-separated (a select list). */
        String qualified(String alias) {
            return String.join(", ", list.stream().map(c -> alias + "." + c.name()).toList());
        }
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

        /** What an attributes row fixes of the state: its id and the copied columns. */
        static State fixedBy(UUID attributes, IssueEvent.Snapshot issue) {
            return new State(attributes, null, null, null, null, 0, 0, issue.inspectionId(), issue.deadline(),
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

    /** A row of {@code issue_attributes}: a distinct description of an issue, with the state columns it fixes. */
    record AttributesLine(UUID id, IssueEvent.Snapshot issue) {
    }

    static final Columns<AttributesLine> ATTRIBUTES = Columns.of(
            List.of(column("id", "uuid", Role.KEY, AttributesLine::id),
                    column("issue_id", "uuid", Role.CREATED, l -> l.issue().id())),
            via(DESCRIPTION, AttributesLine::issue),
            via(STATE.stream().filter(c -> c.role() == Role.COPIED).toList(),
                    (AttributesLine l) -> State.fixedBy(l.id(), l.issue())));

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

    /** A row of {@code issue_version}: the issue after an event, on the recorded clock (closed by the next). */
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

    /** The state columns a recomputed segment takes from its attributes row. */
    static final Columns<State> COPIED = new Columns<>(STATE).where(c -> c.role() == Role.COPIED);

    /** The columns the as-of relation reads of a history row ({@code s}) and its attributes ({@code a}). */
    static String asOfColumns() {
        return new Columns<>(DESCRIPTION).qualified("a") + ", " + new Columns<>(STATE).qualified("s");
    }

    /** The columns, each taking its value from the part {@code part} of another kind of row. */
    private static <R, P> List<Column<R>> via(List<Column<P>> columns, Function<R, P> part) {
        List<Column<R>> mapped = new ArrayList<>(columns.size());
        for (Column<P> column : columns) {
            mapped.add(column.of(part));
        }
        return mapped;
    }

    private static <R> Column<R> column(String name, String type, Role role, Function<? super R, Object> value) {
        return new Column<>(name, type, role, value);
    }

    private static <R> Column<R> described(String name, String type, Function<? super R, Object> value) {
        return new Column<>(name, type, Role.DESCRIPTION, value);
    }

    private static <R> Column<R> changing(String name, String type, Function<? super R, Object> value) {
        return new Column<>(name, type, Role.CHANGING, value);
    }
}
