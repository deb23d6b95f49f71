package io.zhenggai.issue.importing;

import io.zhenggai.issue.figures.Kind;
import io.zhenggai.issue.figures.Qualifier;
import io.zhenggai.issue.figures.Unit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks breakdowns (其中…): the parts after 其中 against the total they break down, printed before 其中 in the same
 * sentence or, when the sentence opens with 其中, in the sentence before. Parts summing above their total are a
 * COUNT_MISMATCH; a partial breakdown that sums below is normal and is not flagged. A share (制造业外资占比72.4%) inside
 * the breakdown is checked against the parts that carry its dimension (sector=制造业) over the total.
 */
final class BreakdownCheck {

    private final MetricCatalogue catalogue;

    BreakdownCheck(MetricCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    List<IssueProblem> apply(List<PlacedReading> readings) {
        List<IssueProblem> problems = new ArrayList<>();
        Map<Integer, List<Integer>> partsBySentence = new LinkedHashMap<>();
        for (int i = 0; i < readings.size(); i++) {
            if (readings.get(i).breakdown()) {
                partsBySentence.computeIfAbsent(readings.get(i).sentence(), k -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<Integer, List<Integer>> e : partsBySentence.entrySet()) {
            int sentence = e.getKey();
            List<Integer> totals = totals(readings, sentence);
            if (totals.isEmpty()) {
                totals = totals(readings, sentence - 1);
            }
            if (totals.isEmpty()) {
                continue;
            }
            Map<Unit, List<Reading>> partsByUnit = new LinkedHashMap<>();
            List<Integer> shares = new ArrayList<>();
            for (int i : e.getValue()) {
                Reading r = readings.get(i).reading();
                if (r.quantity().kind() == Kind.RATE) {
                    shares.add(i);
                } else if (r.quantity().kind() != Kind.DIFFERENCE_OF_RATES && r.quantity().value() != null
                        && r.quantity().qualifier() != Qualifier.APPROXIMATE && r.quantity().qualifier() != Qualifier.AT_MOST
                        && !r.quantity().change()) {
                    partsByUnit.computeIfAbsent(r.quantity().unit(), u -> new ArrayList<>()).add(r);
                }
            }
            for (Map.Entry<Unit, List<Reading>> unitParts : partsByUnit.entrySet()) {
                List<Reading> sameUnitTotals = totals.stream().map(i -> readings.get(i).reading())
                        .filter(r -> r.quantity().unit().equals(unitParts.getKey())).toList();
                if (sameUnitTotals.isEmpty() || sameUnitTotals.stream().anyMatch(r -> r.quantity().qualifier() != Qualifier.EXACT)) {
                    continue;
                }
                // Several totals in one unit: the parts may break down any of them, so only their sum bounds the parts.
                BigDecimal total = sameUnitTotals.stream().map(r -> r.quantity().value()).reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal sum = unitParts.getValue().stream().map(r -> r.quantity().value()).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (sum.compareTo(total) > 0) {
                    String partsText = String.join("＋", unitParts.getValue().stream().map(Reading::text).toList());
                    String totalText = String.join("＋", sameUnitTotals.stream().map(Reading::text).toList());
                    problems.add(new IssueProblem(FindingKind.COUNT_MISMATCH,
                            "“其中”所列分项之和（" + partsText + "）超过总数" + totalText,
                            "the parts listed after 其中 (" + partsText + ") sum above their total " + totalText,
                            unitParts.getValue().get(0).sentence()));
                }
            }
            for (int i : shares) {
                problems.addAll(share(readings, i, totals, partsByUnit));
            }
        }
        return problems;
    }

    private List<IssueProblem> share(List<PlacedReading> readings, int index, List<Integer> totals, Map<Unit, List<Reading>> partsByUnit) {
        Reading rate = readings.get(index).reading();
        Optional<MetricDefinition> def = catalogue.metric(rate.metric());
        if (def.isEmpty() || !def.get().share()) {
            return List.of();
        }
        Reading total = null;
        for (int i : totals) {
            if (readings.get(i).reading().metric().equals(def.get().denominator())) {
                total = readings.get(i).reading();
            }
        }
        if (total == null || total.quantity().qualifier() != Qualifier.EXACT) {
            return List.of();
        }
        Map<String, String> distinguishing = new LinkedHashMap<>(rate.dimensions());
        distinguishing.keySet().removeAll(total.dimensions().keySet());
        List<Reading> parts = partsByUnit.getOrDefault(total.quantity().unit(), List.of()).stream()
                .filter(p -> p.metric().equals(def.get().numerator()))
                .filter(p -> !distinguishing.isEmpty() && p.dimensions().entrySet().containsAll(distinguishing.entrySet()))
                .toList();
        if (parts.isEmpty() || parts.stream().anyMatch(p -> p.quantity().qualifier() != Qualifier.EXACT)) {
            return List.of();
        }
        BigDecimal numerator = parts.stream().map(p -> p.quantity().value()).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal denominator = total.quantity().value();
        String numeratorText = String.join("+", parts.stream().map(Reading::text).toList());
        readings.set(index, readings.get(index).with(rate.withRate(
                new RateParts(numeratorText, total.text(), null, numerator, denominator))));
        if (rate.quantity().qualifier() == Qualifier.EXACT && !PrintedRate.agrees(rate.quantity(), numerator, denominator)) {
            String actual = PrintedRate.actual(rate.quantity(), numerator, denominator);
            return List.of(new IssueProblem(FindingKind.RATE_MISMATCH,
                    "所列占比" + rate.text() + "与分项不符：" + numeratorText + "/" + total.text() + "＝" + actual + "%",
                    "the stated share " + rate.text() + " does not match its parts: " + numeratorText + " / " + total.text()
                            + " = " + actual + "%", rate.sentence()));
        }
        return List.of();
    }

    /** The figures of {@code sentence} before its 其中. */
    private static List<Integer> totals(List<PlacedReading> readings, int sentence) {
        List<Integer> totals = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            PlacedReading p = readings.get(i);
            if (p.sentence() == sentence && !p.breakdown() && p.reading().quantity().kind() != Kind.RATE
                    && p.reading().quantity().kind() != Kind.DIFFERENCE_OF_RATES && !p.reading().quantity().change()) {
                totals.add(i);
            }
        }
        return totals;
    }
}
