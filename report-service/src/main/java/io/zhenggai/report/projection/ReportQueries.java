package io.zhenggai.report.projection;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Reads of the projections. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ReportQueries {

    @Inject
    EntityManager em;

    public Summary summary() {
        long inspections = ((Number) em.createNativeQuery("SELECT count(*) FROM inspection_view").getSingleResult())
                .longValue();
        return new Summary(inspections);
    }

    @SuppressWarnings("unchecked")
    public List<InspectionRow> inspections() {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT id, team, target_unit, feedback_date, declared_aspects, declared_categories, sequence
                FROM inspection_view ORDER BY feedback_date DESC, team, id""").getResultList();
        return rows.stream().map(r -> new InspectionRow((UUID) r[0], (String) r[1], (String) r[2],
                r[3] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[3],
                (Integer) r[4], (Integer) r[5], ((Number) r[6]).longValue())).toList();
    }

    public record Summary(long inspections) {
    }

    public record InspectionRow(UUID id, String team, String targetUnit, LocalDate feedbackDate,
                                Integer declaredAspects, Integer declaredCategories, long sequence) {
    }
}
