package io.zhenggai.issue.supervision;

import java.sql.SQLException;
import java.time.DateTimeException;

/**
 * Why applying a journal entry failed, as the inbox follower judges it. A failure is the entry's own (permanent: it
 * fails the same way on every retry, so the follower records it and moves past it) when the database refused the
 * entry's data (SQLSTATE class 22, data exception, or 23, integrity constraint) or when its payload could not be
 * read ({@link IllegalArgumentException} such as an unknown level, {@link DateTimeException} such as an unparsable
 * day, {@link NullPointerException} on a missing field). Anything else says nothing about the entry (a lost
 * connection, a lock or transaction timeout, a deadlock, a missing table after a bad deployment) and would fail the
 * next entry too: it is retried later and never skipped. A database failure of another class wins over a payload
 * exception in the same chain: the database failing is never the entry's fault. Pure.
 */
public final class EntryFailure {

    private EntryFailure() {
    }

    /** Whether the failure is the entry's own (see the class comment). */
    public static boolean permanent(Throwable failure) {
        boolean database = false;
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                    return true;
                }
                database = true;
            }
        }
        if (database) {
            return false;
        }
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof IllegalArgumentException || t instanceof DateTimeException
                    || t instanceof NullPointerException) {
                return true;
            }
        }
        return false;
    }

    /** What a person needs to know of a failure: the innermost cause's class, message and SQLSTATE. */
    public static String describe(Throwable failure) {
        Throwable root = innermost(failure);
        String message = root.getMessage() == null ? "" : root.getMessage().strip();
        String state = root instanceof SQLException sql && sql.getSQLState() != null
                ? " [SQLSTATE " + sql.getSQLState() + "]" : "";
        return root.getClass().getSimpleName() + ": " + message + state;
    }

    /** The innermost cause's class name. */
    public static String exceptionClass(Throwable failure) {
        return innermost(failure).getClass().getName();
    }

    private static Throwable innermost(Throwable failure) {
        Throwable root = failure;
        while (next(root) != null) {
            root = next(root);
        }
        return root;
    }

    private static Throwable next(Throwable t) {
        Throwable cause = t.getCause();
        if (cause == null || cause == t) {
            // a driver's batch failure carries the statement's own error as the next exception, not as the cause
            return t instanceof SQLException sql && sql.getNextException() != t ? sql.getNextException() : null;
        }
        return cause;
    }
}
