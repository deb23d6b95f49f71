package io.zhenggai.issue.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhenggai.issue.ledger.BulletinImporter;
import io.zhenggai.issue.ledger.ImportReport;
import io.zhenggai.issue.ledger.LedgerException;
import io.zhenggai.issue.ledger.Roles;

@Path("/api/imports/bulletins")
@Tag(name = "Imports", description = "通报: import published progress bulletins into the ledger, with consistency findings")
public class ImportResource {

    /** A bulletin is a document, not a book: beyond this it is refused before parsing. */
    static final int MAX_CHARACTERS = 2_000_000;

    @Inject
    BulletinImporter importer;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OFFICE)
    @Operation(summary = "Import a bulletin (plain UTF-8 text); dryRun=true parses and checks without writing",
            description = "Roles: office.")
    @RequestBody(description = "the plain text of a 整改进展情况通报")
    @APIResponse(responseCode = "200", description = "a dry run, or a bulletin imported before (UNCHANGED)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "201", description = "imported",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportReport.class)))
    @APIResponse(responseCode = "422", description = "not a bulletin, or a bulletin in a shape the importer does not "
            + "read (dry run too): a problem whose detail says, in Chinese and English, what was found and what was "
            + "missing, with the members found and missing ([{part, message, messageEn}]) and read (title, "
            + "issuingUnit, inspection, declared, reportDate, readings); nothing is stored",
            content = @Content(mediaType = "application/problem+json"))
    public Response importBulletin(String text, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun) {
        if (text == null || text.isBlank()) {
            throw LedgerException.invalid("body", "the body is empty: send the bulletin's plain text");
        }
        if (text.length() > MAX_CHARACTERS) {
            throw LedgerException.tooLarge("body", "A bulletin has at most " + MAX_CHARACTERS + " characters");
        }
        if (dryRun) {
            return Response.ok(importer.dryRun(text, caller.get())).build();
        }
        ImportReport report = importer.importBulletin(text, caller.get());
        int status = "IMPORTED".equals(report.outcome()) ? 201 : 200;
        return Response.status(status).entity(report)
                .header("Location", report.inspectionId() == null ? null : "/api/inspections/" + report.inspectionId())
                .build();
    }
}
