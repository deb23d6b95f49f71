package io.zhenggai.report.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.zhenggai.report.projection.ReportQueries.IssueCounts;

/**
 * Issue counts of a grouping (or of everything): by status and warning, overdue, stale, on time and late, with the
 * completion rate (COMPLETED + CLOSED over all), the closure rate (CLOSED over all) and the on-time rate (on time over
 * on time + late; see the Measure definitions in the API description).
 */
@Schema(name = "IssueCounts")
public record CountsView(
        @Schema(example = "16") long total,
        @Schema(example = "{\"NOT_STARTED\": 0, \"IN_PROGRESS\": 9, \"COMPLETED\": 5, \"CLOSED\": 2, \"LONG_TERM\": 0}")
        Map<String, Long> byStatus,
        @Schema(description = "COMPLETED + CLOSED", example = "7") long completedOrClosed,
        @Schema(description = "NOT_STARTED or IN_PROGRESS past the deadline", example = "1") long overdue,
        @Schema(example = "{\"RED\": 1, \"YELLOW\": 2, \"GREEN\": 4, \"NONE\": 9}") Map<String, Long> byWarning,
        @Schema(description = "open, and no progress for the stale days", example = "3") long stale,
        @Schema(description = "completed no later than the deadline", example = "4") long onTime,
        @Schema(description = "completed after the deadline, or open past it", example = "1") long late,
        FigureView completionRate,
        FigureView closureRate,
        FigureView onTimeRate) {

    static final int RATE_DECIMALS = 2;

    public static CountsView of(IssueCounts counts) {
        return new CountsView(counts.total(), counts.byStatus(), counts.completedOrClosed(), counts.overdue(),
                counts.byWarning(), counts.stale(), counts.onTime(), counts.late(),
                FigureView.of(counts.completionRate(), RATE_DECIMALS), FigureView.of(counts.closureRate(), RATE_DECIMALS),
                FigureView.of(counts.onTimeRate(), RATE_DECIMALS));
    }
}
