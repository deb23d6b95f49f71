package io.zhenggai.issue.api;

import java.util.List;
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

import io.zhenggai.issue.ledger.AssignmentBatch;
import io.zhenggai.issue.ledger.IssueRequests;
import io.zhenggai.issue.ledger.IssueService;
import io.zhenggai.issue.ledger.IssueView;
import io.zhenggai.issue.ledger.ProgressFigures;
import io.zhenggai.issue.ledger.Roles;
import io.zhenggai.issue.ledger.WorkflowRequests;
import io.zhenggai.issue.ledger.WorkflowService;

/**
 * The units' side of rectification (督查督办): 交办 → 签收 → 办理/报告 → 申请销号 → 审核 → 销号, 延期申请, 领导批示 and
 * corrections. 申请销号 (COMPLETE), 销号 (CLOSE) and 退回 (RETURN) are steps of {@code POST /api/issues/{id}/transitions}.
 * Who may call each operation is its {@code @RolesAllowed}; on which issues is the ledger's {@code Access}; every
 * step of an issue is one event of its journal.
 */
@Path("/api/issues")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Workflow", description = "交办, 签收, 延期, 批示, 更正: the units' side of rectification")
public class WorkflowResource {

    @Inject
    AssignmentBatch assignments;

    @Inject
    WorkflowService workflow;

    @Inject
    IssueService issues;

    @Inject
    Idempotency idempotency;

    @Inject
    CurrentCaller caller;

    /** The outcome of each item of an assignment request, in the order given. */
    public record AssignmentResults(int assigned, int refused, List<AssignmentResult> items) {
    }

    /**
     * One item: {@code status} is what the same change alone would have answered (200, or the refusal's 4xx), with
     * the issue after it and its ETag, or the problem.
     */
    public record AssignmentResult(UUID issueId, int status, String etag, IssueView issue, Problem problem) {
    }

    @POST
    @Path("/assignments")
    @RolesAllowed(Roles.OFFICE)
    @Operation(summary = "交办: assign many issues at once (lead unit, co-responsible units, lead leaders, deadline, "
            + "measure deadlines); each item carries its own ifMatch",
            description = "Each item is applied wholly or not at all, on its own: the answer says per item what "
                    + "happened (200, or 412 for a stale ifMatch, 428 without one, 404, 409, 422, each with a problem); "
                    + "the other items are applied. Assigning again resets the signature. Roles: office.")
    @APIResponse(responseCode = "200", description = "every item's outcome",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AssignmentResults.class)))
    public Response assign(@Valid @NotNull WorkflowRequests.Assignments request,
                           @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        var who = caller.get();
        return idempotency.run(who.id(), idempotencyKey, "POST", "/api/issues/assignments", request, () -> {
            List<AssignmentResult> items = assignments.assignAll(request, who).stream().map(outcome ->
                    outcome.refusal() == null
                            ? new AssignmentResult(outcome.issueId(), 200, String.valueOf(outcome.issue().sequence()),
                            outcome.issue(), null)
                            : new AssignmentResult(outcome.issueId(), ProblemMapper.status(outcome.refusal().kind()),
                            null, null, ProblemMapper.problem(outcome.refusal()))).toList();
            int assigned = (int) items.stream().filter(i -> i.problem() == null).count();
            return new Idempotency.Answer(200, null, null, new AssignmentResults(assigned, items.size() - assigned,
                    items));
        });
    }

    @POST
    @Path("/{id}/signature")
    @RolesAllowed(Roles.UNIT)
    @Operation(summary = "签收: the lead unit signs for its assignment; needs If-Match",
            description = "Roles: unit, of the issue's lead unit (403 for a co-responsible unit, 404 for any other). "
                    + "409 when the issue is not assigned or is signed for already.")
    @APIResponse(responseCode = "200", description = "the issue after signing",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IssueView.class)))
    @APIResponse(responseCode = "404", description = "no such issue, or not one of the calling unit's")
    public Response sign(@PathParam("id") UUID id, @Valid WorkflowRequests.Signature request,
                         @HeaderParam("If-Match") String ifMatch,
                         @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        var who = caller.get();
        return idempotency.issueStep(who.id(), idempotencyKey, "/api/issues/" + id + "/signature", request, 200, null,
                () -> workflow.sign(id, request, ifMatch, who));
    }

    @POST
    @Path("/{id}/progress/preview")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT})
    @Operation(summary = "What a progress report would record: the readings its text's figures yield (or the given "
            + "ones) and the consistency warnings; nothing is stored",
            description = "The same body as POST /api/issues/{id}/progress. Roles: office; a unit for the issues of its "
                    + "units (404 for any other).")
    @APIResponse(responseCode = "200", description = "readings, their source and the warnings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProgressFigures.Found.class)))
    @APIResponse(responseCode = "404", description = "no such issue, or not one of the calling unit's")
    public ProgressFigures.Found preview(@PathParam("id") UUID id, @Valid @NotNull IssueRequests.Progress request) {
        return issues.previewProgress(id, request, caller.get());
    }

    @POST
    @Path("/{id}/extensions")
    @RolesAllowed(Roles.UNIT)
    @Operation(summary = "延期申请: the lead unit asks for a later deadline with a reason; needs If-Match",
            description = "One pending request per issue (and none while completion is requested). Roles: unit, of "
                    + "the issue's lead unit (403 for a co-responsible unit, 404 for any other).")
    @APIResponse(responseCode = "201", description = "the issue, awaiting the decision, with the request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IssueView.class)))
    @APIResponse(responseCode = "404", description = "no such issue, or not one of the calling unit's")
    public Response requestExtension(@PathParam("id") UUID id, @Valid @NotNull WorkflowRequests.ExtensionInput request,
                                     @HeaderParam("If-Match") String ifMatch,
                                     @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        var who = caller.get();
        return idempotency.issueStep(who.id(), idempotencyKey, "/api/issues/" + id + "/extensions", request, 201,
                "/api/issues/" + id, () -> workflow.requestExtension(id, request, ifMatch, who));
    }

    @POST
    @Path("/{id}/extensions/{extensionId}/decision")
    @RolesAllowed(Roles.OFFICE)
    @Operation(summary = "Approve (the deadline moves; the original stays) or reject (with a note) an extension "
            + "request; needs If-Match", description = "Roles: office.")
    @APIResponse(responseCode = "200", description = "the issue after the decision, with the request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IssueView.class)))
    @APIResponse(responseCode = "404", description = "no such issue or extension request")
    public Response decideExtension(@PathParam("id") UUID id, @PathParam("extensionId") UUID extensionId,
                                    @Valid @NotNull WorkflowRequests.ExtensionDecisionInput request,
                                    @HeaderParam("If-Match") String ifMatch,
                                    @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        var who = caller.get();
        return idempotency.issueStep(who.id(), idempotencyKey,
                "/api/issues/" + id + "/extensions/" + extensionId + "/decision", request, 200, null,
                () -> workflow.decideExtension(id, extensionId, request, ifMatch, who));
    }

    @POST
    @Path("/{id}/instructions")
    @RolesAllowed(Roles.LEADER)
    @Operation(summary = "领导批示: a lead leader adds an instruction to an issue it leads; If-Match is optional",
            description = "Roles: leader, whose name is among the issue's lead leaders (403 for any other leader).")
    @APIResponse(responseCode = "201", description = "the issue with the instruction",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IssueView.class)))
    @APIResponse(responseCode = "404", description = "no such issue")
    public Response addInstruction(@PathParam("id") UUID id,
                                   @Valid @NotNull WorkflowRequests.InstructionInput request,
                                   @HeaderParam("If-Match") String ifMatch,
                                   @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        var who = caller.get();
        return idempotency.issueStep(who.id(), idempotencyKey, "/api/issues/" + id + "/instructions", request, 201,
                "/api/issues/" + id, () -> workflow.addInstruction(id, request, ifMatch, who));
    }

    @POST
    @Path("/{id}/progress/{reportId}/corrections")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT})
    @Operation(summary = "更正/撤回: correct (a replacement with the same as-of date) or withdraw a progress report, with "
            + "a reason; needs If-Match",
            description = "A new event, not an edit: the history keeps both. Roles: office at any time; a unit, for a "
                    + "report made for it, within zhenggai.workflow.correction-window after it was recorded (403 "
                    + "after; 404 on another unit's issue).")
    @APIResponse(responseCode = "200", description = "the issue with the replacement (or the withdrawn report)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IssueView.class)))
    @APIResponse(responseCode = "404", description = "no such issue or report, or not one of the calling unit's")
    public Response correct(@PathParam("id") UUID id, @PathParam("reportId") UUID reportId,
                            @Valid @NotNull WorkflowRequests.CorrectionInput request,
                            @HeaderParam("If-Match") String ifMatch,
                            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        var who = caller.get();
        return idempotency.issueStep(who.id(), idempotencyKey,
                "/api/issues/" + id + "/progress/" + reportId + "/corrections", request, 200, null,
                () -> workflow.correct(id, reportId, request, ifMatch, who));
    }
}
