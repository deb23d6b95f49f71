package io.zhenggai.issue.ledger;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new inspection round with its feedback tree. */
@Schema(description = "A new inspection round (巡察) with its feedback lists and tree")
public record InspectionRequest(
        @Schema(example = "市委第五巡察组") @NotBlank @Size(max = 200) String team,
        @Schema(example = "东营经济技术开发区党工委") @NotBlank @Size(max = 200) String targetUnit,
        @Schema(example = "[\"ROUTINE\", \"SPECIAL\"]") @NotEmpty Set<@NotNull InspectionKind> kinds,
        @Schema(example = "黄河流域生态保护和高质量发展") @Size(max = 200) String specialTheme,
        @Schema(example = "2022-06-22") LocalDate onSiteFrom,
        @Schema(example = "2022-09-30") LocalDate onSiteTo,
        @Schema(example = "2022-12-07") @NotNull LocalDate feedbackDate,
        @Valid DeclaredCounts declared,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull ListRequest> lists) {

    /** What the feedback declared: 4个方面16类问题, 四项意见建议. */
    public record DeclaredCounts(@PositiveOrZero Integer aspects, @PositiveOrZero Integer categories,
                                 @PositiveOrZero Integer issues, @PositiveOrZero Integer suggestions) {
    }

    public record ListRequest(
            @Schema(example = "main") @NotBlank @Size(max = 40) String key,
            @Schema(example = "市委巡察组反馈意见") @NotBlank @Size(max = 300) String title,
            @Size(max = 200) String theme,
            @NotEmpty @Size(max = 100) List<@Valid @NotNull AspectRequest> aspects) {
    }

    public record AspectRequest(
            @Schema(example = "（一）") @NotBlank @Size(max = 20) String numbering,
            @Schema(example = "关于聚焦党中央各项决策部署在基层的落实情况方面") @NotBlank @Size(max = 500) String title,
            @Size(max = 50) List<@Valid @NotNull GroupRequest> groups,
            @Size(max = 200) List<@Valid @NotNull CategoryRequest> categories) {
    }

    /** An unnumbered sub-heading inside an aspect (加快构筑黄河安澜屏障 …). */
    public record GroupRequest(@NotBlank @Size(max = 300) String title,
                               @NotEmpty @Size(max = 200) List<@Valid @NotNull CategoryRequest> categories) {
    }

    public record CategoryRequest(
            @Schema(example = "1.") @NotBlank @Size(max = 20) String numbering,
            @Schema(example = "学习贯彻落实习近平新时代中国特色社会主义思想不够深入") @NotBlank @Size(max = 1000) String title) {
    }
}
