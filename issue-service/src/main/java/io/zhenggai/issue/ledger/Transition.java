package io.zhenggai.issue.ledger;

/** What a caller may ask of an issue's workflow (POST /api/issues/{id}/transitions). */
public enum Transition {
    /** NOT_STARTED → IN_PROGRESS (also automatic on the first progress report). */
    START,
    /** IN_PROGRESS → COMPLETED: reported done, awaiting verification. */
    COMPLETE,
    /** COMPLETED → CLOSED (销号): by someone other than who reported completion, with a note and evidence. */
    CLOSE,
    /** COMPLETED → IN_PROGRESS: verification found it not done. Needs a reason. */
    RETURN,
    /** IN_PROGRESS → LONG_TERM (长期坚持) by decision. Needs a reason. */
    MAKE_LONG_TERM,
    /** LONG_TERM → IN_PROGRESS by decision. Needs a reason. */
    RESUME,
    /** CLOSED → IN_PROGRESS after a 回头看 (re-check). Needs a reason; journaled as a REOPENED event. */
    REOPEN
}
