package io.zhenggai.issue.journal;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhenggai.issue.api.DomainException;
import io.zhenggai.issue.api.IssueRequests;
import io.zhenggai.issue.api.Roles;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The journal as CloudEvents, in journal order: for rebuilds when the topic no longer holds everything. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Journal", description = "The event journal (outbox), as CloudEvents")
@SecurityRequirement(name = "jwt")
public class JournalResource {

    @Inject
    Journal journal;

    @Inject
    CloudEvents cloudEvents;

    @GET
    @Path("/journal")
    @RolesAllowed({Roles.OFFICE, Roles.OPERATOR})
    @Operation(summary = "Events after a journal position, in journal order")
    public List<ObjectNode> read(@QueryParam("after") @DefaultValue("0") @Min(0) long after,
                                 @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(5000) int limit) {
        return journal.readAfter(after, limit).stream().map(cloudEvents::toCloudEvent).toList();
    }

    @POST
    @Path("/journal/republish")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OFFICE, Roles.OPERATOR})
    @Operation(summary = "Publish a range of journal positions again (consumers drop what they have already seen)")
    public Map<String, Long> republish(@Valid @NotNull IssueRequests.Republish range) {
        if (range.toPosition() < range.fromPosition()) {
            throw DomainException.invalid("toPosition", "the range ends before it begins");
        }
        return Map.of("marked", (long) journal.markForRepublish(range.fromPosition(), range.toPosition()));
    }
}
