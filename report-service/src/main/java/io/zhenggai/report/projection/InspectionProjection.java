package io.zhenggai.report.projection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;

import io.zhenggai.report.intake.Projection;
import io.zhenggai.report.intake.RectificationEvent;

/** Inspections (巡察) as last seen, with their feedback trees. */
@ApplicationScoped
public class InspectionProjection implements Projection {

    static final String CREATED = "zhenggai.inspection.created.v1";

    @Inject
    EntityManager em;

    @Override
    public void apply(RectificationEvent event) {
        if (!CREATED.equals(event.type())) {
            return;
        }
        JsonNode data = event.data();
        JsonNode declared = data.path("declared");
        em.createNativeQuery("""
                        INSERT INTO inspection_view (id, team, target_unit, kinds, special_theme, feedback_date,
                            declared_aspects, declared_categories, declared_issues, declared_suggestions, lists,
                            sequence, updated_at, effective_on, recorded_at, on_site_from, on_site_to)
                        VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS date), ?7, ?8, ?9, ?10, CAST(?11 AS jsonb), ?12, now(),
                            CAST(?13 AS date), ?14, CAST(?15 AS date), CAST(?16 AS date))
                        ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, event.aggregateId())
                .setParameter(2, data.path("team").asText())
                .setParameter(3, data.path("targetUnit").asText())
                .setParameter(4, String.join(",", texts(data.path("kinds"))))
                .setParameter(5, data.hasNonNull("specialTheme") ? data.get("specialTheme").asText() : null)
                .setParameter(6, data.path("feedbackDate").asText())
                .setParameter(7, integer(declared, "aspects"))
                .setParameter(8, integer(declared, "categories"))
                .setParameter(9, integer(declared, "issues"))
                .setParameter(10, integer(declared, "suggestions"))
                .setParameter(11, data.path("lists").toString())
                .setParameter(12, event.sequence())
                // an inspection stands in the ledger from its feedback date, unless its event says otherwise
                .setParameter(13, event.effectiveDate() != null ? event.effectiveDate().toString()
                        : data.path("feedbackDate").asText())
                .setParameter(14, java.sql.Timestamp.from(event.time()))
                // the on-site period (巡察进驻), which a bulletin's header names
                .setParameter(15, date(data, "onSiteFrom"))
                .setParameter(16, date(data, "onSiteTo"))
                .executeUpdate();
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String date(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Integer integer(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asInt() : null;
    }
}
