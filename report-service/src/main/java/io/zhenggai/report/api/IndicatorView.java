package io.zhenggai.report.api;

import java.math.BigDecimal;
import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.zhenggai.report.indicator.IndicatorSpec;
import io.zhenggai.report.indicator.IndicatorStore.StoredIndicator;

/** One version of an indicator definition, in canonical form. */
@Schema(name = "IndicatorDefinition")
public record IndicatorView(
        @Schema(example = "loan.npl_ratio") String code,
        @Schema(example = "1") int version,
        @Schema(example = "1") int latestVersion,
        @Schema(example = "不良贷款率") String name,
        @Schema(example = "metric(loan.npl, entity = none)") String numerator,
        @Schema(example = "metric(loan.balance, entity = none)") String denominator,
        @Schema(example = "100") BigDecimal factor,
        @Schema(example = "%") String unit,
        @Schema(example = "2") int decimals,
        String description,
        String pairedBy,
        String stated,
        @Schema(example = "true") boolean builtIn,
        @Schema(example = "built-in") String author,
        Instant createdAt,
        Instant retiredAt) {

    public static IndicatorView of(StoredIndicator stored) {
        IndicatorSpec spec = stored.definition().toSpec();
        return new IndicatorView(spec.code(), stored.version(), stored.latestVersion(), spec.name(), spec.numerator(),
                spec.denominator(), spec.factor(), spec.unit(), stored.decimals(), spec.description(), spec.pairedBy(),
                spec.stated(), stored.builtIn(), stored.author(), stored.createdAt(), stored.retiredAt());
    }
}
