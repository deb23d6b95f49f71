package io.zhenggai.report.projection;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.report.store.InGeneration;

/**
 * What a bulletin (通报) prints of one inspection, read from the projections as they stood at a moment (null: live)
 * with the same relations and conditions as every other answer ({@link AsOf}): the inspection with its feedback
 * tree, its issues in bulletin order with their place, title, status and status label, and each issue's latest
 * progress report in force.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
@InGeneration
public class BulletinQueries {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    ReportCalendar calendar;

    /** An inspection (巡察) as its created event described it, with its feedback lists (正文, 附件). */
    public record InspectionRow(UUID id, String team, String targetUnit, List<String> kinds, String specialTheme,
                                LocalDate onSiteFrom, LocalDate onSiteTo, LocalDate feedbackDate,
                                Integer declaredAspects, Integer declaredCategories, Integer declaredIssues,
                                Integer declaredSuggestions, List<FeedbackList> lists) {
    }

    /** One feedback tree: the main list or an attachment. */
    public record FeedbackList(String key, String title, String theme, List<Aspect> aspects) {
    }

    /** 方面, its unnumbered groups and its categories outside any group. */
    public record Aspect(String numbering, String title, String path, List<Group> groups, List<Category> categories) {
    }

    public record Group(String title, String path, List<Category> categories) {
    }

    /** 类. */
    public record Category(String numbering, String title, String path) {
    }

    /** An issue (问题) as it stood: its place, words and status; {@code description} and measures as entered. */
    public record IssueRow(UUID id, String listKey, String aspectPath, String aspectNumbering, String aspectTitle,
                           String groupTitle, String categoryPath, String categoryNumbering, String categoryTitle,
                           String path, String numbering, int ordinal, String title, String status,
                           String statusLabel, String description, List<String> plannedMeasures) {
    }

    /**
     * An issue's latest progress report in force (the latest as-of date, then the latest event): its text,
     * measures and status words, the consistency findings issue-service made on it (null when its event carried
     * none), and whether the issue's status changed after it (then its status words no longer hold).
     */
    public record ReportRow(UUID issueId, UUID reportId, LocalDate asOf, String text, List<String> measures,
                            String statusLabel, List<Warning> warnings, boolean statusChangedSince) {
    }

    /** A finding of issue-service's consistency checks on a report's text. */
    public record Warning(String kind, String message) {
    }

    /** The inspection if it was in the ledger at {@code asOf}. */
    public Optional<InspectionRow> inspection(UUID id, AsOf asOf) {
        String sql = """
                SELECT v.id, v.team, v.target_unit, v.kinds, v.special_theme, v.on_site_from, v.on_site_to,
                       v.feedback_date, v.declared_aspects, v.declared_categories, v.declared_issues,
                       v.declared_suggestions, CAST(v.lists AS text) AS lists
                FROM inspection_view v WHERE v.id = :id AND\s""" + AsOf.inspections(asOf, "v");
        Query query = AsOf.bind(em.createNativeQuery(sql, Tuple.class), sql, asOf, calendar.zone())
                .setParameter("id", id);
        List<Tuple> rows = Rows.tuples(query);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Tuple r = rows.get(0);
        String kinds = (String) r.get("kinds");
        return Optional.of(new InspectionRow(Rows.uuid(r.get("id")), (String) r.get("team"),
                (String) r.get("target_unit"),
                kinds == null || kinds.isBlank() ? List.of() : List.of(kinds.split(",")),
                (String) r.get("special_theme"), Rows.date(r.get("on_site_from")), Rows.date(r.get("on_site_to")),
                Rows.date(r.get("feedback_date")), (Integer) r.get("declared_aspects"),
                (Integer) r.get("declared_categories"), (Integer) r.get("declared_issues"),
                (Integer) r.get("declared_suggestions"), lists((String) r.get("lists"))));
    }

    /** The issues of the inspection at {@code asOf}, in bulletin order. */
    public List<IssueRow> issues(UUID inspection, AsOf asOf) {
        String sql = """
                SELECT i.id, i.list_key, i.aspect_path, i.aspect_numbering, i.aspect_title, i.group_title,
                       i.category_path, i.category_numbering, i.category_title, i.path, i.numbering, i.ordinal,
                       i.title, i.status, i.status_label, t.description, CAST(t.measures AS text) AS measures
                """ + " FROM " + AsOf.issues(asOf) + " LEFT JOIN issue_text t ON t.issue_id = i.id"
                + " WHERE i.inspection_id = :inspection ORDER BY i.ordinal, i.id";
        Query query = AsOf.bind(em.createNativeQuery(sql, Tuple.class), sql, asOf, calendar.zone())
                .setParameter("inspection", inspection);
        if (sql.contains(":today")) {
            query.setParameter("today", asOf == null ? calendar.today() : asOf.day());
        }
        return Rows.tuples(query).stream().map(r -> new IssueRow(Rows.uuid(r.get("id")), (String) r.get("list_key"),
                (String) r.get("aspect_path"), (String) r.get("aspect_numbering"), (String) r.get("aspect_title"),
                (String) r.get("group_title"), (String) r.get("category_path"), (String) r.get("category_numbering"),
                (String) r.get("category_title"), (String) r.get("path"), (String) r.get("numbering"),
                ((Number) r.get("ordinal")).intValue(), (String) r.get("title"), (String) r.get("status"),
                (String) r.get("status_label"), (String) r.get("description"), strings((String) r.get("measures"))))
                .toList();
    }

    /**
     * Each issue's latest progress report in force at {@code asOf} (the reports of readings' clock, {@link
     * AsOf#readings}: effective and dated by the day and not corrected by then, or recorded by the instant and not
     * yet corrected), by issue.
     */
    public Map<UUID, ReportRow> latestReports(UUID inspection, AsOf asOf) {
        String sql = """
                SELECT DISTINCT ON (r.issue_id) r.issue_id, r.report_id, r.as_of, r.text,
                       CAST(r.measures AS text) AS measures, r.status_label, CAST(r.warnings AS text) AS warnings,
                       EXISTS (SELECT 1 FROM issue_status_history h WHERE h.issue_id = r.issue_id
                               AND h.sequence > r.sequence AND h.effective_date > r.as_of AND\s"""
                + AsOf.events(asOf, "h") + ") AS status_changed_since FROM progress_report r"
                + " WHERE r.inspection_id = :inspection AND " + AsOf.readings(asOf, "r")
                + " ORDER BY r.issue_id, r.as_of DESC, r.sequence DESC";
        Query query = AsOf.bind(em.createNativeQuery(sql, Tuple.class), sql, asOf, calendar.zone())
                .setParameter("inspection", inspection);
        Map<UUID, ReportRow> reports = new LinkedHashMap<>();
        for (Tuple r : Rows.tuples(query)) {
            ReportRow row = new ReportRow(Rows.uuid(r.get("issue_id")), Rows.uuid(r.get("report_id")),
                    Rows.date(r.get("as_of")), (String) r.get("text"), strings((String) r.get("measures")),
                    (String) r.get("status_label"), warnings((String) r.get("warnings")),
                    Boolean.TRUE.equals(r.get("status_changed_since")));
            reports.put(row.issueId(), row);
        }
        return reports;
    }

    private List<FeedbackList> lists(String text) {
        List<FeedbackList> lists = new ArrayList<>();
        for (JsonNode list : tree(text)) {
            List<Aspect> aspects = new ArrayList<>();
            for (JsonNode aspect : list.path("aspects")) {
                List<Group> groups = new ArrayList<>();
                for (JsonNode group : aspect.path("groups")) {
                    groups.add(new Group(text(group, "title"), text(group, "path"), categories(group)));
                }
                aspects.add(new Aspect(text(aspect, "numbering"), text(aspect, "title"), text(aspect, "path"),
                        List.copyOf(groups), categories(aspect)));
            }
            lists.add(new FeedbackList(text(list, "key"), text(list, "title"), text(list, "theme"),
                    List.copyOf(aspects)));
        }
        return List.copyOf(lists);
    }

    private static List<Category> categories(JsonNode parent) {
        List<Category> categories = new ArrayList<>();
        for (JsonNode category : parent.path("categories")) {
            categories.add(new Category(text(category, "numbering"), text(category, "title"),
                    text(category, "path")));
        }
        return List.copyOf(categories);
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? json.createArrayNode() : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("inspection_view.lists is not JSON", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private List<String> strings(String array) {
        try {
            return array == null ? List.of() : List.copyOf(json.readValue(array, STRINGS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Warning> warnings(String array) {
        if (array == null) {
            return null;
        }
        List<Warning> warnings = new ArrayList<>();
        for (JsonNode warning : tree(array)) {
            warnings.add(new Warning(text(warning, "kind"), text(warning, "message")));
        }
        return List.copyOf(warnings);
    }
}
