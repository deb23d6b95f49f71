package io.zhenggai.report.api;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zhenggai.report.store.Generation;
import io.zhenggai.report.replay.Replay;

/** A replay as operators see it: where it stands, how fast it goes, and how it compared with the live generation. */
@Schema(name = "Replay")
public record ReplayView(
        @Schema(example = "3") long id,
        @Schema(description = "the generation it builds", example = "2") int generation,
        @Schema(example = "gen_2") String schema,
        @Schema(example = "TOPIC") Replay.Source source,
        @Schema(example = "RUNNING") Replay.State state,
        boolean autoSwitch,
        String note,
        @Schema(description = "records (topic offsets) or journal positions done", example = "480000") long done,
        @Schema(description = "where the live generation stands in the same terms", example = "1000000") long target,
        @Schema(example = "48.0") double percent,
        @Schema(description = "done per second over the last seconds", example = "21000.5") Double ratePerSecond,
        @Schema(description = "seconds left at that rate", example = "25") Long etaSeconds,
        @Schema(description = "events applied into the new generation") long applied,
        @Schema(description = "records that are no event (the live intake dead-lettered them)") long rejected,
        @Schema(description = "side effects (notifications, webhooks) not repeated") long suppressedSideEffects,
        @Schema(description = "an operator's request the worker has not answered yet") Replay.Action pendingAction,
        @Schema(description = "outcome of the last request: SWITCHED, EQUAL, DIFFERENCES, NOT_CAUGHT_UP, FAILED: …")
        String lastResult,
        @Schema(description = "the last comparison with the live generation: tables, row counts, rows only in one "
                + "of them and samples") JsonNode comparison,
        Instant comparedAt,
        String error,
        Instant startedAt,
        Instant updatedAt,
        Instant caughtUpAt,
        Instant finishedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ReplayView of(Replay r) {
        double percent = r.target() > 0 ? Math.min(100.0, Math.floor(r.done() * 1000.0 / r.target()) / 10.0)
                : r.state() == Replay.State.RUNNING ? 0.0 : 100.0;
        Long eta = r.rate() == null || r.rate() <= 0 || !r.state().isOpen() ? null
                : (long) Math.ceil(Math.max(0, r.target() - r.done()) / r.rate());
        JsonNode comparison;
        try {
            comparison = r.comparison() == null ? null : JSON.readTree(r.comparison());
        } catch (java.io.IOException e) {
            comparison = null;
        }
        return new ReplayView(r.id(), r.generation(), Generation.schemaOf(r.generation()), r.source(), r.state(),
                r.autoSwitch(), r.note(), r.done(), r.target(), percent,
                r.rate() == null ? null : Math.round(r.rate() * 10) / 10.0, eta, r.applied(), r.rejected(),
                r.suppressedEffects(), r.requestedAction(), r.actionResult(), comparison, r.comparedAt(), r.error(),
                r.startedAt(), r.updatedAt(), r.caughtUpAt(), r.finishedAt());
    }

}
