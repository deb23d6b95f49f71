package io.zhenggai.issue.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class WarningLevelTest {

    static final LocalDate TODAY = LocalDate.of(2023, 5, 10);

    @Test
    void shouldBeRedWhenOverdue() {
        assertThat(WarningLevel.of(IssueStatus.IN_PROGRESS, TODAY.minusDays(1), TODAY)).isEqualTo(WarningLevel.RED);
    }

    @Test
    void shouldBeYellowFromTheDeadlineDayUpToTenDaysAheadInclusive() {
        assertThat(WarningLevel.of(IssueStatus.IN_PROGRESS, TODAY, TODAY)).isEqualTo(WarningLevel.YELLOW);
        assertThat(WarningLevel.of(IssueStatus.NOT_STARTED, TODAY.plusDays(10), TODAY)).isEqualTo(WarningLevel.YELLOW);
        assertThat(WarningLevel.of(IssueStatus.NOT_STARTED, TODAY.plusDays(11), TODAY)).isEqualTo(WarningLevel.GREEN);
    }

    @Test
    void shouldBeNoneWithoutDeadlineOrWhenClosedOrLongTerm() {
        assertThat(WarningLevel.of(IssueStatus.IN_PROGRESS, null, TODAY)).isEqualTo(WarningLevel.NONE);
        assertThat(WarningLevel.of(IssueStatus.CLOSED, TODAY.minusDays(30), TODAY)).isEqualTo(WarningLevel.NONE);
        assertThat(WarningLevel.of(IssueStatus.LONG_TERM, TODAY.minusDays(30), TODAY)).isEqualTo(WarningLevel.NONE);
    }

    @Test
    void shouldStillWarnForACompletedIssueAwaitingVerificationPastItsDeadline() {
        assertThat(WarningLevel.of(IssueStatus.COMPLETED, TODAY.minusDays(1), TODAY)).isEqualTo(WarningLevel.RED);
    }
}
