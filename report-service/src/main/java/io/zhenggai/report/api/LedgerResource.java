package io.zhenggai.report.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhenggai.report.ledger.LedgerExport;
import io.zhenggai.report.ledger.LedgerWorkbook;
import io.zhenggai.report.projection.AsOf;
import io.zhenggai.report.projection.IssueVisibility;
import io.zhenggai.report.projection.ReportCalendar;
import io.zhenggai.report.query.ReportQueries;

@Path("/api/reports")
@Tag(name = "Ledger", description = "整改台账: the ledger and its statistics as Excel workbooks, live or as of a moment")
public class LedgerResource {

    /** The media type of an Excel workbook (.xlsx). */
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    LedgerExport export;

    @Inject
    ReportQueries queries;

    @Inject
    ReportCalendar calendar;

    @Inject
    Caller caller;

    @GET
    @Path("/ledger.xlsx")
    @Produces(XLSX)
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "The ledger (整改台账) as an Excel workbook: one row per issue, and its statistics",
            description = "Sheet 整改台账: one row per issue in bulletin order with its numbering, aspect, category, "
                    + "problem, measures, lead leaders, lead and co-responsible units, deadline (and the original one), "
                    + "status and status words, warning (filled red, yellow, green), latest progress with its date and "
                    + "figures, the workflow's marks (signed, returned, extended, awaiting a decision), the issue's id "
                    + "and version (its sequence, which issue-service's POST /api/imports/ledger checks an edited row "
                    + "against). The header row is frozen and filtered; its columns are the contract file "
                    + "ledger-workbook.json. Sheet 统计: counts by responsible unit and by lead leader. Streamed: any "
                    + "number of issues in a small heap. " + ReportResource.UNIT_SCOPE,
            extensions = @Extension(name = Roles.UNIT_SCOPED, value = "true", parseValue = true))
    @APIResponse(responseCode = "200", description = "the workbook, as an attachment named 整改台账-<date>.xlsx",
            content = @Content(mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such inspection", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "406", description = "Accept does not take a workbook", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response ledger(
            @Parameter(description = "only this inspection (巡察); every inspection when left out")
            @QueryParam("inspectionId") String inspectionId,
            @Parameter(description = ReportResource.AS_OF, example = "2023-05-10") @QueryParam("asOf") String asOf,
            @Parameter(description = ReportResource.BASIS, example = "effective") @QueryParam("basis") String basis) {
        UUID inspection = inspection(inspectionId);
        AsOf moment = Params.asOf(asOf, basis, calendar.zone());
        IssueVisibility visible = caller.visibility();
        String date = (moment == null ? calendar.today() : moment.day()).toString();
        return download(export.ledger(inspection, moment, visible), "整改台账-" + date + ".xlsx",
                "ledger-" + date + ".xlsx");
    }

    @GET
    @Path("/statistics.xlsx")
    @Produces(XLSX)
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "The statistics (整改统计) as an Excel workbook: the breakdowns by aspect, unit and leader",
            description = "One sheet per breakdown (按方面, 按责任单位, 按牵头领导), titled with the date it is as of; "
                    + "per group the issues by status, the completion rate (a percentage), overdue, red and yellow "
                    + "warnings, unsigned, returned and extended, as GET /api/reports/breakdown counts them.")
    @APIResponse(responseCode = "200", description = "the workbook, as an attachment named 整改统计-<date>.xlsx",
            content = @Content(mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such inspection", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "406", description = "Accept does not take a workbook", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response statistics(
            @Parameter(description = "only this inspection (巡察); every inspection when left out")
            @QueryParam("inspectionId") String inspectionId,
            @Parameter(description = ReportResource.AS_OF, example = "2023-05-10") @QueryParam("asOf") String asOf,
            @Parameter(description = ReportResource.BASIS, example = "effective") @QueryParam("basis") String basis) {
        UUID inspection = inspection(inspectionId);
        AsOf moment = Params.asOf(asOf, basis, calendar.zone());
        String date = (moment == null ? calendar.today() : moment.day()).toString();
        return download(export.statistics(inspection, moment), "整改统计-" + date + ".xlsx",
                "statistics-" + date + ".xlsx");
    }

    private UUID inspection(String inspectionId) {
        UUID inspection = Params.uuid("inspectionId", inspectionId);
        if (inspection != null && !queries.inspectionExists(inspection)) {
            throw ApiException.notFound("inspectionId", "no inspection " + inspection);
        }
        return inspection;
    }

    /** The workbook written to the response as it streams out, its temporary files deleted after. */
    private static Response download(LedgerWorkbook workbook, String name, String asciiName) {
        StreamingOutput body = out -> {
            try (workbook) {
                workbook.write(out);
            }
        };
        return Response.ok(body, XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.of("attachment", name, asciiName))
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
