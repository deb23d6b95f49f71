package io.zhenggai.issue.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Requests about issues. */
public final class IssueRequests {

    private IssueRequests() {
    }

    @Schema(description = "A new issue (问题) under a category of an inspection's feedback tree")
    public record Create(
            @NotNull UUID inspectionId,
            @Schema(example = "main") @NotBlank @Size(max = 40) String listKey,
            @Schema(example = "一/1", description = "the category's numbering path in its list")
            @NotBlank @Size(max = 400) String categoryPath,
            @Schema(example = "（1）", description = "the issue's own numbering; absent when the category itself is the issue")
            @Size(max = 20) String numbering,
            @Schema(example = "关于理论学习中心组学习制度和“第一议题”制度执行不够严格问题")
            @NotBlank @Size(max = 1000) String title,
            @Size(max = 20000) String description,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> leadLeaders,
            @Size(max = 50) List<@NotBlank @Size(max = 200) String> responsibleUnits,
            @Schema(example = "2023-06-30") LocalDate deadline,
            @Size(max = 30) List<@NotBlank @Size(max = 50) String> tags,
            @Size(max = 100) List<@NotBlank @Size(max = 20000) String> measures) {
    }

    @Schema(description = "A progress report (整改进展) with its figures")
    public record Progress(
            @Schema(example = "2023-05-10", description = "as of when; today (Asia/Shanghai) if absent; may be back-dated (补录)")
            LocalDate asOf,
            @Schema(example = "全区新材料产业项目已开工18个,开工率67%,已完成投资3.1亿元")
            @NotBlank @Size(max = 50000) String text,
            @Size(max = 100) List<@NotBlank @Size(max = 20000) String> measures,
            @Size(max = 200) List<@Valid @NotNull ReadingInput> readings,
            @Schema(description = "the bulletin's own status words, kept as said (基本完成, 正在整改)")
            @Size(max = 20) String statusLabel,
            @Schema(description = "take the readings the text's figures yield: by default when no readings are given; "
                    + "true with readings adds the text's readings of other metrics (source MIXED)")
            Boolean useTextReadings,
            @Schema(description = "evidence (佐证材料) of this issue the report refers to, by id")
            @Size(max = 50) List<@NotNull UUID> evidenceIds) {
    }

    @Schema(description = "A figure: a quantity as text (\"3.1亿元\", \"140余家\", \"0.05个百分点\") or as value + unit")
    public record ReadingInput(
            @Schema(example = "investment.completed")
            @NotBlank @Pattern(regexp = "[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*|unclassified") @Size(max = 100) String metric,
            @Schema(example = "{\"industry\": \"新材料\"}") @Size(max = 10) Map<@NotBlank @Size(max = 50) String,
                    @NotBlank @Size(max = 200) String> dimensions,
            @Schema(example = "3.1亿元") @Size(max = 100) String quantity,
            @Schema(example = "3.1") BigDecimal value,
            @Schema(example = "亿元") @Size(max = 30) String unit,
            @Schema(description = "AT_LEAST, APPROXIMATE or UNSPECIFIED when the text does not say so itself")
            @Pattern(regexp = "EXACT|AT_LEAST|APPROXIMATE|UNSPECIFIED") String qualifier,
            @Schema(description = "预计: a forecast") Boolean forecast,
            @Schema(description = "a change (下降/增加 …): a signed delta, may be negative") Boolean change,
            @Schema(description = "the text says the target was exceeded (超额): a rate above 100% is allowed")
            Boolean exceeding,
            @Schema(description = "a money context for a bare 亿/万") Boolean money,
            @Size(max = 2000) String sourceText,
            @Valid Parts parts) {

        /** The parts of a stated rate, as quantities: 已完成整改7个 of 10个. */
        public record Parts(@NotBlank @Size(max = 100) String numerator, @NotBlank @Size(max = 100) String denominator) {
        }
    }

    @Schema(description = "A workflow step")
    public record TransitionInput(
            @NotNull Transition action,
            @Size(max = 5000) String reason,
            @Size(max = 5000) String verificationNote,
            @Size(max = 50) List<@NotBlank @Size(max = 500) String> evidence,
            @Schema(description = "when it took effect; today if absent") LocalDate effectiveDate,
            @Schema(description = "COMPLETE (申请销号): the lead unit's note on what was done; required")
            @Size(max = 5000) String note,
            @Schema(description = "evidence (佐证材料) of this issue the step refers to, by id; CLOSE takes these as its "
                    + "evidence too")
            @Size(max = 50) List<@NotNull UUID> evidenceIds) {
    }

    @Schema(description = "Responsibility, deadline and tags; absent fields stay as they are")
    public record Patch(
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> leadLeaders,
            @Size(max = 50) List<@NotBlank @Size(max = 200) String> responsibleUnits,
            LocalDate deadline,
            @Schema(description = "true to remove the deadline") Boolean clearDeadline,
            @Size(max = 30) List<@NotBlank @Size(max = 50) String> tags,
            @Size(max = 5000) String reason) {
    }
}
