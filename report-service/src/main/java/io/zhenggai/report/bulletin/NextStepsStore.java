package io.zhenggai.report.bulletin;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.zhenggai.report.projection.Rows;

/**
 * The office's text for a bulletin's 下一步工作, one per inspection ({@code public.bulletin_next_steps}): written by
 * people, so it is no projection and survives replays. Versioned 1, 2, 3 … for optimistic writes; without a stored
 * text the default one answers, as version 0.
 */
@ApplicationScoped
@Transactional
public class NextStepsStore {

    @Inject
    EntityManager em;

    /** The text of one inspection: stored, or the default ({@code stored} false, version 0). */
    public record NextSteps(UUID inspectionId, String text, boolean stored, int version, String updatedBy,
                            Instant updatedAt) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public NextSteps get(UUID inspection) {
        return find(inspection).orElseGet(() -> new NextSteps(inspection, BulletinAssembler.DEFAULT_NEXT_STEPS, false,
                0, null, null));
    }

    /**
     * Stores {@code text} as the next version; the same text again changes nothing.
     *
     * @param expectedVersion the version the writer read (0: none stored yet), or null to write whatever stands
     * @throws NextStepsChangedException when the stored version is another than {@code expectedVersion}
     */
    public NextSteps put(UUID inspection, String text, Integer expectedVersion, String author) {
        // one writer per inspection at a time: the row (or, before there is one, the inspection's lock) is taken first
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(CAST(?1 AS text), 13))")
                .setParameter(1, inspection.toString()).getSingleResult();
        Optional<NextSteps> current = find(inspection);
        int version = current.map(NextSteps::version).orElse(0);
        if (expectedVersion != null && expectedVersion != version) {
            throw new NextStepsChangedException(version);
        }
        if (current.isPresent() && current.get().text().equals(text)) {
            return current.get();
        }
        Instant now = Instant.now();
        em.createNativeQuery("""
                        INSERT INTO bulletin_next_steps (inspection_id, text, version, updated_by, updated_at)
                        VALUES (:inspection, :text, :version, :author, :updatedAt)
                        ON CONFLICT (inspection_id) DO UPDATE SET text = EXCLUDED.text, version = EXCLUDED.version,
                            updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at""")
                .setParameter("inspection", inspection).setParameter("text", text).setParameter("version", version + 1)
                .setParameter("author", author).setParameter("updatedAt", Timestamp.from(now)).executeUpdate();
        return new NextSteps(inspection, text, true, version + 1, author, now);
    }

    private Optional<NextSteps> find(UUID inspection) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                        SELECT text, version, updated_by, updated_at FROM bulletin_next_steps
                        WHERE inspection_id = :inspection""", Tuple.class)
                .setParameter("inspection", inspection).getResultList();
        return rows.stream().findFirst().map(r -> new NextSteps(inspection, (String) r.get("text"), true,
                ((Number) r.get("version")).intValue(), (String) r.get("updated_by"),
                Rows.instant(r.get("updated_at"))));
    }
}
