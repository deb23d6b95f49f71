package io.zhenggai.issue.journal;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The journal as CloudEvents, in journal order: for rebuilds when the topic no longer holds everything. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Journal", description = "The event journal (outbox), as CloudEvents")
public class JournalResource {

    @Inject
    Journal journal;

    @Inject
    CloudEvents cloudEvents;

    @GET
    @Path("/journal")
    @Operation(summary = "Events after a journal position, in journal order")
    public List<ObjectNode> read(@QueryParam("after") @DefaultValue("0") @Min(0) long after,
                                 @QueryParam("limit") @DefaultValue("500") @Min(1) @Max(5000) int limit) {
        return journal.readAfter(after, limit).stream().map(cloudEvents::toCloudEvent).toList();
    }
}
