package io.zhenggai.issue.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rules of {@link Access} on their own: who sees which issue, and who may take which step. */
class AccessTest {

    static Caller caller(String id, String role, String... units) {
        return new Caller(id, "名字 " + id, Set.of(role), Set.of(units));
    }

    static Issue issue(List<String> units, List<String> leaders, String completedBy) {
        Issue issue = new Issue();
        issue.id = UUID.randomUUID();
        issue.responsibleUnits = new ArrayList<>(units);
        issue.leadLeaders = new ArrayList<>(leaders);
        issue.completedBy = completedBy;
        return issue;
    }

    static LedgerException.Kind refusal(Runnable check) {
        try {
            check.run();
            return null;
        } catch (LedgerException e) {
            return e.kind();
        }
    }

    final Issue ofBoth = issue(List.of("党政办公室", "经济发展局"), List.of("张三"), null);
    final Issue ofOther = issue(List.of("经济发展局"), List.of("李四"), null);

    @Test
    void shouldLetOfficeLeaderAndViewerSeeEveryIssueAndAUnitOnlyItsOwn() {
        for (String role : List.of(Roles.OFFICE, Roles.LEADER, Roles.VIEWER)) {
            assertThat(Access.sees(caller("x", role), ofOther)).as(role).isTrue();
            assertThat(Access.scope(caller("x", role)).all()).isTrue();
        }
        Caller unit = caller("u", Roles.UNIT, "党政办公室");
        assertThat(Access.sees(unit, ofBoth)).as("co-responsible").isTrue();
        assertThat(Access.sees(unit, ofOther)).isFalse();
        assertThat(Access.scope(unit).units()).containsExactly("党政办公室");
        assertThat(Access.sees(caller("n", Roles.UNIT), ofBoth)).as("a unit without units").isFalse();
        for (String role : List.of(Roles.OPERATOR, Roles.JOURNAL_READER)) {
            assertThat(Access.sees(caller("x", role), ofBoth)).as(role + " reads no ledger").isFalse();
        }
    }

    @Test
    void shouldAnswerAUnitAboutAnotherUnitsIssueAsIfItDidNotExist() {
        Caller unit = caller("u", Roles.UNIT, "党政办公室");
        assertThat(refusal(() -> Access.checkProgress(unit, ofOther))).isEqualTo(LedgerException.Kind.NOT_FOUND);
        assertThat(refusal(() -> Access.checkTransition(unit, ofOther, Transition.CLOSE)))
                .isEqualTo(LedgerException.Kind.NOT_FOUND);
        assertThat(refusal(() -> Access.checkProgress(unit, ofBoth))).isNull();
    }

    @ParameterizedTest
    @EnumSource(Transition.class)
    void shouldLetAUnitOnlyStartAndComplete(Transition transition) {
        LedgerException.Kind kind = refusal(() -> Access.checkTransition(caller("u", Roles.UNIT, "经济发展局"), ofBoth,
                transition));
        if (transition == Transition.START || transition == Transition.COMPLETE) {
            assertThat(kind).isNull();
        } else {
            assertThat(kind).isEqualTo(LedgerException.Kind.FORBIDDEN);
        }
    }

    @ParameterizedTest
    @EnumSource(Transition.class)
    void shouldLetTheOfficeTakeEveryStep(Transition transition) {
        assertThat(refusal(() -> Access.checkTransition(caller("o", Roles.OFFICE), ofOther, transition))).isNull();
    }

    @Test
    void shouldNotLetWhoeverReportedCompletionClose() {
        Issue completed = issue(List.of("党政办公室"), List.of(), "clerk");
        assertThatThrownBy(() -> Access.checkTransition(caller("clerk", Roles.OFFICE), completed, Transition.CLOSE))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LedgerException.Kind.FORBIDDEN);
                    assertThat(e.slug()).isEqualTo("separation-of-duties");
                    assertThat(e.getMessage()).contains("clerk");
                });
        assertThatCode(() -> Access.checkTransition(caller("verifier", Roles.OFFICE), completed, Transition.CLOSE))
                .doesNotThrowAnyException();
        assertThat(refusal(() -> Access.checkTransition(caller("clerk", Roles.OFFICE), completed, Transition.RETURN)))
                .as("only closing is separated").isNull();
    }

    @Test
    void shouldLetALeaderActOnlyOnTheIssuesItLeads() {
        Caller zhang = new Caller("l1", "张三", Set.of(Roles.LEADER), Set.of());
        assertThat(refusal(() -> Access.checkLeads(zhang, ofBoth))).isNull();
        assertThat(refusal(() -> Access.checkLeads(zhang, ofOther))).isEqualTo(LedgerException.Kind.FORBIDDEN);
        assertThat(refusal(() -> Access.checkLeads(new Caller("l2", null, Set.of(Roles.LEADER), Set.of()), ofBoth)))
                .as("a leader without a name leads nothing").isEqualTo(LedgerException.Kind.FORBIDDEN);
        assertThat(refusal(() -> Access.checkLeads(caller("o", Roles.OFFICE), ofBoth)))
                .isEqualTo(LedgerException.Kind.FORBIDDEN);
        assertThat(refusal(() -> Access.checkProgress(zhang, ofBoth))).as("leaders read, they do not report")
                .isEqualTo(LedgerException.Kind.FORBIDDEN);
    }

    @Test
    void shouldKeepOfficeWorkToTheOffice() {
        assertThat(refusal(() -> Access.checkOffice(caller("u", Roles.UNIT, "党政办公室"), "x")))
                .isEqualTo(LedgerException.Kind.FORBIDDEN);
        assertThat(refusal(() -> Access.checkOffice(caller("o", Roles.OFFICE), "x"))).isNull();
    }
}
