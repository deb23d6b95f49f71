package io.zhenggai.issue.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which issues a caller sees and what it may do to them: unit scoping, leader scoping and separation of duties, in
 * one place. The resources have already checked that the caller's role may call the operation at all
 * ({@code @RolesAllowed}); this decides on the issue at hand.
 * <ul>
 *   <li>office, leader, viewer see every issue; a unit sees the issues where one of its units is responsible (lead
 *   or co-responsible), and any other issue answers as if it did not exist;</li>
 *   <li>the office may take every workflow step; a unit may report progress on its own issues and START them;
 *   only the lead unit (牵头单位) signs for an assignment (签收), asks for completion (COMPLETE, 申请销号) or for an
 *   extension (延期申请); a unit never closes;</li>
 *   <li>closing (销号) is verification: whoever reported the completion cannot close it;</li>
 *   <li>the office assigns (交办) and decides extension requests;</li>
 *   <li>a leader acts only on the issues it leads (牵头领导), matched by its name: it adds instructions (批示);</li>
 *   <li>a progress report is corrected or withdrawn by the office at any time, or by the unit it was reported for
 *   within the correction window after it was recorded.</li>
 * </ul>
 * Whether the issue's state allows a step is {@link StatusMachine}'s and {@link Workflow}'s concern.
 */
public final class Access {

    /** The steps a unit takes on its own issues: it starts the work and reports it done, the office verifies. */
    static final Set<Transition> UNIT_TRANSITIONS = EnumSet.of(Transition.START, Transition.COMPLETE);

    private Access() {
    }

    /**
     * The issues a caller sees, for queries: every issue, or those with at least one of {@code units} among their
     * responsible units (none when {@code units} is empty).
     */
    public record Scope(Set<String> units) {

        static final Scope ALL = new Scope(null);

        public Scope {
            units = units == null ? null : Set.copyOf(units);
        }

        public boolean all() {
            return units == null;
        }

        boolean includes(Collection<String> responsibleUnits) {
            return all() || responsibleUnits.stream().anyMatch(units::contains);
        }
    }

    public static Scope scope(Caller caller) {
        if (caller.has(Roles.OFFICE) || caller.has(Roles.LEADER) || caller.has(Roles.VIEWER)) {
            return Scope.ALL;
        }
        return new Scope(caller.has(Roles.UNIT) ? caller.units() : Set.of());
    }

    /** Whether the caller sees the issue at all. */
    public static boolean sees(Caller caller, Issue issue) {
        return scope(caller).includes(issue.responsibleUnits);
    }

    /** Refuses as if the issue did not exist when the caller may not see it: a unit learns nothing of others. */
    static void requireVisible(Caller caller, Issue issue) {
        if (!sees(caller, issue)) {
            throw LedgerException.notFound("Issue", issue.id);
        }
    }

    /**
     * What only the office does: record inspections and issues, import bulletins, set responsibility and deadlines.
     * The resources allow only the office to ask; the ledger does not rely on that.
     */
    static void checkOffice(Caller caller, String what) {
        if (!caller.has(Roles.OFFICE)) {
            throw LedgerException.forbidden("office-only", "Only the office (巡察办/整改办) may " + what);
        }
    }

    /** A progress report (整改进展): the office, or a unit on its own issue. */
    static void checkProgress(Caller caller, Issue issue) {
        requireVisible(caller, issue);
        if (caller.has(Roles.OFFICE) || actsAsUnit(caller, issue)) {
            return;
        }
        throw LedgerException.forbidden("progress-not-permitted",
                "Only the office or a responsible unit of this issue may report its progress");
    }

    /** A workflow step. Closing is checked first, so that its refusal says why whoever asks. */
    static void checkTransition(Caller caller, Issue issue, Transition transition) {
        requireVisible(caller, issue);
        if (transition == Transition.CLOSE) {
            if (!caller.has(Roles.OFFICE)) {
                throw LedgerException.forbidden("close-not-permitted", "Closing (销号) is the office's verification: "
                        + "a unit can never close an issue, not even its own");
            }
            if (caller.id().equals(issue.completedBy)) {
                throw LedgerException.forbidden("separation-of-duties", "Closing (销号) must be verified by "
                        + "someone other than " + issue.completedBy + ", who reported the completion");
            }
            return;
        }
        if (caller.has(Roles.OFFICE)) {
            return;
        }
        if (actsAsUnit(caller, issue) && UNIT_TRANSITIONS.contains(transition)) {
            if (transition == Transition.COMPLETE) {
                requireLeadUnit(caller, issue, "ask for completion (COMPLETE, 申请销号); co-responsible units report "
                        + "progress");
            }
            return;
        }
        throw LedgerException.forbidden("transition-not-permitted", "A responsible unit may START its issue, and its "
                + "lead unit report it COMPLETE; " + transition + " is the office's");
    }

    /** 交办: the office only. */
    static void checkAssign(Caller caller) {
        checkOffice(caller, "assign issues (交办)");
    }

    /** 签收: a user of the issue's lead unit. */
    static void checkSign(Caller caller, Issue issue) {
        requireVisible(caller, issue);
        requireLeadUnit(caller, issue, "sign for the assignment (签收)");
    }

    /** 延期申请: a user of the issue's lead unit. */
    static void checkExtensionRequest(Caller caller, Issue issue) {
        requireVisible(caller, issue);
        requireLeadUnit(caller, issue, "ask for an extension (延期申请)");
    }

    /** The decision on an extension request: the office. */
    static void checkExtensionDecision(Caller caller, Issue issue) {
        requireVisible(caller, issue);
        checkOffice(caller, "decide an extension request");
    }

    /**
     * 更正/撤回 of a progress report: the office at any time; a user of the unit the report was reported for, within
     * {@code window} after the report was recorded.
     */
    static void checkCorrection(Caller caller, Issue issue, ProgressReport report, Instant now, Duration window) {
        requireVisible(caller, issue);
        if (caller.has(Roles.OFFICE)) {
            return;
        }
        if (!caller.has(Roles.UNIT) || report.unit == null || !caller.units().contains(report.unit)) {
            throw LedgerException.forbidden("not-reporting-unit", "Only the office, or the unit the report was "
                    + "reported for" + (report.unit == null ? " (the office reported it)" : " (" + report.unit + ")")
                    + ", may correct or withdraw it");
        }
        Instant closes = report.recordedAt.plus(window);
        if (!now.isBefore(closes)) {
            throw LedgerException.forbidden("correction-window-closed", "A unit may correct or withdraw its report "
                    + "within " + window.toDays() + " days after it was recorded (until " + closes + "); ask the office");
        }
    }

    /**
     * The unit a caller acts for on an issue: its lead unit if the caller is of it, else the first responsible unit
     * the caller is of; null for a caller who does not act as a unit.
     */
    static String actingUnit(Caller caller, Issue issue) {
        if (!caller.has(Roles.UNIT)) {
            return null;
        }
        if (issue.leadUnit != null && caller.units().contains(issue.leadUnit)) {
            return issue.leadUnit;
        }
        return issue.responsibleUnits.stream().filter(caller.units()::contains).findFirst().orElse(null);
    }

    /** The units whose signature a caller gives (for "awaiting my signature"): a unit user's units, else none. */
    public static Set<String> signingUnits(Caller caller) {
        return caller.has(Roles.UNIT) ? caller.units() : Set.of();
    }

    private static void requireLeadUnit(Caller caller, Issue issue, String what) {
        if (!caller.has(Roles.UNIT)) {
            throw LedgerException.forbidden("lead-unit-only", "Only the lead unit (牵头单位) may " + what);
        }
        if (issue.leadUnit == null || !caller.units().contains(issue.leadUnit)) {
            throw LedgerException.forbidden("not-lead-unit", "Only the lead unit (牵头单位) may " + what + "; "
                    + (issue.leadUnit == null ? "this issue has none yet" : "its lead unit is " + issue.leadUnit));
        }
    }

    /**
     * Adding evidence (佐证材料) to an issue: whoever may report its progress, the office or a responsible unit of the
     * issue. Anyone who sees the issue may read its evidence.
     */
    public static void checkAddEvidence(Caller caller, Issue issue) {
        requireVisible(caller, issue);
        if (caller.has(Roles.OFFICE) || actsAsUnit(caller, issue)) {
            return;
        }
        throw LedgerException.forbidden("evidence-not-permitted",
                "Only the office or a responsible unit of this issue may add evidence to it");
    }

    /**
     * An act of a lead leader on an issue (批示, instructions): only a leader whose name is among the issue's lead
     * leaders. Every leader reads every issue, so a leader who does not lead it is refused, not told it is absent.
     */
    static void checkLeads(Caller caller, Issue issue) {
        requireVisible(caller, issue);
        if (!caller.has(Roles.LEADER)) {
            throw LedgerException.forbidden("not-a-leader", "Only a lead leader (牵头领导) may do this");
        }
        if (caller.name() == null || !issue.leadLeaders.contains(caller.name())) {
            throw LedgerException.forbidden("not-lead-leader", "Only a lead leader of this issue may do this; "
                    + "its lead leaders are " + issue.leadLeaders);
        }
    }

    private static boolean actsAsUnit(Caller caller, Issue issue) {
        return caller.has(Roles.UNIT) && issue.responsibleUnits.stream().anyMatch(caller.units()::contains);
    }
}
