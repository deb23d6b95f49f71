package io.zhenggai.report.indicator;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IndicatorDefinitionTest {

    private static IndicatorSpec spec(String numerator, String denominator) {
        return IndicatorSpec.of("issue.completion_rate", "整改完成率", numerator, denominator,
                new BigDecimal("100"), "%", "");
    }

    @Test
    void shouldStoreDefinitionsInCanonicalForm() {
        IndicatorSpec written = spec("issues(status in [closed,completed])", " issues( ) ");

        IndicatorSpec stored = IndicatorDefinition.parse(written).toSpec();

        assertThat(stored.numerator()).isEqualTo("issues(status in [COMPLETED, CLOSED])");
        assertThat(stored.denominator()).isEqualTo("issues()");
    }

    @Test
    void shouldTreatDefinitionsThatMeanTheSameAsEqual() {
        IndicatorDefinition a = IndicatorDefinition.parse(spec("issues(status in [CLOSED, COMPLETED])", "issues()"));
        IndicatorDefinition b = IndicatorDefinition.parse(new IndicatorSpec("issue.completion_rate", "整改完成率",
                "issues(status in [completed, closed])", "issues()", new BigDecimal("100.00"), "%", "", null, null));

        assertThat(a).isEqualTo(b);
    }

    @Test
    void shouldTreatABlankDenominatorAsAPlainTotal() {
        IndicatorDefinition definition = IndicatorDefinition.parse(IndicatorSpec.of("investment.completed", "已完成投资",
                "metric(investment.completed)", "  ", null, "CNY", null));

        assertThat(definition.denominatorExpression()).isEmpty();
        assertThat(definition.factor()).isEqualByComparingTo("1");
    }

    @Test
    void shouldNameTheFieldOfAnExpressionError() {
        IndicatorSyntaxException error = catchThrowableOfType(IndicatorSyntaxException.class,
                () -> IndicatorDefinition.parse(spec("issues()", "issues(status = DONE)")));

        assertThat(error.field()).isEqualTo("denominator");
        assertThat(error.column()).isEqualTo(17);
        assertThat(error.token()).isEqualTo("DONE");
        assertThat(error.getMessage()).startsWith("denominator: column 17: 'DONE' is not a valid status");
    }

    @Test
    void shouldRejectAnInvalidCode() {
        IndicatorSyntaxException error = catchThrowableOfType(IndicatorSyntaxException.class,
                () -> IndicatorDefinition.parse(IndicatorSpec.of("完成率", "整改完成率", "issues()", null,
                        BigDecimal.ONE, "", "")));

        assertThat(error.field()).isEqualTo("code");
        assertThat(error.token()).isEqualTo("完成率");
    }

    @Test
    void shouldRejectAMissingNameOrNumerator() {
        assertThat(catchThrowableOfType(IndicatorSyntaxException.class, () -> IndicatorDefinition.parse(
                IndicatorSpec.of("a.b", " ", "issues()", null, BigDecimal.ONE, "", ""))).field()).isEqualTo("name");
        assertThat(catchThrowableOfType(IndicatorSyntaxException.class, () -> IndicatorDefinition.parse(
                IndicatorSpec.of("a.b", "名", null, null, BigDecimal.ONE, "", ""))).field()).isEqualTo("numerator");
    }

    @Test
    void shouldRejectANonPositiveFactor() {
        IndicatorSyntaxException error = catchThrowableOfType(IndicatorSyntaxException.class,
                () -> IndicatorDefinition.parse(IndicatorSpec.of("a.b", "名", "issues()", "issues()",
                        BigDecimal.ZERO, "%", "")));

        assertThat(error.field()).isEqualTo("factor");
    }

    @Test
    void shouldRejectPairingOverIssueCounts() {
        IndicatorSyntaxException error = catchThrowableOfType(IndicatorSyntaxException.class,
                () -> IndicatorDefinition.parse(spec("issues(status = CLOSED)", "issues()").withPairing("aspect", null)));

        assertThat(error.field()).isEqualTo("pairedBy");
    }

    @Test
    void shouldRejectAStatedValueThatIsNotASingleMetricTerm() {
        IndicatorSyntaxException error = catchThrowableOfType(IndicatorSyntaxException.class,
                () -> IndicatorDefinition.parse(IndicatorSpec.of("project.start_rate", "项目开工率",
                        "metric(project.started)", "metric(project.total)", BigDecimal.TEN, "%", "")
                        .withPairing("industry", "metric(project.start_rate) + 1")));

        assertThat(error.field()).isEqualTo("stated");
        assertThat(error.column()).isEqualTo(28);
    }

    @Test
    void shouldParseEveryBuiltInIndicatorAndKeepItCanonical() {
        assertThat(BuiltInIndicators.definitions()).hasSize(BuiltInIndicators.SPECS.size());
        for (IndicatorSpec spec : BuiltInIndicators.SPECS) {
            IndicatorSpec canonical = IndicatorDefinition.parse(spec).toSpec();
            assertThat(canonical.numerator()).as(spec.code()).isEqualTo(spec.numerator());
            assertThat(canonical.denominator()).as(spec.code()).isEqualTo(spec.denominator());
            assertThat(canonical.stated()).as(spec.code()).isEqualTo(spec.stated());
        }
    }

    @Test
    void shouldGiveEveryBuiltInADistinctCode() {
        assertThat(BuiltInIndicators.SPECS).extracting(IndicatorSpec::code).doesNotHaveDuplicates();
    }
}
