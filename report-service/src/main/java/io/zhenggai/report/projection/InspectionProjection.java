package io.zhenggai.report.projection;

import static io.zhenggai.report.projection.Columns.column;

import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;

import io.zhenggai.report.intake.Projection;
import io.zhenggai.report.intake.RectificationEvent;
import io.zhenggai.report.projection.Columns.Role;

/** Inspections (巡察) as last seen, with their feedback trees. */
@ApplicationScoped
public class InspectionProjection implements Projection {

    static final String CREATED = "zhenggai.inspection.created.v1";

    /** An inspection's created event, and its data read once. */
    record Created(RectificationEvent event, JsonNode data) {
    }

    /** The columns of {@code inspection_view} an inspection's created event fills (all but {@code updated_at}). */
    static final Columns<Created> COLUMNS = new Columns<>(List.of(
            column("id", "uuid", Role.KEY, c -> c.event().aggregateId()),
            created("team", "text", e -> e.data().path("team").asText()),
            created("target_unit", "text", e -> e.data().path("targetUnit").asText()),
            created("kinds", "text", e -> String.join(",", texts(e.data().path("kinds")))),
            created("special_theme", "text", e -> text(e.data(), "specialTheme")),
            created("feedback_date", "date", e -> e.data().path("feedbackDate").asText()),
            created("declared_aspects", "int", e -> integer(e.data().path("declared"), "aspects")),
            created("declared_categories", "int", e -> integer(e.data().path("declared"), "categories")),
            created("declared_issues", "int", e -> integer(e.data().path("declared"), "issues")),
            created("declared_suggestions", "int", e -> integer(e.data().path("declared"), "suggestions")),
            created("lists", "jsonb", e -> e.data().path("lists").toString()),
            created("sequence", "bigint", e -> e.event().sequence()),
            // an inspection stands in the ledger from its feedback date, unless its event says otherwise
            created("effective_on", "date", e -> e.event().effectiveDate() != null
                    ? e.event().effectiveDate().toString() : e.data().path("feedbackDate").asText()),
            created("recorded_at", "timestamptz", e -> e.event().time()),
            // the on-site period (巡察进驻), which a bulletin's header names
            created("on_site_from", "date", e -> text(e.data(), "onSiteFrom")),
            created("on_site_to", "date", e -> text(e.data(), "onSiteTo"))));

    @Inject
    EntityManager em;

    @Override
    public void apply(RectificationEvent event) {
        if (!CREATED.equals(event.type())) {
            return;
        }
        Unnest rows = COLUMNS.unnest();
        COLUMNS.add(rows, new Created(event, event.data()));
        // updated_at: when it was applied, by the database's clock
        rows.bind(em.createNativeQuery("INSERT INTO inspection_view (" + rows.names() + ", updated_at) SELECT "
                + rows.cols() + ", now() FROM " + rows.from() + " ON CONFLICT (id) DO NOTHING")).executeUpdate();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Integer integer(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asInt() : null;
    }

    private static Columns.Column<Created> created(String name, String type, Function<Created, Object> value) {
        return column(name, type, Role.CREATED, value);
    }
}
