package io.zhenggai.report.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhenggai.report.store.Carried;
import io.zhenggai.report.store.ChangeFeed;
import io.zhenggai.report.store.Generations;
import io.zhenggai.report.store.InGeneration;
import io.zhenggai.report.store.InstantText;

/**
 * The intake's own records, kept in the projections' database and written in their transaction: partition offsets,
 * the last sequence applied per aggregate, events held behind a gap, records dead-lettered, and conflicts (events at
 * an applied sequence with another id). And the change feed's row: every transaction that applied events (the intake,
 * a replay, an operator's skip or dismissal: all record them here) logs the aggregates it applied under the next
 * number of the generation's clock, as its last statement ({@link ChangeFeed}).
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

    @Inject
    ChangeFeed changes;

    @Transactional(Transactional.TxType.MANDATORY)
    public Map<TopicPartition, Long> offsets(String topic) {
        return readOffsets(topic);
    }

    private Map<TopicPartition, Long> readOffsets(String topic) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Tuple row : tuples(em.createNativeQuery(
                "SELECT partition, next_offset FROM intake_offset WHERE topic = :topic", Tuple.class)
                .setParameter("topic", topic))) {
            offsets.put(new TopicPartition(topic, ((Number) row.get("partition")).intValue()),
                    ((Number) row.get("next_offset")).longValue());
        }
        return offsets;
    }

    /**
     * Where the intake stands in its generation, for the status endpoint: the stored offsets, the newest applied
     * event's time, the gaps and the aggregates waiting for an operator, read in one transaction bound once (a
     * dashboard polls it; four transactions each binding the generation cost it twice the round trips).
     */
    public record Standing(Map<TopicPartition, Long> offsets, Optional<Instant> newestAppliedEventTime,
                           List<Gap> gaps, List<Blocked> blocked) {
    }

    @Transactional
    public Standing standing(String topic) {
        return new Standing(readOffsets(topic), newestAppliedEventTime(), gaps(), blocked());
    }

    /** Stores the next offset of every partition of a batch, in one statement (an offset never moves back). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void saveOffsets(Map<TopicPartition, Long> nextOffsets) {
        if (nextOffsets.isEmpty()) {
            return;
        }
        // in key order, like any two writers of the same rows should
        List<Map.Entry<TopicPartition, Long>> rows = nextOffsets.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(TopicPartition::topic)
                        .thenComparingInt(TopicPartition::partition)))
                .toList();
        em.createNativeQuery("""
                        INSERT INTO intake_offset (topic, partition, next_offset)
                        SELECT t, p, o FROM unnest(CAST(:topics AS text[]), CAST(CAST(:partitions AS text[]) AS int[]),
                                                   CAST(CAST(:offsets AS text[]) AS bigint[])) AS u(t, p, o)
                        ON CONFLICT (topic, partition) DO UPDATE
                            SET next_offset = GREATEST(intake_offset.next_offset, EXCLUDED.next_offset)""")
                .setParameter("topics", rows.stream().map(row -> row.getKey().topic()).toArray(String[]::new))
                .setParameter("partitions", texts(rows.stream().map(row -> row.getKey().partition()).toList()))
                .setParameter("offsets", texts(rows.stream().map(Map.Entry::getValue).toList()))
                .executeUpdate();
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
                        FROM unnest(CAST(CAST(:keys AS text[]) AS bigint[])) AS k""")
                .setParameter("keys", texts(Arrays.stream(keys).boxed().toList())).getSingleResult();
        if (batch.carried != null) {
            fresh = batch.carried.recall(batch, fresh, batch.carriedComplete);
            if (fresh.isEmpty()) {
                return;
            }
        }
        for (UUID id : fresh) {
            batch.lastSequence.put(id, 0L);
        }
        String[] ids = texts(fresh);
        for (Tuple row : tuples(em.createNativeQuery("""
                        SELECT aggregate_id, last_sequence FROM applied_aggregate
                        WHERE aggregate_id = ANY(CAST(CAST(:ids AS text[]) AS uuid[]))""", Tuple.class)
                .setParameter("ids", ids))) {
            batch.lastSequence.put((UUID) row.get("aggregate_id"), ((Number) row.get("last_sequence")).longValue());
        }
        // which of them hold events, and which are blocked by a conflict: one statement for both
        for (Tuple row : tuples(em.createNativeQuery("""
                        SELECT DISTINCT aggregate_id, FALSE AS conflicted FROM held_event
                        WHERE aggregate_id = ANY(CAST(CAST(:ids AS text[]) AS uuid[]))
                        UNION ALL
                        SELECT DISTINCT aggregate_id, TRUE AS conflicted FROM intake_conflict
                        WHERE resolved_at IS NULL AND aggregate_id = ANY(CAST(CAST(:ids AS text[]) AS uuid[]))""",
                        Tuple.class)
                .setParameter("ids", ids))) {
            (Boolean.TRUE.equals(row.get("conflicted")) ? batch.conflicted : batch.holding)
                    .add((UUID) row.get("aggregate_id"));
        }
    }

    /**
     * Before a batch is applied again after a failure: the events to set aside and whether to write each event's
     * bookkeeping at once (see {@link Isolation}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void isolate(Isolation isolation) {
        batch().isolation = isolation;
    }

    /** Why this event is to be set aside as a dead letter, if it is. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Isolation.Poison> poison(UUID eventId) {
        Isolation isolation = batch().isolation;
        return isolation == null ? Optional.empty() : isolation.poison(eventId);
    }

    /** Whether each applied event's bookkeeping is written at once (a batch applied again after a failure). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean careful() {
        Isolation isolation = batch().isolation;
        return isolation != null && isolation.careful();
    }

    /** Whether an operator has yet to decide about a conflict of this aggregate (read by {@link #prepare}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean conflicted(UUID aggregateId) {
        prepare(List.of(aggregateId));
        return batch().conflicted.contains(aggregateId);
    }

    /**
     * Before a batch, after {@link #prepare}: the ids of the events already applied at the sequences that the batch's
     * redelivered events carry, in one statement (only redeliveries need them: see {@link #appliedEventId}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void prefetchAppliedIds(Collection<RectificationEvent> events) {
        Batch batch = batch();
        List<RectificationEvent> seen = events.stream()
                .filter(e -> e.sequence() <= batch.lastSequence.getOrDefault(e.aggregateId(), 0L))
                .filter(e -> !batch.knownIds.containsKey(key(e.aggregateId(), e.sequence())))
                .toList();
        if (seen.isEmpty()) {
            return;
        }
        for (Tuple row : tuples(em.createNativeQuery("""
                        SELECT e.aggregate_id, e.sequence, e.event_id FROM applied_event e
                        JOIN unnest(CAST(CAST(:aggregates AS text[]) AS uuid[]),
                                    CAST(CAST(:sequences AS text[]) AS bigint[])) AS u(a, s)
                            ON e.aggregate_id = u.a AND e.sequence = u.s""", Tuple.class)
                .setParameter("aggregates", texts(seen.stream().map(RectificationEvent::aggregateId).toList()))
                .setParameter("sequences", texts(seen.stream().map(RectificationEvent::sequence).toList())))) {
            batch.knownIds.put(key((UUID) row.get("aggregate_id"), ((Number) row.get("sequence")).longValue()),
                    (UUID) row.get("event_id"));
        }
        seen.forEach(e -> batch.knownIds.putIfAbsent(key(e.aggregateId(), e.sequence()), NONE));
    }

    /**
     * The id of the event applied at this sequence of the aggregate: from this transaction, from
     * {@link #prefetchAppliedIds}, else one look-up in {@code applied_event}'s (aggregate, sequence) index. Empty when
     * no event was applied there (an operator skipped it).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> appliedEventId(UUID aggregateId, long sequence) {
        Batch batch = batch();
        String key = key(aggregateId, sequence);
        UUID known = batch.appliedIds.get(key);
        if (known == null) {
            known = batch.knownIds.get(key);
        }
        if (known == null) {
            List<?> rows = em.createNativeQuery(
                            "SELECT event_id FROM applied_event WHERE aggregate_id = :aggregate"
                                    + " AND sequence = :sequence")
                    .setParameter("aggregate", aggregateId).setParameter("sequence", sequence).getResultList();
            known = rows.isEmpty() ? NONE : (UUID) rows.get(0);
            batch.knownIds.put(key, known);
        }
        return NONE.equals(known) ? Optional.empty() : Optional.of(known);
    }

    /** Stands for "no event" in the maps of known ids. */
    private static final UUID NONE = new UUID(0, 0);

    private static String key(UUID aggregateId, long sequence) {
        return aggregateId + "#" + sequence;
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
        batch.appliedIds.put(key(event.aggregateId(), event.sequence()), event.id());
        batch.raiseNewest(event.time());
        logChangesAtCommit(batch);
        batch.changed.add(event.aggregateId());
    }

    /**
     * Registers the transaction's change-log row (see {@link Batch#logChanges}) once, when its first event is applied:
     * after the projections' batches (they register when they prepare or apply an event, before the ledger records
     * it), so that it runs after theirs, last. An operator's skip registers it when it advances an aggregate (the
     * clock's newest applied time); the skip flushes what it applied itself before it ends.
     */
    private void logChangesAtCommit(Batch batch) {
        if (batch.logging) {
            return;
        }
        batch.logging = true;
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                batch.logChanges();
            }

            @Override
            public void afterCompletion(int status) {
            }
        });
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
                            FROM unnest(CAST(CAST(:aggregates AS text[]) AS uuid[]), CAST(:types AS text[]),
                                        CAST(CAST(:sequences AS text[]) AS bigint[]),
                                        CAST(CAST(:eventIds AS text[]) AS uuid[]),
                                        CAST(CAST(:times AS text[]) AS timestamptz[])) AS u(a, t, s, e, m)
                            ON CONFLICT (aggregate_id) DO UPDATE SET last_sequence = EXCLUDED.last_sequence,
                                last_event_id = EXCLUDED.last_event_id, last_event_time = EXCLUDED.last_event_time,
                                applied_at = EXCLUDED.applied_at""")
                    .setParameter("aggregates", texts(last.stream().map(RectificationEvent::aggregateId).toList()))
                    .setParameter("types", last.stream().map(RectificationEvent::aggregateType).toArray(String[]::new))
                    .setParameter("sequences", texts(last.stream().map(RectificationEvent::sequence).toList()))
                    .setParameter("eventIds", texts(last.stream().map(RectificationEvent::id).toList()))
                    .setParameter("times", texts(last.stream().map(RectificationEvent::time).toList()))
                    .executeUpdate();
        }
        List<RectificationEvent> applied = List.copyOf(batch.appliedEvents);
        batch.appliedEvents.clear();
        if (!applied.isEmpty()) {
            em.createNativeQuery("""
                            INSERT INTO applied_event (event_id, aggregate_type, aggregate_id, sequence, type,
                                                       recorded_at, effective_date, actor, position, applied_at)
                            SELECT i, t, a, s, y, r, d, c, p, now()
                            FROM unnest(CAST(CAST(:eventIds AS text[]) AS uuid[]), CAST(:aggregateTypes AS text[]),
                                        CAST(CAST(:aggregates AS text[]) AS uuid[]),
                                        CAST(CAST(:sequences AS text[]) AS bigint[]), CAST(:types AS text[]),
                                        CAST(CAST(:recordedAt AS text[]) AS timestamptz[]),
                                        CAST(CAST(:effectiveDates AS text[]) AS date[]), CAST(:actors AS text[]),
                                        CAST(CAST(:positions AS text[]) AS bigint[]))
                                 AS u(i, t, a, s, y, r, d, c, p)
                            ON CONFLICT (event_id) DO NOTHING""")
                    .setParameter("eventIds", texts(applied.stream().map(RectificationEvent::id).toList()))
                    .setParameter("aggregateTypes",
                            applied.stream().map(RectificationEvent::aggregateType).toArray(String[]::new))
                    .setParameter("aggregates", texts(applied.stream().map(RectificationEvent::aggregateId).toList()))
                    .setParameter("sequences", texts(applied.stream().map(RectificationEvent::sequence).toList()))
                    .setParameter("types", applied.stream().map(RectificationEvent::type).toArray(String[]::new))
                    .setParameter("recordedAt", texts(applied.stream().map(RectificationEvent::time).toList()))
                    .setParameter("effectiveDates",
                            texts(applied.stream().map(RectificationEvent::effectiveDate).toList()))
                    .setParameter("actors", applied.stream().map(RectificationEvent::actor).toArray(String[]::new))
                    .setParameter("positions", texts(applied.stream().map(RectificationEvent::position).toList()))
                    .executeUpdate();
        }
    }

    /** The lowest sequence held for an aggregate, if any event of it is held. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Long> lowestHeld(UUID aggregateId) {
        Object lowest = em.createNativeQuery("SELECT min(sequence) FROM held_event WHERE aggregate_id = :aggregate")
                .setParameter("aggregate", aggregateId).getSingleResult();
        return Optional.ofNullable(lowest).map(l -> ((Number) l).longValue());
    }

    /**
     * Records that an operator gave up the sequences {@code from}..{@code to} of an aggregate. A skip from where an
     * earlier one started (its first released event was dead-lettered, so the aggregate did not move) widens it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordSkip(UUID aggregateId, long from, long to, String reason) {
        em.createNativeQuery("""
                        INSERT INTO intake_skip (aggregate_id, from_sequence, to_sequence, reason, skipped_at)
                        VALUES (:aggregate, :fromSequence, :toSequence, :reason, now())
                        ON CONFLICT (aggregate_id, from_sequence) DO UPDATE SET to_sequence = EXCLUDED.to_sequence,
                            reason = intake_skip.reason || '; ' || EXCLUDED.reason, skipped_at = EXCLUDED.skipped_at""")
                .setParameter("aggregate", aggregateId).setParameter("fromSequence", from).setParameter("toSequence", to)
                .setParameter("reason", reason)
                .executeUpdate();
    }

    /** Whether this transaction held or released an event (else the number held changed only by others). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean heldChanged() {
        return batch().heldChanged;
    }

    /** How many events wait behind gaps. */
    @Transactional
    public long heldCount() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM held_event").getSingleResult()).longValue();
    }

    /**
     * Keeps an event until its aggregate's gap closes (or an operator decides about its conflict). Returns the id of
     * another event held at the same sequence, if one is: a conflict, not a redelivery.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> hold(RectificationEvent event, TopicPartition source, long offset) {
        batch().holding.add(event.aggregateId());
        batch().heldChanged = true;
        // the id of what is held there: this event's when it was inserted now (or held before), another's if not
        Object held = em.createNativeQuery("""
                        WITH inserted AS (
                            INSERT INTO held_event (aggregate_id, sequence, event, source_topic, source_partition,
                                                    source_offset, held_at)
                            VALUES (:aggregate, :sequence, CAST(:event AS jsonb), :topic, :partition, :offset, now())
                            ON CONFLICT (aggregate_id, sequence) DO NOTHING
                            RETURNING event ->> 'id')
                        SELECT coalesce((SELECT * FROM inserted),
                            (SELECT event ->> 'id' FROM held_event WHERE aggregate_id = :aggregate
                                                                     AND sequence = :sequence))""")
                .setParameter("aggregate", event.aggregateId())
                .setParameter("sequence", event.sequence())
                .setParameter("event", event.raw().toString())
                .setParameter("topic", source.topic())
                .setParameter("partition", source.partition())
                .setParameter("offset", offset)
                .getSingleResult();
        UUID heldId = held == null ? event.id() : UUID.fromString((String) held);
        return heldId.equals(event.id()) ? Optional.empty() : Optional.of(heldId);
    }

    /** Removes and returns the held event with exactly this sequence, if one is waiting. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<RectificationEvent> releaseHeld(UUID aggregateId, long sequence) {
        Batch batch = batch();
        if (batch.lastSequence.containsKey(aggregateId) && !batch.holding.contains(aggregateId)) {
            return Optional.empty(); // prepared: it holds nothing
        }
        List<Tuple> rows = tuples(em.createNativeQuery("""
                        DELETE FROM held_event WHERE aggregate_id = :aggregate AND sequence = :sequence
                        RETURNING CAST(event AS TEXT) AS event, source_topic, source_partition, source_offset""",
                        Tuple.class)
                .setParameter("aggregate", aggregateId).setParameter("sequence", sequence));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        batch.heldChanged = true;
        Tuple held = rows.get(0);
        try {
            RectificationEvent event = RectificationEvent.from(json.readTree((String) held.get("event")));
            batch.heldSources.put(event.id(), source(held));
            return Optional.of(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable held event " + aggregateId + "#" + sequence, e);
        }
    }

    /**
     * Removes and returns the held events of an aggregate at or below {@code sequence} (in sequence order): events that
     * were held behind a gap the aggregate has meanwhile passed by another path (a generation built from the journal
     * switched in with the live one's held events). Each is either the very event applied there or a conflict.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<RectificationEvent> releaseHeldUpTo(UUID aggregateId, long sequence) {
        Batch batch = batch();
        List<RectificationEvent> released = new ArrayList<>();
        for (Tuple held : tuples(em.createNativeQuery("""
                        DELETE FROM held_event WHERE aggregate_id = :aggregate AND sequence <= :sequence
                        RETURNING CAST(event AS TEXT) AS event, source_topic, source_partition, source_offset,
                            sequence""", Tuple.class)
                .setParameter("aggregate", aggregateId).setParameter("sequence", sequence))) {
            try {
                RectificationEvent event = RectificationEvent.from(json.readTree((String) held.get("event")));
                batch.heldSources.put(event.id(), source(held));
                released.add(event);
                batch.heldChanged = true;
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Unreadable held event " + aggregateId + "#" + held.get("sequence"), e);
            }
        }
        released.sort(java.util.Comparator.comparingLong(RectificationEvent::sequence));
        return released;
    }

    /**
     * The aggregates that hold events, read from the table itself (so that rows this transaction copied in with SQL
     * count too), locked like {@link #prepare}, and with whether each has an open conflict read again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> holdingAggregates() {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("SELECT DISTINCT aggregate_id FROM held_event ORDER BY 1")
                .getResultList();
        if (ids.isEmpty()) {
            return ids;
        }
        prepare(ids);
        batch().holding.addAll(ids);
        readConflicted(ids);
        return ids;
    }

    /** Reads again which of these aggregates have an open conflict. */
    private void readConflicted(List<UUID> aggregates) {
        Batch batch = batch();
        aggregates.forEach(batch.conflicted::remove);
        for (Object id : em.createNativeQuery("""
                        SELECT DISTINCT aggregate_id FROM intake_conflict
                        WHERE resolved_at IS NULL
                          AND aggregate_id = ANY(CAST(CAST(:aggregates AS text[]) AS uuid[]))""")
                .setParameter("aggregates", texts(aggregates)).getResultList()) {
            batch.conflicted.add((UUID) id);
        }
    }

    /**
     * Closes the open conflicts whose conflicting event is the very event applied at their sequence (a generation
     * rebuilt from the journal applied it there): nothing is left to decide. Returns how many.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int resolveConfirmedConflicts(String resolution) {
        flush();
        @SuppressWarnings("unchecked")
        List<UUID> aggregates = em.createNativeQuery("""
                        UPDATE intake_conflict c SET resolved_at = now(), resolution = :resolution
                        FROM applied_event e
                        WHERE c.resolved_at IS NULL AND e.aggregate_id = c.aggregate_id AND e.sequence = c.sequence
                            AND e.event_id = c.event_id
                        RETURNING c.aggregate_id""")
                .setParameter("resolution", resolution).getResultList();
        if (!aggregates.isEmpty()) {
            readConflicted(aggregates);
        }
        return aggregates.size();
    }

    /** Where an event released in this transaction was read before it was held. */
    @Transactional(Transactional.TxType.MANDATORY)
    public DeadLetters.Source heldSource(UUID eventId) {
        return batch().heldSources.get(eventId);
    }

    /** Events that wait behind a gap: aggregate id → (held count, lowest held sequence, last applied). */
    @Transactional
    public List<Gap> gaps() {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                SELECT h.aggregate_id, count(*) AS held_events, min(h.sequence) AS lowest_held_sequence,
                       coalesce(max(a.last_sequence), 0) AS last_applied_sequence, min(h.held_at) AS held_since
                FROM held_event h LEFT JOIN applied_aggregate a ON a.aggregate_id = h.aggregate_id
                GROUP BY h.aggregate_id ORDER BY min(h.held_at)""", Tuple.class).getResultList();
        return rows.stream().map(r -> new Gap((UUID) r.get("aggregate_id"), ((Number) r.get("held_events")).longValue(),
                ((Number) r.get("lowest_held_sequence")).longValue(),
                ((Number) r.get("last_applied_sequence")).longValue(), instant(r.get("held_since")))).toList();
    }

    /**
     * A record the intake dead-lettered (or, in a replay, set aside without sending it again), written in the
     * transaction that moves the offset past it. What is known of its event is kept for the operators; a record that
     * is no event keeps only its coordinates, kind and reason.
     */
    public record DeadLetter(long id, String sourceTopic, int sourcePartition, long sourceOffset, String kind,
                             String reason, String exception, String aggregateType, UUID aggregateId, Long sequence,
                             UUID eventId, String eventType, Instant eventTime, boolean sent,
                             Instant deadLetteredAt, boolean blocking) {
    }

    /** What is known of the event in a dead-lettered record: all null for a record that is no event. */
    public record EventHeader(String aggregateType, UUID aggregateId, Long sequence, UUID eventId, String type,
                              Instant time) {
        public static final EventHeader NONE = new EventHeader(null, null, null, null, null, null);

        public static EventHeader of(RectificationEvent event) {
            return new EventHeader(event.aggregateType(), event.aggregateId(), event.sequence(), event.id(),
                    event.type(), event.time());
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDeadLetter(DeadLetters.Source source, DeadLetters.Kind kind, String reason, String exception,
                                 EventHeader event, boolean sent) {
        em.createNativeQuery("""
                        INSERT INTO intake_dead_letter (source_topic, source_partition, source_offset, kind, reason,
                            exception, aggregate_type, aggregate_id, sequence, event_id, event_type, event_time, sent,
                            dead_lettered_at)
                        VALUES (:topic, :partition, :offset, :kind, :reason, :exception, :aggregateType,
                            CAST(:aggregate AS uuid), CAST(:sequence AS bigint), CAST(:eventId AS uuid), :eventType,
                            CAST(:eventTime AS timestamptz), :sent, now())""")
                .setParameter("topic", source.topic())
                .setParameter("partition", source.partition())
                .setParameter("offset", source.offset())
                .setParameter("kind", kind.tag())
                .setParameter("reason", DeadLetters.cut(reason))
                .setParameter("exception", exception)
                .setParameter("aggregateType", DeadLetters.cut(event.aggregateType()))
                .setParameter("aggregate", text(event.aggregateId()))
                .setParameter("sequence", text(event.sequence()))
                .setParameter("eventId", text(event.eventId()))
                .setParameter("eventType", DeadLetters.cut(event.type()))
                .setParameter("eventTime", text(event.time()))
                .setParameter("sent", sent)
                .executeUpdate();
    }

    /** The newest dead letters first. */
    @Transactional
    public List<DeadLetter> deadLetters(int limit) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        SELECT d.id, d.source_topic, d.source_partition, d.source_offset, d.kind, d.reason, d.exception,
                               d.aggregate_type, d.aggregate_id, d.sequence, d.event_id, d.event_type, d.event_time,
                               d.sent, d.dead_lettered_at,
                               d.kind = 'projection-failure' AND d.sequence > coalesce(a.last_sequence, 0) AS blocking
                        FROM intake_dead_letter d LEFT JOIN applied_aggregate a ON a.aggregate_id = d.aggregate_id
                        ORDER BY d.id DESC LIMIT :limit""", Tuple.class)
                .setParameter("limit", limit).getResultList();
        return rows.stream().map(r -> {
            Number sequence = (Number) r.get("sequence");
            Object eventTime = r.get("event_time");
            return new DeadLetter(((Number) r.get("id")).longValue(), (String) r.get("source_topic"),
                    ((Number) r.get("source_partition")).intValue(), ((Number) r.get("source_offset")).longValue(),
                    (String) r.get("kind"), (String) r.get("reason"), (String) r.get("exception"),
                    (String) r.get("aggregate_type"), (UUID) r.get("aggregate_id"),
                    sequence == null ? null : sequence.longValue(), (UUID) r.get("event_id"),
                    (String) r.get("event_type"), eventTime == null ? null : instant(eventTime),
                    Boolean.TRUE.equals(r.get("sent")), instant(r.get("dead_lettered_at")),
                    Boolean.TRUE.equals(r.get("blocking")));
        }).toList();
    }

    /**
     * An event whose aggregate and sequence were already applied (or held) with another event id: an issue-service
     * restored from an older backup numbering new changes again. Held here, never applied, until an operator decides.
     */
    public record Conflict(UUID aggregateId, long sequence, UUID eventId, UUID existingEventId, String eventType,
                           String sourceTopic, int sourcePartition, long sourceOffset, Instant detectedAt,
                           Instant resolvedAt, String resolution) {
    }

    /**
     * Keeps a conflicting event and blocks its aggregate: from now on its events wait in {@code held_event} until an
     * operator dismisses the conflict. The same conflicting event delivered again is kept once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordConflict(RectificationEvent event, UUID existingEventId, DeadLetters.Source source) {
        batch().conflicted.add(event.aggregateId());
        em.createNativeQuery("""
                        INSERT INTO intake_conflict (aggregate_id, sequence, event_id, existing_event_id, event_type,
                            event, source_topic, source_partition, source_offset, detected_at)
                        VALUES (:aggregate, :sequence, :eventId, :existingEventId, :eventType, CAST(:event AS jsonb),
                            :topic, :partition, :offset, now())
                        ON CONFLICT (aggregate_id, sequence, event_id) DO NOTHING""")
                .setParameter("aggregate", event.aggregateId())
                .setParameter("sequence", event.sequence())
                .setParameter("eventId", event.id())
                .setParameter("existingEventId", existingEventId)
                .setParameter("eventType", event.type())
                .setParameter("event", event.raw().toString())
                .setParameter("topic", source.topic())
                .setParameter("partition", source.partition())
                .setParameter("offset", source.offset())
                .executeUpdate();
    }

    /** Open conflicts first, then the newest resolved ones. */
    @Transactional
    public List<Conflict> conflicts(int limit) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        SELECT aggregate_id, sequence, event_id, existing_event_id, event_type, source_topic,
                               source_partition, source_offset, detected_at, resolved_at, resolution
                        FROM intake_conflict
                        ORDER BY resolved_at IS NOT NULL, coalesce(resolved_at, detected_at) DESC, aggregate_id, sequence
                        LIMIT :limit""", Tuple.class)
                .setParameter("limit", limit).getResultList();
        return rows.stream().map(r -> {
            Object resolvedAt = r.get("resolved_at");
            return new Conflict((UUID) r.get("aggregate_id"), ((Number) r.get("sequence")).longValue(),
                    (UUID) r.get("event_id"), (UUID) r.get("existing_event_id"), (String) r.get("event_type"),
                    (String) r.get("source_topic"), ((Number) r.get("source_partition")).intValue(),
                    ((Number) r.get("source_offset")).longValue(), instant(r.get("detected_at")),
                    resolvedAt == null ? null : instant(resolvedAt), (String) r.get("resolution"));
        }).toList();
    }

    /** Closes an aggregate's open conflicts with the operator's reason; returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int dismissConflicts(UUID aggregateId, String reason) {
        batch().conflicted.remove(aggregateId);
        return em.createNativeQuery("""
                        UPDATE intake_conflict SET resolved_at = now(), resolution = :reason
                        WHERE aggregate_id = :aggregate AND resolved_at IS NULL""")
                .setParameter("aggregate", aggregateId).setParameter("reason", reason).executeUpdate();
    }

    /**
     * An aggregate whose events wait for an operator: behind an event that was dead-lettered because a projection
     * failed on it (until it is applied on a later delivery or skipped), or behind a conflict (until dismissed).
     */
    public record Blocked(UUID aggregateId, String reason, long sequence, String detail, long heldEvents,
                          Instant since) {
        public static final String DEAD_LETTERED = "dead-lettered";
        public static final String CONFLICT = "conflict";
    }

    @Transactional
    public List<Blocked> blocked() {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                SELECT b.aggregate_id, b.reason, b.sequence, b.detail,
                       (SELECT count(*) FROM held_event h WHERE h.aggregate_id = b.aggregate_id) AS held_events, b.since
                FROM (
                    (SELECT DISTINCT ON (d.aggregate_id) d.aggregate_id, 'dead-lettered' AS reason, d.sequence,
                            d.reason AS detail, d.dead_lettered_at AS since
                     FROM intake_dead_letter d LEFT JOIN applied_aggregate a ON a.aggregate_id = d.aggregate_id
                     WHERE d.kind = 'projection-failure' AND d.sequence > coalesce(a.last_sequence, 0)
                     ORDER BY d.aggregate_id, d.sequence, d.id)
                    UNION ALL
                    (SELECT DISTINCT ON (c.aggregate_id) c.aggregate_id, 'conflict', c.sequence,
                            'event ' || c.event_id || ' is not ' || c.existing_event_id
                                || ', the one applied (or held) at that sequence',
                            c.detected_at
                     FROM intake_conflict c WHERE c.resolved_at IS NULL
                     ORDER BY c.aggregate_id, c.sequence, c.detected_at)
                ) b ORDER BY b.since, b.aggregate_id""", Tuple.class).getResultList();
        return rows.stream().map(r -> new Blocked((UUID) r.get("aggregate_id"), (String) r.get("reason"),
                ((Number) r.get("sequence")).longValue(), (String) r.get("detail"),
                ((Number) r.get("held_events")).longValue(), instant(r.get("since")))).toList();
    }

    /**
     * The lowest dead-lettered sequence of an aggregate above its last applied one (an event a projection failed on),
     * with what is known of that event.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<EventHeader> lowestDeadLettered(UUID aggregateId, long after) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        SELECT aggregate_type, sequence, event_id, event_type, event_time FROM intake_dead_letter
                        WHERE aggregate_id = :aggregate AND kind = 'projection-failure' AND sequence > :after
                        ORDER BY sequence, id LIMIT 1""", Tuple.class)
                .setParameter("aggregate", aggregateId).setParameter("after", after).getResultList();
        return rows.stream().findFirst().map(r -> new EventHeader((String) r.get("aggregate_type"), aggregateId,
                ((Number) r.get("sequence")).longValue(), (UUID) r.get("event_id"), (String) r.get("event_type"),
                instant(r.get("event_time"))));
    }

    /**
     * An operator gave up the sequences up to a dead-lettered event while nothing was held after it: the aggregate
     * stands at that sequence, so that the next event applies. An aggregate that had no event applied yet takes the
     * dead-lettered event's id and time as its last.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void advance(EventHeader skippedTo) {
        Batch batch = batch();
        batch.lastSequence.put(skippedTo.aggregateId(), skippedTo.sequence());
        Object last = em.createNativeQuery("""
                        INSERT INTO applied_aggregate (aggregate_id, aggregate_type, last_sequence, last_event_id,
                                                       last_event_time, applied_at)
                        VALUES (:aggregate, :aggregateType, :sequence, :eventId, CAST(:eventTime AS timestamptz), now())
                        ON CONFLICT (aggregate_id) DO UPDATE SET last_sequence = EXCLUDED.last_sequence,
                            applied_at = EXCLUDED.applied_at
                        RETURNING last_event_time""")
                .setParameter("aggregate", skippedTo.aggregateId())
                .setParameter("aggregateType", skippedTo.aggregateType())
                .setParameter("sequence", skippedTo.sequence())
                .setParameter("eventId", skippedTo.eventId())
                .setParameter("eventTime", text(skippedTo.time()))
                .getSingleResult();
        // an aggregate that had none takes the event's time as its last: the newest applied time counts it (raised
        // on the clock at commit, last, as every applying transaction takes the clock)
        batch.raiseNewest(instant(last));
        logChangesAtCommit(batch);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** The newest recorded time of the events applied in this generation (kept on its change clock). */
    @Transactional
    public Optional<Instant> newestAppliedEventTime() {
        Object newest = em.createNativeQuery("SELECT newest_event_time FROM change_clock").getSingleResult();
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

    @SuppressWarnings("unchecked")
    private static List<Tuple> tuples(jakarta.persistence.Query query) {
        return query.getResultList();
    }

    /** Where a held event was read, from its row's source_topic, source_partition and source_offset. */
    private static DeadLetters.Source source(Tuple held) {
        return new DeadLetters.Source((String) held.get("source_topic"),
                ((Number) held.get("source_partition")).intValue(), ((Number) held.get("source_offset")).longValue());
    }

    /** Values as a text array (null stays null), bound once and cast in SQL: one parameter for a whole column. */
    private static String[] texts(List<?> values) {
        return values.stream().map(v -> v == null ? null : InstantText.text(v)).toArray(String[]::new);
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
        /** "aggregate#sequence" → id of the event applied there: applied in this transaction, or looked up. */
        final Map<String, UUID> appliedIds = new HashMap<>();
        final Map<String, UUID> knownIds = new HashMap<>();
        final Set<UUID> conflicted = new HashSet<>();
        final Map<UUID, DeadLetters.Source> heldSources = new HashMap<>();
        /** Every aggregate an event was applied to in this transaction: its change-log row. */
        final Set<UUID> changed = new LinkedHashSet<>();
        /** The newest recorded time of the events applied in this transaction (null: none yet). */
        Instant newest;
        /** The change-log row is registered to be written at commit ({@link #logChanges}). */
        boolean logging;
        /** An event was held or released (deleted from held_event) in this transaction. */
        boolean heldChanged;
        Isolation isolation;
        /** What a replay's worker knows from its committed batches (see {@link Carried}), or null. */
        final Known carried;
        final boolean carriedComplete;

        Batch(IntakeLedger ledger) {
            this.ledger = ledger;
            Carried carry = Carried.current().orElse(null);
            this.carried = carry == null ? null : carry.part(BATCH, Known::new);
            this.carriedComplete = carry != null && carry.complete();
        }

        @Override
        public void beforeCompletion() {
            if (!lastApplied.isEmpty() || !appliedEvents.isEmpty()) {
                ledger.flush();
            }
        }

        /**
         * Before commit, once, when events were applied: writes what is unwritten, then the transaction's change-log
         * row. The clock is taken last, so that its row lock, which orders the numbers, is held only from here to the
         * commit. The appliers flush the projections before (the intake and a replay before saving offsets, an
         * operator's skip or dismissal and a switch's release at their end); a projection flushed after it would still
         * commit with it, only holding the clock longer. A transaction that applied nothing (duplicates, held events,
         * dead letters only) logs nothing.
         */
        void logChanges() {
            beforeCompletion();
            if (!changed.isEmpty()) {
                ledger.changes.record(changed, newest);
                changed.clear();
            } else if (newest != null) {
                ledger.changes.raiseNewest(newest); // an operator's skip that applied nothing
            }
            newest = null;
        }

        void raiseNewest(Instant time) {
            if (time != null && (newest == null || time.isAfter(newest))) {
                newest = time;
            }
        }

        @Override
        public void afterCompletion(int status) {
            if (carried != null && status == Status.STATUS_COMMITTED) {
                carried.learn(this);
            }
        }
    }

    /**
     * The aggregates a replay's worker knows from its committed batches: their last sequences, which may hold events
     * (once seen holding, always asked again, as an intake batch asks), and which have an open conflict.
     */
    private static final class Known {
        final Map<UUID, Long> lastSequence = new HashMap<>();
        final Set<UUID> holding = new HashSet<>();
        final Set<UUID> conflicted = new HashSet<>();

        /**
         * Puts what is known of these aggregates into the batch; returns those still to be read (none when
         * {@code complete}: see {@link Carried#complete}).
         */
        List<UUID> recall(Batch batch, List<UUID> aggregates, boolean complete) {
            List<UUID> unknown = new ArrayList<>();
            for (UUID id : aggregates) {
                Long last = lastSequence.get(id);
                if (last == null && !complete) {
                    unknown.add(id);
                    continue;
                }
                batch.lastSequence.put(id, last == null ? 0L : last);
                if (holding.contains(id)) {
                    batch.holding.add(id);
                }
                if (conflicted.contains(id)) {
                    batch.conflicted.add(id);
                }
            }
            return unknown;
        }

        /** What a committed batch knew is what is stored now. */
        void learn(Batch batch) {
            lastSequence.putAll(batch.lastSequence);
            holding.addAll(batch.holding);
            for (UUID id : batch.lastSequence.keySet()) {
                if (batch.conflicted.contains(id)) {
                    conflicted.add(id);
                } else {
                    conflicted.remove(id);
                }
            }
        }
    }
}
