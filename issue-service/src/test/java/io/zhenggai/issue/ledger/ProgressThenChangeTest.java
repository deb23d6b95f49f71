package io.zhenggai.issue.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.zhenggai.issue.Api;

/**
 * A progress report writes its issue's few changed columns itself and loads the issue read-only. The importers make
 * a report and then change the same issue again in one transaction (a bulletin's item with progress and 已完成, a
 * ledger row with progress and a status): the later change must reach the database, whether or not the issue was
 * loaded before the report in that transaction.
 */
@QuarkusTest
class ProgressThenChangeTest {

    private static final Caller OFFICE = new Caller("office-clerk", "办公室", Set.of(Roles.OFFICE), Set.of());

    @Inject
    IssueService issues;

    @Test
    void shouldKeepATransitionMadeAfterAProgressReportInTheSameTransaction() {
        UUID id = UUID.fromString(Api.issue(Api.inspection(), "2030-01-01"));

        QuarkusTransaction.requiringNew().run(() -> {
            issues.reportProgress(id, new IssueRequests.Progress(LocalDate.of(2023, 5, 10), "已完成投资3.1亿元", null,
                    null, null, null, null), null, OFFICE);
            issues.transition(id, new IssueRequests.TransitionInput(Transition.MAKE_LONG_TERM, "需长期坚持", null, null,
                    null, null, null), "*", OFFICE);
        });

        assertStored(id, "LONG_TERM", 3);
    }

    @Test
    void shouldKeepAChangeMadeAfterAProgressReportOnAnIssueLoadedBeforeIt() {
        UUID id = UUID.fromString(Api.issue(Api.inspection(), "2030-01-01"));

        QuarkusTransaction.requiringNew().run(() -> {
            Issue loaded = Issue.findById(id); // as the ledger importer holds it
            assertThat(loaded).isNotNull();
            issues.reportProgress(id, new IssueRequests.Progress(LocalDate.of(2023, 5, 10), "已完成投资3.1亿元", null,
                    null, "推进中", null, null), null, OFFICE);
            issues.transition(id, new IssueRequests.TransitionInput(Transition.MAKE_LONG_TERM, "需长期坚持", null, null,
                    null, null, null), "*", OFFICE);
        });

        assertStored(id, "LONG_TERM", 3);
    }

    private static void assertStored(UUID id, String status, long sequence) {
        List<?> row = QuarkusTransaction.requiringNew().call(() -> (List<?>) List.of((Object[]) Issue.getEntityManager()
                .createNativeQuery("SELECT status, sequence FROM issue WHERE id = ?1").setParameter(1, id)
                .getSingleResult()));
        assertThat(row.get(0)).isEqualTo(status);
        assertThat(((Number) row.get(1)).longValue()).isEqualTo(sequence);
        Api.office().get("/api/issues/" + id).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo(status))
                .body("sequence", org.hamcrest.Matchers.equalTo((int) sequence));
    }
}
