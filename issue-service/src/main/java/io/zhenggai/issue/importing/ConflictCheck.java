package io.zhenggai.issue.importing;

import io.zhenggai.issue.figures.Qualifier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the same fact reported with different values (CONFLICTING_FIGURES): the same metric, dimensions, date, unit
 * and forecast flag, exact values that differ. Repeating a value is fine (the seed repeats whole paragraphs in its
 * attachment). Two values printed in one sentence are not a conflict either: a sentence that names the metric twice
 * (新增14家企业纳入…,共有52家企业纳入…) speaks of two sub-populations the dimensions did not tell apart. Unclassified
 * readings are not compared: their phrases are too loose to say that two of them measure the same thing.
 */
final class ConflictCheck {

    private final MetricCatalogue catalogue;

    ConflictCheck(MetricCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * A reading and the issue it belongs to.
     *
     * @param breakdownPart whether it is an item after 其中: a sub-population, never in conflict with its total
     */
    record Located(String list, String path, Reading reading, boolean breakdownPart) {
    }

    private record Key(String metric, Map<String, String> dimensions, LocalDate asOf, String unit, boolean forecast,
                       boolean change) {
    }

    List<Finding> apply(List<Located> readings) {
        Map<Key, Map<BigDecimal, List<Located>>> byKey = new LinkedHashMap<>();
        for (Located l : readings) {
            Reading r = l.reading();
            Optional<MetricDefinition> def = catalogue.metric(r.metric());
            if (l.breakdownPart() || def.isEmpty() || !def.get().conflicts() || r.quantity().qualifier() != Qualifier.EXACT || r.quantity().value() == null) {
                continue;
            }
            Key key = new Key(r.metric(), r.dimensions(), r.asOf(), r.quantity().unit().toString(), r.quantity().forecast(),
                    r.quantity().change());
            byKey.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.quantity().value(), v -> new ArrayList<>()).add(l);
        }
        List<Finding> findings = new ArrayList<>();
        for (Map.Entry<Key, Map<BigDecimal, List<Located>>> e : byKey.entrySet()) {
            List<List<Located>> values = new ArrayList<>(e.getValue().values());
            for (int later = 1; later < values.size(); later++) {
                for (int earlier = 0; earlier < later; earlier++) {
                    if (disjoint(values.get(earlier), values.get(later))) {
                        findings.add(finding(e.getKey(), values.get(earlier).get(0), values.get(later).get(0)));
                        break;
                    }
                }
            }
        }
        return findings;
    }

    private static boolean disjoint(List<Located> a, List<Located> b) {
        Set<String> sentences = new LinkedHashSet<>();
        a.forEach(l -> sentences.add(l.reading().sentence()));
        return b.stream().noneMatch(l -> sentences.contains(l.reading().sentence()));
    }

    private static Finding finding(Key key, Located first, Located other) {
        String dims = key.dimensions().isEmpty() ? "" : key.dimensions().toString();
        String phrase = other.reading().phrase();
        String message = "同一指标“" + phrase + "”（" + key.metric() + dims + "）在同一日期" + key.asOf() + "报告了不同数值："
                + first.reading().text() + "（" + where(first) + "）与" + other.reading().text() + "（" + where(other) + "）";
        String messageEn = "the same metric " + key.metric() + dims + " as of " + key.asOf() + " is reported as "
                + first.reading().text() + " (" + where(first) + ") and " + other.reading().text() + " (" + where(other) + ")";
        return new Finding(FindingKind.CONFLICTING_FIGURES, message, messageEn,
                new FindingLocation(other.list(), other.path(), other.reading().sentence()));
    }

    private static String where(Located l) {
        return l.list() + " " + l.path();
    }
}
