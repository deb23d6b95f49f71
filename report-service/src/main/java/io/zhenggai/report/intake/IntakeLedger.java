package io.zhenggai.report.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhenggai.report.replay.InGeneration;

/**
 * The intake's own records, kept in the projections' database and written in their transaction: partition offsets,
 * the last sequence applied per aggregate, and events held behind a gap.
 */
@ApplicationScoped
@InGeneration
public class IntakeLedger {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Transactional(Transactional.TxType.MANDATORY)
    public Map<TopicPartition, Long> offsets(String topic) {
        return readOffsets(topic);
    }

    private Map<TopicPartition, Long> readOffsets(String topic) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Object row : em.createNativeQuery("SELECT partition, next_offset FROM intake_offset WHERE topic = ?1")
                .setParameter(1, topic).getResultList()) {
            Object[] cells = (Object[]) row;
            offsets.put(new TopicPartition(topic, ((Number) cells[0]).intValue()), ((Number) cells[1]).longValue());
        }
        return offsets;
    }

    /** The stored offsets, read outside the intake's transaction (for the status endpoint). */
    @Transactional
    public Map<TopicPartition, Long> storedOffsets(String topic) {
        return readOffsets(topic);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void saveOffsets(Map<TopicPartition, Long> nextOffsets) {
        nextOffsets.forEach((partition, next) -> em.createNativeQuery("""
                        INSERT INTO intake_offset (topic, partition, next_offset) VALUES (?1, ?2, ?3)
                        ON CONFLICT (topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset""")
                .setParameter(1, partition.topic())
                .setParameter(2, partition.partition())
                .setParameter(3, next)
                .executeUpdate());
    }

    /**
     * The last sequence applied for an aggregate, 0 if none. Locks the aggregate for this transaction (an advisory lock,
     * since an aggregate not seen yet has no row to lock), so that the intake and an operator closing a gap never apply
     * its events side by side.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long lastSequence(UUID aggregateId) {
        em.createNativeQuery("SELECT CAST(pg_advisory_xact_lock(?1) AS text)")
                .setParameter(1, aggregateId.getMostSignificantBits() ^ aggregateId.getLeastSignificantBits())
                .getSingleResult();
        List<?> rows = em.createNativeQuery(
                        "SELECT last_sequence FROM applied_aggregate WHERE aggregate_id = ?1 FOR UPDATE")
                .setParameter(1, aggregateId).getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordApplied(RectificationEvent event) {
        em.createNativeQuery("""
                        INSERT INTO applied_aggregate (aggregate_id, aggregate_type, last_sequence, last_event_id,
                                                       last_event_time, applied_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, now())
                        ON CONFLICT (aggregate_id) DO UPDATE SET last_sequence = EXCLUDED.last_sequence,
                            last_event_id = EXCLUDED.last_event_id, last_event_time = EXCLUDED.last_event_time,
                            applied_at = EXCLUDED.applied_at""")
                .setParameter(1, event.aggregateId())
                .setParameter(2, event.aggregateType())
                .setParameter(3, event.sequence())
                .setParameter(4, event.id())
                .setParameter(5, Timestamp.from(event.time()))
                .executeUpdate();
        // The log of applied events: what a drill-through shows as "the events a figure is made of", with both
        // clocks (recorded time and effective date) for answers as of a date.
        em.createNativeQuery("""
                        INSERT INTO applied_event (event_id, aggregate_type, aggregate_id, sequence, type, recorded_at,
                                                   effective_date, actor, position, applied_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, now())
                        ON CONFLICT (event_id) DO NOTHING""")
                .setParameter(1, event.id())
                .setParameter(2, event.aggregateType())
                .setParameter(3, event.aggregateId())
                .setParameter(4, event.sequence())
                .setParameter(5, event.type())
                .setParameter(6, Timestamp.from(event.time()))
                .setParameter(7, event.effectiveDate())
                .setParameter(8, event.actor())
                .setParameter(9, event.position())
                .executeUpdate();
    }

    /** The lowest sequence held for an aggregate, if any event of it is held. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Long> lowestHeld(UUID aggregateId) {
        Object lowest = em.createNativeQuery("SELECT min(sequence) FROM held_event WHERE aggregate_id = ?1")
                .setParameter(1, aggregateId).getSingleResult();
        return Optional.ofNullable(lowest).map(l -> ((Number) l).longValue());
    }

    /** Records that an operator gave up the sequences {@code from}..{@code to} of an aggregate. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordSkip(UUID aggregateId, long from, long to, String reason) {
        em.createNativeQuery("""
                        INSERT INTO intake_skip (aggregate_id, from_sequence, to_sequence, reason, skipped_at)
                        VALUES (?1, ?2, ?3, ?4, now())""")
                .setParameter(1, aggregateId).setParameter(2, from).setParameter(3, to).setParameter(4, reason)
                .executeUpdate();
    }

    /** How many events wait behind gaps. */
    @Transactional
    public long heldCount() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM held_event").getSingleResult()).longValue();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void hold(RectificationEvent event, TopicPartition source, long offset) {
        em.createNativeQuery("""
                        INSERT INTO held_event (aggregate_id, sequence, event, source_topic, source_partition,
                                                source_offset, held_at)
                        VALUES (?1, ?2, CAST(?3 AS jsonb), ?4, ?5, ?6, now())
                        ON CONFLICT (aggregate_id, sequence) DO NOTHING""")
                .setParameter(1, event.aggregateId())
                .setParameter(2, event.sequence())
                .setParameter(3, event.raw().toString())
                .setParameter(4, source.topic())
                .setParameter(5, source.partition())
                .setParameter(6, offset)
                .executeUpdate();
    }

    /** Removes and returns the held event with exactly this sequence, if one is waiting. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<RectificationEvent> releaseHeld(UUID aggregateId, long sequence) {
        List<?> rows = em.createNativeQuery(
                        "DELETE FROM held_event WHERE aggregate_id = ?1 AND sequence = ?2 RETURNING CAST(event AS TEXT)")
                .setParameter(1, aggregateId).setParameter(2, sequence).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(RectificationEvent.from(json.readTree((String) rows.get(0))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable held event " + aggregateId + "#" + sequence, e);
        }
    }

    /** Events that wait behind a gap: aggregate id → (held count, lowest held sequence, last applied). */
    @Transactional
    public List<Gap> gaps() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT h.aggregate_id, count(*), min(h.sequence), coalesce(max(a.last_sequence), 0), min(h.held_at)
                FROM held_event h LEFT JOIN applied_aggregate a ON a.aggregate_id = h.aggregate_id
                GROUP BY h.aggregate_id ORDER BY min(h.held_at)""").getResultList();
        return rows.stream().map(r -> new Gap((UUID) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), instant(r[4]))).toList();
    }

    @Transactional
    public Optional<Instant> newestAppliedEventTime() {
        Object newest = em.createNativeQuery("SELECT max(last_event_time) FROM applied_aggregate").getSingleResult();
        return Optional.ofNullable(newest).map(IntakeLedger::instant);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }

    /** An aggregate whose later events wait for a missing one. */
    public record Gap(UUID aggregateId, long heldEvents, long lowestHeldSequence, long lastAppliedSequence,
                      Instant heldSince) {
        public long missingSequence() {
            return lastAppliedSequence + 1;
        }
    }
}
