package io.zhenggai.report.indicator;

import io.zhenggai.report.indicator.MetricAggregation.OverDimensions;
import io.zhenggai.report.indicator.MetricAggregation.OverTime;
import io.zhenggai.report.indicator.NoValue.Reason;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Evaluates indicators over facts, independent of storage. Pure: the same definition, facts and window always give the
 * same answer.
 *
 * <p>A metric term is evaluated in four steps:
 * <ol>
 *   <li>select the readings of the metric whose dimensions satisfy the term's conditions and lie inside the window;</li>
 *   <li>merge readings that report the same fact (same dimensions, as-of date, value and unit) into one
 *       {@link ObservedFact}, so a figure printed under two issues counts once;</li>
 *   <li>per combination of dimensions, aggregate over time: LAST takes the latest as-of date, SUM adds every date.
 *       Two different facts for one combination and date are a conflict and give no value rather than a guess;</li>
 *   <li>aggregate across the combinations: SUM adds them, SINGLE insists on exactly one.</li>
 * </ol>
 * An {@code issues(...)} term counts the matching issues; a constant is itself. A side is the signed sum of its terms;
 * an indicator is numerator ÷ denominator × factor, a ratio of sums and never an average of ratios. Division uses
 * {@link #DIVISION} (34 significant digits, HALF_EVEN), and the value is then rounded to {@link #VALUE_SCALE} places
 * HALF_UP; {@link IndicatorValue#rounded(int)} rounds once from the full-precision ratio for display.
 */
public final class IndicatorEvaluator {

    /** Precision of numerator ÷ denominator: IEEE 754 decimal128, far beyond any figure a bulletin prints. */
    public static final MathContext DIVISION = MathContext.DECIMAL128;
    /** Decimal places of {@link IndicatorValue#value()} for a ratio: a percentage to 4 places beyond 2-place display. */
    public static final int VALUE_SCALE = 6;

    private final MetricCatalogue catalogue;

    public IndicatorEvaluator(MetricCatalogue catalogue) {
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
    }

    /** The indicator over all facts. */
    public IndicatorValue evaluate(IndicatorDefinition definition, FactSet facts, Window window) {
        return evaluate(definition, new Context(facts, window, Scope.ALL));
    }

    /**
     * The indicator per value of {@code by} and overall. {@code by} names a reading dimension (industry, batch) or an
     * issue field (aspect, unit, leader, ...); groups are the values found among the facts the terms select, sorted,
     * with the facts lacking a value for {@code by} last under a null key.
     */
    public IndicatorBreakdown evaluateBy(IndicatorDefinition definition, FactSet facts, Window window, String by) {
        Objects.requireNonNull(by, "by");
        IndicatorValue overall = evaluate(definition, facts, window);
        List<IndicatorBreakdown.Group> groups = groupKeys(definition, facts, window, by).stream()
                .map(key -> new IndicatorBreakdown.Group(key,
                        evaluate(definition, new Context(facts, window, new Scope(by, key)))))
                .toList();
        return new IndicatorBreakdown(by, overall, groups);
    }

    /** One expression on its own, e.g. to show a numerator, or a single term, with its drill-through. */
    public SideValue evaluate(Expression expression, FactSet facts, Window window) {
        return side(expression, new Context(facts, window, Scope.ALL), null);
    }

    private IndicatorValue evaluate(IndicatorDefinition definition, Context context) {
        Pairing pairing = pairing(definition, context);
        IndicatorValue computed = pairing != null && pairing.keys().isEmpty()
                ? noValue(definition, null, null, new NoValue(Reason.NO_PAIRED_READINGS,
                        "no " + definition.pairedBy() + " has readings for both numerator and denominator"
                                + context.describe()), List.of(), List.of())
                : compute(definition, context, pairing);
        boolean forWantOfReadings = !computed.hasValue()
                && (computed.noValue().reason() == Reason.MISSING_READINGS
                || computed.noValue().reason() == Reason.NO_PAIRED_READINGS);
        if (forWantOfReadings && definition.stated() != null) {
            SideValue stated = side(new Expression(List.of(new Expression.Part(false, definition.stated()))), context, null);
            if (stated.hasValue()) {
                return new IndicatorValue(stated.value().multiply(definition.factor()), stated.value(), null, null,
                        definition.factor(), definition.unit(), Qualifier.STATED.combine(stated.qualifier()),
                        IndicatorValue.Basis.STATED, null, stated.readings(), stated.issueIds());
            }
        }
        return computed.withIssueCount(countedIssues(definition, context));
    }

    /** The issues in scope that any {@code issues(...)} term of the definition counts, each once. */
    private static long countedIssues(IndicatorDefinition definition, Context context) {
        List<IssuesTerm> terms = definition.issueTerms();
        if (terms.isEmpty()) {
            return 0;
        }
        return context.facts().issues().stream()
                .filter(context.scope()::matches)
                .filter(issue -> terms.stream().anyMatch(t -> t.matches(issue)))
                .mapToLong(IssueFact::count)
                .sum();
    }

    private IndicatorValue compute(IndicatorDefinition definition, Context context, Pairing pairing) {
        SideValue numerator = side(definition.numerator(), context, pairing);
        if (definition.denominator() == null) {
            if (!numerator.hasValue()) {
                return noValue(definition, null, null, numerator.noValue().prefixed("numerator"),
                        numerator.readings(), numerator.issueIds());
            }
            return new IndicatorValue(numerator.value().multiply(definition.factor()), null, numerator.value(), null,
                    definition.factor(), definition.unit(), numerator.qualifier(), IndicatorValue.Basis.COMPUTED, null,
                    numerator.readings(), numerator.issueIds());
        }
        SideValue denominator = side(definition.denominator(), context, pairing);
        List<ObservedFact> readings = distinct(numerator.readings(), denominator.readings());
        List<String> issueIds = distinct(numerator.issueIds(), denominator.issueIds());
        if (!numerator.hasValue()) {
            return noValue(definition, null, denominator.value(), numerator.noValue().prefixed("numerator"),
                    readings, issueIds);
        }
        if (!denominator.hasValue()) {
            return noValue(definition, numerator.value(), null, denominator.noValue().prefixed("denominator"),
                    readings, issueIds);
        }
        if (denominator.value().signum() == 0) {
            return noValue(definition, numerator.value(), denominator.value(),
                    new NoValue(Reason.DENOMINATOR_ZERO, "the denominator is zero" + context.describe()),
                    readings, issueIds);
        }
        BigDecimal ratio = numerator.value().divide(denominator.value(), DIVISION);
        BigDecimal value = ratio.multiply(definition.factor()).setScale(VALUE_SCALE, RoundingMode.HALF_UP);
        // A lower bound in the denominator bounds the ratio from above, which AT_LEAST cannot express.
        Qualifier qualifier = numerator.qualifier().combine(denominator.qualifier().negated());
        return new IndicatorValue(value, ratio, numerator.value(), denominator.value(), definition.factor(),
                definition.unit(), qualifier, IndicatorValue.Basis.COMPUTED, null, readings, issueIds);
    }

    private static IndicatorValue noValue(IndicatorDefinition definition, BigDecimal numerator, BigDecimal denominator,
                                          NoValue why, List<ObservedFact> readings, List<String> issueIds) {
        return new IndicatorValue(null, null, numerator, denominator, definition.factor(), definition.unit(), null,
                null, why, readings, issueIds);
    }

    /** The signed sum of an expression's terms; the first term without a value decides the reason. */
    private SideValue side(Expression expression, Context context, Pairing pairing) {
        BigDecimal sum = BigDecimal.ZERO;
        Set<String> units = new LinkedHashSet<>();
        Qualifier qualifier = Qualifier.EXACT;
        List<ObservedFact> readings = new ArrayList<>();
        List<String> issueIds = new ArrayList<>();
        for (Expression.Part part : expression.parts()) {
            SideValue term = term(part.term(), context, pairing);
            readings.addAll(term.readings());
            issueIds.addAll(term.issueIds());
            if (!term.hasValue()) {
                return failure(term.noValue(), readings, issueIds);
            }
            sum = part.negative() ? sum.subtract(term.value()) : sum.add(term.value());
            if (!term.unit().isEmpty()) {
                units.add(term.unit());
            }
            qualifier = qualifier.combine(part.negative() ? term.qualifier().negated() : term.qualifier());
        }
        if (units.size() > 1) {
            return failure(new NoValue(Reason.UNIT_MISMATCH, "cannot add " + String.join(" and ", units)
                    + " in " + expression), readings, issueIds);
        }
        return new SideValue(sum, units.isEmpty() ? "" : units.iterator().next(), qualifier, null,
                distinct(readings, List.of()), distinct(issueIds, List.of()));
    }

    private SideValue term(Term term, Context context, Pairing pairing) {
        if (term instanceof ConstantTerm constant) {
            return new SideValue(constant.value(), "", Qualifier.EXACT, null, List.of(), List.of());
        }
        if (term instanceof IssuesTerm issues) {
            List<IssueFact> counted = context.facts().issues().stream()
                    .filter(issues::matches)
                    .filter(context.scope()::matches)
                    .toList();
            List<String> ids = counted.stream().map(IssueFact::id).filter(Objects::nonNull).toList();
            return new SideValue(BigDecimal.valueOf(counted.stream().mapToLong(IssueFact::count).sum()), "",
                    Qualifier.EXACT, null, List.of(), ids);
        }
        return metric((MetricTerm) term, context, pairing);
    }

    private SideValue metric(MetricTerm term, Context context, Pairing pairing) {
        List<Series> selected = series(term, context).stream()
                .filter(s -> pairing == null || pairing.keys().contains(s.dimensions().get(pairing.dimension())))
                .toList();
        List<ObservedFact> facts = selected.stream().flatMap(s -> s.facts().stream()).toList();
        if (selected.isEmpty()) {
            return failure(new NoValue(Reason.MISSING_READINGS, "no readings of " + term + context.describe()),
                    facts, List.of());
        }
        Optional<NoValue> problem = selected.stream().map(Series::problem).filter(Objects::nonNull).findFirst();
        if (problem.isPresent()) {
            return failure(problem.get(), facts, List.of());
        }
        if (catalogue.aggregationOf(term.code()).overDimensions() == OverDimensions.SINGLE && selected.size() > 1) {
            return failure(new NoValue(Reason.AMBIGUOUS_READINGS, term.code() + " is not additive, and " + term
                    + " selects " + selected.size() + " dimension combinations " + selected.stream()
                    .map(s -> s.dimensions().toString()).collect(Collectors.joining(", ")) + context.describe()),
                    facts, List.of());
        }
        Set<String> units = selected.stream().map(Series::unit).collect(Collectors.toCollection(LinkedHashSet::new));
        if (units.size() > 1) {
            return failure(new NoValue(Reason.UNIT_MISMATCH, term + " has readings in " + String.join(" and ", units)),
                    facts, List.of());
        }
        BigDecimal sum = selected.stream().map(Series::value).reduce(BigDecimal.ZERO, BigDecimal::add);
        Qualifier qualifier = Qualifier.weakestOf(selected.stream().map(Series::qualifier));
        return new SideValue(sum, units.iterator().next(), qualifier, null, facts, List.of());
    }

    /**
     * One value per dimension combination: readings selected, merged into facts, aggregated over time. Sorted by
     * dimensions so results and drill-through lists do not depend on the order facts were loaded in.
     */
    private List<Series> series(MetricTerm term, Context context) {
        boolean summedOverTime = catalogue.aggregationOf(term.code()).overTime() == OverTime.SUM;
        Map<FactKey, List<ReadingFact>> sameFact = new LinkedHashMap<>();
        for (ReadingFact reading : context.facts().readingsOf(term.code())) {
            if (context.window().admits(reading.asOf(), summedOverTime)
                    && term.matches(reading.dimensions())
                    && context.scope().matches(reading.dimensions())) {
                FactKey key = new FactKey(reading.dimensions(), reading.asOf(), reading.value().stripTrailingZeros(),
                        reading.unit());
                sameFact.computeIfAbsent(key, k -> new ArrayList<>()).add(reading);
            }
        }
        Map<String, TreeMap<LocalDate, List<ObservedFact>>> byCombination = new TreeMap<>();
        Map<String, Map<String, String>> combinations = new LinkedHashMap<>();
        sameFact.forEach((key, reports) -> {
            ReadingFact first = reports.get(0);
            ObservedFact fact = new ObservedFact(term.code(), key.dimensions(), key.asOf(), first.value(), key.unit(),
                    Qualifier.weakestOf(reports.stream().map(ReadingFact::qualifier)), reports);
            String combination = new TreeMap<>(key.dimensions()).toString();
            combinations.put(combination, key.dimensions());
            byCombination.computeIfAbsent(combination, c -> new TreeMap<>())
                    .computeIfAbsent(key.asOf(), d -> new ArrayList<>()).add(fact);
        });
        List<Series> result = new ArrayList<>();
        byCombination.forEach((combination, byDate) -> {
            Map<String, String> dimensions = combinations.get(combination);
            Iterable<List<ObservedFact>> dates = summedOverTime ? byDate.values() : List.of(byDate.lastEntry().getValue());
            result.add(aggregateOverTime(term, dimensions, dates));
        });
        return result;
    }

    private static Series aggregateOverTime(MetricTerm term, Map<String, String> dimensions,
                                            Iterable<List<ObservedFact>> dates) {
        List<ObservedFact> used = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        NoValue problem = null;
        for (List<ObservedFact> onDate : dates) {
            used.addAll(onDate);
            if (onDate.size() > 1 && problem == null) {
                ObservedFact a = onDate.get(0);
                problem = new NoValue(Reason.CONFLICTING_READINGS, term.code() + " " + dimensions + " as of "
                        + a.asOf() + " is reported as " + onDate.stream()
                        .map(f -> f.value().toPlainString() + (f.unit().isEmpty() ? "" : " " + f.unit()))
                        .collect(Collectors.joining(" and ")));
            }
            sum = sum.add(onDate.get(0).value());
        }
        Set<String> units = used.stream().map(ObservedFact::unit).collect(Collectors.toSet());
        if (problem == null && units.size() > 1) {
            problem = new NoValue(Reason.UNIT_MISMATCH, term.code() + " " + dimensions + " is reported in "
                    + String.join(" and ", new TreeSet<>(units)));
        }
        return new Series(dimensions, sum, used.get(0).unit(),
                Qualifier.weakestOf(used.stream().map(ObservedFact::qualifier)), used, problem);
    }

    /** Values of the paired dimension that have readings on both sides, within the current scope. */
    private Pairing pairing(IndicatorDefinition definition, Context context) {
        if (definition.pairedBy() == null) {
            return null;
        }
        Set<String> keys = pairKeys(definition.numerator(), definition.pairedBy(), context);
        keys.retainAll(pairKeys(definition.denominator(), definition.pairedBy(), context));
        return new Pairing(definition.pairedBy(), keys);
    }

    private Set<String> pairKeys(Expression side, String dimension, Context context) {
        return side.terms().stream()
                .filter(MetricTerm.class::isInstance)
                .flatMap(t -> series((MetricTerm) t, context).stream())
                .map(s -> s.dimensions().get(dimension))
                .filter(Objects::nonNull)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private List<String> groupKeys(IndicatorDefinition definition, FactSet facts, Window window, String by) {
        Optional<IssueField> issueField = IssueField.byName(by);
        Stream<Term> terms = Stream.of(Stream.of(definition.numerator()), Stream.ofNullable(definition.denominator()))
                .flatMap(s -> s).flatMap(e -> e.terms().stream());
        if (definition.stated() != null) {
            terms = Stream.concat(terms, Stream.of(definition.stated()));
        }
        Set<String> keys = new HashSet<>();
        terms.forEach(term -> {
            if (term instanceof MetricTerm metric) {
                boolean summed = catalogue.aggregationOf(metric.code()).overTime() == OverTime.SUM;
                facts.readingsOf(metric.code()).stream()
                        .filter(r -> window.admits(r.asOf(), summed) && metric.matches(r.dimensions()))
                        .forEach(r -> keys.add(r.dimensions().get(by)));
            } else if (term instanceof IssuesTerm issues) {
                facts.issues().stream().filter(issues::matches).forEach(issue -> {
                    Set<String> values = issueField.map(f -> f.valuesOf(issue)).orElse(Set.of());
                    if (values.isEmpty()) {
                        keys.add(null);
                    }
                    keys.addAll(values);
                });
            }
        });
        return keys.stream().sorted(Comparator.nullsLast(Comparator.<String>naturalOrder())).toList();
    }

    private static SideValue failure(NoValue why, List<ObservedFact> readings, List<String> issueIds) {
        return new SideValue(null, "", null, why, distinct(readings, List.of()), distinct(issueIds, List.of()));
    }

    private static <T> List<T> distinct(List<T> first, List<T> second) {
        return Stream.concat(first.stream(), second.stream()).distinct().toList();
    }

    private record FactKey(Map<String, String> dimensions, LocalDate asOf, BigDecimal value, String unit) {
    }

    private record Series(Map<String, String> dimensions, BigDecimal value, String unit, Qualifier qualifier,
                          List<ObservedFact> facts, NoValue problem) {
    }

    private record Pairing(String dimension, Set<String> keys) {
    }

    private record Context(FactSet facts, Window window, Scope scope) {
        String describe() {
            return scope.describe() + (window.asOf() == null ? "" : " up to " + window.asOf());
        }
    }

    /** Restricts evaluation to one group of a breakdown; {@code key} null means "has no value for {@code by}". */
    private record Scope(String by, String key) {
        static final Scope ALL = new Scope(null, null);

        boolean matches(Map<String, String> dimensions) {
            return by == null || Objects.equals(dimensions.get(by), key);
        }

        boolean matches(IssueFact issue) {
            if (by == null) {
                return true;
            }
            Set<String> values = IssueField.byName(by).map(f -> f.valuesOf(issue)).orElse(Set.of());
            return key == null ? values.isEmpty() : values.contains(key);
        }

        String describe() {
            if (by == null) {
                return "";
            }
            return key == null ? " without " + by : " with " + by + " = " + key;
        }
    }
}
