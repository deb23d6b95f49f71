package io.zhenggai.report.api;

import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.zhenggai.report.indicator.IndicatorSpec;

/**
 * An indicator definition as written by a person. The expressions use the indicator grammar: a side is a sum of
 * terms, a term is {@code metric(code, dimension = value, …)}, {@code issues(field = value, …)} or a number.
 */
@Schema(name = "IndicatorDefinitionInput", description = "numerator ÷ denominator × factor; each side a sum of terms")
public record IndicatorRequest(
        @Schema(description = "lower-case words joined by dots; on PUT it may be left out", example = "loan.npl_ratio")
        String code,
        @Schema(example = "不良贷款率") String name,
        @Schema(example = "metric(loan.npl, entity = none)") String numerator,
        @Schema(description = "empty for a plain total", example = "metric(loan.balance, entity = none)")
        String denominator,
        @Schema(description = "100 for a percentage; 1 when left out", example = "100") BigDecimal factor,
        @Schema(description = "display unit of the value: %, CNY, USD, 个 …", example = "%") String unit,
        @Schema(description = "decimal places of the display form, 0–6; 2 when left out", example = "2")
        Integer decimals,
        @Schema(example = "Non-performing loans over the loan balance.") String description,
        @Schema(description = "a dimension: only its values reported on both sides count", example = "industry")
        String pairedBy,
        @Schema(description = "one metric(...) term: the stated rate (a fraction) shown, marked STATED, where the "
                + "parts are missing", example = "metric(project.start_rate)") String stated) {

    /** Texts the database can keep and a reader can use: no NUL character, and of a sensible length. */
    void check() {
        Params.text("code", code, 200);
        Params.text("name", name, 200);
        Params.text("numerator", numerator, 4000);
        Params.text("denominator", denominator, 4000);
        Params.text("unit", unit, 50);
        Params.text("description", description, 4000);
        Params.text("pairedBy", pairedBy, 200);
        Params.text("stated", stated, 1000);
    }

    public IndicatorSpec spec(String codeFromPath) {
        return new IndicatorSpec(codeFromPath != null ? codeFromPath : code, name, numerator, denominator, factor,
                unit, description, pairedBy, stated);
    }
}
