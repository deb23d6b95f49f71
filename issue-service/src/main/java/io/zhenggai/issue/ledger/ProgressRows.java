package io.zhenggai.issue.ledger;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.issue.journal.Journal;

/**
 * The rows of a progress report, the most frequent change, in plain SQL on the transaction's connection: no ORM
 * session is opened for it. The issue is locked and read with its inspection's sequence in one statement; what the
 * report changes (five columns of the issue) and adds (the report) are {@link Journal.Write}s that go to the database
 * in the same statement as the event's row.
 */
@ApplicationScoped
class ProgressRows {

    private static final String LOCK = """
            SELECT i.id, i.inspection_id, i.list_key, i.aspect_path, i.group_title, i.category_path, i.path,
                   i.numbering, i.ordinal, i.title, i.description, i.lead_leaders, i.responsible_units, i.tags,
                   i.deadline, i.status, i.status_label, i.completed_by, i.last_progress_date, i.lead_unit,
                   i.assignment_state, i.assigned_at, i.signed_at, i.signed_by, i.original_deadline,
                   i.extension_count, i.returned_count, i.awaiting_decision, i.sequence, i.created_at, i.updated_at,
                   n.sequence
            FROM issue i JOIN inspection n ON n.id = i.inspection_id
            WHERE i.id = ? FOR UPDATE OF i""";

    private static final String UPDATE = """
            UPDATE issue SET status = ?, status_label = ?, last_progress_date = ?, sequence = ?, updated_at = ?
            WHERE id = ?""";

    /** Every column of {@code progress_report} ({@code ProgressRowsTest} holds it to the table). */
    static final String INSERT = """
            INSERT INTO progress_report (id, issue_id, as_of, text, readings, actor, recorded_at, sequence, source,
                                         warnings, unit, corrects, superseded_by, withdrawn, attachments)
            VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, CAST(? AS jsonb))""";

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    /** An issue locked for a report (not managed by the ORM), and the sequence of its inspection as read. */
    record Locked(Issue issue, long inspectionSequence) {
    }

    Locked lock(UUID id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LOCK)) {
            statement.setObject(1, id);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw LedgerException.notFound("Issue", id);
                }
                return new Locked(issue(row), row.getLong(32));
            }
        } catch (SQLException e) {
            throw new PersistenceException("Could not lock issue " + id, e);
        }
    }

    /** What a report changes of its issue: the five columns it writes. */
    static Journal.Write reported(Issue issue) {
        return new Journal.Write(UPDATE, Arrays.asList(issue.status.name(), issue.statusLabel, issue.lastProgressDate,
                issue.sequence, timestamp(issue.updatedAt), issue.id));
    }

    /** The report's row, its JSON columns as the ORM would hold them. */
    Journal.Write inserted(ProgressReport report) {
        return new Journal.Write(INSERT, Arrays.asList(report.id, report.issueId, report.asOf, report.text,
                json(report.readings), report.actor, timestamp(report.recordedAt), report.sequence,
                report.source == null ? null : report.source.name(),
                json(report.warnings == null ? List.of() : report.warnings), report.unit,
                report.corrects, report.supersededBy, report.withdrawn,
                json(report.attachments == null ? List.of() : report.attachments)));
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A progress report that cannot be written as JSON: " + e.getMessage(),
                    e);
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Issue issue(ResultSet row) throws SQLException {
        Issue issue = new Issue();
        issue.id = row.getObject(1, UUID.class);
        issue.inspectionId = row.getObject(2, UUID.class);
        issue.listKey = row.getString(3);
        issue.aspectPath = row.getString(4);
        issue.groupTitle = row.getString(5);
        issue.categoryPath = row.getString(6);
        issue.path = row.getString(7);
        issue.numbering = row.getString(8);
        issue.ordinal = row.getInt(9);
        issue.title = row.getString(10);
        issue.description = row.getString(11);
        issue.leadLeaders = strings(row.getArray(12));
        issue.responsibleUnits = strings(row.getArray(13));
        issue.tags = strings(row.getArray(14));
        issue.deadline = row.getObject(15, java.time.LocalDate.class);
        issue.status = IssueStatus.valueOf(row.getString(16));
        issue.statusLabel = row.getString(17);
        issue.completedBy = row.getString(18);
        issue.lastProgressDate = row.getObject(19, java.time.LocalDate.class);
        issue.leadUnit = row.getString(20);
        String assignment = row.getString(21);
        issue.assignmentState = assignment == null ? null : AssignmentState.valueOf(assignment);
        issue.assignedAt = instant(row, 22);
        issue.signedAt = instant(row, 23);
        issue.signedBy = row.getString(24);
        issue.originalDeadline = row.getObject(25, java.time.LocalDate.class);
        issue.extensionCount = row.getInt(26);
        issue.returnedCount = row.getInt(27);
        String awaiting = row.getString(28);
        issue.awaitingDecision = awaiting == null ? null : AwaitingDecision.valueOf(awaiting);
        issue.sequence = row.getLong(29);
        issue.createdAt = instant(row, 30);
        issue.updatedAt = instant(row, 31);
        return issue;
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return new ArrayList<>();
        }
        try {
            return new ArrayList<>(Arrays.asList((String[]) array.getArray()));
        } finally {
            array.free();
        }
    }
}
