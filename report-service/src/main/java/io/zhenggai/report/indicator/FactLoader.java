package io.zhenggai.report.indicator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.report.memory.IssueIndex;
import io.zhenggai.report.memory.IssueMemory;
import io.zhenggai.report.projection.AsOf;
import io.zhenggai.report.projection.Grouping;
import io.zhenggai.report.projection.IssueCounters;
import io.zhenggai.report.projection.IssueStatus;
import io.zhenggai.report.projection.IssueVisibility;
import io.zhenggai.report.projection.Measure;
import io.zhenggai.report.projection.ReportCalendar;
import io.zhenggai.report.projection.Rows;
import io.zhenggai.report.projection.WarningLevel;
import io.zhenggai.report.store.InGeneration;

/**
 * Loads what indicators are evaluated over from the projections: the reading facts of the metrics a definition names
 * and, when it counts issues, the issue facts, optionally for one inspection only. Issue facts use the same keys and
 * the same on-time and overdue rules as the reports ({@link Grouping}, {@link Measure}), so an indicator broken down
 * by aspect and the breakdown of counts by aspect name the same groups.
 */
@ApplicationScoped
@Transactional
@InGeneration
public class FactLoader {

    private static final TypeReference<Map<String, String>> DIMENSIONS = new TypeReference<>() {
    };
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

    /**
     * The facts, for issue groupings the label of each group key (方面 key → （一）关于…), and the metric catalogue
     * they were loaded by (evaluate with the same one).
     */
    public record Facts(FactSet set, Map<String, String> labels, MetricCatalogue catalogue) {
    }

    /**
     * The facts as they stood at {@code asOf} (null: live; see {@link AsOf} for what counts then), for values overall
     * ({@code by} null) or per group of {@code by}.
     * <ul>
     *   <li>A metric that takes its latest value over time is loaded only on each series' latest date, not every
     *       reading ever made: a value, overall or per group of a dimension, uses no other (a group is a set of
     *       series, and a series' latest date is the same in any of them).</li>
     *   <li>Issues are loaded with only the fields the definitions' {@code issues(...)} terms and {@code by} test, and
     *       unless {@code identified} (a drill-through lists the issues) as tallies: one fact per combination of those
     *       fields, with its count, counted in the database. A completion rate over 100,000 issues is then a handful
     *       of rows, not 100,000. A definition that counts issues and also sums readings loads them by id all the
     *       same, since the issues reporting its facts and those it counts must be told apart.</li>
     * </ul>
     */
    public Facts load(Collection<IndicatorDefinition> definitions, UUID inspection, AsOf asOf, String by,
                      boolean identified) {
        Set<String> metrics = new LinkedHashSet<>();
        Set<IssueField> tested = new TreeSet<>();
        boolean issues = false;
        boolean mixed = false;
        for (IndicatorDefinition definition : definitions) {
            List<Term> terms = new ArrayList<>(definition.numerator().terms());
            definition.denominatorExpression().ifPresent(d -> terms.addAll(d.terms()));
            if (definition.stated() != null) {
                terms.add(definition.stated());
            }
            boolean countsIssues = false;
            boolean readsMetrics = false;
            for (Term term : terms) {
                if (term instanceof MetricTerm metric) {
                    metrics.add(metric.code());
                    readsMetrics = true;
                } else if (term instanceof IssuesTerm issuesTerm) {
                    issuesTerm.conditions().forEach(c -> tested.add(c.field()));
                    countsIssues = true;
                }
            }
            issues |= countsIssues;
            mixed |= countsIssues && readsMetrics;
        }
        Map<String, String> labels = new HashMap<>();
        if (by != null) {
            IssueField.byName(by).ifPresent(tested::add);
        }
        List<IssueFact> issueFacts = issues ? issueFacts(tested, inspection, asOf, labels, identified || mixed)
                : List.of();
        MetricCatalogue catalogue = catalogue();
        return new Facts(new FactSet(readings(metrics, inspection, asOf, catalogue), issueFacts), labels, catalogue);
    }

    /** The metric catalogue: the defaults, overridden by the rows of {@code metric_aggregation}. */
    public MetricCatalogue catalogue() {
        MetricCatalogue catalogue = MetricCatalogue.defaults();
        for (Tuple row : Rows.tuples(em.createNativeQuery(
                "SELECT metric, over_time, over_dimensions FROM metric_aggregation", Tuple.class))) {
            catalogue = catalogue.with((String) row.get("metric"), new MetricAggregation(
                    MetricAggregation.OverTime.valueOf((String) row.get("over_time")),
                    MetricAggregation.OverDimensions.valueOf((String) row.get("over_dimensions"))));
        }
        return catalogue;
    }

    /**
     * Every metric that has readings in force (none a correction superseded), with what is known about it, for people
     * writing definitions.
     */
    public List<MetricSummary> metrics() {
        MetricCatalogue catalogue = catalogue();
        return Rows.tuples(em.createNativeQuery("""
                SELECT r.metric, count(*) AS readings, count(DISTINCT r.issue_id) AS issues,
                       CAST(to_jsonb(array_agg(DISTINCT r.unit)) AS text) AS units,
                       CAST(coalesce((SELECT to_jsonb(array_agg(DISTINCT k)) FROM reading_fact r2,
                                      jsonb_object_keys(r2.dimensions) k
                                      WHERE r2.metric = r.metric AND r2.superseded_at IS NULL), '[]') AS text)
                           AS dimensions,
                       min(r.as_of) AS first_as_of, max(r.as_of) AS last_as_of
                FROM reading_fact r WHERE r.superseded_at IS NULL GROUP BY r.metric ORDER BY r.metric""",
                Tuple.class)).stream()
                .map(r -> {
                    String metric = (String) r.get("metric");
                    MetricAggregation aggregation = catalogue.aggregationOf(metric);
                    return new MetricSummary(metric, Rows.count(r.get("readings")), Rows.count(r.get("issues")),
                            strings(r.get("units")), strings(r.get("dimensions")), aggregation.overTime().name(),
                            aggregation.overDimensions().name(), Rows.date(r.get("first_as_of")),
                            Rows.date(r.get("last_as_of")));
                }).toList();
    }

    public record MetricSummary(String metric, long readings, long issues, List<String> units, List<String> dimensions,
                                String overTime, String overDimensions, LocalDate firstAsOf,
                                LocalDate lastAsOf) {
    }

    /**
     * How far a stored reading can be taken at face value, in the indicators' terms: a forecast (预计) is FORECAST
     * whatever its digits; a lower bound (余, 以上) AT_LEAST; approximate figures and upper bounds (约, 不到) APPROXIMATE,
     * since an upper bound cannot be carried further; a rate printed as such (开工率67%) STATED; anything else EXACT.
     */
    public static Qualifier qualifierOf(String kind, String qualifier, boolean forecast) {
        if (forecast) {
            return Qualifier.FORECAST;
        }
        return switch (qualifier) {
            case "AT_LEAST" -> Qualifier.AT_LEAST;
            case "APPROXIMATE", "AT_MOST" -> Qualifier.APPROXIMATE;
            default -> "RATE".equals(kind) ? Qualifier.STATED : Qualifier.EXACT;
        };
    }

    /**
     * Readings with a number that state a level: 若干 has no number, and a change (较年初降低0.05个百分点) is not the
     * level of its metric, so neither enters a sum.
     */
    private List<ReadingFact> readings(Set<String> metrics, UUID inspection, AsOf asOf, MetricCatalogue catalogue) {
        if (metrics.isEmpty()) {
            return List.of();
        }
        List<String> latestOnly = metrics.stream()
                .filter(m -> catalogue.aggregationOf(m).overTime() == MetricAggregation.OverTime.LAST).toList();
        List<String> every = metrics.stream().filter(m -> !latestOnly.contains(m)).toList();
        String columns = """
                SELECT r.metric, CAST(r.dimensions AS text) AS dimensions, r.value, r.unit, r.kind, r.qualifier,
                       r.forecast, r.as_of, r.issue_id, r.event_id, r.recorded_at, r.ordinal""";
        String level = " AND r.value IS NOT NULL AND NOT r.change AND " + AsOf.readings(asOf, "r")
                + (inspection == null ? "" : " AND r.inspection_id = :inspection");
        List<String> parts = new ArrayList<>();
        if (!every.isEmpty()) {
            parts.add(columns + " FROM reading_fact r WHERE r.metric IN (:every)" + level);
        }
        if (!latestOnly.isEmpty()) {
            // each series' latest date (by a backward scan of reading_fact_series), then its readings on that date
            parts.add(columns + " FROM reading_series s CROSS JOIN LATERAL (" + latestDay(asOf) + ") latest"
                    + """
                     JOIN reading_fact r ON r.metric = s.metric AND r.inspection_id = s.inspection_id
                                        AND r.dimensions = s.dimensions AND r.as_of = latest.day
                    WHERE s.metric IN (:latest)""" + level);
        }
        String sql = "SELECT * FROM (" + String.join(" UNION ALL ", parts) + ") r"
                + " ORDER BY r.as_of, r.recorded_at, r.event_id, r.ordinal";
        Query query = AsOf.bind(em.createNativeQuery(sql, Tuple.class), sql, asOf, calendar.zone());
        if (sql.contains(":recordedDay")) {
            query.setParameter("recordedDay", LocalDate.ofInstant(asOf.recordedBefore(), calendar.zone()));
        }
        if (!every.isEmpty()) {
            query.setParameter("every", every);
        }
        if (!latestOnly.isEmpty()) {
            query.setParameter("latest", latestOnly);
        }
        if (inspection != null) {
            query.setParameter("inspection", inspection);
        }
        List<ReadingFact> readings = new ArrayList<>();
        // the series are few and their readings many: each dimension set is parsed once
        Map<String, Map<String, String>> parsed = new HashMap<>();
        // there can be hundreds of thousands: each row is made a fact as it is read, not kept as a Tuple first
        try (Stream<Tuple> rows = Rows.tupleStream(query)) {
            rows.forEach(r -> {
                BigDecimal value = Rows.decimal(r.get("value"));
                readings.add(new ReadingFact((String) r.get("metric"),
                        parsed.computeIfAbsent((String) r.get("dimensions"), this::dimensions), value,
                        (String) r.get("unit"), qualifierOf((String) r.get("kind"), (String) r.get("qualifier"),
                                Boolean.TRUE.equals(r.get("forecast"))), Rows.date(r.get("as_of")),
                        Rows.uuid(r.get("issue_id")).toString(), Rows.uuid(r.get("event_id")).toString()));
            });
        }
        return readings;
    }

    /**
     * The first {@code limit} issues that the definition's {@code issues(…)} terms count, within the group {@code key}
     * of {@code by} (all when {@code by} is null), as they stood at {@code asOf}, in the order the evaluator lists
     * them ({@link IndicatorValue#issueIds()} over issues loaded by id): those the first term counts first (the
     * numerator's terms, then the denominator's), each in bulletin order. The conditions are the terms' own, written
     * as SQL over the columns the tallies read, so a drill-through lists a count's issues without loading them all.
     * Only the issues {@code visible} lets the caller see.
     */
    public List<UUID> countedIssues(IndicatorDefinition definition, String by, String key, UUID inspection, AsOf asOf,
                                    IssueVisibility visible, int limit) {
        List<IssuesTerm> terms = definition.issueTerms();
        if (terms.isEmpty()) {
            return List.of();
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        List<String> matches = terms.stream().map(t -> t.conditions().isEmpty() ? "TRUE" : t.conditions().stream()
                .map(c -> IssueConditions.sql(c.field(), c.match(), parameters))
                .collect(Collectors.joining(" AND ", "(", ")"))).toList();
        StringBuilder sql = new StringBuilder("SELECT i.id FROM ").append(AsOf.issues(asOf)).append(" WHERE (")
                .append(String.join(" OR ", matches)).append(")");
        if (inspection != null) {
            sql.append(" AND i.inspection_id = :inspection");
        }
        if (by != null) {
            sql.append(" AND ").append(IssueConditions.group(by, key, parameters));
        }
        if (visible.restricted()) {
            sql.append(" AND ").append(visible.condition("i"));
        }
        sql.append(" ORDER BY CASE");
        for (int t = 0; t < matches.size(); t++) {
            sql.append(" WHEN ").append(matches.get(t)).append(" THEN ").append(t);
        }
        sql.append(" END, i.inspection_id, i.ordinal, i.id LIMIT ").append(limit);
        String text = sql.toString();
        Query query = visible.bind(AsOf.bind(em.createNativeQuery(text), text, asOf, calendar.zone()), text);
        parameters.forEach(query::setParameter);
        if (text.contains(":today")) {
            query.setParameter("today", asOf == null ? calendar.today() : asOf.day());
        }
        if (inspection != null) {
            query.setParameter("inspection", inspection);
        }
        @SuppressWarnings("unchecked")
        List<Object> ids = query.getResultList();
        return ids.stream().map(Rows::uuid).toList();
    }

    /**
     * The latest date of the series {@code s} (a row of {@code reading_series}) among the readings that were part of
     * the ledger at {@code asOf}, found by scanning {@code reading_fact_series} backwards from the moment. On the
     * recorded clock a reading can be dated after the day it was recorded (a forecast, 预计), so a backward scan from
     * the moment's day would not see it, and one from the end would wade through every reading recorded later. Those
     * readings are indexed apart ({@code reading_fact_ahead}, on the business zone's days): the latest date is the
     * later of the backward scan from the moment's day and the latest of them recorded before the moment. A lateral
     * subquery giving {@code day} (no row: the series has no reading then); live and on the effective clock its own
     * row, found once per series (a scalar {@code max()} in the join condition was evaluated twice per series).
     */
    private String latestDay(AsOf asOf) {
        String series = "FROM reading_fact x WHERE x.metric = s.metric AND x.inspection_id = s.inspection_id "
                + "AND x.dimensions = s.dimensions AND x.value IS NOT NULL AND NOT x.change AND ";
        if (asOf == null || asOf.basis() != AsOf.Basis.RECORDED) {
            return "SELECT x.as_of AS day " + series + AsOf.readings(asOf, "x") + " ORDER BY x.as_of DESC LIMIT 1";
        }
        // a zone id is letters, digits and / _ + - only: safe as a literal, and a literal is what the index names
        String recordedDay = "CAST(x.recorded_at AT TIME ZONE '" + calendar.zone().getId() + "' AS date)";
        return "SELECT greatest((SELECT max(x.as_of) " + series + "x.as_of <= :recordedDay AND "
                + AsOf.readings(asOf, "x") + "), (SELECT max(x.as_of) " + series + "x.as_of > " + recordedDay
                + " AND x.as_of > :recordedDay AND " + AsOf.readings(asOf, "x") + ")) AS day";
    }

    /**
     * The issue facts: live tallies by status, on time, overdue and warning from the counters ({@link IssueCounters},
     * a few hundred rows however many issues there are) when those are all the fields tested, else by
     * {@link #scanTallies}.
     */
    private List<IssueFact> issueFacts(Set<IssueField> fields, UUID inspection, AsOf asOf, Map<String, String> labels,
                                       boolean identified) {
        Optional<IssueIndex> index = memory.current();
        if (index.isPresent()) {
            List<IssueFact> tallied = memoryTallies(index.get(), fields, inspection, asOf, labels, identified);
            memory.answered();
            return tallied;
        }
        if (asOf == null && !identified) {
            List<IssueFact> counted = countedTallies(fields, inspection);
            if (counted != null) {
                return counted;
            }
        }
        return scanTallies(fields, inspection, asOf, labels, identified);
    }

    /**
     * The tallies {@link #scanTallies} makes, counted in memory ({@link IssueIndex#tallies}): the same fields, keys and
     * labels, the warning judged at the answer's day by {@link io.zhenggai.report.projection.WarningRule}.
     */
    public List<IssueFact> memoryTallies(IssueIndex index, Set<IssueField> fields, UUID inspection, AsOf asOf,
                                         Map<String, String> labels, boolean identified) {
        IssueIndex.TallyFields wanted = new IssueIndex.TallyFields(fields.contains(IssueField.WARNING),
                fields.contains(IssueField.INSPECTION), fields.contains(IssueField.LIST),
                fields.contains(IssueField.ASPECT), fields.contains(IssueField.CATEGORY),
                fields.contains(IssueField.UNIT), fields.contains(IssueField.LEADER), fields.contains(IssueField.TAG),
                fields.contains(IssueField.ON_TIME), fields.contains(IssueField.OVERDUE), identified);
        LocalDate today = asOf == null ? calendar.today() : asOf.day();
        List<IssueFact> facts = new ArrayList<>();
        for (IssueIndex.Tally t : index.tallies(wanted, inspection, asOf, today, labels)) {
            facts.add(new IssueFact(t.id() == null ? null : t.id().toString(), IssueStatus.values()[t.status()],
                    t.warning() == null ? WarningLevel.NONE : WarningLevel.valueOf(t.warning()), t.inspection(),
                    t.list(), t.aspect(), t.category(), set(t.units()), set(t.leaders()), set(t.tags()), t.onTime(),
                    t.overdue(), t.count()));
        }
        return facts;
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : values.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }

    /** The fields a tally from the counters can tell apart (not warning and on time together: see below). */
    private static final Set<IssueField> COUNTED = EnumSet.of(IssueField.STATUS, IssueField.WARNING,
            IssueField.OVERDUE, IssueField.ON_TIME);

    /**
     * Live tallies of the issues of {@code inspection} (null: all) by status and whichever of warning, overdue and on
     * time {@code fields} names, from the counters; null when the counters cannot tell them apart. Within a status the
     * counters give each measure's count, not their joint counts; these are joint because an overdue issue (open past
     * its deadline) is RED and late, and no other issue is both open and late, while the warning of a COMPLETED issue
     * and whether it was on time are independent: those two together are scanned. The same tallies as
     * {@link #scanTallies} ({@code CountersOracleTest}).
     */
    public List<IssueFact> countedTallies(Set<IssueField> fields, UUID inspection) {
        if (!COUNTED.containsAll(fields) || (fields.contains(IssueField.WARNING) && fields.contains(IssueField.ON_TIME))) {
            return null;
        }
        LocalDate today = calendar.today();
        record Cell(IssueStatus status, WarningLevel warning, Boolean onTime, boolean overdue) {
        }
        Map<Cell, Long> cells = new LinkedHashMap<>();
        boolean warning = fields.contains(IssueField.WARNING);
        boolean onTime = fields.contains(IssueField.ON_TIME);
        boolean overdue = fields.contains(IssueField.OVERDUE);
        for (var entry : counters.byStatus(inspection, today, today).entrySet()) {
            IssueStatus status = entry.getKey();
            Map<Measure, Long> m = entry.getValue();
            long late = m.get(Measure.LATE);
            long pastDeadline = m.get(Measure.OVERDUE);
            Map<Cell, Long> of = new LinkedHashMap<>();
            if (onTime) {
                of.put(new Cell(status, null, Boolean.TRUE, false), m.get(Measure.ON_TIME));
                of.put(new Cell(status, null, Boolean.FALSE, true), pastDeadline);
                of.put(new Cell(status, null, Boolean.FALSE, false), late - pastDeadline);
                of.put(new Cell(status, null, null, false), m.get(Measure.TOTAL) - m.get(Measure.ON_TIME) - late);
            } else {
                of.put(new Cell(status, WarningLevel.RED, null, true), pastDeadline);
                of.put(new Cell(status, WarningLevel.RED, null, false), m.get(Measure.RED) - pastDeadline);
                of.put(new Cell(status, WarningLevel.YELLOW, null, false), m.get(Measure.YELLOW));
                of.put(new Cell(status, WarningLevel.GREEN, null, false), m.get(Measure.GREEN));
                of.put(new Cell(status, WarningLevel.NONE, null, false), m.get(Measure.NO_WARNING));
            }
            for (var cell : of.entrySet()) {
                if (cell.getValue() < 0) {
                    // the rules no longer nest as the comment says: count by scanning
                    return null;
                }
                Cell c = cell.getKey();
                cells.merge(new Cell(status, warning ? c.warning() : null, onTime ? c.onTime() : null,
                        overdue && c.overdue()), cell.getValue(), Long::sum);
            }
        }
        List<IssueFact> facts = new ArrayList<>();
        cells.forEach((c, n) -> {
            if (n > 0) {
                facts.add(new IssueFact(null, c.status(), c.warning(), null, null, null, null, Set.of(), Set.of(),
                        Set.of(), c.onTime(), c.overdue(), n));
            }
        });
        return facts;
    }

    /**
     * Issues counted per combination of {@code fields} (status always), or one by one with their ids when
     * {@code identified}: the combinations are grouped on the relation's own columns first, and keys and labels are
     * computed on the groups, so a label's lookup runs once per group and not once per issue when tallied.
     */
    public List<IssueFact> scanTallies(Set<IssueField> fields, UUID inspection, AsOf asOf, Map<String, String> labels,
                                       boolean identified) {
        List<IssueField> treeFields = List.of(IssueField.INSPECTION, IssueField.LIST, IssueField.ASPECT,
                IssueField.CATEGORY);
        List<Grouping> treeGroupings = List.of(Grouping.INSPECTION, Grouping.LIST, Grouping.ASPECT, Grouping.CATEGORY);
        Set<String> grouped = new LinkedHashSet<>();
        grouped.add("i.status");
        if (identified) {
            // one by one, in bulletin order: a drill-through lists the first of them
            grouped.addAll(List.of("i.id", "i.inspection_id", "i.ordinal"));
        }
        boolean tree = false;
        for (int g = 0; g < treeFields.size(); g++) {
            if (fields.contains(treeFields.get(g))) {
                Arrays.stream(treeGroupings.get(g).columns().split(",")).map(String::strip).forEach(grouped::add);
                tree = true;
            }
        }
        Map<IssueField, String> plain = new EnumMap<>(Map.of(IssueField.WARNING, "i.warning",
                IssueField.UNIT, "i.responsible_units", IssueField.LEADER, "i.lead_leaders", IssueField.TAG, "i.tags"));
        plain.forEach((field, column) -> {
            if (fields.contains(field)) {
                grouped.add(column);
            }
        });
        if (fields.contains(IssueField.ON_TIME)) {
            grouped.add("CASE WHEN " + Measure.ON_TIME.condition() + " THEN TRUE WHEN " + Measure.LATE.condition()
                    + " THEN FALSE END AS on_time");
        }
        if (fields.contains(IssueField.OVERDUE)) {
            grouped.add("coalesce(" + Measure.OVERDUE.condition() + ", FALSE) AS overdue");
        }
        StringBuilder inner = new StringBuilder("SELECT ").append(String.join(", ", grouped))
                .append(", count(*) AS n FROM ").append(AsOf.issues(asOf));
        if (inspection != null) {
            inner.append(" WHERE i.inspection_id = :inspection");
        }
        inner.append(" GROUP BY ").append(IntStream.rangeClosed(1, grouped.size()).mapToObj(Integer::toString)
                .collect(Collectors.joining(", ")));
        StringBuilder sql = new StringBuilder("SELECT i.status, ")
                .append(fields.contains(IssueField.WARNING) ? "i.warning" : "NULL").append(" AS warning");
        for (int g = 0; g < treeGroupings.size(); g++) {
            boolean wanted = fields.contains(treeFields.get(g));
            String code = treeGroupings.get(g).code();
            sql.append(", ").append(wanted ? treeGroupings.get(g).keyExpression() : "NULL").append(" AS key_")
                    .append(code)
                    .append(", ").append(wanted ? treeGroupings.get(g).labelExpression() : "NULL").append(" AS label_")
                    .append(code);
        }
        for (IssueField many : List.of(IssueField.UNIT, IssueField.LEADER, IssueField.TAG)) {
            sql.append(", ").append(fields.contains(many) ? "CAST(to_jsonb(" + plain.get(many) + ") AS text)" : "NULL")
                    .append(" AS ").append(MANY_VALUED.get(many));
        }
        sql.append(", ").append(fields.contains(IssueField.ON_TIME) ? "i.on_time" : "NULL").append(" AS on_time")
                .append(", ").append(fields.contains(IssueField.OVERDUE) ? "i.overdue" : "FALSE").append(" AS overdue")
                .append(", i.n, ").append(identified ? "i.id" : "NULL").append(" AS id")
                .append(" FROM (").append(inner).append(") i")
                .append(tree ? " LEFT JOIN inspection_view v ON v.id = i.inspection_id" : "")
                .append(identified ? " ORDER BY i.inspection_id, i.ordinal, i.id" : "");
        String text = sql.toString();
        Query query = AsOf.bind(em.createNativeQuery(text, Tuple.class), text, asOf, calendar.zone());
        if (text.contains(":today")) {
            query.setParameter("today", asOf == null ? calendar.today() : asOf.day());
        }
        if (inspection != null) {
            query.setParameter("inspection", inspection);
        }
        String[] keyColumns = treeGroupings.stream().map(g -> "key_" + g.code()).toArray(String[]::new);
        String[] labelColumns = treeGroupings.stream().map(g -> "label_" + g.code()).toArray(String[]::new);
        List<IssueFact> facts = new ArrayList<>();
        // identified, a row per issue: each made a fact as it is read
        try (Stream<Tuple> rows = Rows.tupleStream(query)) {
            rows.forEach(r -> {
                String[] keys = new String[keyColumns.length];
                for (int g = 0; g < keys.length; g++) {
                    keys[g] = (String) r.get(keyColumns[g]);
                    if (keys[g] != null) {
                        // a key's rows may carry different labels (numbered differently): the largest, as a breakdown
                        IssueIndex.putLabel(labels, keys[g], (String) r.get(labelColumns[g]));
                    }
                }
                Object id = r.get("id");
                String warning = (String) r.get("warning");
                facts.add(new IssueFact(id == null ? null : Rows.uuid(id).toString(),
                        IssueStatus.valueOf((String) r.get("status")),
                        warning == null ? WarningLevel.NONE : WarningLevel.valueOf(warning), keys[0], keys[1],
                        keys[2], keys[3], Set.copyOf(strings(r.get(MANY_VALUED.get(IssueField.UNIT)))),
                        Set.copyOf(strings(r.get(MANY_VALUED.get(IssueField.LEADER)))),
                        Set.copyOf(strings(r.get(MANY_VALUED.get(IssueField.TAG)))), (Boolean) r.get("on_time"),
                        Boolean.TRUE.equals(r.get("overdue")), Rows.count(r.get("n"))));
            });
        }
        return facts;
    }

    /** The column each many-valued field's JSON array is selected under by {@link #scanTallies}. */
    private static final Map<IssueField, String> MANY_VALUED = new EnumMap<>(Map.of(IssueField.UNIT, "units",
            IssueField.LEADER, "leaders", IssueField.TAG, "tags"));

    /** The dimensions as an unmodifiable map, which {@link ReadingFact} keeps as it is (shared by a series' readings). */
    private Map<String, String> dimensions(String text) {
        try {
            return Map.copyOf(json.readValue(text, DIMENSIONS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> strings(Object text) {
        try {
            return text == null ? List.of() : json.readValue((String) text, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
