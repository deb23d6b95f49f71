package io.zhenggai.report.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.zhenggai.report.indicator.IndicatorService;
import io.zhenggai.report.projection.AsOf;

/** An indicator's value overall and, with {@code by}, per group. */
@Schema(name = "IndicatorValues")
public record IndicatorValuesView(
        @Schema(example = "land.patch.rectification_rate") String code,
        @Schema(example = "1") int version,
        @Schema(example = "图斑整改完成率") String name,
        @Schema(example = "batch") String by,
        @Schema(description = "the moment answered for; null for live", example = "2023-03-31") String asOf,
        @Schema(description = "effective or recorded; null for live", example = "effective") String basis,
        FigureView value,
        List<GroupView> groups) {

    /** One group of a breakdown; {@code key} null for the facts without a value for {@code by}. */
    @Schema(name = "IndicatorGroup")
    public record GroupView(@Schema(example = "2021耕地保护督察") String key, String label, FigureView value) {
    }

    public static IndicatorValuesView of(IndicatorService.Answer answer, AsOf asOf) {
        int decimals = answer.indicator().decimals();
        return new IndicatorValuesView(answer.indicator().code(), answer.indicator().version(),
                answer.indicator().definition().name(), answer.by(), ReportResource.given(asOf),
                ReportResource.basis(asOf), FigureView.of(answer.overall(), decimals),
                answer.groups().stream()
                        .map(g -> new GroupView(g.key(), g.label(), FigureView.of(g.value(), decimals))).toList());
    }
}
