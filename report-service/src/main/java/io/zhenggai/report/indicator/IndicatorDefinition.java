package io.zhenggai.report.indicator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A validated indicator (指标): numerator ÷ denominator × factor, each side a sum of terms. A definition without a
 * denominator is a plain total (numerator × factor). Build one with {@link #parse(IndicatorSpec)}; the expressions are
 * held as syntax trees in canonical form, so two definitions that mean the same are equal.
 */
public record IndicatorDefinition(
        String code,
        String name,
        Expression numerator,
        Expression denominator,
        BigDecimal factor,
        String unit,
        String description,
        String pairedBy,
        MetricTerm stated) {

    public IndicatorDefinition {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(factor, "factor");
        // 100 and 100.00 are the same factor; equal definitions must compare equal.
        factor = factor.stripTrailingZeros();
        unit = unit == null ? "" : unit;
        description = description == null ? "" : description;
    }

    public Optional<Expression> denominatorExpression() {
        return Optional.ofNullable(denominator);
    }

    /** The {@code issues(…)} terms, the numerator's first, in the order they are written. */
    public List<IssuesTerm> issueTerms() {
        return Stream.concat(numerator.terms().stream(),
                        denominatorExpression().stream().flatMap(d -> d.terms().stream()))
                .filter(IssuesTerm.class::isInstance).map(IssuesTerm.class::cast).toList();
    }

    /**
     * Validates a definition as authored. Every error names the field it is in; an expression error also carries the
     * column and token.
     *
     * @throws IndicatorSyntaxException on the first problem found
     */
    public static IndicatorDefinition parse(IndicatorSpec spec) {
        String code = spec.code() == null ? "" : spec.code().strip();
        if (!Syntax.METRIC_CODE.matcher(code).matches()) {
            throw fieldError("code", code, "an indicator code is lower-case words joined by dots, e.g. loan.npl_ratio",
                    "指标代码应为以点连接的小写英文单词,如 loan.npl_ratio");
        }
        if (spec.name() == null || spec.name().isBlank()) {
            throw fieldError("name", "", "a name is required", "名称不能为空");
        }
        if (spec.numerator() == null || spec.numerator().isBlank()) {
            throw fieldError("numerator", "", "a numerator is required", "分子不能为空");
        }
        Expression numerator = parseField("numerator", spec.numerator());
        Expression denominator = spec.denominator() == null || spec.denominator().isBlank()
                ? null : parseField("denominator", spec.denominator());
        BigDecimal factor = spec.factor() == null ? BigDecimal.ONE : spec.factor();
        if (factor.signum() <= 0) {
            throw fieldError("factor", factor.toPlainString(), "the factor must be positive, e.g. 100 for a percentage",
                    "系数必须为正数,百分比用 100");
        }
        String pairedBy = spec.pairedBy() == null || spec.pairedBy().isBlank() ? null : spec.pairedBy().strip();
        if (pairedBy != null) {
            if (!Syntax.NAME.matcher(pairedBy).matches()) {
                throw fieldError("pairedBy", pairedBy, "expected a dimension name, e.g. industry",
                        "应为维度名称,如 industry");
            }
            // Pairing matches readings by a dimension; an issue count or a constant has none to match on.
            if (denominator == null || !onlyMetrics(numerator) || !onlyMetrics(denominator)) {
                throw fieldError("pairedBy", pairedBy,
                        "pairing needs a denominator and metric(...) terms only on both sides",
                        "按维度配对要求有分母,且分子分母都只含 metric(...) 项");
            }
        }
        MetricTerm stated = null;
        if (spec.stated() != null && !spec.stated().isBlank()) {
            try {
                stated = IndicatorParser.parseMetricTerm(spec.stated());
            } catch (IndicatorSyntaxException e) {
                throw e.inField("stated");
            }
        }
        return new IndicatorDefinition(code, spec.name().strip(), numerator, denominator, factor, spec.unit(),
                spec.description(), pairedBy, stated);
    }

    /** The definition in canonical text form. */
    public IndicatorSpec toSpec() {
        return new IndicatorSpec(code, name, numerator.toString(), denominator == null ? null : denominator.toString(),
                factor, unit, description, pairedBy, stated == null ? null : stated.toString());
    }

    private static Expression parseField(String field, String text) {
        try {
            return IndicatorParser.parseExpression(text);
        } catch (IndicatorSyntaxException e) {
            throw e.inField(field);
        }
    }

    private static boolean onlyMetrics(Expression expression) {
        return expression.terms().stream().allMatch(MetricTerm.class::isInstance);
    }

    private static IndicatorSyntaxException fieldError(String field, String token, String reason, String reasonZh) {
        return new IndicatorSyntaxException(field, 1, token, reason, reasonZh);
    }
}
