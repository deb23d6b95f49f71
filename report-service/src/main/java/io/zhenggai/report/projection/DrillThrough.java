package io.zhenggai.report.projection;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.report.indicator.IndicatorService;
import io.zhenggai.report.indicator.ObservedFact;
import io.zhenggai.report.indicator.Qualifier;
import io.zhenggai.report.indicator.ReadingFact;
import io.zhenggai.report.projection.ReportQueries.EventRow;
import io.zhenggai.report.projection.ReportQueries.IssueRow;
import io.zhenggai.report.replay.InGeneration;

/**
 * Drill-through (穿透): for any figure, what it is made of. For a count, the issues counted and their events; for an
 * indicator value, the issues its {@code issues(...)} terms counted, the facts its {@code metric(...)} terms used
 * (each fact once, with every report of it: the issue, the event, the text it was read from) and the events that
 * carried them.
 */
@ApplicationScoped
@Transactional
@InGeneration
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
    ObjectMapper json;

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

    public Drill count(Grouping by, String key, Measure measure, ReportQueries.Scope scope, int limit) {
        ReportQueries.IssuePage page = queries.issues(by, key, measure, scope, limit + 1);
        List<IssueRow> issues = page.issues();
        boolean truncated = issues.size() > limit;
        issues = issues.subList(0, Math.min(limit, issues.size()));
        List<EventRow> events = queries.events(issues.stream().map(IssueRow::id).toList(), List.of(), limit + 1,
                scope.asOf());
        truncated |= events.size() > limit;
        return new Drill(null, page.total(), issues, List.of(),
                events.subList(0, Math.min(limit, events.size())), truncated);
    }

    public Drill indicator(String code, Integer version, String by, String key, UUID inspection, AsOf asOf,
                           int limit) {
        IndicatorService.Answer answer = indicators.figure(code, version, by, key, inspection, asOf);
        var value = answer.overall();
        // the issues counted: in the value when they were loaded one by one, else listed by the database
        List<UUID> counted = value.issueIds().size() == value.issueCount()
                ? value.issueIds().stream().map(UUID::fromString).limit(limit + 1L).toList()
                : indicators.countedIssues(answer.indicator(), by, key, inspection, asOf, limit + 1);
        Set<UUID> issueIds = new LinkedHashSet<>(counted);
        Set<UUID> eventIds = new LinkedHashSet<>();
        for (ObservedFact fact : value.readings()) {
            fact.issueIds().forEach(id -> issueIds.add(UUID.fromString(id)));
            fact.eventIds().forEach(id -> eventIds.add(UUID.fromString(id)));
        }
        List<Fact> facts = facts(value.readings(), eventIds);
        List<IssueRow> issues = queries.issues(issueIds.stream().limit(limit).toList(), asOf);
        // the events of a count are its issues' events; those of a fact, the events that reported it
        List<UUID> aggregates = counted.stream().limit(limit).toList();
        List<EventRow> events = queries.events(aggregates, eventIds, limit + 1, asOf);
        boolean truncated = issueIds.size() > limit || events.size() > limit || facts.size() > limit;
        return new Drill(answer, null, issues, facts.subList(0, Math.min(limit, facts.size())),
                events.subList(0, Math.min(limit, events.size())), truncated);
    }

    private List<Fact> facts(List<ObservedFact> observed, Set<UUID> eventIds) {
        List<Object[]> rows = List.of();
        if (!eventIds.isEmpty()) {
            Query query = em.createNativeQuery("""
                    SELECT event_id, issue_id, metric, CAST(dimensions AS text), as_of, value, display, source_text,
                           effective_date, recorded_at
                    FROM reading_fact WHERE event_id IN (:events) AND value IS NOT NULL
                    ORDER BY recorded_at, event_id, ordinal""");
            query.setParameter("events", List.copyOf(eventIds));
            @SuppressWarnings("unchecked")
            List<Object[]> result = query.getResultList();
            rows = result;
        }
        List<Fact> facts = new ArrayList<>();
        for (ObservedFact fact : observed) {
            List<Report> reports = new ArrayList<>();
            for (ReadingFact reading : fact.reports()) {
                rows.stream()
                        .filter(r -> Rows.uuid(r[0]).toString().equals(reading.eventId())
                                && Rows.uuid(r[1]).toString().equals(reading.issueId())
                                && fact.metric().equals(r[2])
                                && fact.dimensions().equals(dimensions((String) r[3]))
                                && fact.asOf().equals(Rows.date(r[4]))
                                && fact.value().compareTo(Rows.decimal(r[5])) == 0)
                        .findFirst()
                        .ifPresent(r -> reports.add(new Report(Rows.uuid(r[1]), Rows.uuid(r[0]), (String) r[6],
                                (String) r[7], Rows.date(r[8]), Rows.instant(r[9]))));
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
