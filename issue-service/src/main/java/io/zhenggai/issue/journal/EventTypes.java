package io.zhenggai.issue.journal;

import java.util.List;

/** Every event type this service emits; each has a definition in the contract file. */
public final class EventTypes {

    public static final String INSPECTION_CREATED = "zhenggai.inspection.created.v1";
    public static final String ISSUE_CREATED = "zhenggai.issue.created.v1";
    public static final String ISSUE_PROGRESS_REPORTED = "zhenggai.issue.progress-reported.v1";
    public static final String ISSUE_STATUS_CHANGED = "zhenggai.issue.status-changed.v1";
    public static final String ISSUE_REOPENED = "zhenggai.issue.reopened.v1";
    public static final String ISSUE_UPDATED = "zhenggai.issue.updated.v1";
    /** 交办 (again: a new lead unit or new terms; the signature is reset). */
    public static final String ISSUE_ASSIGNED = "zhenggai.issue.assigned.v1";
    /** 签收 by the lead unit. */
    public static final String ISSUE_SIGNED = "zhenggai.issue.signed.v1";
    /** 延期申请. */
    public static final String ISSUE_EXTENSION_REQUESTED = "zhenggai.issue.extension-requested.v1";
    /** The office's decision on an extension request. */
    public static final String ISSUE_EXTENSION_DECIDED = "zhenggai.issue.extension-decided.v1";
    /** 领导批示. */
    public static final String ISSUE_INSTRUCTION_ADDED = "zhenggai.issue.instruction-added.v1";
    /** 更正/撤回 of a progress report. */
    public static final String ISSUE_PROGRESS_CORRECTED = "zhenggai.issue.progress-corrected.v1";
    /** 佐证材料 uploaded to the issue. */
    public static final String ISSUE_EVIDENCE_ADDED = "zhenggai.issue.evidence-added.v1";

    /** 督办: an automatic reminder (unsigned, 临期 YELLOW, 逾期 RED, stale), once per issue, level and day. */
    public static final String ISSUE_REMINDED = "zhenggai.issue.reminded.v1";
    /** 催办: the office urges units on an issue, with a message. */
    public static final String ISSUE_URGED = "zhenggai.issue.urged.v1";

    public static final List<String> ALL = List.of(INSPECTION_CREATED, ISSUE_CREATED, ISSUE_PROGRESS_REPORTED,
            ISSUE_STATUS_CHANGED, ISSUE_REOPENED, ISSUE_UPDATED, ISSUE_ASSIGNED, ISSUE_SIGNED,
            ISSUE_EXTENSION_REQUESTED, ISSUE_EXTENSION_DECIDED, ISSUE_INSTRUCTION_ADDED, ISSUE_PROGRESS_CORRECTED,
            ISSUE_EVIDENCE_ADDED, ISSUE_REMINDED, ISSUE_URGED);

    private EventTypes() {
    }
}
