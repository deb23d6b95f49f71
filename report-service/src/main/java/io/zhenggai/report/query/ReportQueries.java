package io.zhenggai.report.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.arc.NoClassInterceptors;

import io.zhenggai.report.indicator.IndicatorEvaluator;
import io.zhenggai.report.indicator.IndicatorValue;
import io.zhenggai.report.indicator.NoValue;
import io.zhenggai.report.indicator.Qualifier;
import io.zhenggai.report.memory.IssueIndex;
import io.zhenggai.report.memory.IssueMemory;
import io.zhenggai.report.projection.AsOf;
import io.zhenggai.report.projection.Grouping;
import io.zhenggai.report.projection.IssueCounters;
import io.zhenggai.report.projection.IssueVisibility;
import io.zhenggai.report.projection.Measure;
import io.zhenggai.report.projection.ReportCalendar;
import io.zhenggai.report.projection.Rows;
import io.zhenggai.report.store.InGeneration;

/** Reads of the projections: counts of issues by any grouping, the issues and events behind a count, inspections. */
@ApplicationScoped
@Transactional
@InGeneration
public class ReportQueries {

    private static final BigDecimal PERCENT = BigDecimal.valueOf(100);
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    ReportCalendar calendar;

    @Inject
    IssueCounters counters;

    @Inject
    IssueMemory memory;

    @ConfigProperty(name = "zhenggai.reports.stale-days", defaultValue = "30")
    int defaultStaleDays;

    /**
     * What a count is taken over: optionally one inspection, the stale threshold in days, the moment (null for
     * live), and which issues a list of issues may show (a count's own figures are whole).
     */
    public record Scope(UUID inspection, int staleDays, AsOf asOf, IssueVisibility visible) {

        /** The same scope, listing only the issues {@code visible} lets through. */
        public Scope visibleTo(IssueVisibility visibility) {
            return new Scope(inspection, staleDays, asOf, visibility);
        }
    }

    // scope, day, defaultStaleDays and zone read no projection: no transaction and no generation binding (each would
    // cost a round trip per request)
    @NoClassInterceptors
    public Scope scope(UUID inspection, Integer staleDays, AsOf asOf) {
        return new Scope(inspection, staleDays == null ? defaultStaleDays : staleDays, asOf, IssueVisibility.ALL);
    }

    /** The day an answer is judged at: today in the business zone, or the as-of day. */
    @NoClassInterceptors
    public LocalDate day(AsOf asOf) {
        return asOf == null ? calendar.today() : asOf.day();
    }

    @NoClassInterceptors
    public int defaultStaleDays() {
        return defaultStaleDays;
    }

    @NoClassInterceptors
    public String zone() {
        return calendar.zone().getId();
    }

    /**
     * The counts of issues and inspections: live from the counters ({@link IssueCounters}), as of a moment by
     * scanning the history ({@link #scanSummary}).
     */
    public Summary summary(Scope scope) {
        Optional<IssueIndex> index = memory.current();
        if (index.isPresent()) {
            LocalDate today = day(scope.asOf());
            IssueCounts counts = IssueCounts.of(index.get().counts(scope.inspection(), scope.asOf(), today,
                    today.minusDays(scope.staleDays())));
            memory.answered();
            return new Summary(today, scope.staleDays(), inspections(scope), counts);
        }
        if (scope.asOf() == null) {
            LocalDate today = day(null);
            IssueCounts counts = IssueCounts.of(counters.counts(scope.inspection(), today,
                    today.minusDays(scope.staleDays())));
            return new Summary(today, scope.staleDays(), inspections(scope), counts);
        }
        return scanSummary(scope);
    }

    /**
     * The summary counted by scanning the issues (one {@code count(*) FILTER} per {@link Measure} over
     * {@code issue_view} or the history as of a moment): the oracle the counters are tested against, the answer as of
     * a moment, and the baseline of deploy/bench's summary-latency.
     */
    public Summary scanSummary(Scope scope) {
        String where = scope.inspection() == null ? "" : " WHERE i.inspection_id = :inspection";
        IssueCounts counts = counts(single(tupleQuery("SELECT " + countColumns() + " FROM "
                + AsOf.issues(scope.asOf()) + where, scope)));
        return new Summary(day(scope.asOf()), scope.staleDays(), inspections(scope), counts);
    }

    private long inspections(Scope scope) {
        String sql = "SELECT count(*) FROM inspection_view v WHERE " + AsOf.inspections(scope.asOf(), "v")
                + (scope.inspection() == null ? "" : " AND v.id = :inspection");
        Query inspections = AsOf.bind(em.createNativeQuery(sql), sql, scope.asOf(), calendar.zone());
        if (scope.inspection() != null) {
            inspections.setParameter("inspection", scope.inspection());
        }
        return Rows.count(inspections.getSingleResult());
    }

    /** Counts per group, in bulletin order for the feedback tree; the issues without a value last, under a null key. */
    public Breakdown breakdown(Grouping by, Scope scope) {
        Optional<IssueIndex> index = memory.current();
        if (index.isEmpty()) {
            return scanBreakdown(by, scope);
        }
        LocalDate today = day(scope.asOf());
        List<Group> groups = new ArrayList<>();
        for (IssueIndex.Group group : index.get().breakdown(by, scope.inspection(), scope.asOf(), today,
                today.minusDays(scope.staleDays()))) {
            groups.add(new Group(group.key(), group.label(), IssueCounts.of(group.counts())));
        }
        memory.answered();
        return new Breakdown(by.code(), today, scope.staleDays(), groups);
    }

    /**
     * {@link #breakdown} counted by PostgreSQL over {@code issue_view} or the history as of a moment: the oracle the
     * in-memory answers are tested against.
     */
    public Breakdown scanBreakdown(Grouping by, Scope scope) {
        String where = scope.inspection() == null ? "" : " WHERE i.inspection_id = :inspection";
        String sql;
        if (by.columns() == null) {
            sql = "SELECT " + by.keyExpression() + " AS key, max((" + by.labelExpression()
                    + ") COLLATE \"C\") AS label, " + countColumns() + " FROM " + AsOf.issues(scope.asOf()) + by.joins() + where
                    + " GROUP BY 1 ORDER BY (" + by.keyExpression() + ") IS NULL, min(i.ordinal), (" + by.keyExpression()
                    + ") COLLATE \"C\"";
        } else {
            // counted per combination of the columns the key is made of, then key and label once per combination
            int columns = by.columns().split(",").length;
            StringBuilder sums = new StringBuilder();
            StringBuilder counted = new StringBuilder();
            for (Measure measure : Measure.values()) {
                sums.append(", CAST(sum(i.").append(MEASURE_COLUMNS[measure.ordinal()]).append(") AS bigint) AS ")
                        .append(MEASURE_COLUMNS[measure.ordinal()]);
                counted.append(", count(*) FILTER (WHERE ").append(measure.condition()).append(") AS ")
                        .append(MEASURE_COLUMNS[measure.ordinal()]);
            }
            sql = "SELECT " + by.keyExpression() + " AS key, max((" + by.labelExpression() + ") COLLATE \"C\") AS label"
                    + sums
                    + " FROM (SELECT " + by.columns() + ", min(i.ordinal) AS ordinal" + counted + " FROM "
                    + AsOf.issues(scope.asOf()) + where + " GROUP BY "
                    + IntStream.rangeClosed(1, columns).mapToObj(Integer::toString).collect(Collectors.joining(", "))
                    + ") i" + by.joins() + " GROUP BY 1 ORDER BY (" + by.keyExpression() + ") IS NULL, min(i.ordinal), ("
                    + by.keyExpression() + ") COLLATE \"C\"";
        }
        List<Group> groups = new ArrayList<>();
        for (Tuple row : Rows.tuples(tupleQuery(sql, scope))) {
            groups.add(new Group((String) row.get("key"), (String) row.get("label"), counts(row)));
        }
        return new Breakdown(by.code(), day(scope.asOf()), scope.staleDays(), groups);
    }

    /**
     * The issues a count is made of: those in the group (all when {@code by} is null) that satisfy the measure and that
     * the scope lets the caller see, at most {@code limit} in bulletin order, and how many of them there are in all
     * (for a caller who sees every issue, the figure a breakdown shows). Live, the page is read along
     * {@code issue_view_order} (the bulletin order) and stops at the limit, and the total costs no second pass when it
     * can be had otherwise: a page that is not full is the whole list, and the issues of a measure without a group
     * are the counters' figure ({@link IssueCounters}); else it is counted on its own (a many-valued group and the
     * caller's units are conditions on arrays their GIN indexes serve). As of a moment, and in a group of the feedback
     * tree or a lead unit, every issue is read anyway, so the page and the total come from one pass
     * ({@link #scanIssues}).
     */
    public IssuePage issues(Grouping by, String key, Measure measure, Scope scope, int limit) {
        Optional<IssueIndex> index = memory.current();
        if (index.isPresent()) {
            // the page's ids and the total counted in memory, the page's rows read by id
            LocalDate today = day(scope.asOf());
            IssueIndex.Page page = index.get().page(by, key, measure, scope.inspection(), scope.asOf(), today,
                    today.minusDays(scope.staleDays()), scope.visible().units(), limit);
            memory.answered();
            return new IssuePage(issues(page.ids(), scope.asOf(), scope.visible()), page.total());
        }
        if (scope.asOf() != null || (by != null && !by.manyValued())) {
            // a key of the feedback tree or a lead unit is an expression no index serves: one pass is the cheapest
            return scanIssues(by, key, measure, scope, limit);
        }
        String from = from(by, key, measure, scope);
        List<IssueRow> issues = Rows.tuples(bindKey(tupleQuery("SELECT " + ISSUE_COLUMNS + from + ORDER + limit, scope), by,
                key)).stream().map(this::issueRow).toList();
        long total;
        if (issues.size() < limit) {
            total = issues.size();
        } else if (by == null && !scope.visible().restricted()) {
            LocalDate today = day(null);
            total = counters.counts(scope.inspection(), today, today.minusDays(scope.staleDays())).get(measure);
        } else {
            total = Rows.count(bindKey(query("SELECT count(*)" + from, scope), by, key).getSingleResult());
        }
        return new IssuePage(issues, total);
    }

    private static final String ORDER = " ORDER BY i.inspection_id, i.ordinal, i.id LIMIT ";

    /**
     * {@link #issues} by one pass over every issue of the relation, the page and the total together: the answer as
     * of a moment, and the oracle the live reads are tested against.
     */
    public IssuePage scanIssues(Grouping by, String key, Measure measure, Scope scope, int limit) {
        String from = scanFrom(by, key, measure, scope);
        if (by != null && by.manyValued()) {
            // an issue may be in several groups of a many-valued grouping: listed and counted once
            List<IssueRow> issues = Rows.tuples(bindKey(tupleQuery("SELECT DISTINCT " + ISSUE_COLUMNS + from + ORDER + limit,
                    scope), by, key)).stream().map(this::issueRow).toList();
            return new IssuePage(issues, Rows.count(bindKey(query("SELECT count(DISTINCT i.id)" + from, scope), by,
                    key).getSingleResult()));
        }
        List<Tuple> rows = Rows.tuples(bindKey(tupleQuery("SELECT " + ISSUE_COLUMNS + ", count(*) OVER () AS total" + from
                + ORDER + limit, scope), by, key));
        return new IssuePage(rows.stream().map(this::issueRow).toList(),
                rows.isEmpty() ? 0 : Rows.count(rows.get(0).get("total")));
    }

    /** A page of the issues behind a count, and the count. */
    public record IssuePage(List<IssueRow> issues, long total) {
    }

    /** The issues of a drill-through, one row each: a many-valued group is a condition on its array. */
    private static String from(Grouping by, String key, Measure measure, Scope scope) {
        if (by == null || !by.manyValued()) {
            return scanFrom(by, key, measure, scope);
        }
        return filter(new StringBuilder(" FROM ").append(AsOf.issues(scope.asOf())).append(" WHERE ")
                .append(measure.condition()).append(" AND ").append(by.membership(key != null)), scope);
    }

    /** The issues of a drill-through with the grouping's joins (an issue once per group it is in). */
    private static String scanFrom(Grouping by, String key, Measure measure, Scope scope) {
        StringBuilder sql = new StringBuilder(" FROM ").append(AsOf.issues(scope.asOf()))
                .append(by == null ? Grouping.INSPECTION.joins() : by.joins())
                .append(" WHERE ").append(measure.condition());
        if (by != null) {
            sql.append(key == null ? " AND " + by.keyExpression() + " IS NULL" : " AND " + by.keyExpression() + " = :key");
        }
        return filter(sql, scope);
    }

    private static String filter(StringBuilder sql, Scope scope) {
        if (scope.inspection() != null) {
            sql.append(" AND i.inspection_id = :inspection");
        }
        if (scope.visible().restricted()) {
            sql.append(" AND ").append(scope.visible().condition("i"));
        }
        return sql.toString();
    }

    private static Query bindKey(Query query, Grouping by, String key) {
        if (by != null && key != null) {
            query.setParameter("key", key);
        }
        return query;
    }

    /** Issues by id, in bulletin order, as they stood at {@code asOf} (null: live), those {@code visible} only. */
    public List<IssueRow> issues(Collection<UUID> ids, AsOf asOf, IssueVisibility visible) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String sql = "SELECT " + ISSUE_COLUMNS + " FROM " + AsOf.issues(asOf) + Grouping.INSPECTION.joins()
                + " WHERE i.id IN (:ids) AND " + visible.condition("i") + " ORDER BY i.inspection_id, i.ordinal, i.id";
        Query query = tupleQuery(sql, scope(null, null, asOf).visibleTo(visible));
        query.setParameter("ids", List.copyOf(ids));
        return Rows.tuples(query).stream().map(this::issueRow).toList();
    }

    /**
     * The applied events of these aggregates, or with these ids, in order, that were part of the ledger at
     * {@code asOf} (null: all), each with both clocks and how late it was recorded; for a caller who sees only some
     * issues, only the events of those issues.
     */
    public List<EventRow> events(Collection<UUID> aggregateIds, Collection<UUID> eventIds, int limit, AsOf asOf,
                                 IssueVisibility visible) {
        if (aggregateIds.isEmpty() && eventIds.isEmpty()) {
            return List.of();
        }
        // each list only when given: an OR with a list of nothing would make the aggregates' index scan a BitmapOr
        // the events of an indicator's facts are bound as one array: there can be more than a statement's parameters
        String events = "p.event_id = ANY(CAST(:events AS uuid[]))";
        String which = eventIds.isEmpty() ? "p.aggregate_id IN (:aggregates)"
                : aggregateIds.isEmpty() ? events
                : "(p.aggregate_id IN (:aggregates) OR " + events + ")";
        // the page is picked from applied_event_aggregate alone (it holds the order's and the clocks' columns), then
        // only its rows are read: the issues of a page have thousands of events, each on a page of its own
        String sql = "SELECT " + EVENT_COLUMNS + " FROM applied_event e JOIN (SELECT p.aggregate_id, p.sequence "
                + "FROM applied_event p WHERE " + which + " AND " + AsOf.events(asOf, "p")
                + (visible.restricted() ? " AND EXISTS (SELECT 1 FROM " + AsOf.issues(asOf) + " WHERE i.id = "
                + "p.aggregate_id AND " + visible.condition("i") + ")" : "")
                + " ORDER BY p.recorded_at, p.aggregate_id, p.sequence LIMIT " + limit + ") page"
                + " ON e.aggregate_id = page.aggregate_id AND e.sequence = page.sequence"
                + " ORDER BY e.recorded_at, e.aggregate_id, e.sequence";
        Query query = visible.bind(AsOf.bind(em.createNativeQuery(sql, Tuple.class), sql, asOf, calendar.zone()), sql);
        if (sql.contains(":today")) {
            query.setParameter("today", day(asOf));
        }
        if (!aggregateIds.isEmpty()) {
            query.setParameter("aggregates", List.copyOf(aggregateIds));
        }
        if (!eventIds.isEmpty()) {
            query.setParameter("events", Rows.array(eventIds));
        }
        return Rows.tuples(query).stream().map(ReportQueries::eventRow).toList();
    }

    /**
     * Back-dated entries (补录): issue and inspection events that took effect at least {@code minLagDays} days before
     * the day they were recorded (in the business zone), longest lag first, among those part of the ledger at
     * {@code asOf} (null: all), optionally of one inspection. A caller who sees only some issues gets only their
     * events (an inspection's own events are of no issue, so not among them).
     */
    public List<BackdatedRow> backdated(int minLagDays, UUID inspection, AsOf asOf, IssueVisibility visible,
                                        int limit) {
        String sql = "SELECT " + EVENT_COLUMNS + ", i.inspection_id, i.path, i.numbering, i.title"
                + " FROM applied_event e LEFT JOIN issue_view i ON i.id = e.aggregate_id"
                + " WHERE e.effective_date IS NOT NULL AND " + LAG + " >= :minLag AND " + AsOf.events(asOf, "e")
                + (inspection == null ? "" : " AND (i.inspection_id = :inspection OR e.aggregate_id = :inspection)")
                + (visible.restricted() ? " AND " + visible.condition("i") : "")
                + " ORDER BY " + LAG + " DESC, e.recorded_at, e.aggregate_id, e.sequence LIMIT " + limit;
        Query query = visible.bind(AsOf.bind(em.createNativeQuery(sql, Tuple.class), sql, asOf, calendar.zone()), sql);
        query.setParameter("minLag", minLagDays);
        if (inspection != null) {
            query.setParameter("inspection", inspection);
        }
        return Rows.tuples(query).stream().map(r -> new BackdatedRow(eventRow(r), Rows.uuid(r.get("inspection_id")),
                (String) r.get("path"), (String) r.get("numbering"), (String) r.get("title"))).toList();
    }

    /** The day an event was recorded, in the business zone. */
    private static final String RECORDED_DAY = "CAST(e.recorded_at AT TIME ZONE :zone AS date)";
    /** Days between the day an event took effect and the day it was recorded; 0 without an effective date. */
    private static final String LAG = "(" + RECORDED_DAY + " - coalesce(e.effective_date, " + RECORDED_DAY + "))";
    private static final String EVENT_COLUMNS = "e.event_id, e.type, e.aggregate_type, e.aggregate_id, e.sequence, "
            + "e.recorded_at, coalesce(e.effective_date, " + RECORDED_DAY + ") AS effective_day, e.actor, "
            + "e.effective_date IS NOT NULL AS effective_date_given, " + LAG + " AS lag_days";

    private static EventRow eventRow(Tuple r) {
        int lag = ((Number) r.get("lag_days")).intValue();
        return new EventRow(Rows.uuid(r.get("event_id")), (String) r.get("type"), (String) r.get("aggregate_type"),
                Rows.uuid(r.get("aggregate_id")), Rows.count(r.get("sequence")), Rows.instant(r.get("recorded_at")),
                Rows.date(r.get("effective_day")), Boolean.TRUE.equals(r.get("effective_date_given")), lag > 0, lag,
                (String) r.get("actor"));
    }

    /** Whether an inspection with this id was ever projected. */
    public boolean inspectionExists(UUID id) {
        return !em.createNativeQuery("SELECT 1 FROM inspection_view WHERE id = ?1").setParameter(1, id)
                .getResultList().isEmpty();
    }

    public List<InspectionRow> inspections() {
        return Rows.tuples(em.createNativeQuery("""
                SELECT id, team, target_unit, feedback_date, declared_aspects, declared_categories, sequence
                FROM inspection_view ORDER BY feedback_date DESC, team, id""", Tuple.class)).stream()
                .map(r -> new InspectionRow(Rows.uuid(r.get("id")), (String) r.get("team"),
                        (String) r.get("target_unit"), Rows.date(r.get("feedback_date")),
                        (Integer) r.get("declared_aspects"), (Integer) r.get("declared_categories"),
                        Rows.count(r.get("sequence")))).toList();
    }

    /** A rate of two counts, as an indicator value (percent, exact ratio), so it displays like any indicator. */
    public static IndicatorValue rate(long numerator, long denominator) {
        BigDecimal n = BigDecimal.valueOf(numerator);
        BigDecimal d = BigDecimal.valueOf(denominator);
        if (denominator == 0) {
            return new IndicatorValue(null, null, n, d, PERCENT, "%", null, null,
                    new NoValue(NoValue.Reason.DENOMINATOR_ZERO, "no issues to count"), List.of(), List.of());
        }
        BigDecimal ratio = n.divide(d, IndicatorEvaluator.DIVISION);
        return new IndicatorValue(ratio.multiply(PERCENT).setScale(IndicatorEvaluator.VALUE_SCALE, RoundingMode.HALF_UP),
                ratio, n, d, PERCENT, "%", Qualifier.EXACT, IndicatorValue.Basis.COMPUTED, null, List.of(), List.of());
    }

    // i.ordinal is selected for the ORDER BY of a SELECT DISTINCT (bulletin order), not read
    private static final String ISSUE_COLUMNS = """
            i.id, i.inspection_id, i.list_key, i.path, i.numbering, i.title, i.aspect_numbering, i.aspect_title,
            i.category_numbering, i.category_title, i.status, i.status_label, i.warning, i.deadline, i.completed_on,
            i.last_progress_date, CAST(to_jsonb(i.responsible_units) AS text) AS responsible_units,
            CAST(to_jsonb(i.lead_leaders) AS text) AS lead_leaders, CAST(to_jsonb(i.tags) AS text) AS tags, i.sequence,
            i.ordinal, i.lead_unit, i.assignment_state, i.original_deadline, i.extension_count, i.returned_count,
            i.awaiting_decision""";

    private IssueRow issueRow(Tuple r) {
        return new IssueRow(Rows.uuid(r.get("id")), Rows.uuid(r.get("inspection_id")), (String) r.get("list_key"),
                (String) r.get("path"), (String) r.get("numbering"), (String) r.get("title"),
                join((String) r.get("aspect_numbering"), (String) r.get("aspect_title")),
                join((String) r.get("category_numbering"), (String) r.get("category_title")),
                (String) r.get("status"), (String) r.get("status_label"), (String) r.get("warning"),
                Rows.date(r.get("deadline")), Rows.date(r.get("completed_on")), Rows.date(r.get("last_progress_date")),
                strings(r.get("responsible_units")), strings(r.get("lead_leaders")), strings(r.get("tags")),
                Rows.count(r.get("sequence")), (String) r.get("lead_unit"), (String) r.get("assignment_state"),
                Rows.date(r.get("original_deadline")), ((Number) r.get("extension_count")).intValue(),
                ((Number) r.get("returned_count")).intValue(), (String) r.get("awaiting_decision"));
    }

    /** The column of each {@link Measure}'s count, by ordinal: m0, m1, … */
    private static final String[] MEASURE_COLUMNS = Arrays.stream(Measure.values())
            .map(measure -> "m" + measure.ordinal()).toArray(String[]::new);

    private static String countColumns() {
        StringBuilder columns = new StringBuilder();
        for (Measure measure : Measure.values()) {
            if (!columns.isEmpty()) {
                columns.append(", ");
            }
            columns.append("count(*) FILTER (WHERE ").append(measure.condition()).append(") AS ")
                    .append(MEASURE_COLUMNS[measure.ordinal()]);
        }
        return columns.toString();
    }

    private static IssueCounts counts(Tuple row) {
        Map<Measure, Long> values = new LinkedHashMap<>();
        for (Measure measure : Measure.values()) {
            values.put(measure, Rows.count(row.get(MEASURE_COLUMNS[measure.ordinal()])));
        }
        return IssueCounts.of(values);
    }

    /** A statement with one column (or none read), its parameters bound for the scope. */
    private Query query(String sql, Scope scope) {
        return bind(em.createNativeQuery(sql), sql, scope);
    }

    /** A statement whose rows are read by column name, its parameters bound for the scope. */
    private Query tupleQuery(String sql, Scope scope) {
        return bind(em.createNativeQuery(sql, Tuple.class), sql, scope);
    }

    private Query bind(Query unbound, String sql, Scope scope) {
        Query query = AsOf.bind(unbound, sql, scope.asOf(), calendar.zone());
        LocalDate today = day(scope.asOf());
        if (sql.contains(":today")) {
            query.setParameter("today", today);
        }
        if (sql.contains(":staleBefore")) {
            query.setParameter("staleBefore", today.minusDays(scope.staleDays()));
        }
        if (sql.contains(":inspection")) {
            query.setParameter("inspection", scope.inspection());
        }
        return scope.visible().bind(query, sql);
    }

    private static Tuple single(Query query) {
        return (Tuple) query.getSingleResult();
    }

    private List<String> strings(Object jsonArray) {
        try {
            return jsonArray == null ? List.of() : json.readValue((String) jsonArray, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String join(String numbering, String title) {
        return (numbering == null ? "" : numbering) + title;
    }

    /**
     * Counts of issues by status, warning, timeliness and staleness, with the rates the bulletin reports, and the
     * workflow's counts (unsigned, returned, extended, awaiting a decision). Timeliness is counted twice: against the
     * current deadline ({@code onTime}, {@code late}, {@code onTimeRate}, like overdue and the warnings) and against
     * the original one.
     */
    public record IssueCounts(long total, Map<String, Long> byStatus, long completedOrClosed, long overdue,
                              Map<String, Long> byWarning, long stale, long onTime, long late,
                              IndicatorValue completionRate, IndicatorValue closureRate, IndicatorValue onTimeRate,
                              long onTimeAgainstOriginal, long lateAgainstOriginal,
                              IndicatorValue onTimeRateAgainstOriginal, long unsigned, long returned, long extended,
                              long awaitingCompletionDecision, long awaitingExtensionDecision) {

        static IssueCounts of(Map<Measure, Long> c) {
            Map<String, Long> byStatus = new LinkedHashMap<>();
            for (Measure status : List.of(Measure.NOT_STARTED, Measure.IN_PROGRESS, Measure.COMPLETED, Measure.CLOSED,
                    Measure.LONG_TERM)) {
                byStatus.put(status.code(), c.get(status));
            }
            Map<String, Long> byWarning = new LinkedHashMap<>();
            for (Measure warning : List.of(Measure.RED, Measure.YELLOW, Measure.GREEN, Measure.NO_WARNING)) {
                byWarning.put(warning.code(), c.get(warning));
            }
            long total = c.get(Measure.TOTAL);
            long onTime = c.get(Measure.ON_TIME);
            long late = c.get(Measure.LATE);
            long onTimeOriginal = c.get(Measure.ON_TIME_AGAINST_ORIGINAL);
            long lateOriginal = c.get(Measure.LATE_AGAINST_ORIGINAL);
            return new IssueCounts(total, byStatus, c.get(Measure.COMPLETED_OR_CLOSED), c.get(Measure.OVERDUE),
                    byWarning, c.get(Measure.STALE), onTime, late,
                    rate(c.get(Measure.COMPLETED_OR_CLOSED), total), rate(c.get(Measure.CLOSED), total),
                    rate(onTime, onTime + late), onTimeOriginal, lateOriginal,
                    rate(onTimeOriginal, onTimeOriginal + lateOriginal), c.get(Measure.UNSIGNED),
                    c.get(Measure.RETURNED), c.get(Measure.EXTENDED), c.get(Measure.AWAITING_COMPLETION_DECISION),
                    c.get(Measure.AWAITING_EXTENSION_DECISION));
        }
    }

    public record Summary(LocalDate today, int staleDays, long inspections, IssueCounts issues) {
    }

    public record Breakdown(String by, LocalDate today, int staleDays, List<Group> groups) {
    }

    public record Group(String key, String label, IssueCounts counts) {
    }

    /**
     * An issue as a list shows it. The workflow's part: {@code leadUnit} (牵头单位), {@code assignment} (ASSIGNED =
     * not signed yet, SIGNED, null when never assigned), {@code originalDeadline} (the first assigned deadline;
     * {@code deadline} is the current one), approved {@code extensions}, completions {@code returned}, and what is
     * {@code awaitingDecision} (COMPLETION, EXTENSION or null).
     */
    public record IssueRow(UUID id, UUID inspectionId, String list, String path, String numbering, String title,
                           String aspect, String category, String status, String statusLabel, String warning,
                           LocalDate deadline, LocalDate completedOn, LocalDate lastProgressDate,
                           List<String> responsibleUnits, List<String> leadLeaders, List<String> tags, long sequence,
                           String leadUnit, String assignment, LocalDate originalDeadline, int extensions,
                           int returned, String awaitingDecision) {
    }

    /**
     * An applied event with both clocks: {@code effectiveDate} the day it took effect (the day it was recorded when
     * the event gave none, {@code effectiveDateGiven} false), {@code recordedAt} when issue-service recorded it;
     * {@code backdated} (补录) when it took effect before the day it was recorded, by {@code lagDays} days.
     */
    public record EventRow(UUID id, String type, String aggregateType, UUID aggregateId, long sequence,
                           Instant recordedAt, LocalDate effectiveDate, boolean effectiveDateGiven, boolean backdated,
                           int lagDays, String actor) {
    }

    /** A back-dated event, with the issue it belongs to (null fields for an inspection's event). */
    public record BackdatedRow(EventRow event, UUID inspectionId, String path, String numbering, String title) {
    }

    public record InspectionRow(UUID id, String team, String targetUnit, LocalDate feedbackDate,
                                Integer declaredAspects, Integer declaredCategories, long sequence) {
    }
}
