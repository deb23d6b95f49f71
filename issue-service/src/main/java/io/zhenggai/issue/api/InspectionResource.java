package io.zhenggai.issue.api;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhenggai.issue.ledger.InspectionRequest;
import io.zhenggai.issue.ledger.InspectionService;
import io.zhenggai.issue.ledger.InspectionView;
import io.zhenggai.issue.ledger.LedgerException;
import io.zhenggai.issue.ledger.Roles;

@Path("/api/inspections")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Inspections", description = "巡察: inspection rounds with their feedback lists and trees")
public class InspectionResource {

    @Inject
    InspectionService inspections;

    @Inject
    CurrentCaller caller;

    @Inject
    Idempotency idempotency;

    @GET
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER})
    @Operation(summary = "All inspections, newest feedback first",
            description = "Roles: office, unit, leader, viewer (the feedback tree is what every unit works from).")
    public List<InspectionView> list() {
        return inspections.list();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER})
    @Operation(summary = "One inspection with its lists and tree",
            description = "Roles: office, unit, leader, viewer.")
    @APIResponse(responseCode = "200", description = "the inspection",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InspectionView.class)))
    @APIResponse(responseCode = "404", description = "no such inspection")
    public Response get(@PathParam("id") UUID id) {
        return inspections.find(id).map(view -> Response.ok(view).tag(String.valueOf(view.sequence())).build())
                .orElseThrow(() -> LedgerException.notFound("Inspection", id));
    }

    @POST
    @RolesAllowed(Roles.OFFICE)
    @Operation(summary = "Record an inspection round with its feedback tree", description = "Roles: office.")
    @APIResponse(responseCode = "201", description = "recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InspectionView.class)))
    public Response create(@Valid @NotNull InspectionRequest request,
                           @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        var who = caller.get();
        return idempotency.run(who.id(), idempotencyKey, "POST", "/api/inspections", request, () -> {
            InspectionView created = inspections.create(request, who);
            return new Idempotency.Answer(201, String.valueOf(created.sequence()),
                    "/api/inspections/" + created.id(), created);
        });
    }
}
