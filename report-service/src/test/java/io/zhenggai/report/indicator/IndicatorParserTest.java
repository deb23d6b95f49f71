package io.zhenggai.report.indicator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IndicatorParserTest {

    @Test
    void shouldParseMetricTermWithDimensionFilter() {
        Expression expression = Expression.parse("metric(loan.npl, scope=district)");

        assertThat(expression.parts()).hasSize(1);
        assertThat(expression.parts().get(0).negative()).isFalse();
        assertThat(expression.terms().get(0)).isEqualTo(new MetricTerm("loan.npl",
                List.of(new DimensionCondition("scope", new ValueMatch.AnyOf(List.of("district"))))));
    }

    @Test
    void shouldParseChineseValuesBareQuotedAndInSets() {
        MetricTerm term = (MetricTerm) Expression.parse(
                "metric(investment.completed, industry in [新材料, “风电”, \"生物 医药\"])").terms().get(0);

        assertThat(term.conditions()).containsExactly(new DimensionCondition("industry",
                new ValueMatch.AnyOf(List.of("新材料", "生物 医药", "风电"))));
    }

    @Test
    void shouldParseIssueFiltersIntoTypedCanonicalValues() {
        IssuesTerm term = (IssuesTerm) Expression.parse("issues(warning = red, status in [closed, COMPLETED])")
                .terms().get(0);

        assertThat(term.conditions()).containsExactly(
                new IssueCondition(IssueField.STATUS, new ValueMatch.AnyOf(List.of("COMPLETED", "CLOSED"))),
                new IssueCondition(IssueField.WARNING, new ValueMatch.AnyOf(List.of("RED"))));
    }

    @Test
    void shouldParseEmptyIssueFilterAsCountOfAll() {
        assertThat(Expression.parse("issues()").terms()).containsExactly(new IssuesTerm(List.of()));
    }

    @Test
    void shouldParsePresenceAndAbsence() {
        MetricTerm term = (MetricTerm) Expression.parse("metric(foreign_capital.in_place, enterprise = none, sector = *)")
                .terms().get(0);

        assertThat(term.conditions()).containsExactly(
                new DimensionCondition("enterprise", new ValueMatch.Absent()),
                new DimensionCondition("sector", new ValueMatch.Present()));
    }

    @Test
    void shouldParseSignedSumsWithConstants() {
        Expression expression = Expression.parse("-metric(a) + 2.50 - issues(onTime = false)");

        assertThat(expression.parts()).extracting(Expression.Part::negative).containsExactly(true, false, true);
        assertThat(expression.terms().get(1)).isEqualTo(new ConstantTerm(new BigDecimal("2.5")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            metric( investment.completed ,industry=新材料 )        | metric(investment.completed, industry = 新材料)
            metric(loan.npl, scope=district)                      | metric(loan.npl, scope = district)
            issues(warning=RED, status = closed)                  | issues(status = CLOSED, warning = RED)
            issues(status in [CLOSED, COMPLETED, CLOSED])         | issues(status in [COMPLETED, CLOSED])
            issues(status in [CLOSED])                            | issues(status = CLOSED)
            issues(onTime = TRUE, overdue = False)                | issues(onTime = true, overdue = false)
            metric(x, industry in [风电, 新材料])                   | metric(x, industry in [新材料, 风电])
            metric(x, z = 1, a = “中文”)                           | metric(x, a = 中文, z = 1)
            metric(x, batch = "2021 耕地保护督察")                   | metric(x, batch = "2021 耕地保护督察")
            metric(x, v = "none")                                 | metric(x, v = "none")
            metric(x, v = "say \\"hi\\"")                         | metric(x, v = "say \\"hi\\"")
            -metric(a)+100.0-issues( )                            | -metric(a) + 100 - issues()
            issues(tag = *, unit = none)                          | issues(unit = none, tag = *)
            """)
    void shouldPrintCanonicalForm(String written, String canonical) {
        assertThat(Expression.parse(written).toString()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "metric(investment.completed, industry in [新材料, 风电])",
            "issues(status in [COMPLETED, CLOSED], warning = RED, aspect = \"(一)\", leader = none)",
            "metric(x, v = \"none\") - metric(x, v = none) + 3.25",
            "metric(x, v = \"a\\\\b\", w = \"in\")",
    })
    void shouldRoundTripThroughCanonicalForm(String written) {
        Expression parsed = Expression.parse(written);
        Expression reparsed = Expression.parse(parsed.toString());

        assertThat(reparsed).isEqualTo(parsed);
        assertThat(reparsed.toString()).isEqualTo(parsed.toString());
    }

    @Test
    void shouldTreatQuotedNoneAsALiteralValue() {
        MetricTerm term = (MetricTerm) Expression.parse("metric(x, v = \"none\")").terms().get(0);

        assertThat(term.conditions().get(0).match()).isEqualTo(new ValueMatch.AnyOf(List.of("none")));
    }

    @Test
    void shouldTreatDifferentSpellingsOfTheSameFilterAsEqual() {
        assertThat(Expression.parse("issues(warning = RED, status in [CLOSED, COMPLETED])"))
                .isEqualTo(Expression.parse("issues(status in [completed, closed], warning = red)"));
    }

    /** Columns are 1-based UTF-16 offsets into the text. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            metric(loan.npl, scope=district                     | 32 | end of input | expected ',' or ')' but found end of input
            issues(stauts = CLOSED)                             |  8 | stauts       | unknown issue field 'stauts'; known fields: status, warning, aspect, category, unit, leader, tag, list, inspection, onTime, overdue
            issues(status = DONE)                               | 17 | DONE         | 'DONE' is not a valid status; expected one of NOT_STARTED, IN_PROGRESS, COMPLETED, CLOSED, LONG_TERM
            issues(warning in [RED, ORANGE])                    | 25 | ORANGE       | 'ORANGE' is not a valid warning; expected one of RED, YELLOW, GREEN, NONE
            issues(onTime = yes)                                | 17 | yes          | 'yes' is not a valid onTime; expected one of false, true
            metric(Loan.NPL)                                    |  8 | Loan.NPL     | expected a metric code (lower-case words joined by dots, e.g. loan.npl) but found 'Loan.NPL'
            metric(investment.completed, industry in [])        | 43 | ]            | expected a value but found ']'
            issues(status = CLOSED) +                           | 26 | end of input | expected metric(...), issues(...) or a number but found end of input
            metric(a, industry = x, industry = y)               | 25 | industry     | 'industry' is constrained twice; use industry in [...] for several values
            issues(status = none)                               | 17 | none         | status always has a value, so 'none' cannot be used with it; name the values instead
            issues(unit in [a, *])                              | 20 | *            | '*' cannot be part of a set; write unit = * on its own
            metrc(a)                                            |  1 | metrc        | unknown function 'metrc'; expected metric(...) or issues(...)
            metric(a) metric(b)                                 | 11 | metric       | expected '+', '-' or the end of the expression but found 'metric'
            metric(a) * 100                                     | 11 | *            | expected '+', '-' or the end of the expression but found '*'
            metric(a, industry 新材料)                            | 20 | 新材料        | expected '=' or 'in' after 'industry' but found '新材料'
            metric(a, 行业 = 新材料)                               | 11 | 行业          | expected a dimension name (e.g. industry) but found '行业'
            - - metric(a)                                       |  3 | -            | expected metric(...), issues(...) or a number but found '-'
            3.1.4                                               |  1 | 3.1.4        | expected metric(...), issues(...) or a number but found '3.1.4'
            """)
    void shouldReportSyntaxErrorsAtTheOffendingToken(String text, int column, String token, String reason) {
        IndicatorSyntaxException error = catchThrowableOfType(IndicatorSyntaxException.class,
                () -> Expression.parse(text));

        assertThat(error).as("parsing %s", text).isNotNull();
        assertThat(error.column()).as("column in %s", text).isEqualTo(column);
        assertThat(error.token()).isEqualTo(token);
        assertThat(error.reason()).isEqualTo(reason);
        assertThat(error.getMessage()).isEqualTo("column " + column + ": " + reason);
        assertThat(error.reasonZh()).isNotBlank();
    }

    @Test
    void shouldReportAnEmptyExpressionAtColumnOne() {
        IndicatorSyntaxException error = catchThrowableOfType(IndicatorSyntaxException.class,
                () -> Expression.parse("   "));

        assertThat(error.column()).isEqualTo(4);
        assertThat(error.token()).isEqualTo("end of input");
    }

    @Test
    void shouldNameFullWidthPunctuationFromAChineseInputMethod() {
        IndicatorSyntaxException error = catchThrowableOfType(IndicatorSyntaxException.class,
                () -> Expression.parse("metric(investment.completed, industry in [新材料，风电])"));

        assertThat(error.column()).isEqualTo(46);
        assertThat(error.token()).isEqualTo("，");
        assertThat(error.reason()).isEqualTo("full-width '，' is not allowed here; use ',' (quote the value if it is part of it)");
        assertThat(error.reasonZh()).contains("全角");
    }

    @Test
    void shouldReportAnUnterminatedStringWhereItOpens() {
        IndicatorSyntaxException error = catchThrowableOfType(IndicatorSyntaxException.class,
                () -> Expression.parse("metric(a, industry = \"新材料)"));

        assertThat(error.column()).isEqualTo(22);
        assertThat(error.token()).isEqualTo("\"新材料)");
        assertThat(error.reason()).isEqualTo("unterminated string: no closing \"");
    }

    @Test
    void shouldAcceptOnlyOneMetricTermWhereAStatedValueIsExpected() {
        assertThat(IndicatorParser.parseMetricTerm("metric(project.start_rate, industry = 新材料)").code())
                .isEqualTo("project.start_rate");

        IndicatorSyntaxException error = catchThrowableOfType(IndicatorSyntaxException.class,
                () -> IndicatorParser.parseMetricTerm("metric(a) + metric(b)"));
        assertThat(error.column()).isEqualTo(11);
        assertThat(catchThrowableOfType(IndicatorSyntaxException.class,
                () -> IndicatorParser.parseMetricTerm("issues()")).column()).isEqualTo(1);
    }
}
