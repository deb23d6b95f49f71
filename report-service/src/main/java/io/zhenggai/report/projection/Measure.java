package io.zhenggai.report.projection;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What can be counted about issues, each as one SQL condition on {@code issue_view i}, so that a count, the issues a
 * drill-through lists for it, and the issue facts indicators read all use the same definition. The conditions take
 * two parameters: {@code :today} (a date in the business zone) and {@code :staleBefore} (today − the stale days).
 * <ul>
 *   <li><b>overdue</b>: still NOT_STARTED or IN_PROGRESS and past its deadline. (A COMPLETED issue awaiting
 *       verification past its deadline is RED, as in the ledger, but it is not overdue: the unit has done its part.)</li>
 *   <li><b>stale</b>: NOT_STARTED, IN_PROGRESS or LONG_TERM, and no progress since {@code :staleBefore} (its last
 *       progress date, or its creation date when it never had progress, is before it).</li>
 *   <li><b>on time</b> (按期完成): completed (COMPLETED or CLOSED) no later than its deadline, judged on the effective
 *       date it became COMPLETED; <b>late</b>: completed after its deadline, or still open (NOT_STARTED,
 *       IN_PROGRESS) past it. The on-time rate is on time ÷ (on time + late): issues without a deadline, LONG_TERM
 *       issues, and open issues not yet due are not decided and count on neither side. These, overdue and the
 *       warning count against the <b>current</b> deadline, the one approved extensions (延期) moved.</li>
 *   <li><b>on time / late against the original deadline</b>: the same rule against the first assigned deadline
 *       ({@code original_deadline}; the current one for an issue that has none, e.g. one never assigned through the
 *       workflow), so that a bulletin can say how timely the work was before any extension.</li>
 *   <li><b>unsigned</b> (未签收): assigned (交办) and not yet signed for by its lead unit; an issue never assigned
 *       through the workflow is neither signed nor unsigned.</li>
 *   <li><b>returned</b> (退回过): a completion was returned (RETURN) at least once, whatever the issue's state now; an
 *       issue returned and completed again still counts, and awaitingCompletionDecision tells which wait again.</li>
 *   <li><b>extended</b> (延期): at least one extension approved.</li>
 *   <li><b>awaiting completion / extension decision</b>: a completion request (COMPLETED, to be closed or returned)
 *       or an extension request waits for the office.</li>
 * </ul>
 */
public enum Measure {
    TOTAL("total", "TRUE"),
    NOT_STARTED("NOT_STARTED", "i.status = 'NOT_STARTED'"),
    IN_PROGRESS("IN_PROGRESS", "i.status = 'IN_PROGRESS'"),
    COMPLETED("COMPLETED", "i.status = 'COMPLETED'"),
    CLOSED("CLOSED", "i.status = 'CLOSED'"),
    LONG_TERM("LONG_TERM", "i.status = 'LONG_TERM'"),
    COMPLETED_OR_CLOSED("completedOrClosed", "i.status IN ('COMPLETED', 'CLOSED')"),
    OVERDUE("overdue", "i.status IN ('NOT_STARTED', 'IN_PROGRESS') AND i.deadline < CAST(:today AS date)"),
    RED("RED", "i.warning = 'RED'"),
    YELLOW("YELLOW", "i.warning = 'YELLOW'"),
    GREEN("GREEN", "i.warning = 'GREEN'"),
    NO_WARNING("NONE", "i.warning = 'NONE'"),
    STALE("stale", "i.status IN ('NOT_STARTED', 'IN_PROGRESS', 'LONG_TERM') "
            + "AND coalesce(i.last_progress_date, i.created_on) < CAST(:staleBefore AS date)"),
    ON_TIME("onTime", "i.deadline IS NOT NULL AND i.status IN ('COMPLETED', 'CLOSED') AND i.completed_on <= i.deadline"),
    LATE("late", "i.deadline IS NOT NULL AND ((i.status IN ('COMPLETED', 'CLOSED') AND i.completed_on > i.deadline) "
            + "OR (i.status IN ('NOT_STARTED', 'IN_PROGRESS') AND i.deadline < CAST(:today AS date)))"),
    UNSIGNED("unsigned", "i.assignment_state = 'ASSIGNED'"),
    RETURNED("returned", "i.returned_count > 0"),
    EXTENDED("extended", "i.extension_count > 0"),
    AWAITING_COMPLETION_DECISION("awaitingCompletionDecision", "i.awaiting_decision = 'COMPLETION'"),
    AWAITING_EXTENSION_DECISION("awaitingExtensionDecision", "i.awaiting_decision = 'EXTENSION'"),
    ON_TIME_AGAINST_ORIGINAL("onTimeAgainstOriginal", "coalesce(i.original_deadline, i.deadline) IS NOT NULL "
            + "AND i.status IN ('COMPLETED', 'CLOSED') AND i.completed_on <= coalesce(i.original_deadline, i.deadline)"),
    LATE_AGAINST_ORIGINAL("lateAgainstOriginal", "coalesce(i.original_deadline, i.deadline) IS NOT NULL AND "
            + "((i.status IN ('COMPLETED', 'CLOSED') AND i.completed_on > coalesce(i.original_deadline, i.deadline)) "
            + "OR (i.status IN ('NOT_STARTED', 'IN_PROGRESS') "
            + "AND coalesce(i.original_deadline, i.deadline) < CAST(:today AS date)))");

    private static final int NOT_STARTED_ = IssueStatus.NOT_STARTED.ordinal();
    private static final int IN_PROGRESS_ = IssueStatus.IN_PROGRESS.ordinal();
    private static final int COMPLETED_ = IssueStatus.COMPLETED.ordinal();
    private static final int CLOSED_ = IssueStatus.CLOSED.ordinal();
    private static final int LONG_TERM_ = IssueStatus.LONG_TERM.ordinal();

    private final String code;
    private final String condition;

    Measure(String code, String condition) {
        this.code = code;
        this.condition = condition;
    }

    /** The name used in the API ({@code measure=overdue}). */
    public String code() {
        return code;
    }

    /** The SQL condition on {@code issue_view i}. */
    public String condition() {
        return "(" + condition + ")";
    }

    /**
     * The measures an issue in {@code state} satisfies, as bits by ordinal: the Java form of every condition above,
     * for counting in memory, judged at {@code today} with {@code staleBefore} (epoch days). A comparison with a null
     * day is false, as SQL's unknown is in a filter (no condition negates one). {@code MeasureRuleTest} runs each
     * condition in PostgreSQL against this on generated states.
     */
    public static int mask(IssueState state, int today, int staleBefore) {
        return mask(fixedMask(state), state.status(), state.deadline(), original(state), active(state), today,
                staleBefore);
    }

    /** The deadline the original-deadline measures count against: the first assigned, else the current one. */
    public static int original(IssueState state) {
        return state.originalDeadline() != IssueState.NO_DAY ? state.originalDeadline() : state.deadline();
    }

    /** The day the stale measure judges: the last progress, else the creation. */
    public static int active(IssueState state) {
        return state.lastProgress() != IssueState.NO_DAY ? state.lastProgress() : state.createdOn();
    }

    /**
     * The measures of {@link #mask} that do not depend on the day they are judged at (status, completion against the
     * deadlines, the workflow's marks): computed once per state; {@link #mask(int, int, int, int, int, int, int)} adds
     * the rest.
     */
    public static int fixedMask(IssueState state) {
        int status = state.status();
        boolean done = status == COMPLETED_ || status == CLOSED_;
        int deadline = state.deadline();
        int completedOn = state.completedOn();
        boolean completed = completedOn != IssueState.NO_DAY;
        int original = original(state);
        int mask = bit(TOTAL);
        if (status == NOT_STARTED_) {
            mask |= bit(NOT_STARTED);
        } else if (status == IN_PROGRESS_) {
            mask |= bit(IN_PROGRESS);
        } else if (status == COMPLETED_) {
            mask |= bit(COMPLETED) | bit(COMPLETED_OR_CLOSED);
        } else if (status == CLOSED_) {
            mask |= bit(CLOSED) | bit(COMPLETED_OR_CLOSED);
        } else if (status == LONG_TERM_) {
            mask |= bit(LONG_TERM);
        }
        if (deadline != IssueState.NO_DAY && done && completed) {
            mask |= completedOn <= deadline ? bit(ON_TIME) : bit(LATE);
        }
        if (original != IssueState.NO_DAY && done && completed) {
            mask |= completedOn <= original ? bit(ON_TIME_AGAINST_ORIGINAL) : bit(LATE_AGAINST_ORIGINAL);
        }
        if (state.assignment() == 1) {
            mask |= bit(UNSIGNED);
        }
        if (state.returns() > 0) {
            mask |= bit(RETURNED);
        }
        if (state.extensions() > 0) {
            mask |= bit(EXTENDED);
        }
        if (state.awaiting() == 1) {
            mask |= bit(AWAITING_COMPLETION_DECISION);
        } else if (state.awaiting() == 2) {
            mask |= bit(AWAITING_EXTENSION_DECISION);
        }
        return mask;
    }

    private static final int RED_ = bit(RED);
    private static final int YELLOW_ = bit(YELLOW);
    private static final int GREEN_ = bit(GREEN);
    private static final int NO_WARNING_ = bit(NO_WARNING);
    private static final int OVERDUE_AND_LATE = bit(OVERDUE) | bit(LATE);
    private static final int STALE_ = bit(STALE);
    private static final int LATE_AGAINST_ORIGINAL_ = bit(LATE_AGAINST_ORIGINAL);

    /**
     * {@link #mask(IssueState, int, int)} from its parts: the {@link #fixedMask}, and what the day decides (overdue,
     * the warning, stale, late while still open), from the state's status ordinal, deadline, {@link #original} and
     * {@link #active} days. Primitive, so that the issues in memory can count from columns of them.
     */
    public static int mask(int fixedMask, int status, int deadline, int original, int active, int today,
                           int staleBefore) {
        boolean open = status == NOT_STARTED_ || status == IN_PROGRESS_;
        int mask = fixedMask;
        if (open && deadline != IssueState.NO_DAY && deadline < today) {
            mask |= OVERDUE_AND_LATE;
        }
        mask |= switch (WarningRule.level(status != CLOSED_ && status != LONG_TERM_, deadline, today)) {
            case RED -> RED_;
            case YELLOW -> YELLOW_;
            case GREEN -> GREEN_;
            case NONE -> NO_WARNING_;
        };
        if ((open || status == LONG_TERM_) && active != IssueState.NO_DAY && active < staleBefore) {
            mask |= STALE_;
        }
        if (open && original != IssueState.NO_DAY && original < today) {
            mask |= LATE_AGAINST_ORIGINAL_;
        }
        return mask;
    }

    private static int bit(Measure measure) {
        return 1 << measure.ordinal();
    }

    public static Optional<Measure> byCode(String code) {
        return Arrays.stream(values()).filter(m -> m.code.equals(code)).findFirst();
    }

    public static String codes() {
        return Arrays.stream(values()).map(Measure::code).collect(Collectors.joining(", "));
    }
}
