package io.zhenggai.report.indicator;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a condition accepts, tested against the values a reading's dimension or an issue's field has (a set of at most
 * one value for single-valued fields, several for units, leaders and tags).
 */
public sealed interface ValueMatch {

    boolean test(Set<String> actual);

    /** {@code = v} or {@code in [v1, v2]}: some value is one of these. Values are kept distinct and in canonical order. */
    record AnyOf(List<String> values) implements ValueMatch {
        public AnyOf {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a value set must not be empty");
            }
        }

        @Override
        public boolean test(Set<String> actual) {
            return values.stream().anyMatch(actual::contains);
        }

        @Override
        public String toString() {
            if (values.size() == 1) {
                return "= " + Syntax.printValue(values.get(0));
            }
            return values.stream().map(Syntax::printValue).collect(Collectors.joining(", ", "in [", "]"));
        }
    }

    /** {@code = *}: any value, but some value. */
    record Present() implements ValueMatch {
        @Override
        public boolean test(Set<String> actual) {
            return !actual.isEmpty();
        }

        @Override
        public String toString() {
            return "= " + Syntax.ANY;
        }
    }

    /** {@code = none}: no value, e.g. the reading of a total that carries no industry, or an issue without a unit. */
    record Absent() implements ValueMatch {
        @Override
        public boolean test(Set<String> actual) {
            return actual.isEmpty();
        }

        @Override
        public String toString() {
            return "= " + Syntax.NONE;
        }
    }
}
