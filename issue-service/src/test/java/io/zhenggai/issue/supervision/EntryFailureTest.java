package io.zhenggai.issue.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import jakarta.persistence.PersistenceException;

import org.junit.jupiter.api.Test;

/**
 * Which failures of the inbox follower are an entry's own (skipped and recorded) and which are retried:
 * <pre>
 *   failure (as Hibernate and the driver wrap it)                     permanent?
 *   SQLSTATE 22xxx data exception, 23xxx constraint                   yes
 *   IllegalArgumentException, DateTimeParseException, NPE (payload)   yes
 *   SQLSTATE 08006 connection, 55P03 lock timeout, 40P01 deadlock,
 *   57014 cancelled, 42P01 no such table, no SQLSTATE (pool)          no
 *   a payload exception beside a database failure of another class   no: the database is never the entry's fault
 *   IllegalStateException, a transaction timeout                      no
 * </pre>
 */
class EntryFailureTest {

    @Test
    void shouldTreatDataExceptionsAndUnreadablePayloadsAsTheEntrysOwn() {
        assertThat(EntryFailure.permanent(hibernate(new SQLException("value too long", "22001")))).isTrue();
        assertThat(EntryFailure.permanent(hibernate(new SQLException("numeric field overflow", "22003")))).isTrue();
        assertThat(EntryFailure.permanent(hibernate(new SQLException("null value in column", "23502")))).isTrue();
        assertThat(EntryFailure.permanent(hibernate(new SQLException("duplicate key", "23505")))).isTrue();
        assertThat(EntryFailure.permanent(entry(new IllegalArgumentException(
                "No enum constant io.zhenggai.issue.supervision.ReminderLevel.PURPLE")))).isTrue();
        assertThat(EntryFailure.permanent(entry(catching(() -> LocalDate.parse("明天"))))).isTrue();
        assertThat(EntryFailure.permanent(entry(new NullPointerException("deadline")))).isTrue();
        // a batch's statement error comes as the driver's next exception
        BatchUpdateException batch = new BatchUpdateException("batch entry 0 failed", "", new int[0]);
        batch.setNextException(new SQLException("invalid input syntax for type date", "22007"));
        assertThat(EntryFailure.permanent(hibernate(batch))).isTrue();
    }

    @Test
    void shouldRetryWhatSaysNothingAboutTheEntry() {
        SQLException connection = new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new EOFException());
        assertThat(EntryFailure.permanent(hibernate(connection))).isFalse();
        assertThat(EntryFailure.permanent(hibernate(new SQLException("canceling statement due to lock timeout",
                "55P03")))).isFalse();
        assertThat(EntryFailure.permanent(hibernate(new SQLException("deadlock detected", "40P01")))).isFalse();
        assertThat(EntryFailure.permanent(hibernate(new SQLException("canceling statement", "57014")))).isFalse();
        assertThat(EntryFailure.permanent(hibernate(new SQLException("relation \"inbox_item\" does not exist",
                "42P01")))).isFalse();
        assertThat(EntryFailure.permanent(hibernate(new SQLException("Sorry, acquisition timeout!")))).isFalse();
        PersistenceException both = new PersistenceException(new IllegalArgumentException("bad",
                new SQLException("terminating connection", "57P01")));
        assertThat(EntryFailure.permanent(both)).isFalse();
        assertThat(EntryFailure.permanent(entry(new IllegalStateException("no transaction")))).isFalse();
        assertThat(EntryFailure.permanent(new RuntimeException(new jakarta.transaction.RollbackException(
                "transaction timed out")))).isFalse();
    }

    @Test
    void shouldDescribeTheInnermostCauseWithItsSqlState() {
        SQLException refused = new SQLException("value too long for type character varying(10)", "22001");
        assertThat(EntryFailure.describe(hibernate(refused)))
                .isEqualTo("SQLException: value too long for type character varying(10) [SQLSTATE 22001]");
        assertThat(EntryFailure.exceptionClass(hibernate(refused))).isEqualTo("java.sql.SQLException");
        assertThat(EntryFailure.describe(entry(new NullPointerException()))).isEqualTo("NullPointerException: ");
    }

    /** As the follower sees a failure of its SQL: Hibernate's exception around the driver's. */
    static RuntimeException hibernate(SQLException cause) {
        return entry(new PersistenceException("could not execute statement", cause));
    }

    /** As the follower wraps whatever applying an entry threw. */
    static RuntimeException entry(RuntimeException cause) {
        return new RuntimeException("applying journal entry 42 failed", cause);
    }

    static RuntimeException catching(Runnable parse) {
        try {
            parse.run();
        } catch (DateTimeParseException e) {
            return e;
        }
        throw new AssertionError("expected a DateTimeParseException");
    }
}
