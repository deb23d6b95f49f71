package io.zhenggai.report.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhenggai.report.replay.Generations;
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

    @Inject
    Generations generations;

    @Inject
    TransactionSynchronizationRegistry transactions;

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
     * Before a batch: locks all its aggregates and reads their last applied sequences and which of them hold events,
     * in three statements instead of several per event. Locks are taken in key order, so two transactions locking
     * overlapping sets (the intake and an operator's skip) never deadlock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void prepare(Collection<UUID> aggregateIds) {
        Batch batch = batch();
        List<UUID> fresh = aggregateIds.stream().distinct().filter(id -> !batch.lastSequence.containsKey(id)).toList();
        if (fresh.isEmpty()) {
            return;
        }
        long[] keys = fresh.stream().mapToLong(this::lockKey).sorted().distinct().toArray();
        em.createNativeQuery("""
                        SELECT count(pg_advisory_xact_lock(k))
                        FROM unnest(CAST(CAST(?1 AS text[]) AS bigint[])) AS k""")
                .setParameter(1, texts(Arrays.stream(keys).boxed().toList())).getSingleResult();
        for (UUID id : fresh) {
            batch.lastSequence.put(id, 0L);
        }
        String[] ids = texts(fresh);
        for (Object row : em.createNativeQuery("""
                        SELECT aggregate_id, last_sequence FROM applied_aggregate
                        WHERE aggregate_id = ANY(CAST(CAST(?1 AS text[]) AS uuid[]))""")
                .setParameter(1, ids).getResultList()) {
            Object[] cells = (Object[]) row;
            batch.lastSequence.put((UUID) cells[0], ((Number) cells[1]).longValue());
        }
        for (Object id : em.createNativeQuery("""
                        SELECT DISTINCT aggregate_id FROM held_event
                        WHERE aggregate_id = ANY(CAST(CAST(?1 AS text[]) AS uuid[]))""")
                .setParameter(1, ids).getResultList()) {
            batch.holding.add((UUID) id);
        }
    }

    /**
     * The last sequence applied for an aggregate, 0 if none. Locks the aggregate for this transaction (an advisory lock,
     * since an aggregate not seen yet has no row to lock), so that the intake and an operator closing a gap never apply
     * its events side by side. Answered from the batch when {@link #prepare} read it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long lastSequence(UUID aggregateId) {
        prepare(List.of(aggregateId));
        return batch().lastSequence.get(aggregateId);
    }

    /** A 64-bit advisory lock key per generation and aggregate (a replay's generation never waits for the live one). */
    private long lockKey(UUID aggregateId) {
        String generation = generations.bound().orElseThrow();
        long hash = aggregateId.getMostSignificantBits() ^ aggregateId.getLeastSignificantBits();
        return (hash & 0x0000_FFFF_FFFF_FFFFL) | ((long) generation.hashCode() << 48);
    }

    /**
     * Records an applied event: the aggregate's last sequence and the applied-event log (what a drill-through shows as
     * "the events a figure is made of", with both clocks). Kept in the batch and written by {@link #flush} in a few
     * statements; a transaction never commits with them unwritten (see {@link Batch#beforeCompletion}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordApplied(RectificationEvent event) {
        Batch batch = batch();
        batch.lastSequence.put(event.aggregateId(), event.sequence());
        batch.lastApplied.put(event.aggregateId(), event);
        batch.appliedEvents.add(event);
    }

    /** Writes what the batch recorded: one multi-row statement per table. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void flush() {
        Batch batch = batch();
        if (batch.lastApplied.isEmpty() && batch.appliedEvents.isEmpty()) {
            return;
        }
        List<RectificationEvent> last = List.copyOf(batch.lastApplied.values());
        batch.lastApplied.clear();
        if (!last.isEmpty()) {
            em.createNativeQuery("""
                            INSERT INTO applied_aggregate (aggregate_id, aggregate_type, last_sequence, last_event_id,
                                                           last_event_time, applied_at)
                            SELECT a, t, s, e, m, now()
                            FROM unnest(CAST(CAST(?1 AS text[]) AS uuid[]), CAST(?2 AS text[]),
                                        CAST(CAST(?3 AS text[]) AS bigint[]), CAST(CAST(?4 AS text[]) AS uuid[]),
                                        CAST(CAST(?5 AS text[]) AS timestamptz[])) AS u(a, t, s, e, m)
                            ON CONFLICT (aggregate_id) DO UPDATE SET last_sequence = EXCLUDED.last_sequence,
                                last_event_id = EXCLUDED.last_event_id, last_event_time = EXCLUDED.last_event_time,
                                applied_at = EXCLUDED.applied_at""")
                    .setParameter(1, texts(last.stream().map(RectificationEvent::aggregateId).toList()))
                    .setParameter(2, last.stream().map(RectificationEvent::aggregateType).toArray(String[]::new))
                    .setParameter(3, texts(last.stream().map(RectificationEvent::sequence).toList()))
                    .setParameter(4, texts(last.stream().map(RectificationEvent::id).toList()))
                    .setParameter(5, texts(last.stream().map(RectificationEvent::time).toList()))
                    .executeUpdate();
        }
        List<RectificationEvent> applied = List.copyOf(batch.appliedEvents);
        batch.appliedEvents.clear();
        if (!applied.isEmpty()) {
            em.createNativeQuery("""
                            INSERT INTO applied_event (event_id, aggregate_type, aggregate_id, sequence, type,
                                                       recorded_at, effective_date, actor, position, applied_at)
                            SELECT i, t, a, s, y, r, d, c, p, now()
                            FROM unnest(CAST(CAST(?1 AS text[]) AS uuid[]), CAST(?2 AS text[]),
                                        CAST(CAST(?3 AS text[]) AS uuid[]), CAST(CAST(?4 AS text[]) AS bigint[]),
                                        CAST(?5 AS text[]), CAST(CAST(?6 AS text[]) AS timestamptz[]),
                                        CAST(CAST(?7 AS text[]) AS date[]), CAST(?8 AS text[]),
                                        CAST(CAST(?9 AS text[]) AS bigint[]))
                                 AS u(i, t, a, s, y, r, d, c, p)
                            ON CONFLICT (event_id) DO NOTHING""")
                    .setParameter(1, texts(applied.stream().map(RectificationEvent::id).toList()))
                    .setParameter(2, applied.stream().map(RectificationEvent::aggregateType).toArray(String[]::new))
                    .setParameter(3, texts(applied.stream().map(RectificationEvent::aggregateId).toList()))
                    .setParameter(4, texts(applied.stream().map(RectificationEvent::sequence).toList()))
                    .setParameter(5, applied.stream().map(RectificationEvent::type).toArray(String[]::new))
                    .setParameter(6, texts(applied.stream().map(RectificationEvent::time).toList()))
                    .setParameter(7, texts(applied.stream().map(RectificationEvent::effectiveDate).toList()))
                    .setParameter(8, applied.stream().map(RectificationEvent::actor).toArray(String[]::new))
                    .setParameter(9, texts(applied.stream().map(RectificationEvent::position).toList()))
                    .executeUpdate();
        }
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
        batch().holding.add(event.aggregateId());
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
        Batch batch = batch();
        if (batch.lastSequence.containsKey(aggregateId) && !batch.holding.contains(aggregateId)) {
            return Optional.empty(); // prepared: it holds nothing
        }
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

    /** Values as a text array (null stays null), bound once and cast in SQL: one parameter for a whole column. */
    private static String[] texts(List<?> values) {
        return values.stream().map(v -> v == null ? null : v.toString()).toArray(String[]::new);
    }

    private static final String BATCH = IntakeLedger.class.getName() + ".batch";

    /** This transaction's batch, created (and its completion guard registered) on first use. */
    private Batch batch() {
        Batch batch = (Batch) transactions.getResource(BATCH);
        if (batch == null) {
            batch = new Batch(this);
            transactions.putResource(BATCH, batch);
            transactions.registerInterposedSynchronization(batch);
        }
        return batch;
    }

    /**
     * What one transaction of the intake (or a replay, or an operator's skip) knows and has recorded: last sequences
     * and held aggregates read once, and applied events not yet written. Whatever is still unwritten when the
     * transaction completes is written then, before the commit, so forgetting {@link #flush} never loses a record.
     */
    private static final class Batch implements Synchronization {
        final IntakeLedger ledger;
        final Map<UUID, Long> lastSequence = new HashMap<>();
        final Set<UUID> holding = new HashSet<>();
        final Map<UUID, RectificationEvent> lastApplied = new LinkedHashMap<>();
        final List<RectificationEvent> appliedEvents = new ArrayList<>();

        Batch(IntakeLedger ledger) {
            this.ledger = ledger;
        }

        @Override
        public void beforeCompletion() {
            if (!lastApplied.isEmpty() || !appliedEvents.isEmpty()) {
                ledger.flush();
            }
        }

        @Override
        public void afterCompletion(int status) {
        }
    }
}
