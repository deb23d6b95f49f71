package io.zhenggai.report.indicator;

import java.util.List;
import java.util.Objects;

/**
 * One side of an indicator: a sum of signed terms. {@link #toString()} is the canonical form: definitions are stored
 * in it, and two expressions that print the same are the same expression.
 */
public record Expression(List<Part> parts) {

    /** A term with the sign it enters the sum with. */
    public record Part(boolean negative, Term term) {
        public Part {
            Objects.requireNonNull(term, "term");
        }
    }

    public Expression {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("an expression has at least one term");
        }
    }

    /** Parses an expression; see {@link IndicatorParser} for the grammar. */
    public static Expression parse(String text) {
        return IndicatorParser.parseExpression(text);
    }

    public List<Term> terms() {
        return parts.stream().map(Part::term).toList();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            if (i == 0) {
                out.append(part.negative() ? "-" : "");
            } else {
                out.append(part.negative() ? " - " : " + ");
            }
            out.append(part.term());
        }
        return out.toString();
    }
}
