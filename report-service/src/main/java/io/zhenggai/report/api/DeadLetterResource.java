package io.zhenggai.report.api;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhenggai.report.intake.EventApplier;
import io.zhenggai.report.intake.Intake;
import io.zhenggai.report.intake.IntakeLedger;

/**
 * What the intake set aside, for operators: the records it dead-lettered (with why, and what is known of their
 * event) and the events it holds as conflicts, and the decision that releases an aggregate held by a conflict.
 */
@Path("/api/intake")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Intake")
public class DeadLetterResource {

    private static final int MAX_LIMIT = 1000;

    @Inject
    IntakeLedger ledger;

    @Inject
    Intake intake;

    @GET
    @Path("/dead-letters")
    @RolesAllowed({Roles.OPERATOR, Roles.OFFICE, Roles.LEADER, Roles.VIEWER})
    @Operation(summary = "The records the intake sent to rectification-events.dlq, newest first",
            description = "Source partition and offset, what is known of the event (aggregate, sequence, id, type), "
                    + "kind (unreadable, contract, unapplicable, projection-failure), reason and when. blocking: a "
                    + "projection-failure whose aggregate still waits at that sequence (skip it with POST "
                    + "/api/intake/gaps/{aggregateId}/skip).")
    public List<IntakeLedger.DeadLetter> deadLetters(@QueryParam("limit") String limit) {
        return ledger.deadLetters(Params.integer("limit", limit, 1, MAX_LIMIT, 100));
    }

    @GET
    @Path("/conflicts")
    @RolesAllowed({Roles.OPERATOR, Roles.OFFICE, Roles.LEADER, Roles.VIEWER})
    @Operation(summary = "Events at an aggregate sequence already applied (or held) with another event id",
            description = "Open conflicts first, then the newest dismissed ones. An issue-service restored from an "
                    + "older backup numbers new changes again: such an event is kept here, never applied, and its "
                    + "aggregate's later events wait until an operator dismisses the conflict.")
    public List<IntakeLedger.Conflict> conflicts(@QueryParam("limit") String limit) {
        return ledger.conflicts(Params.integer("limit", limit, 1, MAX_LIMIT, 100));
    }

    /** Why an operator keeps what was applied and lets the aggregate go on. */
    public record DismissRequest(@Schema(example = "the restored issue-service was rolled forward; the applied events "
            + "are the right ones") String reason) {
    }

    @POST
    @Path("/conflicts/{aggregateId}/dismiss")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Dismiss an aggregate's conflicts, keeping what was applied: its held events then apply",
            description = "The conflicting events stay recorded with the reason and are never applied. For a "
                    + "divergent history that must replace what was applied, rebuild from the journal instead "
                    + "(POST /api/admin/replays with source journal).")
    @APIResponse(responseCode = "200",
            content = @Content(schema = @Schema(implementation = EventApplier.Dismissal.class)))
    @APIResponse(responseCode = "404", description = "the aggregate has no open conflict",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EventApplier.Dismissal dismiss(@PathParam("aggregateId") String aggregateId, DismissRequest request) {
        UUID id = Params.uuid("aggregateId", aggregateId);
        if (id == null) {
            throw ApiException.invalid("aggregateId", "expected a UUID");
        }
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw ApiException.invalid("reason", "say why the conflicting events are dismissed");
        }
        Optional<EventApplier.Dismissal> dismissal;
        try {
            dismissal = intake.dismissConflicts(id, request.reason().strip());
        } catch (EventApplier.SwitchedMeanwhile e) {
            // a replay switched generations at that very moment: once more, in the new one
            dismissal = intake.dismissConflicts(id, request.reason().strip());
        }
        return dismissal.orElseThrow(() -> ApiException.notFound("aggregateId",
                "aggregate " + id + " has no open conflict"));
    }
}
