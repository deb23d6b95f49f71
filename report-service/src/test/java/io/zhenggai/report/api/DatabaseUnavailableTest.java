package io.zhenggai.report.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/**
 * Which failures are "no database connection" (503, retry) and which are bugs (500), judged by the exception chain:
 * the cases a real pool cannot easily stage (an unreachable database, SQLSTATE 08, a driver's transient connection
 * exception).
 */
class DatabaseUnavailableTest {

    @Test
    void shouldRecogniseAnUnreachableDatabaseByItsSqlState() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:15432 refused", "08001");
        assertTrue(ProblemMapper.databaseUnavailable(new PersistenceException("wrapped",
                new GenericJDBCException("Unable to acquire JDBC Connection", refused))));
        assertTrue(ProblemMapper.databaseUnavailable(new SQLException("I/O error", "08006")));
    }

    @Test
    void shouldRecogniseHibernatesAndTheDriversConnectionExceptionsByType() {
        assertTrue(ProblemMapper.databaseUnavailable(new JDBCConnectionException("Unable to acquire JDBC Connection",
                new SQLException("no state"))));
        assertTrue(ProblemMapper.databaseUnavailable(new RuntimeException(new SQLTransientConnectionException("busy"))));
    }

    @Test
    void shouldNotTakeOtherDatabaseFailuresForUnavailability() {
        assertFalse(ProblemMapper.databaseUnavailable(new ConstraintViolationException("duplicate",
                new SQLException("duplicate key", "23505"), "uk")));
        // the words alone, from outside the pool, are not Agroal's acquisition timeout
        assertFalse(ProblemMapper.databaseUnavailable(new SQLException("Sorry, acquisition timeout!")));
        assertFalse(ProblemMapper.databaseUnavailable(new IllegalStateException("bug")));
    }

    @Test
    void shouldAnswer503WithRetryAfterAndA500ForABug() {
        Response busy = new ProblemMapper().unexpected(new PersistenceException(new SQLException("x", "08003")));
        assertEquals(503, busy.getStatus());
        assertEquals(String.valueOf(ProblemMapper.RETRY_AFTER_SECONDS), busy.getHeaderString("Retry-After"));
        assertEquals(500, new ProblemMapper().unexpected(new IllegalStateException("bug")).getStatus());
    }
}
