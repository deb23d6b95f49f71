package io.zhenggai.issue.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An issue's state with its place in the tree spelled out (aspect and category titles), carried by every issue
 * event so that a consumer can apply it without calling back. The workflow's part (lead unit, assignment, original
 * deadline, counts, what awaits a decision) comes last; events written before it had none of it.
 */
public record IssueSnapshot(UUID id, UUID inspectionId, String listKey, Node aspect, String groupTitle, Node category,
                            String path, String numbering, int ordinal, String title, String description,
                            List<String> leadLeaders, List<String> responsibleUnits, List<String> tags,
                            LocalDate deadline, IssueStatus status, String statusLabel, LocalDate lastProgressDate,
                            long sequence, String leadUnit, Assignment assignment, LocalDate originalDeadline,
                            int extensionCount, int returnedCount, AwaitingDecision awaitingDecision) {

    /** A node of the feedback tree: its path, published numbering and title. */
    public record Node(String path, String numbering, String title) {
    }

    /** 交办/签收: when the issue was assigned, and when and by whom its lead unit signed for it. */
    public record Assignment(AssignmentState state, Instant assignedAt, Instant signedAt, String signedBy) {
    }
}
