package io.zhenggai.issue.supervision;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** 催办: the office's message, to the issue's responsible units or to some of them. */
@Schema(description = "催办: a message to the issue's units (all of them when units is left out)")
public record UrgeInput(
        @Schema(example = "请于本周五前报送整改进展") @NotBlank @Size(max = 2000) String message,
        @Schema(example = "[\"党政办公室\"]") @Size(max = 50) List<@NotNull @NotBlank @Size(max = 200) String> units) {
}
