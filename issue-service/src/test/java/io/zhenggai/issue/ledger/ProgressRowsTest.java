package io.zhenggai.issue.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.Transient;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.zhenggai.issue.Api;

/**
 * A progress report reads its issue in plain SQL ({@link ProgressRows}), beside the ORM's mapping of the same table.
 * The issue it reads goes into the event whole (the snapshot report-service projects), so a column the SQL missed
 * would publish a wrong issue without any error. Every persistent field of {@link Issue} is set here, and the SQL's
 * issue must equal the ORM's: a field added to the entity and not to the SQL fails this test. Likewise the report's
 * plain-SQL insert must name every column of its table.
 */
@QuarkusTest
class ProgressRowsTest {

    /** The fields Hibernate's bytecode enhancement adds to an entity. */
    private static final String ENHANCED = "$$_hibernate";

    @Inject
    ProgressRows rows;

    @Test
    void shouldReadEveryColumnOfTheIssueAsTheOrmDoes() {
        UUID id = UUID.fromString(Api.issue(Api.inspection(), "2030-01-01"));
        // every nullable column the API left empty gets a value, as the workflow would give it
        QuarkusTransaction.requiringNew().run(() -> Issue.getEntityManager().createNativeQuery("""
                        UPDATE issue SET group_title = '（一）组', description = '问题描述', lead_leaders = '{张三,李四}',
                            responsible_units = '{甲局,乙局}', tags = '{重点}', status = 'COMPLETED', status_label = '已完成',
                            completed_by = 'office-clerk', last_progress_date = DATE '2023-05-10', lead_unit = '甲局',
                            assignment_state = 'SIGNED', assigned_at = TIMESTAMPTZ '2023-04-01 08:00:00+08',
                            signed_at = TIMESTAMPTZ '2023-04-02 09:30:00.123456+08', signed_by = 'unit-clerk',
                            original_deadline = DATE '2029-12-31', extension_count = 2, returned_count = 1,
                            awaiting_decision = 'COMPLETION'
                        WHERE id = ?1""").setParameter(1, id).executeUpdate());

        Issue sql = QuarkusTransaction.requiringNew().call(() -> rows.lock(id).issue());
        Issue orm = QuarkusTransaction.requiringNew().call(() -> Issue.<Issue>findById(id));

        for (Field field : persistentFields()) {
            assertThat(value(field, orm)).as("%s, as the ORM reads it (set it in this test)", field.getName())
                    .isNotNull();
        }
        assertThat(sql).usingRecursiveComparison().ignoringFieldsMatchingRegexes("\\$\\$_hibernate.*").isEqualTo(orm);
    }

    @Test
    void shouldWriteEveryColumnOfAProgressReport() {
        // the report's INSERT names its columns by hand: a column added to the table must be added there too
        @SuppressWarnings("unchecked")
        List<String> table = QuarkusTransaction.requiringNew().call(() -> Issue.getEntityManager().createNativeQuery("""
                        SELECT column_name FROM information_schema.columns
                        WHERE table_schema = current_schema() AND table_name = 'progress_report'""").getResultList());
        String columns = ProgressRows.INSERT.substring(ProgressRows.INSERT.indexOf('(') + 1,
                ProgressRows.INSERT.indexOf(')'));
        List<String> written = Arrays.stream(columns.split(",")).map(String::strip).toList();

        assertThat(written).containsExactlyInAnyOrderElementsOf(table);
    }

    private static List<Field> persistentFields() {
        return Arrays.stream(Issue.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers())
                        && !f.isAnnotationPresent(Transient.class) && !f.getName().startsWith(ENHANCED))
                .toList();
    }

    private static Object value(Field field, Issue issue) {
        try {
            field.setAccessible(true);
            return field.get(issue);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
