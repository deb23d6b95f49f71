package io.zhenggai.issue.evidence;

import io.zhenggai.issue.ledger.EvidenceRef;
import io.zhenggai.issue.ledger.IssueSnapshot;

/** The data of {@code zhenggai.issue.evidence-added.v1}: the issue after the upload, and what was added. */
public record EvidenceAdded(IssueSnapshot issue, EvidenceRef evidence) {
}
