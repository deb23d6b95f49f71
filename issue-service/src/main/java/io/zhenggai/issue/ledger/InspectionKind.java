package io.zhenggai.issue.ledger;

/** The kind of an inspection round: 常规巡察 (routine) or 专项巡察 (special, with a theme). A round may be both. */
public enum InspectionKind {
    ROUTINE,
    SPECIAL
}
