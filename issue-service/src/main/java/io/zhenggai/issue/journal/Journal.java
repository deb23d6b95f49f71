package io.zhenggai.issue.journal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The append-only journal (outbox). Appending requires the caller's transaction: no change without its event. */
@ApplicationScoped
public class Journal {

    private static final String COLUMNS = "position, event_id, event_type, aggregate_type, aggregate_id, sequence, "
            + "recorded_at, effective_date, actor, CAST(payload AS TEXT), published_at, traceparent";

    /**
     * The largest payload the journal takes (8 MiB of JSON). A bigger event could never be published (the topic
     * takes 16 MiB with its envelope) and would stall the relay behind it forever, so it is refused before anything
     * is written.
     */
    public static final int MAX_EVENT_BYTES = 8 * 1024 * 1024;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Event<JournalAppended> appended;

    /**
     * Appends an event in the current transaction. The position is taken last, just before commit, from a row lock
     * on the position counter, so positions become visible in order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public JournalEntry append(AggregateType aggregateType, UUID aggregateId, long sequence, String type,
                               LocalDate effectiveDate, String actor, Object payload) {
        JsonNode data = json.valueToTree(payload);
        String text = data.toString();
        if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
            throw new EventTooLargeException("This change would make an event over "
                    + MAX_EVENT_BYTES / (1024 * 1024) + " MiB: send less text at once");
        }
        UUID eventId = UUID.randomUUID();
        Instant recordedAt = Instant.now();
        String traceparent = EventTracing.currentTraceparent();
        // The aggregate's own rows first, then nothing left to dirty-check at commit: the position lock taken below
        // is held until commit, so the less that happens after it, the more writers commit per second.
        em.flush();
        em.clear();
        Number position = (Number) em.createNativeQuery("""
                WITH next AS (UPDATE journal_position SET last = last + 1 WHERE id = 1 RETURNING last)
                INSERT INTO journal (position, event_id, event_type, aggregate_type, aggregate_id, sequence,
                                     recorded_at, effective_date, actor, payload, traceparent)
                SELECT next.last, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, CAST(?9 AS jsonb), ?10 FROM next
                RETURNING position""")
                .setParameter(1, eventId)
                .setParameter(2, type)
                .setParameter(3, aggregateType.code())
                .setParameter(4, aggregateId)
                .setParameter(5, sequence)
                .setParameter(6, Timestamp.from(recordedAt))
                .setParameter(7, effectiveDate)
                .setParameter(8, actor)
                .setParameter(9, text)
                .setParameter(10, traceparent)
                .getSingleResult();
        appended.fire(new JournalAppended(position.longValue()));
        return new JournalEntry(position.longValue(), eventId, type, aggregateType, aggregateId, sequence, recordedAt,
                effectiveDate, actor, data, null, traceparent);
    }

    /** All events in journal order after {@code position}: for rebuilds. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<JournalEntry> readAfter(long position, int limit) {
        return query("SELECT " + COLUMNS + " FROM journal WHERE position > ?1 ORDER BY position LIMIT ?2",
                position, limit);
    }

    /** One aggregate's events in sequence order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<JournalEntry> history(UUID aggregateId) {
        return query("SELECT " + COLUMNS + " FROM journal WHERE aggregate_id = ?1 ORDER BY sequence", aggregateId);
    }

    /** Whether an aggregate has events after {@code sequence} of any type but {@code ignoredTypes}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean changedAfter(UUID aggregateId, long sequence, java.util.Collection<String> ignoredTypes) {
        return !em.createNativeQuery("""
                        SELECT 1 FROM journal WHERE aggregate_id = ?1 AND sequence > ?2
                        AND NOT (event_type = ANY (CAST(?3 AS text[]))) LIMIT 1""")
                .setParameter(1, aggregateId)
                .setParameter(2, sequence)
                .setParameter(3, ignoredTypes.toArray(String[]::new))
                .getResultList().isEmpty();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long lastPosition() {
        return ((Number) em.createNativeQuery("SELECT last FROM journal_position WHERE id = 1").getSingleResult())
                .longValue();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long unpublishedCount() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM journal WHERE published_at IS NULL")
                .getSingleResult()).longValue();
    }

    List<JournalEntry> unpublished(int limit) {
        return query("SELECT " + COLUMNS + " FROM journal WHERE published_at IS NULL ORDER BY position LIMIT ?1",
                limit);
    }

    void markPublished(List<Long> positions) {
        if (!positions.isEmpty()) {
            em.createNativeQuery("UPDATE journal SET published_at = now() WHERE position = ANY(?1)")
                    .setParameter(1, positions.toArray(Long[]::new))
                    .executeUpdate();
        }
    }

    /** Marks a range unpublished again, so the relay sends it once more (operators; consumers dedupe). */
    @Transactional
    public int markForRepublish(long fromPosition, long toPosition) {
        return em.createNativeQuery("UPDATE journal SET published_at = NULL WHERE position BETWEEN ?1 AND ?2")
                .setParameter(1, fromPosition)
                .setParameter(2, toPosition)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<JournalEntry> query(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return ((List<Object[]>) query.getResultList()).stream().map(this::toEntry).toList();
    }

    private JournalEntry toEntry(Object[] row) {
        try {
            return new JournalEntry(
                    ((Number) row[0]).longValue(),
                    (UUID) row[1],
                    (String) row[2],
                    AggregateType.ofCode((String) row[3]),
                    (UUID) row[4],
                    ((Number) row[5]).longValue(),
                    instant(row[6]),
                    row[7] == null ? null : localDate(row[7]),
                    (String) row[8],
                    json.readTree((String) row[9]),
                    row[10] == null ? null : instant(row[10]),
                    (String) row[11]);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable journal payload at position " + row[0], e);
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }

    private static LocalDate localDate(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        return ((java.sql.Date) value).toLocalDate();
    }

    /** Fired in the appending transaction; the relay observes it after commit to publish without waiting. */
    public record JournalAppended(long position) {
    }
}
