package io.zhenggai.report.projection;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

/** Cells of native query results, whatever Java type the driver and Hibernate chose for them. */
public final class Rows {

    private Rows() {
    }

    /**
     * A collection bound as one parameter: the text of an array literal, cast in SQL ({@code = ANY(CAST(:ids AS
     * uuid[]))}). A list expanded into {@code IN (:ids)} takes a parameter per element, and a statement has at most
     * 65,535: an indicator's readings can come from hundreds of thousands of events.
     */
    public static String array(java.util.Collection<?> elements) {
        return Unnest.arrayLiteral(elements);
    }

    /** The rows of a native query made with {@code Tuple.class}: each row's columns by name. */
    @SuppressWarnings("unchecked")
    public static List<Tuple> tuples(Query query) {
        return query.getResultList();
    }

    /** The same, one at a time (close the stream): a long result is made into what it becomes as it is read. */
    @SuppressWarnings("unchecked")
    public static Stream<Tuple> tupleStream(Query query) {
        return query.getResultStream();
    }

    public static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        return LocalDate.parse(value.toString());
    }

    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }

    public static UUID uuid(Object value) {
        return value == null ? null : value instanceof UUID uuid ? uuid : UUID.fromString(value.toString());
    }

    public static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
    }

    public static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    public static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String[] array) {
            return List.of(array);
        }
        if (value instanceof Object[] array) {
            return Arrays.stream(array).map(String::valueOf).toList();
        }
        if (value instanceof Array array) {
            try {
                return List.of((String[]) array.getArray());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException("not an array: " + value.getClass());
    }
}
