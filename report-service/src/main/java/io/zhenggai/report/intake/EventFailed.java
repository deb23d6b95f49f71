package io.zhenggai.report.intake;

import java.sql.SQLException;

/**
 * Applying, holding or recording one event failed: names the event (and where its record was read, when known), so
 * that the batch it was in can be applied again with that event set aside. Thrown out of the applying transaction,
 * which rolls back whole.
 * <p>
 * Whether the event itself is to blame ({@link #isPoison()}) is judged from the failure: the database refusing its
 * data (SQLSTATE class 22, data exception, e.g. a numeric overflow or a date out of range; class 23, a constraint) or
 * projection code throwing on it without any database failure. Anything else (the connection, a deadlock, a timeout,
 * a missing table or column) says nothing about the event and would fail every other event too: the batch is tried
 * again later instead, so that an outage or a bad deployment never empties the topic into the DLQ.
 */
public final class EventFailed extends RuntimeException {

    private final transient RectificationEvent event;
    private final transient DeadLetters.Source source;

    EventFailed(RectificationEvent event, DeadLetters.Source source, RuntimeException cause) {
        super("applying " + event.type() + " " + event.id() + " (" + event.aggregateId() + " #" + event.sequence()
                + ") failed: " + describe(cause), cause, false, false);
        this.event = event;
        this.source = source;
    }

    public RectificationEvent event() {
        return event;
    }

    /** Where its record was read; null when not known. */
    public DeadLetters.Source source() {
        return source;
    }

    public boolean isPoison() {
        return poison(getCause());
    }

    /** The reason for the DLQ and the operators: what the innermost cause said. */
    public String reason() {
        return "the projection failed: " + describe(getCause());
    }

    /** The class of the innermost cause. */
    public String exceptionClass() {
        return innermost(getCause()).getClass().getName();
    }

    /** Whether a failure is the event's own (see the class comment). */
    public static boolean poison(Throwable failure) {
        boolean database = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                database = true;
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                    return true;
                }
            }
            String name = t.getClass().getName();
            if (name.startsWith("jakarta.transaction.") || name.startsWith("org.hibernate.exception.")
                    || t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof jakarta.persistence.LockTimeoutException
                    || t instanceof jakarta.persistence.QueryTimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                database = true;
            }
        }
        return !database;
    }

    /** The innermost cause, its message and SQLSTATE: what a person needs to know of a failure. */
    public static String describe(Throwable failure) {
        Throwable root = innermost(failure);
        String message = root.getMessage() == null ? "" : root.getMessage().strip();
        // a SQLSTATE says what kind of refusal it was
        String state = root instanceof SQLException sql && sql.getSQLState() != null
                ? " [SQLSTATE " + sql.getSQLState() + "]" : "";
        return root.getClass().getSimpleName() + ": " + message + state;
    }

    private static Throwable innermost(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
