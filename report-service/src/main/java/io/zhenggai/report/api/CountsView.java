package io.zhenggai.report.api;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.zhenggai.report.query.ReportQueries.IssueCounts;

/**
 * Issue counts of a grouping (or of everything): by status and warning, overdue, stale, on time and late, with the
 * completion rate (COMPLETED + CLOSED over all), the closure rate (CLOSED over all) and the on-time rate (on time over
 * on time + late; see the Measure definitions in the API description); the workflow's counts (unsigned, returned,
 * extended, awaiting a decision). Which deadline the timeliness figures count against is said in the answer:
 * {@code deadlineBasis} CURRENT for onTime, late, onTimeRate, overdue and the warnings, and the *AgainstOriginal
 * figures against the first assigned deadline.
 */
@Schema(name = "IssueCounts")
public record CountsView(
        @Schema(example = "16") long total,
        @Schema(example = "{\"NOT_STARTED\": 0, \"IN_PROGRESS\": 9, \"COMPLETED\": 5, \"CLOSED\": 2, \"LONG_TERM\": 0}")
        Map<String, Long> byStatus,
        @Schema(description = "COMPLETED + CLOSED", example = "7") long completedOrClosed,
        @Schema(description = "NOT_STARTED or IN_PROGRESS past the current deadline", example = "1") long overdue,
        @Schema(example = "{\"RED\": 1, \"YELLOW\": 2, \"GREEN\": 4, \"NONE\": 9}") Map<String, Long> byWarning,
        @Schema(description = "open, and no progress for the stale days", example = "3") long stale,
        @Schema(description = "the deadline onTime, late, onTimeRate, overdue and byWarning count against: CURRENT, "
                + "the deadline as approved extensions (延期) moved it. The *AgainstOriginal figures count against "
                + "the original deadline (the first assigned one; the current one for an issue that has none).",
                enumeration = {"CURRENT"}, example = "CURRENT") String deadlineBasis,
        @Schema(description = "completed no later than the current deadline", example = "4") long onTime,
        @Schema(description = "completed after the current deadline, or open past it", example = "1") long late,
        FigureView completionRate,
        FigureView closureRate,
        @Schema(description = "onTime ÷ (onTime + late), against the current deadline") FigureView onTimeRate,
        @Schema(description = "completed no later than the original deadline", example = "3")
        long onTimeAgainstOriginal,
        @Schema(description = "completed after the original deadline, or open past it (an extended issue may be on "
                + "time against its current deadline and late against its original one)", example = "2")
        long lateAgainstOriginal,
        @Schema(description = "onTimeAgainstOriginal ÷ (onTimeAgainstOriginal + lateAgainstOriginal)")
        FigureView onTimeRateAgainstOriginal,
        @Schema(description = "未签收: assigned (交办) and not yet signed for by the lead unit; issues never assigned "
                + "through the workflow are not counted", example = "2") long unsigned,
        @Schema(description = "退回过: issues whose completion was returned (RETURN) at least once, whatever their "
                + "state now (also those completed again; awaitingCompletionDecision counts the ones waiting again)",
                example = "1") long returned,
        @Schema(description = "延期: issues with at least one approved extension", example = "1") long extended,
        @Schema(description = "a completion request (COMPLETED) waits for the office to close or return it",
                example = "1") long awaitingCompletionDecision,
        @Schema(description = "an extension request waits for the office's decision", example = "0")
        long awaitingExtensionDecision) {

    static final int RATE_DECIMALS = 2;

    /** What {@code onTime}, {@code late}, {@code onTimeRate}, overdue and the warnings count against. */
    static final String DEADLINE_BASIS = "CURRENT";

    public static CountsView of(IssueCounts counts) {
        return new CountsView(counts.total(), counts.byStatus(), counts.completedOrClosed(), counts.overdue(),
                counts.byWarning(), counts.stale(), DEADLINE_BASIS, counts.onTime(), counts.late(),
                FigureView.of(counts.completionRate(), RATE_DECIMALS), FigureView.of(counts.closureRate(), RATE_DECIMALS),
                FigureView.of(counts.onTimeRate(), RATE_DECIMALS), counts.onTimeAgainstOriginal(),
                counts.lateAgainstOriginal(), FigureView.of(counts.onTimeRateAgainstOriginal(), RATE_DECIMALS),
                counts.unsigned(), counts.returned(), counts.extended(), counts.awaitingCompletionDecision(),
                counts.awaitingExtensionDecision());
    }
}
