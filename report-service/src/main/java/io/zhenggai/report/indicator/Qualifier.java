package io.zhenggai.report.indicator;

import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How far a figure can be taken at face value. Readings arrive with one qualifier (140余家 is AT_LEAST, 预计 is a
 * FORECAST, 约 is APPROXIMATE, a rate printed without its parts is STATED); a computed value carries the weakest
 * qualifier of what it was made from.
 *
 * <p>Propagation, strongest claim last: {@code FORECAST > APPROXIMATE > AT_LEAST > STATED > EXACT}. A forecast
 * dominates because it is about a state that has not happened yet, however precise its digits. APPROXIMATE dominates
 * AT_LEAST because a bound is lost once an approximate term is mixed in. A lower bound only survives addition: a
 * subtracted AT_LEAST term, or an AT_LEAST denominator, turns the result into an upper bound, which this vocabulary
 * cannot say, so it becomes APPROXIMATE (see {@link #negated()}). STATED marks a figure taken as the document printed
 * it, unchecked against parts; it outranks only EXACT.
 */
public enum Qualifier {
    EXACT(0),
    STATED(1),
    AT_LEAST(2),
    APPROXIMATE(3),
    FORECAST(4);

    private final int weakness;

    Qualifier(int weakness) {
        this.weakness = weakness;
    }

    /** The weaker of the two, by the order documented on the type. */
    public Qualifier combine(Qualifier other) {
        Objects.requireNonNull(other, "other");
        return other.weakness > weakness ? other : this;
    }

    /** The qualifier of a term that enters a result with the opposite sense: subtracted, or used as a divisor. */
    public Qualifier negated() {
        return this == AT_LEAST ? APPROXIMATE : this;
    }

    /** The weakest qualifier of all given, EXACT for none. */
    public static Qualifier weakestOf(Stream<Qualifier> qualifiers) {
        return qualifiers.max(Comparator.comparingInt(q -> q.weakness)).orElse(EXACT);
    }
}
