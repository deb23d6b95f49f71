package io.zhenggai.report.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A table's (or a statement's) columns, in order, each named once: its name, its SQL type, what it is to the
 * statements that write only some columns ({@link Role}), and its value in a row of type {@code R}. The writes bind
 * them through an {@link Unnest} ({@link #unnest()}, {@link #add}), and their column lists and {@code SET} clauses
 * come from here, so that no statement lists a table's columns again by hand.
 */
record Columns<R>(List<Column<R>> list) {

    /** What a column is to the statements that write only some columns. */
    enum Role {
        /** Finds the row: never set by an update. */
        KEY,
        /** The description, as the bulletin gives it. */
        DESCRIPTION,
        /** The attributes row ({@code attributes_id}). */
        ATTRIBUTES_ID,
        /** A state column copied from the attributes row (so counts need no join): fixed by the attributes id. */
        COPIED,
        /** Written when the row (or the issue) is created, never changed: an upsert keeps it. */
        CREATED,
        /** Everything else: what an event changes. */
        CHANGING
    }

    /** A column: its name, its SQL type, what it is to the writes, and its value in a row of type {@code R}. */
    record Column<R>(String name, String type, Role role, Function<? super R, Object> value) {

        /** The same column, its value taken from the part {@code part} of another kind of row. */
        <T> Column<T> of(Function<? super T, ? extends R> part) {
            return new Column<>(name, type, role, row -> value.apply(part.apply(row)));
        }
    }

    @SafeVarargs
    static <R> Columns<R> of(List<Column<R>>... parts) {
        return new Columns<>(Stream.of(parts).flatMap(List::stream).toList());
    }

    List<String> names() {
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

    /** The columns, each taking its value from the part {@code part} of another kind of row. */
    static <R, P> List<Column<R>> via(List<Column<P>> columns, Function<R, P> part) {
        List<Column<R>> mapped = new ArrayList<>(columns.size());
        for (Column<P> column : columns) {
            mapped.add(column.of(part));
        }
        return mapped;
    }

    static <R> Column<R> column(String name, String type, Role role, Function<? super R, Object> value) {
        return new Column<>(name, type, role, value);
    }

    static <R> Column<R> changing(String name, String type, Function<? super R, Object> value) {
        return new Column<>(name, type, Role.CHANGING, value);
    }
}
