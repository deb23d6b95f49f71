package io.zhenggai.issue.supervision;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.zhenggai.issue.journal.JournalEntry;

/**
 * The journal entries the inbox follower set aside because applying them failed for good ({@link EntryFailure}):
 * recorded in the transaction that moves the follower past them, listed for operators.
 */
@ApplicationScoped
public class InboxSkips {

    public static final int MAX_LIMIT = 500;

    @Inject
    EntityManager em;

    /** One entry set aside: where it is in the journal, what it was, and why it could not be applied. */
    public record Skip(long position, UUID eventId, String eventType, UUID aggregateId, String error,
                       String exception, Instant skippedAt) {
    }

    /** The newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<Skip> list(int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT position, event_id, event_type, aggregate_id, error, exception, skipped_at
                        FROM inbox_skip ORDER BY position DESC LIMIT ?1""")
                .setParameter(1, limit)
                .getResultList();
        return rows.stream().map(row -> new Skip(((Number) row[0]).longValue(), (UUID) row[1], (String) row[2],
                (UUID) row[3], (String) row[4], (String) row[5], Inbox.instant(row[6]))).toList();
    }

    /** Records a skip in the caller's transaction (the one that moves the follower's position past the entry). */
    @Transactional(Transactional.TxType.MANDATORY)
    void record(JournalEntry entry, Throwable failure) {
        em.createNativeQuery("""
                        INSERT INTO inbox_skip (position, event_id, event_type, aggregate_id, error, exception,
                                                skipped_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                        ON CONFLICT (position) DO NOTHING""")
                .setParameter(1, entry.position())
                .setParameter(2, entry.eventId())
                .setParameter(3, entry.type())
                .setParameter(4, entry.aggregateId())
                .setParameter(5, abbreviate(EntryFailure.describe(failure)))
                .setParameter(6, EntryFailure.exceptionClass(failure))
                .setParameter(7, Timestamp.from(Instant.now()))
                .executeUpdate();
    }

    private static String abbreviate(String text) {
        return text.length() > 2000 ? text.substring(0, 2000) + "…" : text;
    }
}
