package io.zhenggai.issue.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StatusMachineTest {

    /** Every allowed transition: from which state, to which state. */
    static final Map<Transition, List<IssueStatus>> ALLOWED = Map.of(
            Transition.START, List.of(IssueStatus.NOT_STARTED, IssueStatus.IN_PROGRESS),
            Transition.COMPLETE, List.of(IssueStatus.IN_PROGRESS, IssueStatus.COMPLETED),
            Transition.CLOSE, List.of(IssueStatus.COMPLETED, IssueStatus.CLOSED),
            Transition.RETURN, List.of(IssueStatus.COMPLETED, IssueStatus.IN_PROGRESS),
            Transition.MAKE_LONG_TERM, List.of(IssueStatus.IN_PROGRESS, IssueStatus.LONG_TERM),
            Transition.RESUME, List.of(IssueStatus.LONG_TERM, IssueStatus.IN_PROGRESS),
            Transition.REOPEN, List.of(IssueStatus.CLOSED, IssueStatus.IN_PROGRESS));

    static StatusMachine.Request complete(Transition transition) {
        return new StatusMachine.Request(transition, "理由", "核验意见", List.of("证明材料.pdf"), "已整改到位");
    }

    @ParameterizedTest
    @EnumSource(Transition.class)
    void shouldAllowEachTransitionFromItsStateOnly(Transition transition) {
        IssueStatus from = ALLOWED.get(transition).get(0);
        IssueStatus to = ALLOWED.get(transition).get(1);
        assertThat(StatusMachine.apply(from, complete(transition))).isEqualTo(to);
        for (IssueStatus other : EnumSet.complementOf(EnumSet.of(from))) {
            assertThatThrownBy(() -> StatusMachine.apply(other, complete(transition)))
                    .isInstanceOfSatisfying(StatusMachine.Refusal.class, refusal -> {
                        assertThat(refusal.isConflict()).isTrue();
                        assertThat(refusal.getMessage()).contains(transition.name()).contains(other.name());
                    });
        }
    }

    @Test
    void shouldRequireAVerificationNoteAndEvidenceToClose() {
        assertThatThrownBy(() -> StatusMachine.apply(IssueStatus.COMPLETED,
                new StatusMachine.Request(Transition.CLOSE, null, " ", List.of("x"), null)))
                .isInstanceOfSatisfying(StatusMachine.Refusal.class, r -> assertThat(r.field()).isEqualTo("verificationNote"));
        assertThatThrownBy(() -> StatusMachine.apply(IssueStatus.COMPLETED,
                new StatusMachine.Request(Transition.CLOSE, null, "核验通过", List.of(), null)))
                .isInstanceOfSatisfying(StatusMachine.Refusal.class, r -> {
                    assertThat(r.field()).isEqualTo("evidence");
                    assertThat(r.isConflict()).isFalse();
                });
    }

    @ParameterizedTest
    @EnumSource(value = Transition.class, names = {"RETURN", "MAKE_LONG_TERM", "RESUME", "REOPEN"})
    void shouldRequireAReason(Transition transition) {
        IssueStatus from = ALLOWED.get(transition).get(0);
        assertThatThrownBy(() -> StatusMachine.apply(from,
                new StatusMachine.Request(transition, "  ", null, null, "说明")))
                .isInstanceOfSatisfying(StatusMachine.Refusal.class, r -> {
                    assertThat(r.field()).isEqualTo("reason");
                    assertThat(r.isConflict()).isFalse();
                });
    }

    @Test
    void shouldRequireANoteToAskForCompletion() {
        for (String note : new String[]{null, "", "  "}) {
            assertThatThrownBy(() -> StatusMachine.apply(IssueStatus.IN_PROGRESS,
                    new StatusMachine.Request(Transition.COMPLETE, null, null, null, note)))
                    .isInstanceOfSatisfying(StatusMachine.Refusal.class, r -> {
                        assertThat(r.field()).isEqualTo("note");
                        assertThat(r.isConflict()).isFalse();
                    });
        }
        assertThat(StatusMachine.apply(IssueStatus.IN_PROGRESS,
                new StatusMachine.Request(Transition.COMPLETE, null, null, null, "已整改到位")))
                .isEqualTo(IssueStatus.COMPLETED);
    }

    @Test
    void shouldStartOnTheFirstProgressReportOnly() {
        assertThat(StatusMachine.afterProgress(IssueStatus.NOT_STARTED)).isEqualTo(IssueStatus.IN_PROGRESS);
        for (IssueStatus other : EnumSet.complementOf(EnumSet.of(IssueStatus.NOT_STARTED))) {
            assertThat(StatusMachine.afterProgress(other)).isEqualTo(other);
        }
    }

    @Test
    void shouldGoForwardAsAPublishedDocumentReportsItAndNeverBack() {
        assertThat(StatusMachine.forward(IssueStatus.NOT_STARTED, IssueStatus.COMPLETED))
                .contains(List.of(Transition.START, Transition.COMPLETE));
        assertThat(StatusMachine.forward(IssueStatus.NOT_STARTED, IssueStatus.LONG_TERM))
                .contains(List.of(Transition.START, Transition.MAKE_LONG_TERM));
        assertThat(StatusMachine.forward(IssueStatus.IN_PROGRESS, IssueStatus.COMPLETED))
                .contains(List.of(Transition.COMPLETE));
        for (IssueStatus status : IssueStatus.values()) {
            assertThat(StatusMachine.forward(status, status)).as(status.name()).contains(List.of());
        }
        assertThat(StatusMachine.forward(IssueStatus.COMPLETED, IssueStatus.CLOSED)).as("closing is verification")
                .isEmpty();
        assertThat(StatusMachine.forward(IssueStatus.COMPLETED, IssueStatus.IN_PROGRESS)).isEmpty();
        assertThat(StatusMachine.forward(IssueStatus.IN_PROGRESS, IssueStatus.NOT_STARTED)).isEmpty();
        assertThat(StatusMachine.forward(IssueStatus.LONG_TERM, IssueStatus.COMPLETED)).isEmpty();
        assertThat(StatusMachine.forward(IssueStatus.CLOSED, IssueStatus.IN_PROGRESS)).isEmpty();
    }
}
