package io.zhenggai.issue.supervision;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.zhenggai.issue.journal.EventTypes;
import io.zhenggai.issue.journal.Journal;
import io.zhenggai.issue.journal.JournalEntry;

/**
 * Follows the journal and turns what concerns someone into inbox items (待办与提醒), and reminders and urges into
 * webhook deliveries. Like a projection: it reads the entries after its stored position and writes the items, the
 * deliveries and its new position in one transaction, under a row lock on the position, so several instances take
 * turns and a restart goes on where the last commit left off. Items are unique per (event, recipient) and deliveries
 * per (webhook, event), so a batch seen twice adds nothing. Only this follower sends: republishing the journal to
 * Kafka or replaying report-service moves no position here and sends nothing.
 * <p>
 * It never stalls on one entry: when a batch fails, it goes on one entry at a time, each in its own transaction. An
 * entry that fails for good ({@link EntryFailure#permanent}: the database refused its data, or its payload cannot be
 * read) is recorded in {@code inbox_skip} in the transaction that moves the position past it, logged at WARN, and
 * the entries after it are applied. Any other failure (connection, lock timeout) stops the follower at that entry
 * until its next run: such an entry is retried, never skipped.
 */
@ApplicationScoped
public class InboxFollower {

    private static final Logger LOG = Logger.getLogger(InboxFollower.class);
    static final String OFFICE = "office";
    static final int BATCH = 500;

    @Inject
    EntityManager em;

    @Inject
    Journal journal;

    @Inject
    WebhookConfig webhooks;

    @Inject
    InboxConfig config;

    @Inject
    InboxSkips skips;

    /** The last transient failure warned of: an outage is logged when it begins, not on every run. */
    private final AtomicReference<String> lastTransient = new AtomicReference<>();

    @Scheduled(identity = "inbox-follower", every = "${zhenggai.inbox.every:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        catchUp();
    }

    /**
     * Follows the journal to its end, or up to an entry it cannot apply yet; returns the entries it moved past
     * (applied, or set aside as skipped).
     */
    public int catchUp() {
        int total = 0;
        while (true) {
            try {
                int read = QuarkusTransaction.requiringNew().timeout(120).call(() -> followBatch(BATCH));
                total += read;
                if (read < BATCH) {
                    lastTransient.set(null);
                    return total;
                }
            } catch (RuntimeException batchFailed) {
                LOG.debugf("Following a batch of the journal failed (%s); going on one entry at a time",
                        EntryFailure.describe(batchFailed));
                OneAtATime done = oneAtATime(BATCH);
                total += done.moved();
                if (done.stopped()) {
                    return total;
                }
            }
        }
    }

    /** What {@link #oneAtATime} did: the entries it moved past, and whether it stopped (journal end or a failure). */
    private record OneAtATime(int moved, boolean stopped) {
    }

    /** Up to {@code limit} entries, each in its own transaction; sets aside those that fail for good. */
    private OneAtATime oneAtATime(int limit) {
        int moved = 0;
        while (moved < limit) {
            try {
                if (QuarkusTransaction.requiringNew().timeout(120).call(() -> followBatch(1)) == 0) {
                    return new OneAtATime(moved, true);
                }
                moved++;
            } catch (RuntimeException e) {
                EntryFailed failed = entryFailed(e);
                if (failed == null || !EntryFailure.permanent(e)) {
                    warnTransient(failed, e);
                    return new OneAtATime(moved, true);
                }
                try {
                    if (QuarkusTransaction.requiringNew().call(() -> skip(failed))) {
                        moved++;
                        JournalEntry entry = failed.entry;
                        LOG.warnf("Inbox follower: journal entry %d (%s, event %s of %s) cannot be applied and is "
                                        + "skipped for good (operators: GET /api/admin/inbox-skips): %s",
                                entry.position(), entry.type(), entry.eventId(), entry.aggregateId(),
                                EntryFailure.describe(e));
                    } // else another instance moved past it meanwhile
                } catch (RuntimeException skipFailed) {
                    warnTransient(failed, skipFailed);
                    return new OneAtATime(moved, true);
                }
            }
        }
        return new OneAtATime(moved, false);
    }

    /** Applies up to {@code limit} entries after the position and moves it past them, in the caller's transaction. */
    int followBatch(int limit) {
        long last = lockPosition();
        // bounded waits from here on: a lock another transaction holds is a transient failure, not a hang
        em.createNativeQuery("SELECT set_config('lock_timeout', ?1, true)")
                .setParameter(1, config.lockTimeout().toMillis() + "ms").getSingleResult();
        List<JournalEntry> entries = journal.readAfter(last, limit);
        for (JournalEntry entry : entries) {
            try {
                apply(entry);
            } catch (RuntimeException e) {
                throw new EntryFailed(entry, e);
            }
        }
        if (!entries.isEmpty()) {
            movePosition(entries.get(entries.size() - 1).position());
        }
        return entries.size();
    }

    /**
     * Records the failed entry as skipped and moves the position past it, if it is still the next entry (another
     * instance may have done so meanwhile); returns whether it did.
     */
    boolean skip(EntryFailed failed) {
        long last = lockPosition();
        List<JournalEntry> next = journal.readAfter(last, 1);
        if (next.isEmpty() || !next.get(0).eventId().equals(failed.entry.eventId())) {
            return false;
        }
        skips.record(failed.entry, failed.getCause());
        movePosition(failed.entry.position());
        return true;
    }

    private long lockPosition() {
        return ((Number) em.createNativeQuery("SELECT last FROM supervision_position WHERE id = 1 FOR UPDATE")
                .getSingleResult()).longValue();
    }

    private void movePosition(long position) {
        em.createNativeQuery("UPDATE supervision_position SET last = ?1 WHERE id = 1")
                .setParameter(1, position).executeUpdate();
    }

    private void warnTransient(EntryFailed failed, RuntimeException e) {
        String where = failed == null ? "the journal" : "journal entry " + failed.entry.position() + " ("
                + failed.entry.type() + ", event " + failed.entry.eventId() + ")";
        String reason = EntryFailure.describe(e);
        if (!(where + reason).equals(lastTransient.getAndSet(where + reason))) {
            LOG.warnf("Inbox follower stopped at %s and will try it again later, never skipping it: %s", where,
                    reason);
        }
    }

    private static EntryFailed entryFailed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EntryFailed failed) {
                return failed;
            }
        }
        return null;
    }

    /** Applying one entry failed: names the entry, so that it can be set aside when the failure is its own. */
    static final class EntryFailed extends RuntimeException {

        final transient JournalEntry entry;

        EntryFailed(JournalEntry entry, RuntimeException cause) {
            super("applying journal entry " + entry.position() + " (" + entry.type() + ", event " + entry.eventId()
                    + ") failed", cause, false, false);
            this.entry = entry;
        }
    }

    void apply(JournalEntry entry) {
        JsonNode data = entry.payload();
        JsonNode issue = data.path("issue");
        if (issue.isMissingNode()) {
            return;
        }
        String lead = Notices.text(issue.path("leadUnit"));
        String name = Notices.name(issue);
        switch (entry.type()) {
            case EventTypes.ISSUE_ASSIGNED -> {
                close(entry, InboxKind.SIGN);
                unit(entry, data.path("assignment").path("leadUnit").asText(), InboxKind.SIGN,
                        "待签收：" + name, Notices.text(data.path("assignment").path("note")), null);
            }
            case EventTypes.ISSUE_SIGNED -> close(entry, InboxKind.SIGN);
            case EventTypes.ISSUE_STATUS_CHANGED -> {
                String transition = data.path("change").path("transition").asText();
                if (transition.equals("COMPLETE")) {
                    item(entry, "OFFICE", OFFICE, InboxKind.VERIFY_COMPLETION, "待核验（申请销号）：" + name,
                            Notices.text(data.path("change").path("note")), null);
                } else if (transition.equals("RETURN") || transition.equals("CLOSE")) {
                    close(entry, InboxKind.VERIFY_COMPLETION);
                    if (transition.equals("RETURN") && lead != null) {
                        unit(entry, lead, InboxKind.RETURNED, "退回：" + name,
                                Notices.text(data.path("change").path("reason")), null);
                    }
                }
            }
            case EventTypes.ISSUE_EXTENSION_REQUESTED -> item(entry, "OFFICE", OFFICE, InboxKind.DECIDE_EXTENSION,
                    "待审批（延期申请）：" + name + "，申请延至" + data.path("extension").path("requestedDeadline").asText(),
                    Notices.text(data.path("extension").path("reason")), null);
            case EventTypes.ISSUE_EXTENSION_DECIDED -> {
                close(entry, InboxKind.DECIDE_EXTENSION);
                if (lead != null) {
                    JsonNode extension = data.path("extension");
                    unit(entry, lead, InboxKind.EXTENSION_DECIDED, ("APPROVED".equals(extension.path("decision")
                            .asText()) ? "延期已批准：" : "延期未批准：") + name + "，完成时限"
                            + extension.path("newDeadline").asText(), Notices.text(extension.path("note")), null);
                }
            }
            case EventTypes.ISSUE_INSTRUCTION_ADDED -> {
                JsonNode instruction = data.path("instruction");
                for (String unit : Notices.strings(issue.path("responsibleUnits"))) {
                    unit(entry, unit, InboxKind.INSTRUCTION, "领导批示（" + instruction.path("leader").asText() + "）："
                            + name, instruction.path("text").asText(), null);
                }
            }
            case EventTypes.ISSUE_REMINDED -> {
                JsonNode reminder = data.path("reminder");
                ReminderLevel level = ReminderLevel.valueOf(reminder.path("level").asText());
                LocalDate day = LocalDate.parse(reminder.path("day").asText());
                Notices.Notice notice = Notices.reminder(level, issue, day);
                List<String> recipients = Notices.strings(reminder.path("recipients"));
                for (String unit : recipients) {
                    unit(entry, unit, InboxKind.REMINDER, notice.title(), null, level.name());
                }
                if (level == ReminderLevel.RED) { // 逾期: the lead leaders hear of it too
                    for (String leader : Notices.strings(issue.path("leadLeaders"))) {
                        item(entry, "LEADER", leader, InboxKind.REMINDER, notice.title(), null, level.name());
                    }
                }
                deliver(entry, level.name(), recipients, notice);
            }
            case EventTypes.ISSUE_URGED -> {
                JsonNode urge = data.path("urge");
                Notices.Notice notice = Notices.urge(issue, urge.path("message").asText());
                List<String> units = Notices.strings(urge.path("units"));
                for (String unit : units) {
                    unit(entry, unit, InboxKind.URGE, notice.title(), urge.path("message").asText(), "URGE");
                }
                deliver(entry, "URGE", units, notice);
            }
            default -> {
                // other events concern no one's inbox
            }
        }
    }

    private void unit(JournalEntry entry, String unit, InboxKind kind, String title, String message, String level) {
        if (unit != null && !unit.isBlank()) {
            item(entry, "UNIT", unit, kind, title, message, level);
        }
    }

    private void item(JournalEntry entry, String recipientKind, String recipient, InboxKind kind, String title,
                      String message, String level) {
        em.createNativeQuery("""
                        INSERT INTO inbox_item (id, event_id, position, event_type, recipient_kind, recipient, kind,
                                                issue_id, issue_title, title, message, level, actor, created_at, task)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                        ON CONFLICT (event_id, recipient_kind, recipient) DO NOTHING""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, entry.eventId())
                .setParameter(3, entry.position())
                .setParameter(4, entry.type())
                .setParameter(5, recipientKind)
                .setParameter(6, recipient)
                .setParameter(7, kind.name())
                .setParameter(8, entry.aggregateId())
                .setParameter(9, Notices.name(entry.payload().path("issue")))
                .setParameter(10, title)
                .setParameter(11, message)
                .setParameter(12, level)
                .setParameter(13, entry.actor())
                .setParameter(14, Timestamp.from(entry.recordedAt()))
                .setParameter(15, kind.task())
                .executeUpdate();
    }

    /** Closes the open tasks of a kind on the entry's issue: the entry did them. */
    private void close(JournalEntry entry, InboxKind kind) {
        em.createNativeQuery("""
                        UPDATE inbox_item SET closed_at = ?1
                        WHERE issue_id = ?2 AND kind = ?3 AND task AND closed_at IS NULL AND position < ?4""")
                .setParameter(1, Timestamp.from(entry.recordedAt()))
                .setParameter(2, entry.aggregateId())
                .setParameter(3, kind.name())
                .setParameter(4, entry.position())
                .executeUpdate();
    }

    /** One delivery per configured webhook whose filters take the notice. */
    private void deliver(JournalEntry entry, String level, List<String> units, Notices.Notice notice) {
        for (Map.Entry<String, WebhookConfig.Webhook> webhook : webhooks.webhooks().entrySet()) {
            WebhookConfig.Webhook config = webhook.getValue();
            Set<String> wanted = new LinkedHashSet<>(config.units().orElse(List.of()));
            if (!wanted.isEmpty() && units.stream().noneMatch(wanted::contains)) {
                continue;
            }
            if (config.levels().isPresent() && !config.levels().get().contains(level)) {
                continue;
            }
            em.createNativeQuery("""
                            INSERT INTO webhook_delivery (id, webhook, event_id, event_type, issue_id, level, title,
                                                          text, markdown, state, next_attempt_at, created_at)
                            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'PENDING', ?10, ?10)
                            ON CONFLICT (webhook, event_id) DO NOTHING""")
                    .setParameter(1, UUID.randomUUID())
                    .setParameter(2, webhook.getKey())
                    .setParameter(3, entry.eventId())
                    .setParameter(4, entry.type())
                    .setParameter(5, entry.aggregateId())
                    .setParameter(6, level)
                    .setParameter(7, notice.title())
                    .setParameter(8, notice.text())
                    .setParameter(9, notice.markdown())
                    .setParameter(10, Timestamp.from(Instant.now()))
                    .executeUpdate();
        }
    }
}
