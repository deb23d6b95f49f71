package io.zhenggai.issue.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

import io.zhenggai.issue.ledger.IssueService;
import io.zhenggai.issue.ledger.IssueView;
import io.zhenggai.issue.ledger.LedgerException;
import io.zhenggai.issue.ledger.Roles;
import io.zhenggai.issue.supervision.Reminders;
import io.zhenggai.issue.supervision.UrgeInput;

/** 催办: the office urges an issue's units (its own resource under /api/issues, beside the workflow's). */
@Path("/api/issues")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Supervision", description = "督办: 催办, the inbox of tasks and reminders, webhook deliveries")
public class UrgeResource {

    @Inject
    Reminders reminders;

    @Inject
    IssueService issues;

    @Inject
    Idempotency idempotency;

    @Inject
    CurrentCaller caller;

    @POST
    @Path("/{id}/urge")
    @RolesAllowed(Roles.OFFICE)
    @Operation(summary = "催办: the office urges the issue's units (or some of them) with a message; If-Match is optional",
            description = "Journals zhenggai.issue.urged.v1; the units find it in their inbox and the configured "
                    + "webhooks get it. Roles: office. 409 on a closed issue or one without units.")
    @APIResponse(responseCode = "201", description = "the issue after the urge",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IssueView.class)))
    @APIResponse(responseCode = "404", description = "no such issue")
    public Response urge(@PathParam("id") UUID id, @Valid @NotNull UrgeInput request,
                         @HeaderParam("If-Match") String ifMatch,
                         @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        var who = caller.get();
        return idempotency.issueStep(who.id(), idempotencyKey, "/api/issues/" + id + "/urge", request, 201,
                "/api/issues/" + id, () -> {
                    reminders.urge(id, request, ifMatch, who);
                    return issues.find(who, id).orElseThrow(() -> LedgerException.notFound("Issue", id));
                });
    }
}
