package io.zhenggai.report.indicator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One fact, however many times it was reported: a metric with its dimensions, as-of date, value and unit. Readings
 * that agree on all five are the same fact (the seed prints 新材料 3.1亿元 twice, under two issues). The qualifier is
 * the weakest of the reports'. {@link #reports()} keeps every reading for drill-through to issues and events.
 */
public record ObservedFact(
        String metric,
        Map<String, String> dimensions,
        LocalDate asOf,
        BigDecimal value,
        String unit,
        Qualifier qualifier,
        List<ReadingFact> reports) {

    public ObservedFact {
        dimensions = Map.copyOf(dimensions);
        reports = List.copyOf(reports);
    }

    public List<String> issueIds() {
        return reports.stream().map(ReadingFact::issueId).distinct().toList();
    }

    public List<String> eventIds() {
        return reports.stream().map(ReadingFact::eventId).distinct().toList();
    }
}
