package io.zhenggai.report.api;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.zhenggai.report.projection.AsOf;
import io.zhenggai.report.query.DrillThrough;
import io.zhenggai.report.projection.IssueVisibility;
import io.zhenggai.report.query.ReportQueries.EventRow;
import io.zhenggai.report.query.ReportQueries.IssueRow;

/** A figure and what it is made of: the issues, the facts (each once, with every report of it) and the events. */
@Schema(name = "Drill")
public record DrillView(
        @Schema(description = "the indicator drilled into, if any", example = "investment.completed") String indicator,
        @Schema(example = "1") Integer version,
        @Schema(example = "industry") String by,
        @Schema(example = "新材料") String key,
        @Schema(description = "what was counted, for a count", example = "overdue") String measure,
        @Schema(description = "the indicator value drilled into") FigureView value,
        @Schema(description = "the number of issues counted, for a count (a unit caller: of its units' issues)")
        Long count,
        @Schema(description = "the moment answered for; null for live", example = "2023-03-31") String asOf,
        @Schema(description = "effective or recorded; null for live", example = "effective") String basis,
        @Schema(description = "a unit caller's units: issues, reports of facts, events and count are of these "
                + "units' issues only (value stays the whole figure); null when nothing was left out")
        List<String> visibleUnits,
        List<IssueRow> issues,
        List<DrillThrough.Fact> readings,
        List<EventRow> events,
        @Schema(example = "500") int limit,
        @Schema(description = "a list was cut at the limit") boolean truncated) {

    static DrillView of(DrillThrough.Drill drill, String indicator, String by, String key, String measure, AsOf asOf,
                        IssueVisibility visible, int limit) {
        FigureView value = drill.indicator() == null ? null
                : FigureView.of(drill.indicator().overall(), drill.indicator().indicator().decimals());
        Integer version = drill.indicator() == null ? null : drill.indicator().indicator().version();
        return new DrillView(indicator, version, by, key, measure, value, drill.count(), ReportResource.given(asOf),
                ReportResource.basis(asOf), visible.units(), drill.issues(),
                drill.readings(), drill.events(), limit, drill.truncated());
    }
}
