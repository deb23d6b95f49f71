package io.zhenggai.issue.supervision;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The inbox as the API answers it. */
public final class InboxView {

    private InboxView() {
    }

    /**
     * @param recipientKind UNIT, OFFICE or LEADER; {@code recipient} the unit, "office", or the leader's name
     * @param task          whether it is a task (待办); {@code open} while no later event has done it
     * @param level         a reminder's level, URGE for an urge, else null
     */
    public record Item(UUID id, InboxKind kind, boolean task, boolean open, String recipientKind, String recipient,
                       UUID issueId, String issueTitle, String title, String message, String level,
                       String eventType, UUID eventId, long position, String actor, Instant createdAt,
                       boolean read, Instant readAt, String readBy) {
    }

    /** A page of items, newest first, with the caller's unread count (over the whole inbox, not the filter). */
    public record Page(long unread, long total, int page, int size, List<Item> items) {
    }
}
