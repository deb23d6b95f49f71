package io.zhenggai.report.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every {@link Measure} exists once, in two languages held together here: its SQL condition, run by PostgreSQL over
 * generated issue states (every status and one it does not know, days absent or on either side of today, of the
 * deadlines and of the stale threshold, every workflow state), selects exactly the states whose {@link Measure#mask}
 * (the form the in-memory counts use) has its bit.
 */
@QuarkusTest
class MeasureRuleTest {

    private static final String[] STATUSES = {"NOT_STARTED", "IN_PROGRESS", "COMPLETED", "CLOSED", "LONG_TERM",
            "SUSPENDED"};
    private static final String[] ASSIGNMENTS = {null, "ASSIGNED", "SIGNED"};
    private static final String[] DECISIONS = {null, "COMPLETION", "EXTENSION"};

    @Inject
    EntityManager em;

    @Test
    void shouldSelectInSqlWhatTheMaskCountsInJava() {
        Random random = new Random(16);
        LocalDate today = LocalDate.of(2026, 12, 3);
        LocalDate staleBefore = today.minusDays(30);
        List<String> rows = new ArrayList<>();
        List<Integer> masks = new ArrayList<>();
        for (int n = 0; n < 4000; n++) {
            String status = STATUSES[random.nextInt(STATUSES.length)];
            LocalDate deadline = day(random, today);
            LocalDate completedOn = day(random, today);
            LocalDate lastProgress = day(random, staleBefore);
            LocalDate createdOn = today.plusDays(random.nextInt(80) - 60);
            LocalDate original = day(random, today);
            String assignment = ASSIGNMENTS[random.nextInt(ASSIGNMENTS.length)];
            String decision = DECISIONS[random.nextInt(DECISIONS.length)];
            int extensions = random.nextInt(3);
            int returns = random.nextInt(3);
            rows.add("(" + n + ", '" + status + "', " + sql(deadline) + ", " + sql(completedOn) + ", "
                    + sql(lastProgress) + ", " + sql(createdOn) + ", " + sql(original) + ", " + sql(assignment) + ", "
                    + extensions + ", " + returns + ", " + sql(decision) + ")");
            masks.add(Measure.mask(new IssueState(null, null, IssueState.day(deadline), IssueState.status(status),
                    IssueState.day(completedOn), IssueState.day(lastProgress), IssueState.day(createdOn),
                    IssueState.day(original), IssueState.assignment(assignment), IssueState.awaiting(decision), 0,
                    extensions, returns), (int) today.toEpochDay(), (int) staleBefore.toEpochDay()));
        }
        StringBuilder columns = new StringBuilder();
        for (Measure measure : Measure.values()) {
            columns.append(", ").append(measure.condition());
        }
        String relation = "(SELECT t.*, " + WarningRule.sql("t.status", "t.deadline", "CAST(:today AS date)")
                + " AS warning FROM (VALUES " + String.join(", ", rows) + ") AS t(n, status, deadline, completed_on, "
                + "last_progress_date, created_on, original_deadline, assignment_state, extension_count, "
                + "returned_count, awaiting_decision)) i";
        @SuppressWarnings("unchecked")
        List<Object[]> selected = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("SELECT i.n"
                + columns + " FROM " + relation + " ORDER BY i.n").setParameter("today", today)
                .setParameter("staleBefore", staleBefore).getResultList());
        int[] seen = new int[Measure.values().length];
        for (Object[] row : selected) {
            int n = ((Number) row[0]).intValue();
            for (Measure measure : Measure.values()) {
                boolean inSql = Boolean.TRUE.equals(row[1 + measure.ordinal()]);
                boolean inJava = (masks.get(n) & (1 << measure.ordinal())) != 0;
                assertThat(inJava).as("%s of state %s: %s", measure, n, rows.get(n)).isEqualTo(inSql);
                seen[measure.ordinal()] += inSql ? 1 : 0;
            }
        }
        // every measure selected some states and left out others: the comparison covered both answers of each
        for (Measure measure : Measure.values()) {
            assertThat(seen[measure.ordinal()]).as(measure.name()).isBetween(1, rows.size() - 1 + (measure
                    == Measure.TOTAL ? 1 : 0));
        }
    }

    /** A day near {@code around}, or none (a fifth of the time). */
    private static LocalDate day(Random random, LocalDate around) {
        return random.nextInt(5) == 0 ? null : around.plusDays(random.nextInt(41) - 20);
    }

    private static String sql(LocalDate day) {
        return day == null ? "CAST(NULL AS date)" : "DATE '" + day + "'";
    }

    private static String sql(String text) {
        return text == null ? "CAST(NULL AS text)" : "'" + text + "'";
    }
}
