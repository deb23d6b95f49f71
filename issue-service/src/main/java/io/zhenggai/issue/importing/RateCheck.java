package io.zhenggai.issue.importing;

import io.zhenggai.issue.figures.Qualifier;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Relates the parts of a rate that one sentence segment prints (total, done, not done, rate) and checks them: the parts
 * against their total (COUNT_MISMATCH: 10个中已完成7个,未完成4个, or more done than there are), with or without a
 * printed rate; a printed rate against done ÷ total (RATE_MISMATCH), giving the rate its parts. A total printed
 * without a phrase (17个风电装备产业项目已开工9个、开工率53%) is recognised as the first figure of the segment in the
 * numerator's unit, when a rate or a complement after the numerator shows the structure, and takes the denominator's
 * metric. A rate whose parts are not printed (开工率67%) stays stated.
 */
final class RateCheck {

    private final MetricCatalogue catalogue;

    RateCheck(MetricCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    List<IssueProblem> apply(List<PlacedReading> readings) {
        List<IssueProblem> problems = new ArrayList<>();
        for (MetricDefinition m : catalogue.rates()) {
            for (int n = 0; n < readings.size(); n++) {
                if (readings.get(n).reading().metric().equals(m.numerator())) {
                    check(readings, n, m, problems);
                }
            }
        }
        return problems;
    }

    /** The parts around the numerator at {@code n}: its total before it, its complement and its rate after it. */
    private static void check(List<PlacedReading> readings, int n, MetricDefinition m, List<IssueProblem> problems) {
        Integer c = m.complement() == null ? null : nextInSegment(readings, n, m.complement(), m.numerator());
        Integer rate = nextInSegment(readings, n, m.code(), m.numerator());
        if (rate != null && readings.get(rate).reading().rate() == null) {
            rate = null;
        }
        Integer d = nearestBefore(readings, n, m.denominator());
        if (d == null && (c != null || rate != null)) {
            // Only a complement or a rate after the numerator shows that an unnamed first figure is their total.
            d = unnamedTotal(readings, n);
            if (d != null) {
                readings.set(d, readings.get(d).with(readings.get(d).reading().withMetric(m.denominator())));
            }
        }
        if (d == null && c == null) {
            return;
        }
        Reading num = readings.get(n).reading();
        Reading den = d == null ? null : readings.get(d).reading();
        Reading com = c == null ? null : readings.get(c).reading();
        if (!sameUnit(num, den) || !sameUnit(num, com) || !exact(num) || !exact(den) || !exact(com)) {
            return;
        }
        BigDecimal numerator = num.quantity().value();
        BigDecimal denominator = den != null ? den.quantity().value() : numerator.add(com.quantity().value());
        if (den != null && com != null && numerator.add(com.quantity().value()).compareTo(denominator) != 0) {
            problems.add(new IssueProblem(FindingKind.COUNT_MISMATCH,
                    "分项之和与总数不符：" + num.text() + "＋" + com.text() + "≠" + den.text(),
                    "the parts do not add up to their total: " + num.text() + " + " + com.text() + " ≠ " + den.text(),
                    num.sentence()));
        } else if (den != null && numerator.compareTo(denominator) > 0) {
            problems.add(new IssueProblem(FindingKind.COUNT_MISMATCH,
                    "完成数" + num.text() + "超过总数" + den.text(),
                    "the part " + num.text() + " exceeds its total " + den.text(), num.sentence()));
        }
        if (rate == null) {
            return;
        }
        Reading r = readings.get(rate).reading();
        if (exact(r) && !PrintedRate.agrees(r.quantity(), numerator, denominator)) {
            String actual = PrintedRate.actual(r.quantity(), numerator, denominator);
            String parts = num.text() + "/" + (den != null ? den.text() : "(" + num.text() + "+" + com.text() + ")");
            problems.add(new IssueProblem(FindingKind.RATE_MISMATCH,
                    "所列比率" + r.text() + "与分项不符：" + parts + "＝" + actual + "%",
                    "the stated rate " + r.text() + " does not match its parts: " + parts + " = " + actual + "%",
                    r.sentence()));
        }
        readings.set(rate, readings.get(rate).with(r.withRate(new RateParts(num.text(), den == null ? null : den.text(),
                com == null ? null : com.text(), numerator, denominator))));
    }

    /** The next reading of {@code metric} after {@code i} in the same segment, before the next {@code stop}. */
    private static Integer nextInSegment(List<PlacedReading> readings, int i, String metric, String stop) {
        for (int k = i + 1; k < readings.size() && readings.get(k).sameSegment(readings.get(i)); k++) {
            String m = readings.get(k).reading().metric();
            if (m.equals(metric)) {
                return k;
            }
            if (m.equals(stop)) {
                return null;
            }
        }
        return null;
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
    private static Integer unnamedTotal(List<PlacedReading> readings, int numerator) {
        int first = numerator;
        while (first > 0 && readings.get(first - 1).sameSegment(readings.get(numerator))) {
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
