package io.zhenggai.report.projection;

import java.time.LocalDate;

/**
 * One issue's counted state, as a row of {@code issue_view} (live), of {@code issue_timeline} (a segment of the
 * effective clock) or of {@code issue_version} (a version on the recorded clock) holds it: what {@link Measure}'s
 * conditions read, in a compact form for counting in memory. Days are epoch days, {@link #NO_DAY} for SQL's null.
 *
 * @param attributes  the issue's attributes in this state (its place in the tree, units, leaders …); null when the row
 *                    names none that exist (the SQL's LEFT JOIN finds none)
 * @param inspection  the inspection, shared by every state of it
 * @param status      the status's ordinal in {@link IssueStatus}, or -1 for a status this code does not know
 * @param assignment  1 when ASSIGNED (unsigned), else 0
 * @param awaiting    1 awaiting a completion decision, 2 an extension decision, else 0
 */
public record IssueState(IssueAttributes attributes, Inspection inspection, int deadline, byte status, int completedOn,
                         int lastProgress, int createdOn, int originalDeadline, byte assignment, byte awaiting,
                         int reopened, int extensions, int returns) {

    /** SQL's null for a day. */
    public static final int NO_DAY = Integer.MIN_VALUE;

    /** An inspection as states refer to it: its id, once per inspection. */
    public record Inspection(java.util.UUID id, String text) {

        public static Inspection of(java.util.UUID id) {
            return new Inspection(id, id.toString());
        }
    }

    public static int day(LocalDate date) {
        return date == null ? NO_DAY : (int) date.toEpochDay();
    }

    public static byte status(String status) {
        for (IssueStatus s : IssueStatus.values()) {
            if (s.name().equals(status)) {
                return (byte) s.ordinal();
            }
        }
        return -1;
    }

    public static byte assignment(String state) {
        return (byte) ("ASSIGNED".equals(state) ? 1 : 0);
    }

    public static byte awaiting(String decision) {
        if ("COMPLETION".equals(decision)) {
            return 1;
        }
        return (byte) ("EXTENSION".equals(decision) ? 2 : 0);
    }
}
