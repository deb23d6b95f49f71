package io.zhenggai.issue.importing;

/** The kinds of consistency finding the importer reports on a bulletin's figures and structure. */
public enum FindingKind {
    /** A stated rate differs from its parts beyond the rounding of its printed digits. */
    RATE_MISMATCH,
    /** A declared count differs from what the document holds, or stated parts contradict their total. */
    COUNT_MISMATCH,
    /** The same metric, dimensions and date reported with different values. */
    CONFLICTING_FIGURES,
    /** The same role named differently (the inspection team, the issuing unit). */
    NAME_MISMATCH,
    /** A magnitude implausible for its unit or metric: a share above 100%, money counted in 个. */
    UNIT_SUSPECT
}
