package io.zhenggai.issue.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.zhenggai.issue.journal.EventTooLargeException;

/**
 * 交办 of many issues in one request: each item is applied in a transaction of its own (all of it or nothing), and
 * its outcome is reported on its own: a stale If-Match refuses that item, the others are applied.
 */
@ApplicationScoped
public class AssignmentBatch {

    @Inject
    WorkflowService workflow;

    /** What happened to one item: the issue after its assignment, or the refusal. */
    public record Outcome(UUID issueId, IssueView issue, LedgerException refusal) {
    }

    public List<Outcome> assignAll(WorkflowRequests.Assignments request, Caller caller) {
        Access.checkAssign(caller);
        List<Outcome> outcomes = new ArrayList<>();
        for (WorkflowRequests.Assignment item : request.items()) {
            try {
                outcomes.add(new Outcome(item.issueId(), workflow.assign(item, caller), null));
            } catch (LedgerException refusal) {
                outcomes.add(new Outcome(item.issueId(), null, refusal));
            } catch (EventTooLargeException tooLarge) {
                outcomes.add(new Outcome(item.issueId(), null, LedgerException.tooLarge(null, tooLarge.getMessage())));
            }
        }
        return outcomes;
    }
}
