package io.zhenggai.issue.api;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.zhenggai.issue.journal.CloudEvents;
import io.zhenggai.issue.ledger.AwaitingDecision;
import io.zhenggai.issue.ledger.IssueQuery;
import io.zhenggai.issue.ledger.IssueRequests;
import io.zhenggai.issue.ledger.IssueService;
import io.zhenggai.issue.ledger.IssueStatus;
import io.zhenggai.issue.ledger.IssueView;
import io.zhenggai.issue.ledger.LedgerException;
import io.zhenggai.issue.ledger.Roles;
import io.zhenggai.issue.ledger.WarningLevel;

/**
 * Issues. Who may call each operation is its {@code @RolesAllowed} (and the API description's security
 * requirement); on which issues is the ledger's {@code Access}: a unit sees and acts on the issues of its units only,
 * any other answers 404.
 */
@Path("/api/issues")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Issues", description = "问题: rectification items, their progress, workflow and responsibility")
public class IssueResource {

    @Inject
    IssueService issues;

    @Inject
    Idempotency idempotency;

    @Inject
    CurrentCaller caller;

    @Inject
    CloudEvents cloudEvents;

    @GET
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER})
    @Operation(summary = "Issues, filtered and paged, in a stable order",
            description = "Roles: office, leader and viewer see every issue; a unit only those of its units. "
                    + "assignment=UNSIGNED lists assignments not yet signed for (待签收), awaitingMySignature=true those "
                    + "whose lead unit is one of the caller's units, awaitingDecision what waits for the office.")
    public IssueView.Page search(@QueryParam("inspection") UUID inspection,
                                 @QueryParam("list") String list,
                                 @Parameter(description = "aspect path, e.g. 一") @QueryParam("aspect") String aspect,
                                 @Parameter(description = "category path, e.g. 一/1") @QueryParam("category") String category,
                                 @QueryParam("status") Set<IssueStatus> statuses,
                                 @QueryParam("unit") String unit,
                                 @QueryParam("leader") String leader,
                                 @QueryParam("tag") String tag,
                                 @QueryParam("warning") Set<WarningLevel> warnings,
                                 @QueryParam("sort") @DefaultValue("ORDINAL") IssueQuery.Sort sort,
                                 @QueryParam("page") @DefaultValue("0") @Min(0) @Max(IssueQuery.MAX_PAGE) int page,
                                 @QueryParam("size") @DefaultValue("50") @Min(1) @Max(IssueQuery.MAX_SIZE) int size,
                                 @Parameter(description = "NONE (never assigned), UNSIGNED (交办, 待签收), SIGNED")
                                 @QueryParam("assignment") IssueQuery.AssignmentFilter assignment,
                                 @Parameter(description = "assigned to one of the caller's units and not signed for")
                                 @QueryParam("awaitingMySignature") @DefaultValue("false") boolean awaitingMySignature,
                                 @QueryParam("awaitingDecision") AwaitingDecision awaitingDecision) {
        return issues.search(caller.get(), new IssueQuery(inspection, list, aspect, category, statuses, unit, leader,
                tag, warnings, sort, page, size, assignment, awaitingMySignature, awaitingDecision));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER})
    @Operation(summary = "One issue with its measures and progress reports; the ETag is its sequence",
            description = "Roles: office, leader, viewer; a unit for the issues of its units (404 for any other).")
    @APIResponse(responseCode = "200", description = "the issue",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IssueView.class)))
    @APIResponse(responseCode = "404", description = "no such issue, or not one of the calling unit's")
    public Response get(@PathParam("id") UUID id) {
        IssueView view = issues.find(caller.get(), id).orElseThrow(() -> LedgerException.notFound("Issue", id));
        return Response.ok(view).tag(String.valueOf(view.sequence())).build();
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER})
    @Operation(summary = "The issue's events, in sequence order, as CloudEvents",
            description = "Roles: office, leader, viewer; a unit for the issues of its units (404 for any other).")
    @APIResponse(responseCode = "200", description = "its events as CloudEvents")
    @APIResponse(responseCode = "404", description = "no such issue, or not one of the calling unit's")
    public List<ObjectNode> history(@PathParam("id") UUID id) {
        return issues.history(caller.get(), id).stream().map(cloudEvents::toCloudEvent).toList();
    }

    @POST
    @RolesAllowed(Roles.OFFICE)
    @Operation(summary = "Record an issue under a category of an inspection's feedback tree",
            description = "Roles: office.")
    @APIResponse(responseCode = "201", description = "recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IssueView.class)))
    public Response create(@Valid @NotNull IssueRequests.Create request,
                           @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        var who = caller.get();
        return idempotency.run(who.id(), idempotencyKey, "POST", "/api/issues", request, () -> {
            IssueView created = issues.create(request, who);
            return new Idempotency.Answer(201, String.valueOf(created.sequence()), "/api/issues/" + created.id(),
                    created);
        });
    }

    @POST
    @Path("/{id}/progress")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT})
    @Operation(summary = "Report progress with figures; the first report starts the issue. If-Match is optional",
            description = "Answers with the issue and only the measures and report this request added; GET the issue "
                    + "for all of them. Roles: office; a unit for the issues of its units (404 for any other).")
    @APIResponse(responseCode = "201", description = "recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IssueView.class)))
    @APIResponse(responseCode = "404", description = "no such issue, or not one of the calling unit's")
    public Response progress(@PathParam("id") UUID id, @Valid @NotNull IssueRequests.Progress request,
                             @HeaderParam("If-Match") String ifMatch,
                             @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        var who = caller.get();
        return idempotency.issueStep(who.id(), idempotencyKey, "/api/issues/" + id + "/progress", request, 201, null,
                () -> issues.reportProgressAlone(id, request, ifMatch, who));
    }

    @POST
    @Path("/{id}/transitions")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT})
    @Operation(summary = "A workflow step (START, COMPLETE, CLOSE, RETURN, MAKE_LONG_TERM, RESUME, REOPEN); needs If-Match",
            description = "COMPLETE is 申请销号 (needs a note), CLOSE 销号 (a verification note and evidence), RETURN 退回 "
                    + "(a reason). Roles: office, every step; a unit START on the issues of its units (404 for any "
                    + "other) and, as the lead unit once it signed for an assignment, COMPLETE; never CLOSE. Whoever "
                    + "reported the completion cannot CLOSE it (403).")
    @APIResponse(responseCode = "200", description = "the issue after the step",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IssueView.class)))
    @APIResponse(responseCode = "404", description = "no such issue, or not one of the calling unit's")
    public Response transition(@PathParam("id") UUID id, @Valid @NotNull IssueRequests.TransitionInput request,
                               @HeaderParam("If-Match") String ifMatch,
                               @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        var who = caller.get();
        return idempotency.issueStep(who.id(), idempotencyKey, "/api/issues/" + id + "/transitions", request, 200,
                null, () -> issues.transition(id, request, ifMatch, who));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.OFFICE)
    @Operation(summary = "Change responsibility, deadline or tags; needs If-Match, and a reason for a deadline change once started",
            description = "Roles: office.")
    @APIResponse(responseCode = "200", description = "the issue after the change",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IssueView.class)))
    @APIResponse(responseCode = "404", description = "no such issue")
    public Response update(@PathParam("id") UUID id, @Valid @NotNull IssueRequests.Patch request,
                           @HeaderParam("If-Match") String ifMatch) {
        IssueView updated = issues.update(id, request, ifMatch, caller.get());
        return Response.ok(updated).tag(String.valueOf(updated.sequence())).build();
    }
}
