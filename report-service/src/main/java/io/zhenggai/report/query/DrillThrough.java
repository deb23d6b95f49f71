package io.zhenggai.report.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.report.indicator.IndicatorService;
import io.zhenggai.report.indicator.ObservedFact;
import io.zhenggai.report.indicator.Qualifier;
import io.zhenggai.report.indicator.ReadingFact;
import io.zhenggai.report.memory.IssueMemory;
import io.zhenggai.report.memory.Remembered;
import io.zhenggai.report.projection.AsOf;
import io.zhenggai.report.projection.Grouping;
import io.zhenggai.report.projection.IssueVisibility;
import io.zhenggai.report.projection.Measure;
import io.zhenggai.report.projection.ReportCalendar;
import io.zhenggai.report.projection.Rows;
import io.zhenggai.report.query.ReportQueries.EventRow;
import io.zhenggai.report.query.ReportQueries.IssueRow;
import io.zhenggai.report.store.Generations;

/**
 * Drill-through (穿透): for any figure, what it is made of. For a count, the issues counted and their events; for an
 * indicator value, the issues its {@code issues(...)} terms counted, the facts its {@code metric(...)} terms used
 * (each fact once, with every report of it: the issue, the event, the text it was read from) and the events that
 * carried them.
 * <p>
 * Like the summary ({@link SummaryQuery}), a drill-through counted in memory is remembered by the clocks of the moment
 * it is asked at, the question and the day, until the data or the definitions change: a dashboard's repeated drill
 * costs one statement. Each public method binds its transaction with the clocks first ({@link IssueMemory#moment}).
 */
@ApplicationScoped
@Transactional
public class DrillThrough {

    private static final TypeReference<Map<String, String>> DIMENSIONS = new TypeReference<>() {
    };

    @Inject
    ReportQueries queries;

    @Inject
    IndicatorService indicators;

    @Inject
    EntityManager em;

    @Inject
    IssueMemory memory;

    private record CountQuestion(Generations.Clocks clocks, Grouping by, String key, Measure measure,
                                 ReportQueries.Scope scope, int limit, LocalDate today) {
    }

    private record IndicatorQuestion(Generations.Clocks clocks, String code, Integer version, String by, String key,
                                     UUID inspection, AsOf asOf, IssueVisibility visible, int limit, LocalDate today) {
    }

    private final Remembered<CountQuestion, Drill> counts = new Remembered<>(16);
    private final Remembered<IndicatorQuestion, Drill> figures = new Remembered<>(16);

    @Inject
    ObjectMapper json;

    @Inject
    ReportCalendar calendar;

    /** What a figure is made of. {@code truncated} when a list was cut at the limit. */
    public record Drill(IndicatorService.Answer indicator, Long count, List<IssueRow> issues, List<Fact> readings,
                        List<EventRow> events, boolean truncated) {
    }

    /** A fact as indicators counted it (once), with every report of it. */
    public record Fact(String metric, Map<String, String> dimensions, LocalDate asOf, BigDecimal value, String unit,
                       Qualifier qualifier, List<Report> reports) {
    }

    /** One report of a fact: the issue it was reported under, the event that carried it, the words it came from. */
    public record Report(UUID issueId, UUID eventId, String display, String sourceText, LocalDate effectiveDate,
                         Instant recordedAt) {
    }

    /** The issues behind a count and their events; {@code count} is how many of them the caller may see. */
    public Drill count(Grouping by, String key, Measure measure, ReportQueries.Scope scope, int limit) {
        return memory.recallAtMoment(counts, clocks -> new CountQuestion(clocks, by, key, measure, scope, limit,
                queries.day(scope.asOf())), () -> countNow(by, key, measure, scope, limit));
    }

    private Drill countNow(Grouping by, String key, Measure measure, ReportQueries.Scope scope, int limit) {
        ReportQueries.IssuePage page = queries.issues(by, key, measure, scope, limit + 1);
        List<IssueRow> issues = page.issues();
        boolean truncated = issues.size() > limit;
        issues = issues.subList(0, Math.min(limit, issues.size()));
        List<EventRow> events = queries.events(issues.stream().map(IssueRow::id).toList(), List.of(), limit + 1,
                scope.asOf(), scope.visible());
        truncated |= events.size() > limit;
        return new Drill(null, page.total(), issues, List.of(),
                events.subList(0, Math.min(limit, events.size())), truncated);
    }

    /**
     * What an indicator value is made of. The value is the whole figure (as published); the issues, the reports of
     * its facts and the events are those {@code visible} lets the caller see, and a fact none of whose reports the
     * caller may see is left out.
     */
    public Drill indicator(String code, Integer version, String by, String key, UUID inspection, AsOf asOf,
                           IssueVisibility visible, int limit) {
        return memory.recallAtMoment(figures, clocks -> new IndicatorQuestion(clocks, code, version, by, key,
                inspection, asOf, visible, limit, queries.day(asOf)),
                () -> indicatorNow(code, version, by, key, inspection, asOf, visible, limit));
    }

    private Drill indicatorNow(String code, Integer version, String by, String key, UUID inspection, AsOf asOf,
                               IssueVisibility visible, int limit) {
        IndicatorService.Answer answer = indicators.figure(code, version, by, key, inspection, asOf);
        var value = answer.overall();
        // the issues counted: in the value when they were loaded one by one, else listed by the database (always
        // when the caller sees only some issues: the database then leaves the others out)
        List<UUID> counted = !visible.restricted() && value.issueIds().size() == value.issueCount()
                ? value.issueIds().stream().map(UUID::fromString).limit(limit + 1L).toList()
                : indicators.countedIssues(answer.indicator(), by, key, inspection, asOf, visible, limit + 1);
        Set<UUID> issueIds = new LinkedHashSet<>(counted);
        Set<UUID> eventIds = new LinkedHashSet<>();
        List<Fact> facts;
        int factCount;
        if (visible.restricted()) {
            // a fact none of whose reports the caller may see is left out: every fact's reports are read
            facts = facts(value.readings(), asOf, visible).stream().filter(f -> !f.reports().isEmpty()).toList();
            factCount = facts.size();
            for (Fact fact : facts) {
                fact.reports().forEach(r -> {
                    issueIds.add(r.issueId());
                    eventIds.add(r.eventId());
                });
            }
        } else {
            for (ObservedFact fact : value.readings()) {
                fact.issueIds().forEach(id -> issueIds.add(UUID.fromString(id)));
            }
            eventIds.addAll(eventIds(value.readings()));
            // the reports of the facts listed, not of every fact the value used (a sum over time can use thousands)
            factCount = value.readings().size();
            facts = facts(value.readings().subList(0, Math.min(limit, factCount)), asOf, visible);
        }
        List<IssueRow> issues = queries.issues(issueIds.stream().limit(limit).toList(), asOf, visible);
        // the events of a count are its issues' events; those of a fact, the events that reported it
        List<UUID> aggregates = counted.stream().limit(limit).toList();
        List<EventRow> events = queries.events(aggregates, eventIds, limit + 1, asOf, visible);
        boolean truncated = issueIds.size() > limit || events.size() > limit || factCount > limit;
        return new Drill(answer, null, issues, facts.subList(0, Math.min(limit, facts.size())),
                events.subList(0, Math.min(limit, events.size())), truncated);
    }

    private static Set<UUID> eventIds(List<ObservedFact> observed) {
        Set<UUID> eventIds = new LinkedHashSet<>();
        observed.forEach(fact -> fact.eventIds().forEach(id -> eventIds.add(UUID.fromString(id))));
        return eventIds;
    }

    /** A report's row as {@link #facts} finds it: its event and issue, and the fact it reported. */
    private record Reported(UUID eventId, UUID issueId, String metric, Map<String, String> dimensions, LocalDate asOf,
                            BigDecimal value) {
        Reported {
            // equal values of any scale are the same fact's (compareTo, not equals)
            value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        }
    }

    /** The facts with their reports, each report under an issue {@code visible} lets through. */
    private List<Fact> facts(List<ObservedFact> observed, AsOf asOf, IssueVisibility visible) {
        Set<UUID> eventIds = eventIds(observed);
        Map<Reported, Tuple> rows = new HashMap<>();
        if (!eventIds.isEmpty()) {
            String sql = """
                    SELECT r.event_id, r.issue_id, r.metric, CAST(r.dimensions AS text) AS dimensions, r.as_of, r.value,
                           r.display, r.source_text, r.effective_date, r.recorded_at
                    FROM reading_fact r WHERE r.event_id = ANY(CAST(:events AS uuid[])) AND r.value IS NOT NULL"""
                    + (visible.restricted() ? " AND EXISTS (SELECT 1 FROM " + AsOf.issues(asOf)
                    + " WHERE i.id = r.issue_id AND " + visible.condition("i") + ")" : "")
                    + " ORDER BY r.recorded_at, r.event_id, r.ordinal";
            Query query = visible.bind(AsOf.bind(em.createNativeQuery(sql, Tuple.class), sql, asOf, calendar.zone()),
                    sql);
            if (sql.contains(":today")) {
                query.setParameter("today", queries.day(asOf));
            }
            query.setParameter("events", Rows.array(eventIds));
            @SuppressWarnings("unchecked")
            List<Tuple> result = query.getResultList();
            // each dimension set parsed once; the first row of a report in the order read, as a scan would find it
            Map<String, Map<String, String>> parsed = new HashMap<>();
            for (Tuple r : result) {
                rows.putIfAbsent(new Reported(Rows.uuid(r.get("event_id")), Rows.uuid(r.get("issue_id")),
                        (String) r.get("metric"), parsed.computeIfAbsent((String) r.get("dimensions"), this::dimensions),
                        Rows.date(r.get("as_of")), Rows.decimal(r.get("value"))), r);
            }
        }
        List<Fact> facts = new ArrayList<>();
        for (ObservedFact fact : observed) {
            List<Report> reports = new ArrayList<>();
            for (ReadingFact reading : fact.reports()) {
                Tuple r = rows.get(new Reported(UUID.fromString(reading.eventId()),
                        UUID.fromString(reading.issueId()), fact.metric(), fact.dimensions(), fact.asOf(), fact.value()));
                if (r != null) {
                    reports.add(new Report(Rows.uuid(r.get("issue_id")), Rows.uuid(r.get("event_id")),
                            (String) r.get("display"), (String) r.get("source_text"), Rows.date(r.get("effective_date")),
                            Rows.instant(r.get("recorded_at"))));
                }
            }
            facts.add(new Fact(fact.metric(), fact.dimensions(), fact.asOf(), fact.value(), fact.unit(),
                    fact.qualifier(), reports));
        }
        return facts;
    }

    private Map<String, String> dimensions(String text) {
        try {
            return json.readValue(text, DIMENSIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
