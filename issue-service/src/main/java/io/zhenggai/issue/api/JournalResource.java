package io.zhenggai.issue.api;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.zhenggai.issue.journal.CloudEvents;
import io.zhenggai.issue.journal.Journal;
import io.zhenggai.issue.ledger.LedgerException;
import io.zhenggai.issue.ledger.Roles;

/** The journal as CloudEvents, in journal order: for rebuilds when the topic no longer holds everything. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Journal", description = "The event journal (outbox), as CloudEvents")
public class JournalResource {

    @Inject
    Journal journal;

    @Inject
    CloudEvents cloudEvents;

    @Schema(description = "Journal positions to publish again (operators); consumers drop what they have seen")
    public record Republish(@NotNull @Min(1) Long fromPosition, @NotNull @Min(1) Long toPosition) {
    }

    @GET
    @Path("/journal")
    @RolesAllowed({Roles.OFFICE, Roles.OPERATOR, Roles.JOURNAL_READER})
    @Operation(summary = "Events after a journal position, in journal order",
            description = "Roles: office, operator, journal-reader (report-service rebuilding its projections).")
    public List<ObjectNode> read(@QueryParam("after") @DefaultValue("0") @Min(0) long after,
                                 @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(5000) int limit) {
        return journal.readAfter(after, limit).stream().map(cloudEvents::toCloudEvent).toList();
    }

    @POST
    @Path("/journal/republish")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Publish a range of journal positions again (consumers drop what they have already seen)",
            description = "Roles: operator.")
    public Map<String, Long> republish(@Valid @NotNull Republish range) {
        if (range.toPosition() < range.fromPosition()) {
            throw LedgerException.invalid("toPosition", "the range ends before it begins");
        }
        return Map.of("marked", (long) journal.markForRepublish(range.fromPosition(), range.toPosition()));
    }
}
