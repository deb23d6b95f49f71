package io.zhenggai.report.replay;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.zhenggai.report.projection.Rows;

/** The replay records in {@code public.replay} (schema-qualified: callers may be bound to any generation). */
@ApplicationScoped
@Transactional
public class ReplayStore {

    private static final String COLUMNS = """
            id, generation, source, state, auto_switch, note, done, target, applied, rejected, suppressed_effects, rate,
            source_position, owner, heartbeat_at, requested_action, accept_differences, action_result,
            CAST(comparison AS text) AS comparison, compared_at, error, started_at, updated_at, caught_up_at,
            finished_at""";
    private static final String OPEN = "state IN ('RUNNING', 'CAUGHT_UP', 'COMPARING')";

    @Inject
    EntityManager em;

    public long insert(int generation, Replay.Source source, boolean autoSwitch, String note, String owner) {
        return ((Number) em.createNativeQuery("""
                        INSERT INTO public.replay (generation, source, state, auto_switch, note, owner, heartbeat_at,
                                                   started_at, updated_at)
                        VALUES (:generation, :source, 'RUNNING', :autoSwitch, CAST(:note AS text), :owner, now(), now(),
                                now()) RETURNING id""")
                .setParameter("generation", generation).setParameter("source", source.name())
                .setParameter("autoSwitch", autoSwitch).setParameter("note", note).setParameter("owner", owner)
                .getSingleResult()).longValue();
    }

    public Optional<Replay> find(long id) {
        return select("id = " + id).stream().findFirst();
    }

    public Optional<Replay> findLocked(long id) {
        return select("id = " + id + " FOR UPDATE").stream().findFirst();
    }

    public Optional<Replay> open() {
        return select(OPEN).stream().findFirst();
    }

    public List<Replay> list() {
        return select("TRUE ORDER BY id DESC");
    }

    /**
     * The worker's check at the start of each of its transactions: still open and still its own (a cancel or another
     * replica's take-over ends it). Locks the row for the transaction, so a cancel waits for the batch.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Replay> touch(long id, String owner) {
        int updated = em.createNativeQuery("UPDATE public.replay SET heartbeat_at = now()"
                        + " WHERE id = :id AND owner = :owner AND " + OPEN).setParameter("id", id).setParameter("owner", owner).executeUpdate();
        return updated == 0 ? Optional.empty() : find(id);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void progress(long id, long done, long target, long applied, long rejected, long suppressed, Double rate,
                         Long sourcePosition) {
        em.createNativeQuery("""
                        UPDATE public.replay SET done = :done, target = :target, applied = applied + :applied,
                            rejected = rejected + :rejected, suppressed_effects = suppressed_effects + :suppressed,
                            rate = CAST(:rate AS double precision),
                            source_position = coalesce(CAST(:sourcePosition AS bigint), source_position),
                            updated_at = now()
                        WHERE id = :id""")
                .setParameter("id", id).setParameter("done", done).setParameter("target", target)
                .setParameter("applied", applied).setParameter("rejected", rejected)
                .setParameter("suppressed", suppressed).setParameter("rate", rate)
                .setParameter("sourcePosition", sourcePosition).executeUpdate();
    }

    /**
     * Back to the beginning: the replay's generation was emptied (PostgreSQL lost its unlogged tables in a crash), so
     * its progress, its counts and the journal position it stored no longer hold.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void restart(long id) {
        em.createNativeQuery("""
                        UPDATE public.replay SET state = 'RUNNING', done = 0, applied = 0, rejected = 0,
                            suppressed_effects = 0, rate = NULL, source_position = NULL, caught_up_at = NULL,
                            updated_at = now()
                        WHERE id = ?1 AND\s""" + OPEN).setParameter(1, id).executeUpdate();
    }

    public void caughtUp(long id) {
        em.createNativeQuery("""
                        UPDATE public.replay SET state = 'CAUGHT_UP', caught_up_at = coalesce(caught_up_at, now()),
                            updated_at = now()
                        WHERE id = ?1 AND state = 'RUNNING'""").setParameter(1, id).executeUpdate();
    }

    public void state(long id, Replay.State state) {
        em.createNativeQuery("UPDATE public.replay SET state = :state, updated_at = now() WHERE id = :id AND " + OPEN)
                .setParameter("id", id).setParameter("state", state.name()).executeUpdate();
    }

    public void request(long id, Replay.Action action, boolean acceptDifferences) {
        em.createNativeQuery("""
                        UPDATE public.replay SET requested_action = :action, accept_differences = :acceptDifferences,
                            action_result = NULL,
                            updated_at = now()
                        WHERE id = :id""")
                .setParameter("id", id).setParameter("action", action.name())
                .setParameter("acceptDifferences", acceptDifferences).executeUpdate();
    }

    /** The outcome of an operator's request, with the comparison if one was made. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void answered(long id, String result, String comparison, Replay.State state) {
        em.createNativeQuery("""
                        UPDATE public.replay SET requested_action = NULL, action_result = :result,
                            comparison = coalesce(CAST(:comparison AS jsonb), comparison),
                            compared_at = CASE WHEN CAST(:comparison AS text) IS NULL THEN compared_at ELSE now() END,
                            state = :state, updated_at = now(),
                            finished_at = CASE WHEN CAST(:state AS text) IN ('RUNNING', 'CAUGHT_UP', 'COMPARING') THEN NULL ELSE now() END
                        WHERE id = :id""")
                .setParameter("id", id).setParameter("result", result).setParameter("comparison", comparison)
                .setParameter("state", state.name()).executeUpdate();
    }

    public void finish(long id, Replay.State state, String error) {
        em.createNativeQuery("""
                        UPDATE public.replay SET state = :state, error = :error, requested_action = NULL,
                            finished_at = now(),
                            updated_at = now()
                        WHERE id = :id""")
                .setParameter("id", id).setParameter("state", state.name()).setParameter("error", error)
                .executeUpdate();
    }

    /**
     * Takes over open replays nobody runs: never started here, or whose worker's heartbeat stopped (a crash). The
     * state goes back to RUNNING or CAUGHT_UP (a comparison in progress died with its transaction).
     */
    @SuppressWarnings("unchecked")
    public List<Long> claimOrphans(String owner, int staleSeconds) {
        return ((List<Number>) em.createNativeQuery("""
                        UPDATE public.replay SET owner = :owner, heartbeat_at = now(), updated_at = now(),
                            state = CASE WHEN state = 'COMPARING' THEN 'CAUGHT_UP' ELSE state END
                        WHERE state IN ('RUNNING', 'CAUGHT_UP', 'COMPARING')
                          AND (owner IS NULL OR heartbeat_at < now() - make_interval(secs => :staleSeconds))
                        RETURNING id""")
                .setParameter("owner", owner).setParameter("staleSeconds", staleSeconds).getResultList())
                .stream().map(Number::longValue).toList();
    }

    private List<Replay> select(String condition) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("SELECT " + COLUMNS + " FROM public.replay WHERE " + condition,
                Tuple.class).getResultList();
        return rows.stream().map(ReplayStore::replay).toList();
    }

    private static Replay replay(Tuple r) {
        Number rate = (Number) r.get("rate");
        Number sourcePosition = (Number) r.get("source_position");
        String requestedAction = (String) r.get("requested_action");
        return new Replay(((Number) r.get("id")).longValue(), ((Number) r.get("generation")).intValue(),
                Replay.Source.valueOf((String) r.get("source")), Replay.State.valueOf((String) r.get("state")),
                (Boolean) r.get("auto_switch"), (String) r.get("note"), ((Number) r.get("done")).longValue(),
                ((Number) r.get("target")).longValue(), ((Number) r.get("applied")).longValue(),
                ((Number) r.get("rejected")).longValue(), ((Number) r.get("suppressed_effects")).longValue(),
                rate == null ? null : rate.doubleValue(), sourcePosition == null ? null : sourcePosition.longValue(),
                (String) r.get("owner"), Rows.instant(r.get("heartbeat_at")),
                requestedAction == null ? null : Replay.Action.valueOf(requestedAction),
                (Boolean) r.get("accept_differences"), (String) r.get("action_result"), (String) r.get("comparison"),
                Rows.instant(r.get("compared_at")), (String) r.get("error"), Rows.instant(r.get("started_at")),
                Rows.instant(r.get("updated_at")), Rows.instant(r.get("caught_up_at")),
                Rows.instant(r.get("finished_at")));
    }
}
