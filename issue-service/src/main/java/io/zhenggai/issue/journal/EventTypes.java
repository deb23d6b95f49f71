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
    public static final String ISSUE_EVIDENCE_ADDED = "zhenggai.issue.evidence-added.v1";

    public static final List<String> ALL = List.of(INSPECTION_CREATED, ISSUE_CREATED, ISSUE_PROGRESS_REPORTED,
            ISSUE_STATUS_CHANGED, ISSUE_REOPENED, ISSUE_UPDATED, ISSUE_EVIDENCE_ADDED);

    private EventTypes() {
    }
}
