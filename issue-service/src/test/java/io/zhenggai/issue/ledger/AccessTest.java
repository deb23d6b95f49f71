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
        issue.leadUnit = units.isEmpty() ? null : units.get(0);
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
    void shouldLetTheLeadUnitOnlyStartAndComplete(Transition transition) {
        LedgerException.Kind kind = refusal(() -> Access.checkTransition(caller("u", Roles.UNIT, "党政办公室"), ofBoth,
                transition));
        if (transition == Transition.START || transition == Transition.COMPLETE) {
            assertThat(kind).isNull();
        } else {
            assertThat(kind).isEqualTo(LedgerException.Kind.FORBIDDEN);
        }
    }

    @ParameterizedTest
    @EnumSource(Transition.class)
    void shouldLetACoResponsibleUnitStartButNotAskForCompletion(Transition transition) {
        Caller co = caller("u", Roles.UNIT, "经济发展局");
        if (transition == Transition.START) {
            assertThat(refusal(() -> Access.checkTransition(co, ofBoth, transition))).isNull();
        } else {
            assertThat(refusal(() -> Access.checkTransition(co, ofBoth, transition)))
                    .isEqualTo(LedgerException.Kind.FORBIDDEN);
        }
        assertThatThrownBy(() -> Access.checkTransition(co, ofBoth, Transition.COMPLETE))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.slug()).isEqualTo("not-lead-unit");
                    assertThat(e.getMessage()).contains("党政办公室");
                });
        assertThat(refusal(() -> Access.checkProgress(co, ofBoth))).as("a co-responsible unit reports").isNull();
    }

    @Test
    void shouldLetOnlyTheLeadUnitSignAndAskForAnExtension() {
        Caller lead = caller("l", Roles.UNIT, "党政办公室");
        Caller co = caller("c", Roles.UNIT, "经济发展局");
        Caller stranger = caller("s", Roles.UNIT, "财政局");
        Caller office = caller("o", Roles.OFFICE);
        for (var check : List.<java.util.function.BiConsumer<Caller, Issue>>of(Access::checkSign,
                Access::checkExtensionRequest)) {
            assertThat(refusal(() -> check.accept(lead, ofBoth))).isNull();
            assertThat(refusal(() -> check.accept(co, ofBoth))).isEqualTo(LedgerException.Kind.FORBIDDEN);
            assertThat(refusal(() -> check.accept(stranger, ofBoth))).isEqualTo(LedgerException.Kind.NOT_FOUND);
            assertThat(refusal(() -> check.accept(office, ofBoth))).as("the office does not sign or ask for itself")
                    .isEqualTo(LedgerException.Kind.FORBIDDEN);
            assertThat(refusal(() -> check.accept(lead, issue(List.of(), List.of(), null))))
                    .as("an issue without a lead unit").isEqualTo(LedgerException.Kind.NOT_FOUND);
        }
    }

    @Test
    void shouldLetOnlyTheOfficeAssignAndDecideExtensions() {
        assertThat(refusal(() -> Access.checkAssign(caller("o", Roles.OFFICE)))).isNull();
        assertThat(refusal(() -> Access.checkExtensionDecision(caller("o", Roles.OFFICE), ofOther))).isNull();
        for (Caller other : List.of(caller("l", Roles.UNIT, "党政办公室"), new Caller("z", "张三", Set.of(Roles.LEADER),
                Set.of()), caller("v", Roles.VIEWER))) {
            assertThat(refusal(() -> Access.checkAssign(other))).isEqualTo(LedgerException.Kind.FORBIDDEN);
            assertThat(refusal(() -> Access.checkExtensionDecision(other, ofBoth)))
                    .isEqualTo(LedgerException.Kind.FORBIDDEN);
        }
    }

    static ProgressReport reportOf(Issue issue, String unit, java.time.Instant recordedAt) {
        ProgressReport report = new ProgressReport();
        report.id = UUID.randomUUID();
        report.issueId = issue.id;
        report.unit = unit;
        report.recordedAt = recordedAt;
        return report;
    }

    @Test
    void shouldLetTheReportingUnitCorrectWithinTheWindowAndTheOfficeAlways() {
        java.time.Instant recorded = java.time.Instant.parse("2023-05-10T02:00:00Z");
        java.time.Duration week = java.time.Duration.ofDays(7);
        ProgressReport byLead = reportOf(ofBoth, "党政办公室", recorded);
        Caller lead = caller("l", Roles.UNIT, "党政办公室");
        Caller co = caller("c", Roles.UNIT, "经济发展局");
        assertThat(refusal(() -> Access.checkCorrection(lead, ofBoth, byLead, recorded.plusSeconds(60), week)))
                .isNull();
        assertThat(refusal(() -> Access.checkCorrection(lead, ofBoth, byLead, recorded.plus(week).minusMillis(1),
                week))).as("the last moment of the window").isNull();
        assertThatThrownBy(() -> Access.checkCorrection(lead, ofBoth, byLead, recorded.plus(week), week))
                .isInstanceOfSatisfying(LedgerException.class, e -> {
                    assertThat(e.kind()).isEqualTo(LedgerException.Kind.FORBIDDEN);
                    assertThat(e.slug()).isEqualTo("correction-window-closed");
                });
        assertThat(refusal(() -> Access.checkCorrection(lead, ofBoth, byLead, recorded.plus(week), thirtyDays())))
                .as("a longer configured window").isNull();
        assertThat(refusal(() -> Access.checkCorrection(co, ofBoth, byLead, recorded.plusSeconds(60), week)))
                .as("another responsible unit").isEqualTo(LedgerException.Kind.FORBIDDEN);
        assertThat(refusal(() -> Access.checkCorrection(lead, ofBoth, reportOf(ofBoth, null, recorded),
                recorded.plusSeconds(60), week))).as("the office's report").isEqualTo(LedgerException.Kind.FORBIDDEN);
        assertThat(refusal(() -> Access.checkCorrection(caller("o", Roles.OFFICE), ofBoth, byLead,
                recorded.plus(thirtyDays()).plus(week), week))).as("the office, long after").isNull();
        assertThat(refusal(() -> Access.checkCorrection(caller("s", Roles.UNIT, "财政局"), ofBoth, byLead,
                recorded.plusSeconds(60), week))).isEqualTo(LedgerException.Kind.NOT_FOUND);
        assertThat(refusal(() -> Access.checkCorrection(new Caller("z", "张三", Set.of(Roles.LEADER), Set.of()), ofBoth,
                byLead, recorded.plusSeconds(60), week))).isEqualTo(LedgerException.Kind.FORBIDDEN);
    }

    static java.time.Duration thirtyDays() {
        return java.time.Duration.ofDays(30);
    }

    @Test
    void shouldActForTheLeadUnitWhenTheCallerIsOfSeveral() {
        assertThat(Access.actingUnit(caller("u", Roles.UNIT, "经济发展局", "党政办公室"), ofBoth)).isEqualTo("党政办公室");
        assertThat(Access.actingUnit(caller("u", Roles.UNIT, "经济发展局"), ofBoth)).isEqualTo("经济发展局");
        assertThat(Access.actingUnit(caller("o", Roles.OFFICE), ofBoth)).isNull();
        assertThat(Access.signingUnits(caller("o", Roles.OFFICE))).isEmpty();
        assertThat(Access.signingUnits(caller("u", Roles.UNIT, "经济发展局"))).containsExactly("经济发展局");
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
