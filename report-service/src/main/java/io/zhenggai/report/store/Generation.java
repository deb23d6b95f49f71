package io.zhenggai.report.store;

import java.time.Instant;

/**
 * A generation (世代) of the projections: a schema of its own holding everything built from the event log. One is
 * ACTIVE (reads and the intake use it); a replay builds a new one (BUILDING) beside it; switching makes the new one
 * ACTIVE and the old one RETIRED, in one transaction; a cancelled build is CANCELLED and its schema dropped. A
 * RETIRED generation keeps its schema (to look into) until an operator drops it ({@code droppedAt}).
 */
public record Generation(int number, String schema, State state, Instant createdAt, Instant activatedAt,
                         Instant retiredAt, Instant droppedAt, String note) {

    public enum State { BUILDING, ACTIVE, RETIRED, CANCELLED }

    public static String schemaOf(int number) {
        return "gen_" + number;
    }
}
