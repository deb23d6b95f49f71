package io.zhenggai.report.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The tables the projections write (an issue's and an inspection's), in a generation's schema, have exactly the
 * columns their writers write (each once), with the types they cast to: a column added to the schema and not to its
 * {@link Columns} ({@link IssueColumns}, {@link InspectionProjection#COLUMNS}), or the other way round, fails here,
 * not silently as a NULL or a default in every row.
 */
@QuarkusTest
class ProjectionColumnsTest {

    @Inject
    DataSource dataSource;

    @Test
    void everyColumnOfTheIssueTablesIsWrittenWithItsType() throws Exception {
        // the corrections write their three columns into the reports and the readings
        Columns<?> superseded = IssueColumns.SUPERSESSION.where(c -> c.role() != Columns.Role.KEY);
        Map<String, List<Columns<?>>> writers = Map.of(
                "issue_attributes", List.of(IssueColumns.ATTRIBUTES),
                "issue_view", List.of(IssueColumns.VIEW),
                "issue_version", List.of(IssueColumns.VERSION),
                "issue_timeline", List.of(IssueColumns.TIMELINE),
                "issue_status_history", List.of(IssueColumns.STATUS_HISTORY),
                "reading_fact", List.of(IssueColumns.READINGS, superseded),
                "progress_report", List.of(IssueColumns.REPORTS, superseded),
                "issue_text", List.of(IssueColumns.TEXTS),
                // and the database's clock the time it was applied
                "inspection_view", List.of(InspectionProjection.COLUMNS, new Columns<>(List.of(
                        Columns.column("updated_at", "timestamptz", Columns.Role.CHANGING, row -> null)))));
        try (Connection connection = dataSource.getConnection()) {
            String schema;
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
                    "SELECT schema_name FROM public.generation WHERE state = 'ACTIVE'")) {
                assertThat(rs.next()).isTrue();
                schema = rs.getString(1);
            }
            for (Map.Entry<String, List<Columns<?>>> table : writers.entrySet()) {
                Map<String, String> stored = new HashMap<>();
                try (PreparedStatement statement = connection.prepareStatement("""
                        SELECT column_name, format_type(a.atttypid, a.atttypmod)
                        FROM information_schema.columns c
                        JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass
                                           AND a.attname = c.column_name
                        WHERE c.table_schema = ? AND c.table_name = ?""")) {
                    statement.setString(1, schema);
                    statement.setString(2, table.getKey());
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            stored.put(rs.getString(1), rs.getString(2));
                        }
                    }
                }
                Map<String, String> written = new HashMap<>();
                for (Columns<?> statement : table.getValue()) {
                    for (Columns.Column<?> column : statement.list()) {
                        assertThat(written.put(column.name(), sqlName(column.type()))).as(column.name()).isNull();
                    }
                }
                assertThat(written).as(table.getKey()).isEqualTo(stored);
            }
        }
    }

    @Test
    void theStatementsThatWriteSomeColumnsKeepTheirKeysAndLeaveTheFixedOnesAlone() {
        assertThat(IssueColumns.VIEW_CHANGE.names()).contains("id", "status", "warning", "updated_at")
                .doesNotContain("attributes_id", "inspection_id", "deadline", "original_deadline", "created_on",
                        "created_at", "title", "lead_leaders");
        assertThat(IssueColumns.TIMELINE_CHANGE.names()).contains("issue_id", "valid_from", "attributes_id",
                "deadline").doesNotContain("valid_to", "created_on");
        assertThat(IssueColumns.TIMELINE_RECOMPUTED.names()).doesNotContainAnyElementsOf(
                IssueColumns.COPIED.names());
        assertThat(IssueColumns.COPIED.names()).isEqualTo(List.of("inspection_id", "deadline", "original_deadline"));
        // an upsert keeps the row's key and creation; an update sets all it names but the keys
        List<String> upserted = List.of(IssueColumns.VIEW.setExcluded().split(", "));
        assertThat(upserted).contains("status = EXCLUDED.status", "title = EXCLUDED.title",
                "attributes_id = EXCLUDED.attributes_id").doesNotContain("id = EXCLUDED.id",
                "created_on = EXCLUDED.created_on", "created_at = EXCLUDED.created_at");
        assertThat(upserted).hasSize(IssueColumns.VIEW.list().size() - 3);
        Unnest rows = IssueColumns.TIMELINE_CHANGE.unnest();
        assertThat(List.of(IssueColumns.TIMELINE_CHANGE.set(rows).split(", "))).hasSize(
                IssueColumns.TIMELINE_CHANGE.list().size() - 2).contains("status = u.status")
                .noneMatch(set -> set.startsWith("issue_id ") || set.startsWith("valid_from "));
    }

    /** PostgreSQL's name of a type as the writers cast to it. */
    private static String sqlName(String type) {
        return switch (type) {
            case "int" -> "integer";
            case "timestamptz" -> "timestamp with time zone";
            case "text" -> "text";
            case "text[]" -> "text[]";
            default -> type;
        };
    }
}
