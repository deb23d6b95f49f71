package io.zhenggai.report.indicator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The readings and issues an evaluation sees; indexed by metric once, since every term looks readings up by code. */
public final class FactSet {

    private final Map<String, List<ReadingFact>> readingsByMetric;
    private final List<IssueFact> issues;

    /**
     * @throws IllegalArgumentException when two issue facts share an id but differ: counting either would be a guess
     */
    public FactSet(Collection<ReadingFact> readings, Collection<IssueFact> issues) {
        this.readingsByMetric = readings.stream()
                .collect(Collectors.groupingBy(ReadingFact::metric, LinkedHashMap::new, Collectors.toUnmodifiableList()));
        Map<String, IssueFact> byId = new LinkedHashMap<>();
        List<IssueFact> tallies = new ArrayList<>();
        for (IssueFact issue : issues) {
            if (issue.id() == null) {
                tallies.add(issue);
                continue;
            }
            IssueFact previous = byId.putIfAbsent(issue.id(), issue);
            if (previous != null && !previous.equals(issue)) {
                throw new IllegalArgumentException("two different states for issue " + issue.id());
            }
        }
        List<IssueFact> all = new ArrayList<>(byId.values());
        all.addAll(tallies);
        this.issues = List.copyOf(all);
    }

    public static FactSet of(Collection<ReadingFact> readings) {
        return new FactSet(readings, List.of());
    }

    public List<ReadingFact> readingsOf(String metric) {
        return readingsByMetric.getOrDefault(metric, List.of());
    }

    public List<IssueFact> issues() {
        return issues;
    }
}
