package io.zhenggai.report.projection;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Query;

import io.zhenggai.report.store.InstantText;

/**
 * Rows for one multi-row statement: each column is bound as one text array and unnested in SQL, so a batch of any
 * size is one statement with one parameter per column, and a column is named once (its name, its SQL type) instead
 * of by position in several places.
 * <p>
 * {@code FROM unnest(...) AS u(...)} comes from {@link #from()}, a column's typed value from {@link #col(String)}.
 * The type {@code text[]} takes a collection of strings per row, bound as the text of an array literal (PostgreSQL
 * cannot unnest an array of arrays) and cast back in SQL: its own parser, far cheaper than reading it as JSON.
 */
final class Unnest {

    private final List<String> names = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final List<List<String>> values = new ArrayList<>();
    private final int firstParameter;

    /** Columns as {@code "name type"} pairs, e.g. {@code "issue_id uuid"}; parameters numbered from 1. */
    Unnest(String... columns) {
        this(1, columns);
    }

    Unnest(int firstParameter, String... columns) {
        this.firstParameter = firstParameter;
        for (String column : columns) {
            int space = column.indexOf(' ');
            names.add(column.substring(0, space));
            types.add(column.substring(space + 1).trim());
            values.add(new ArrayList<>());
        }
    }

    /** A row: one cell per column in the order given (null stays null, anything else its {@link InstantText#text}). */
    Unnest add(Object... cells) {
        if (cells.length != names.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + names.size() + " columns");
        }
        for (int i = 0; i < cells.length; i++) {
            Object cell = cells[i];
            values.get(i).add(cell == null ? null
                    : cell instanceof java.util.Collection<?> list ? arrayLiteral(list)
                    : InstantText.text(cell));
        }
        return this;
    }

    /** {@code {"a","b"}}: every element quoted (a null one NULL), backslashes and quotes escaped. */
    static String arrayLiteral(java.util.Collection<?> elements) {
        StringBuilder literal = new StringBuilder("{");
        for (Object element : elements) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            if (element == null) {
                literal.append("NULL");
                continue;
            }
            literal.append('"');
            String text = element.toString();
            for (int k = 0; k < text.length(); k++) {
                char c = text.charAt(k);
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    boolean isEmpty() {
        return values.isEmpty() || values.get(0).isEmpty();
    }

    int size() {
        return values.isEmpty() ? 0 : values.get(0).size();
    }

    /** {@code unnest(CAST(?1 AS text[]), …) AS u(name, …)}. */
    String from() {
        StringBuilder sql = new StringBuilder("unnest(");
        for (int i = 0; i < names.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("CAST(?").append(firstParameter + i).append(" AS text[])");
        }
        return sql.append(") AS u(").append(String.join(", ", names)).append(')').toString();
    }

    /** The column's value in its SQL type. */
    String col(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + name);
        }
        String type = types.get(i);
        return switch (type) {
            case "text" -> "u." + name;
            default -> "CAST(u." + name + " AS " + type + ")";
        };
    }

    /** Every column's value in its SQL type, comma-separated, in the order given (for an INSERT … SELECT). */
    String cols() {
        return String.join(", ", names.stream().map(this::col).toList());
    }

    /** The column names, comma-separated (for the INSERT's column list). */
    String names() {
        return String.join(", ", names);
    }

    Query bind(Query query) {
        for (int i = 0; i < names.size(); i++) {
            query.setParameter(firstParameter + i, values.get(i).toArray(String[]::new));
        }
        return query;
    }
}
