package io.zhenggai.issue.ledger;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The workflow of an issue, in one place: which transition leads from which state to which, and what it needs.
 * Anything not listed here is refused with the reason. Who may take a step is {@link Access}'s concern.
 */
public final class StatusMachine {

    private record Edge(IssueStatus from, IssueStatus to, boolean needsReason) {
    }

    private static final Map<Transition, Edge> EDGES = new EnumMap<>(Map.of(
            Transition.START, new Edge(IssueStatus.NOT_STARTED, IssueStatus.IN_PROGRESS, false),
            Transition.COMPLETE, new Edge(IssueStatus.IN_PROGRESS, IssueStatus.COMPLETED, false),
            Transition.CLOSE, new Edge(IssueStatus.COMPLETED, IssueStatus.CLOSED, false),
            Transition.RETURN, new Edge(IssueStatus.COMPLETED, IssueStatus.IN_PROGRESS, true),
            Transition.MAKE_LONG_TERM, new Edge(IssueStatus.IN_PROGRESS, IssueStatus.LONG_TERM, true),
            Transition.RESUME, new Edge(IssueStatus.LONG_TERM, IssueStatus.IN_PROGRESS, true),
            Transition.REOPEN, new Edge(IssueStatus.CLOSED, IssueStatus.IN_PROGRESS, true)));

    private StatusMachine() {
    }

    /** What a caller supplies with a transition; {@code note} is the completion request's (申请销号说明). */
    public record Request(Transition transition, String reason, String verificationNote, List<String> evidence,
                          String note) {
    }

    /** Why a transition cannot happen: a conflict with the state (409) or missing input (422). */
    public static final class Refusal extends RuntimeException {
        private final boolean conflict;
        private final String field;

        private Refusal(boolean conflict, String field, String message) {
            super(message);
            this.conflict = conflict;
            this.field = field;
        }

        public boolean isConflict() {
            return conflict;
        }

        public String field() {
            return field;
        }
    }

    /** The state after a transition, or a {@link Refusal}. */
    public static IssueStatus apply(IssueStatus current, Request request) {
        Edge edge = EDGES.get(Objects.requireNonNull(request.transition(), "transition"));
        if (edge.from != current) {
            throw new Refusal(true, "transition", "Cannot " + request.transition() + " an issue that is " + current
                    + " (" + current.chinese() + "): " + request.transition() + " applies only to " + edge.from
                    + " (" + edge.from.chinese() + ")");
        }
        if (edge.needsReason && blank(request.reason())) {
            throw new Refusal(false, "reason", request.transition() + " needs a reason");
        }
        if (request.transition() == Transition.COMPLETE && blank(request.note())) {
            throw new Refusal(false, "note", "Asking for completion (申请销号) needs a note on what was done");
        }
        if (request.transition() == Transition.CLOSE) {
            if (blank(request.verificationNote())) {
                throw new Refusal(false, "verificationNote", "Closing (销号) needs a verification note");
            }
            if (request.evidence() == null || request.evidence().isEmpty()
                    || request.evidence().stream().anyMatch(StatusMachine::blank)) {
                throw new Refusal(false, "evidence", "Closing (销号) needs evidence references");
            }
        }
        return edge.to;
    }

    /**
     * The steps forward that bring an issue from {@code from} to {@code to} as a published document reports it: START,
     * then COMPLETE (申请销号) or MAKE_LONG_TERM. Empty when it is there already. None otherwise (a step back, or to
     * CLOSED, which only a verification may take): a bulletin or a ledger does not take it.
     */
    public static java.util.Optional<List<Transition>> forward(IssueStatus from, IssueStatus to) {
        List<Transition> steps = new java.util.ArrayList<>();
        IssueStatus status = from;
        if (to != IssueStatus.NOT_STARTED && status == IssueStatus.NOT_STARTED) {
            steps.add(Transition.START);
            status = IssueStatus.IN_PROGRESS;
        }
        if (status == IssueStatus.IN_PROGRESS && to == IssueStatus.COMPLETED) {
            steps.add(Transition.COMPLETE);
            status = IssueStatus.COMPLETED;
        } else if (status == IssueStatus.IN_PROGRESS && to == IssueStatus.LONG_TERM) {
            steps.add(Transition.MAKE_LONG_TERM);
            status = IssueStatus.LONG_TERM;
        }
        return status == to ? java.util.Optional.of(List.copyOf(steps)) : java.util.Optional.empty();
    }

    /** Whether a progress report moves the issue on by itself: the first one starts it. */
    public static IssueStatus afterProgress(IssueStatus current) {
        return current == IssueStatus.NOT_STARTED ? IssueStatus.IN_PROGRESS : current;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
