package io.zhenggai.report.api;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhenggai.report.intake.EventApplier;
import io.zhenggai.report.intake.Intake;
import io.zhenggai.report.intake.IntakeLedger;
import io.zhenggai.report.intake.IntakeMetrics;

@Path("/api/intake")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Intake", description = "The consumer of the rectification event log. Its health, DOWN while an "
        + "aggregate waits behind a gap, is at /q/health/group/intake.")
public class IntakeResource {

    @Inject
    Intake intake;

    @Inject
    IntakeLedger ledger;

    @Inject
    IntakeMetrics metrics;

    /** Why an operator gives up the events an aggregate misses. */
    public record SkipRequest(@Schema(example = "sequence 7 was lost upstream; the journal no longer has it")
                              String reason) {
    }

    @POST
    @Path("/gaps/{aggregateId}/skip")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Close a gap by giving up the missing events: the held events are applied in order",
            description = "For events lost upstream, or dead-lettered and beyond repair. The skip is recorded with its "
                    + "reason. Only when the missing events cannot be sent again: a skipped event that arrives later "
                    + "is ignored as already seen.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = EventApplier.Skip.class)))
    @APIResponse(responseCode = "404", description = "the aggregate holds no events",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EventApplier.Skip skip(@PathParam("aggregateId") String aggregateId, SkipRequest request) {
        UUID id = Params.uuid("aggregateId", aggregateId);
        if (id == null) {
            throw ApiException.invalid("aggregateId", "expected a UUID");
        }
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw ApiException.invalid("reason", "say why the missing events are given up");
        }
        Params.text("reason", request.reason(), 2000);
        Optional<EventApplier.Skip> skip;
        try {
            skip = intake.skipGap(id, request.reason().strip());
        } catch (EventApplier.SwitchedMeanwhile e) {
            // a replay switched generations at that very moment: once more, in the new one
            skip = intake.skipGap(id, request.reason().strip());
        }
        return skip.orElseThrow(() -> ApiException.notFound("aggregateId", "aggregate " + id + " holds no events"));
    }

    @GET
    @Path("/status")
    @RolesAllowed({Roles.OPERATOR, Roles.OFFICE, Roles.LEADER, Roles.VIEWER})
    @Operation(summary = "Applied, duplicate, held and dead-lettered events, rate, lag, gaps and the newest applied event")
    public IntakeStatus status() {
        Duration age = metrics.newestAppliedAge();
        IntakeLedger.Standing standing = ledger.standing(intake.topic());
        Map<Integer, Long> offsets = new TreeMap<>();
        standing.offsets().forEach((partition, offset) -> offsets.put(partition.partition(), offset));
        metrics.blocked(standing.blocked().size());
        return new IntakeStatus(intake.isRunning(), (long) metrics.appliedCount(), metrics.appliedPerSecond(),
                (long) metrics.duplicateCount(), (long) metrics.deadLetteredCount(), metrics.deadLetteredByReason(),
                metrics.held(), metrics.lag(), standing.newestAppliedEventTime().orElse(null),
                age == null ? null : age.toSeconds(), standing.gaps(), offsets, intake.lastError(),
                (long) metrics.conflictCount(), standing.blocked());
    }
}
