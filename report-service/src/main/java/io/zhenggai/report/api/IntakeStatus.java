package io.zhenggai.report.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.zhenggai.report.intake.IntakeLedger;

/**
 * How the intake stands: what it applied and how fast, what waits behind gaps, what it dead-lettered and why, which
 * aggregates wait for an operator (dead-lettered or in conflict), how far behind it is, and where it stands in each
 * partition. Counters count since this process started.
 */
@Schema(name = "IntakeStatus")
public record IntakeStatus(
        @Schema(example = "true") boolean running,
        @Schema(description = "events applied since start", example = "1520") long applied,
        @Schema(description = "over the last minute", example = "12.5") double appliedPerSecond,
        @Schema(description = "redelivered events ignored since start", example = "3") long duplicates,
        @Schema(description = "records sent to rectification-events.dlq since start", example = "1") long deadLettered,
        @Schema(example = "{\"unreadable\": 1, \"contract\": 0, \"unapplicable\": 0}")
        Map<String, Long> deadLetteredByReason,
        @Schema(description = "events waiting behind gaps", example = "0") long heldEvents,
        @Schema(description = "records not yet consumed, over the assigned partitions", example = "0") long lag,
        Instant newestAppliedEventTime,
        @Schema(description = "seconds since the newest applied event was recorded; null before any")
        Long newestAppliedAgeSeconds,
        List<IntakeLedger.Gap> gaps,
        @Schema(description = "partition → next offset, as stored with the projections")
        Map<Integer, Long> offsets,
        String lastError,
        @Schema(description = "events at an applied (or held) sequence with another event id, since start", example = "0")
        long conflicts,
        @Schema(description = "aggregates waiting for an operator: behind an event dead-lettered because a projection "
                + "failed on it (skip it: POST /api/intake/gaps/{aggregateId}/skip), or behind a conflict (dismiss "
                + "it: POST /api/intake/conflicts/{aggregateId}/dismiss)")
        List<IntakeLedger.Blocked> blocked) {
}
