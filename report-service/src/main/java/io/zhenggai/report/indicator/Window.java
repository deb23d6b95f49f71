package io.zhenggai.report.indicator;

import java.time.LocalDate;

/**
 * The time an evaluation looks at. {@code asOf} (inclusive; null for "everything") bounds all readings: nothing dated
 * later is seen. {@code from} (inclusive; null for "from the start") bounds only metrics summed over time, because a
 * flow is summed over a period while a cumulative figure is simply its latest value, however long ago it was reported.
 */
public record Window(LocalDate from, LocalDate asOf) {

    public Window {
        if (from != null && asOf != null && from.isAfter(asOf)) {
            throw new IllegalArgumentException("from " + from + " is after asOf " + asOf);
        }
    }

    public static Window asOf(LocalDate asOf) {
        return new Window(null, asOf);
    }

    public static Window between(LocalDate from, LocalDate asOf) {
        return new Window(from, asOf);
    }

    public static Window all() {
        return new Window(null, null);
    }

    boolean admits(LocalDate date, boolean summedOverTime) {
        return (asOf == null || !date.isAfter(asOf)) && (!summedOverTime || from == null || !date.isBefore(from));
    }
}
