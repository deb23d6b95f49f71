package io.zhenggai.issue.importing;

import io.zhenggai.issue.figures.Qualifier;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gives each stated rate of an issue its parts when the same sentence segment prints them, and checks them: the rate
 * against numerator ÷ denominator (RATE_MISMATCH), and the parts against their total (COUNT_MISMATCH: 10个中已完成7个,
 * 未完成4个; or more done than there are). A total printed without a phrase (17个风电装备产业项目已开工9个) is
 * recognised as the first figure of the segment in the numerator's unit, and takes the denominator's metric.
 */
final class RateCheck {

    private final MetricCatalogue catalogue;

    RateCheck(MetricCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    List<IssueProblem> apply(List<PlacedReading> readings) {
        List<IssueProblem> problems = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            PlacedReading rate = readings.get(i);
            Optional<MetricDefinition> def = catalogue.metric(rate.reading().metric());
            if (rate.reading().rate() == null || def.isEmpty() || !def.get().isRate() || def.get().share()) {
                continue;
            }
            MetricDefinition m = def.get();
            Integer n = nearestBefore(readings, i, m.numerator());
            if (n == null) {
                continue;
            }
            Integer d = nearestBefore(readings, i, m.denominator());
            Integer c = m.complement() == null ? null : nearestBefore(readings, i, m.complement());
            if (d == null) {
                d = unnamedTotal(readings, i, n);
                if (d != null) {
                    readings.set(d, readings.get(d).with(readings.get(d).reading().withMetric(m.denominator())));
                }
            }
            if (d == null && c == null) {
                continue;
            }
            Reading num = readings.get(n).reading();
            Reading den = d == null ? null : readings.get(d).reading();
            Reading com = c == null ? null : readings.get(c).reading();
            if (!sameUnit(num, den) || !sameUnit(num, com) || !exact(num) || !exact(den) || !exact(com)) {
                continue;
            }
            BigDecimal numerator = num.quantity().value();
            BigDecimal denominator = den != null ? den.quantity().value() : numerator.add(com.quantity().value());
            String sentence = rate.reading().sentence();
            if (den != null && com != null && numerator.add(com.quantity().value()).compareTo(denominator) != 0) {
                problems.add(new IssueProblem(FindingKind.COUNT_MISMATCH,
                        "分项之和与总数不符：" + num.text() + "＋" + com.text() + "≠" + den.text(),
                        "the parts do not add up to their total: " + num.text() + " + " + com.text() + " ≠ " + den.text(),
                        sentence));
            } else if (den != null && numerator.compareTo(denominator) > 0) {
                problems.add(new IssueProblem(FindingKind.COUNT_MISMATCH,
                        "完成数" + num.text() + "超过总数" + den.text(),
                        "the part " + num.text() + " exceeds its total " + den.text(), sentence));
            }
            Reading r = rate.reading();
            if (exact(r) && !PrintedRate.agrees(r.quantity(), numerator, denominator)) {
                String actual = PrintedRate.actual(r.quantity(), numerator, denominator);
                String parts = num.text() + "/" + (den != null ? den.text() : "(" + num.text() + "+" + com.text() + ")");
                problems.add(new IssueProblem(FindingKind.RATE_MISMATCH,
                        "所列比率" + r.text() + "与分项不符：" + parts + "＝" + actual + "%",
                        "the stated rate " + r.text() + " does not match its parts: " + parts + " = " + actual + "%",
                        sentence));
            }
            RateParts partsOf = new RateParts(num.text(), den == null ? null : den.text(), com == null ? null : com.text(),
                    numerator, denominator);
            readings.set(i, rate.with(r.withRate(partsOf)));
        }
        return problems;
    }

    /** The nearest reading of {@code metric} before index {@code i} in the same segment. */
    private static Integer nearestBefore(List<PlacedReading> readings, int i, String metric) {
        for (int k = i - 1; k >= 0 && readings.get(k).sameSegment(readings.get(i)); k--) {
            if (readings.get(k).reading().metric().equals(metric)) {
                return k;
            }
        }
        return null;
    }

    /** The first unclassified figure of the segment, before the numerator and in its unit: the total it is part of. */
    private static Integer unnamedTotal(List<PlacedReading> readings, int rate, int numerator) {
        int first = numerator;
        while (first > 0 && readings.get(first - 1).sameSegment(readings.get(rate))) {
            first--;
        }
        for (int k = first; k < numerator; k++) {
            Reading r = readings.get(k).reading();
            if (!r.classified() && sameUnit(r, readings.get(numerator).reading()) && !readings.get(k).breakdown()) {
                return k;
            }
        }
        return null;
    }

    private static boolean sameUnit(Reading a, Reading b) {
        return b == null || a.quantity().unit().equals(b.quantity().unit());
    }

    private static boolean exact(Reading r) {
        return r == null || r.quantity().qualifier() == Qualifier.EXACT && r.quantity().value() != null;
    }
}
