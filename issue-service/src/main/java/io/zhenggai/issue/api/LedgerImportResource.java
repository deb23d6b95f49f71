package io.zhenggai.issue.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhenggai.issue.ledger.LedgerException;
import io.zhenggai.issue.ledger.LedgerImport;
import io.zhenggai.issue.ledger.LedgerImporter;
import io.zhenggai.issue.ledger.Roles;

@Path("/api/imports/ledger")
@Tag(name = "Imports", description = "通报: import published progress bulletins into the ledger, with consistency findings")
public class LedgerImportResource {

    /** The media type of an Excel workbook (.xlsx). */
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    LedgerImporter importer;

    @Inject
    CurrentCaller caller;

    @Inject
    HttpGuards.BodyLimits limits;

    @POST
    @Consumes({XLSX, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OFFICE)
    @Operation(summary = "Import an edited Excel ledger (整改台账, as GET /api/reports/ledger.xlsx of report-service "
            + "exports it): changes only; dryRun=true lists per row what would change and stores nothing",
            description = "The body is the .xlsx file. Row 1 of sheet 整改台账 must be the contract's header row "
                    + "(contract/ledger-workbook.json). Read back: 牵头领导, 牵头单位, 配合单位, 完成时限 (a PATCH, or "
                    + "an assignment again for an assigned issue), 最新进展 with 进展日期 and 状态表述 (a progress "
                    + "report, its figures read from the text), 整改状态 (START, COMPLETE, MAKE_LONG_TERM). Each change "
                    + "journals the event the API would. A row whose issue changed since the export (any event after "
                    + "its 版本 but a reminder or an urge) is refused, never overwritten. A dry run carries out every "
                    + "changing row and rolls it back, so it refuses exactly what applying would. Applying writes all "
                    + "rows in one transaction, or nothing while any row is refused (422, or 409 for a stale row: each "
                    + "error's field names the row and column, 第7行「完成时限」). A file that is no workbook 422, one "
                    + "that unpacks beyond the limits (a zip bomb) 413, more rows than zhenggai.ledger-import.max-rows "
                    + "413, a body over zhenggai.http.max-ledger-body 413, another header row 422. Roles: office.")
    @RequestBody(required = true, content = {
            @Content(mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "200", description = "the rows that change (or, dry run, would) and those refused",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LedgerImport.class)))
    @APIResponse(responseCode = "409", description = "a row's issue changed since the export: nothing imported")
    @APIResponse(responseCode = "413", description = "too large: the file, its unpacked parts, or its rows")
    @APIResponse(responseCode = "415", description = "not sent as an Excel workbook")
    @APIResponse(responseCode = "422", description = "not a workbook, not the ledger's layout, or rows refused: "
            + "nothing imported")
    public LedgerImport importLedger(
            @Parameter(description = "true: list what would change, store nothing") @QueryParam("dryRun")
            @DefaultValue("false") boolean dryRun,
            InputStream body) {
        java.nio.file.Path file = spool(body);
        try {
            return dryRun ? importer.dryRun(file, caller.get()) : importer.apply(file, caller.get());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    /** The body in a temporary file (the workbook is a zip, read by its directory), at most the limit. */
    private java.nio.file.Path spool(InputStream body) {
        long limit = limits.maxLedgerBody().asLongValue();
        java.nio.file.Path file;
        try {
            file = Files.createTempFile("ledger-import-", ".xlsx");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (InputStream in = body; OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > limit) {
                    throw LedgerException.tooLarge("body", "An Excel ledger has at most " + limit + " bytes");
                }
                out.write(buffer, 0, n);
            }
            if (total == 0) {
                throw LedgerException.invalid("not-a-workbook", "Not an Excel workbook", "body",
                        "请求体为空：请上传整改台账（.xlsx）");
            }
            return file;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                file.toFile().deleteOnExit();
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new UncheckedIOException((IOException) e);
        }
    }
}
