package io.zhenggai.report.api;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhenggai.report.projection.ReportQueries;

@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports", description = "整改进展: summaries built from the event log")
public class ReportResource {

    @Inject
    ReportQueries queries;

    @GET
    @Path("/summary")
    @Operation(summary = "The ledger at a glance: inspections and their declared counts")
    public ReportQueries.Summary summary() {
        return queries.summary();
    }

    @GET
    @Path("/inspections")
    @Operation(summary = "Inspections as projected from the event log")
    public List<ReportQueries.InspectionRow> inspections() {
        return queries.inspections();
    }
}
