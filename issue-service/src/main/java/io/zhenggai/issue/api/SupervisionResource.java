package io.zhenggai.issue.api;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhenggai.issue.ledger.Roles;
import io.zhenggai.issue.supervision.DeliveryLog;
import io.zhenggai.issue.supervision.Inbox;
import io.zhenggai.issue.supervision.InboxKind;
import io.zhenggai.issue.supervision.InboxSkips;
import io.zhenggai.issue.supervision.InboxView;

/**
 * 督办: the inbox (待办与提醒), the webhook delivery log and the journal entries the inbox follower skipped; 催办 is
 * {@link UrgeResource}.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Supervision", description = "督办: 催办, the inbox of tasks and reminders, webhook deliveries")
public class SupervisionResource {

    @Inject
    Inbox inbox;

    @Inject
    DeliveryLog deliveries;

    @Inject
    InboxSkips skips;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("/inbox")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER})
    @Operation(summary = "待办与提醒: the caller's inbox, newest first, with its unread count",
            description = "A unit: the items of its units (tasks to sign, returned requests, instructions, extension "
                    + "decisions, reminders, urges); the office: its tasks (completions to verify, extension requests "
                    + "to decide); a leader: the items addressed to its name (overdue reminders of the issues it "
                    + "leads). Roles: office, unit, leader.")
    @APIResponse(responseCode = "200", description = "a page of the inbox",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InboxView.Page.class)))
    public InboxView.Page inbox(@QueryParam("unread") Boolean unread,
                                @QueryParam("kind") InboxKind kind,
                                @QueryParam("issue") UUID issue,
                                @QueryParam("open") Boolean open,
                                @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Inbox.MAX_PAGE) int page,
                                @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Inbox.MAX_SIZE) int size) {
        return inbox.list(caller.get(), new Inbox.Filter(unread, kind, issue, open, page, size));
    }

    @POST
    @Path("/inbox/{itemId}/read")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER})
    @Operation(summary = "Mark an item of the caller's inbox read",
            description = "Read for its recipient: a unit's item once for the unit. Roles: office, unit, leader; "
                    + "404 for an item that is not the caller's.")
    @APIResponse(responseCode = "200", description = "the item, read",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InboxView.Item.class)))
    @APIResponse(responseCode = "404", description = "no such item in the caller's inbox")
    public InboxView.Item read(@PathParam("itemId") UUID itemId) {
        return inbox.markRead(caller.get(), itemId);
    }

    @GET
    @Path("/admin/webhook-deliveries")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "The webhook delivery log, newest first, with every attempt",
            description = "Roles: operator.")
    @APIResponse(responseCode = "200", description = "deliveries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DeliveryLog.Delivery.class, type =
                            org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public List<DeliveryLog.Delivery> deliveries(
            @QueryParam("state") @Pattern(regexp = "PENDING|DELIVERED|FAILED") String state,
            @QueryParam("webhook") @Size(max = 200) String webhook,
            @QueryParam("event") UUID event,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(DeliveryLog.MAX_LIMIT) int limit) {
        return deliveries.list(state, webhook, event, limit);
    }

    @GET
    @Path("/admin/inbox-skips")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Journal entries the inbox follower skipped, newest first",
            description = "An entry whose application fails for good (the database refuses its data, SQLSTATE class "
                    + "22 or 23, or its payload cannot be read) is recorded here with its position, event and error, "
                    + "and the follower goes on after it; its inbox items and webhook deliveries were never made. "
                    + "Transient failures are retried and never listed. Roles: operator.")
    @APIResponse(responseCode = "200", description = "skipped entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InboxSkips.Skip.class, type =
                            org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY)))
    public List<InboxSkips.Skip> inboxSkips(
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(InboxSkips.MAX_LIMIT) int limit) {
        return skips.list(limit);
    }
}
