package io.zhenggai.report.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The deadline warning exists once ({@link WarningRule}): its SQL form, run by PostgreSQL, gives the level its Java
 * form gives, for every status, no deadline, and deadlines from 40 days past to 40 days ahead of days that sit on
 * month and year boundaries (the counters sum months and days on either side of the boundaries).
 */
@QuarkusTest
class WarningRuleTest {

    @Inject
    EntityManager em;

    @Test
    void shouldJudgeInSqlAsInJava() {
        List<String> rows = new ArrayList<>();
        List<WarningLevel> expected = new ArrayList<>();
        for (LocalDate today : List.of(LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 21),
                LocalDate.of(2026, 12, 31), LocalDate.of(2024, 2, 29), LocalDate.of(2023, 3, 1))) {
            for (IssueStatus status : IssueStatus.values()) {
                for (int days = -41; days <= 40; days++) {
                    LocalDate deadline = days == -41 ? null : today.plusDays(days);
                    rows.add("(" + rows.size() + ", '" + status + "', " + (deadline == null ? "NULL" : "DATE '"
                            + deadline + "'") + ", DATE '" + today + "')");
                    expected.add(WarningRule.level(status, deadline, today));
                }
            }
        }
        @SuppressWarnings("unchecked")
        List<Object> levels = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("SELECT "
                + WarningRule.sql("t.status", "t.deadline", "t.today") + " FROM (VALUES " + String.join(", ", rows)
                + ") AS t(n, status, deadline, today) ORDER BY t.n").getResultList());
        assertThat(levels.stream().map(l -> WarningLevel.valueOf((String) l)).toList()).isEqualTo(expected);
        // the rule's own boundaries, as the bulletin states it: at most 10 days left is YELLOW
        LocalDate today = LocalDate.of(2026, 12, 2);
        assertThat(WarningRule.level(IssueStatus.IN_PROGRESS, today.minusDays(1), today)).isEqualTo(WarningLevel.RED);
        assertThat(WarningRule.level(IssueStatus.IN_PROGRESS, today, today)).isEqualTo(WarningLevel.YELLOW);
        assertThat(WarningRule.level(IssueStatus.COMPLETED, today.plusDays(10), today)).isEqualTo(WarningLevel.YELLOW);
        assertThat(WarningRule.level(IssueStatus.NOT_STARTED, today.plusDays(11), today)).isEqualTo(WarningLevel.GREEN);
        assertThat(WarningRule.level(IssueStatus.LONG_TERM, today.minusDays(1), today)).isEqualTo(WarningLevel.NONE);
    }
}
