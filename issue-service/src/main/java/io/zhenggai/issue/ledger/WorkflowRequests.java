package io.zhenggai.issue.ledger;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Requests of the workflow: assignment (交办), signing (签收), extensions (延期), instructions (批示), corrections. */
public final class WorkflowRequests {

    /** The most issues one assignment request takes. */
    public static final int MAX_ASSIGNMENTS = 500;

    private WorkflowRequests() {
    }

    @Schema(description = "交办: many issues at once; each item is applied (or refused) on its own, wholly or not at all")
    public record Assignments(@NotNull @Size(min = 1, max = MAX_ASSIGNMENTS) List<@Valid @NotNull Assignment> items) {
    }

    @Schema(description = "The responsibility of one issue: lead unit (牵头单位), co-responsible units (配合单位), lead "
            + "leaders (牵头领导), deadline (完成时限) and optionally a deadline per measure")
    public record Assignment(
            @NotNull UUID issueId,
            @Schema(description = "the issue's ETag (its sequence) as If-Match carries it: \"3\", 3 or *; required")
            @Size(max = 200) String ifMatch,
            @Schema(example = "党政办公室") @NotBlank @Size(max = 200) String leadUnit,
            @Schema(example = "[\"经济发展局\"]") @Size(max = 49) List<@NotBlank @Size(max = 200) String> coUnits,
            @Schema(example = "[\"张三\"]") @Size(max = 20) List<@NotBlank @Size(max = 100) String> leadLeaders,
            @Schema(example = "2023-06-30") LocalDate deadline,
            @Size(max = 100) List<@Valid @NotNull MeasureDeadline> measureDeadlines,
            @Size(max = 5000) String note) {
    }

    @Schema(description = "A measure's own deadline; measure is its 0-based index (the measure with ordinal 1 is 0)")
    public record MeasureDeadline(@NotNull @Min(0) @Max(9999) Integer measure, @NotNull LocalDate deadline) {
    }

    @Schema(description = "签收: the lead unit signs for its assignment")
    public record Signature(@Size(max = 5000) String note) {
    }

    @Schema(description = "延期申请: the lead unit asks for a later deadline")
    public record ExtensionInput(
            @Schema(example = "2023-09-30") @NotNull LocalDate requestedDeadline,
            @Schema(example = "项目审批延后") @NotBlank @Size(max = 5000) String reason) {
    }

    @Schema(description = "The office's decision on an extension request")
    public record ExtensionDecisionInput(@NotNull ExtensionRequest.Decision decision, @Size(max = 5000) String note) {
    }

    @Schema(description = "领导批示: an instruction of a lead leader")
    public record InstructionInput(
            @Schema(example = "请加快推进，月底前报送进展") @NotBlank @Size(max = 20000) String text) {
    }

    @Schema(description = "更正/撤回 of a progress report: CORRECTED with the replacement's text (and readings, or the "
            + "text's own), WITHDRAWN without; a reason either way")
    public record CorrectionInput(
            @NotNull WorkflowEvents.CorrectionKind kind,
            @Schema(example = "投资额填报有误") @NotBlank @Size(max = 5000) String reason,
            @Schema(description = "the replacement's text; required when CORRECTED, absent when WITHDRAWN")
            @Size(max = 50000) String text,
            @Size(max = 200) List<IssueRequests.@Valid @NotNull ReadingInput> readings,
            @Schema(description = "as for a progress report: take the text's readings too") Boolean useTextReadings,
            @Size(max = 20) String statusLabel) {
    }
}
