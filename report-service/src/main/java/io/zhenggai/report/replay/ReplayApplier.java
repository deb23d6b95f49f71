package io.zhenggai.report.replay;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import org.apache.kafka.common.TopicPartition;

import io.quarkus.arc.NoClassInterceptors;
import io.zhenggai.report.intake.EventApplier;
import io.zhenggai.report.intake.IntakeLedger;
import io.zhenggai.report.intake.Isolation;
import io.zhenggai.report.intake.RecordReader;
import io.zhenggai.report.intake.RectificationEvent;
import io.zhenggai.report.store.InGeneration;

/**
 * What a replay's sources share: the intake's own reading and applying (so that a replay builds exactly what the
 * intake would), and reads of where the live generation stands (schema-qualified, since the replay's transaction is
 * bound to its own generation).
 */
@ApplicationScoped
@InGeneration
public class ReplayApplier {

    @Inject
    EntityManager em;

    @Inject
    RecordReader reader;

    @Inject
    EventApplier applier;

    @Inject
    IntakeLedger ledger;

    /** No transaction needed (and none bound): records are read on all cores, outside the worker's transaction. */
    @NoClassInterceptors
    public RecordReader.Reading read(byte[] value) {
        return reader.read(value);
    }

    /**
     * What the replay has learnt about events that fail by themselves: set aside as dead letters in its generation
     * (never sent to the DLQ again), as the intake set them aside in the live one. Per transaction of the worker.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void isolate(Isolation isolation) {
        ledger.isolate(isolation);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(RectificationEvent event, TopicPartition source, long offset) {
        return applier.accept(event, source, offset) == EventApplier.Outcome.APPLIED;
    }

    /** Locks and reads a batch's aggregates at once (see {@link IntakeLedger#prepare}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void prepare(Collection<UUID> aggregates) {
        applier.prepare(aggregates);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void saveOffsets(Map<TopicPartition, Long> next) {
        applier.flush();
        ledger.saveOffsets(next);
    }

    /** The offsets stored in the replay's generation. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<TopicPartition, Long> storedOffsets(String topic) {
        return ledger.offsets(topic);
    }

    /** The live generation's stored offsets: the replay never goes beyond them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<TopicPartition, Long> liveOffsets(String live, String topic) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Object row : em.createNativeQuery("SELECT partition, next_offset FROM " + live
                + ".intake_offset WHERE topic = :topic", Tuple.class).setParameter("topic", topic).getResultList()) {
            Tuple offset = (Tuple) row;
            offsets.put(new TopicPartition(topic, ((Number) offset.get("partition")).intValue()),
                    ((Number) offset.get("next_offset")).longValue());
        }
        return offsets;
    }

    /** The last sequence the live generation applied per aggregate (absent: none). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, Long> liveSequences(String live, Collection<UUID> aggregates) {
        Map<UUID, Long> sequences = new HashMap<>();
        if (aggregates.isEmpty()) {
            return sequences;
        }
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("SELECT aggregate_id, last_sequence FROM " + live
                        + ".applied_aggregate WHERE aggregate_id = ANY(CAST(:aggregates AS uuid[]))", Tuple.class)
                .setParameter("aggregates", "{" + String.join(",", aggregates.stream().map(UUID::toString).toList())
                        + "}")
                .getResultList();
        rows.forEach(r -> sequences.put((UUID) r.get("aggregate_id"), ((Number) r.get("last_sequence")).longValue()));
        return sequences;
    }

    /** The newest journal position the live generation applied. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long liveNewestPosition(String live) {
        return ((Number) em.createNativeQuery("SELECT coalesce(max(position), 0) FROM " + live + ".applied_event")
                .getSingleResult()).longValue();
    }

    /**
     * A generation built from the journal takes over the live generation's place in the topic when it is switched
     * in: the Kafka offsets and the events held behind gaps. It has applied exactly the events the live generation
     * applied (the switch made sure, under the lock), so the intake continues from those offsets; anything it meets
     * again is dropped by sequence.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void adoptIntakePosition(String live, String replay) {
        em.createNativeQuery("DELETE FROM " + replay + ".intake_offset").executeUpdate();
        em.createNativeQuery("INSERT INTO " + replay + ".intake_offset SELECT * FROM " + live + ".intake_offset")
                .executeUpdate();
        em.createNativeQuery("DELETE FROM " + replay + ".held_event").executeUpdate();
        em.createNativeQuery("INSERT INTO " + replay + ".held_event SELECT * FROM " + live + ".held_event")
                .executeUpdate();
    }

    /**
     * When a generation built from the journal is switched in: it takes over the live generation's conflicts (open and
     * resolved, so the operators' decisions stay on record), those its own applied events confirm are closed, and the
     * held events it took over ({@link #adoptIntakePosition}) that are now next in sequence are applied (see
     * {@link EventApplier#releaseApplicable}). A conflict the journal does not confirm (its event is not the one the
     * journal has at that sequence) stays open, and its aggregate waits for an operator as it did in the live one.
     * Returns how many held events were applied.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int takeOverConflictsAndRelease(String live, int generation) {
        String columns = "aggregate_id, sequence, event_id, existing_event_id, event_type, event, source_topic, "
                + "source_partition, source_offset, detected_at, resolved_at, resolution";
        em.createNativeQuery("INSERT INTO intake_conflict (" + columns + ") SELECT " + columns + " FROM " + live
                + ".intake_conflict ON CONFLICT (aggregate_id, sequence, event_id) DO NOTHING").executeUpdate();
        return releaseApplicable("切换到由日志重建的第" + generation + "代时解决：日志在该序号上的事件正是此事件");
    }

    /** Applies the held events that are next in sequence (see {@link EventApplier#releaseApplicable}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int releaseApplicable(String resolution) {
        return applier.releaseApplicable(resolution);
    }

    /**
     * Makes the operator's skips and dismissals of the live generation here too. Where the replay holds an aggregate's
     * events behind exactly the gap an operator closed in the live generation (the missing events were lost upstream),
     * or stands just before an event it set aside that the operator gave up there, the same sequences are given up
     * with the same reason. A conflict the operator dismissed there is dismissed here. Without this a replay could
     * never equal a live generation in which a gap was skipped. Returns how many gaps and conflicts were closed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int mirrorSkips(String live) {
        int closed = 0;
        // dismissals first: a gap of an aggregate in conflict cannot be skipped (and skipGap must not be asked to,
        // since its refusal would roll back the replay's whole batch)
        @SuppressWarnings("unchecked")
        List<Tuple> dismissals = em.createNativeQuery("SELECT DISTINCT ON (c.aggregate_id) c.aggregate_id, "
                + "l.resolution FROM intake_conflict c JOIN " + live + ".intake_conflict l "
                + "ON l.aggregate_id = c.aggregate_id AND l.sequence = c.sequence AND l.event_id = c.event_id "
                + "WHERE c.resolved_at IS NULL AND l.resolved_at IS NOT NULL "
                + "ORDER BY c.aggregate_id, l.resolved_at", Tuple.class).getResultList();
        for (Tuple dismissal : dismissals) {
            closed += applier.dismissConflicts((UUID) dismissal.get("aggregate_id"),
                    (String) dismissal.get("resolution")).isPresent() ? 1 : 0;
        }
        @SuppressWarnings("unchecked")
        List<Tuple> skips = em.createNativeQuery("SELECT s.aggregate_id, s.reason FROM " + live + ".intake_skip s "
                + "LEFT JOIN applied_aggregate a ON a.aggregate_id = s.aggregate_id "
                + "WHERE coalesce(a.last_sequence, 0) = s.from_sequence - 1 AND ("
                + "EXISTS (SELECT 1 FROM held_event h WHERE h.aggregate_id = s.aggregate_id "
                + "AND h.sequence = s.to_sequence + 1) "
                + "OR EXISTS (SELECT 1 FROM intake_dead_letter d WHERE d.aggregate_id = s.aggregate_id "
                + "AND d.sequence = s.to_sequence AND d.kind = 'projection-failure')) "
                + "AND NOT EXISTS (SELECT 1 FROM intake_conflict c WHERE c.aggregate_id = s.aggregate_id "
                + "AND c.resolved_at IS NULL)", Tuple.class).getResultList();
        for (Tuple skip : skips) {
            closed += applier.skipGap((UUID) skip.get("aggregate_id"), (String) skip.get("reason")).isPresent() ? 1 : 0;
        }
        return closed;
    }
}
