package io.zhenggai.issue.ledger;

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
 *   <li>the office may take every workflow step; a unit may report progress on its own issues and START or
 *   COMPLETE them, never close them;</li>
 *   <li>closing (销号) is verification: whoever reported the completion cannot close it;</li>
 *   <li>a leader acts only on the issues it leads (牵头领导), matched by its name.</li>
 * </ul>
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
            return;
        }
        throw LedgerException.forbidden("transition-not-permitted", "A responsible unit may START its issue or "
                + "report it COMPLETE; " + transition + " is the office's");
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
