package io.zhenggai.issue.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhenggai.issue.evidence.EvidenceService;
import io.zhenggai.issue.evidence.EvidenceView;
import io.zhenggai.issue.evidence.FileNames;
import io.zhenggai.issue.evidence.FileType;
import io.zhenggai.issue.ledger.Caller;
import io.zhenggai.issue.ledger.LedgerException;
import io.zhenggai.issue.ledger.Roles;

/**
 * Evidence (佐证材料) of an issue: upload as a raw body, list, download. Who may upload is who may report the issue's
 * progress (office; a unit on its own issues); who may read the issue may read its evidence; any other caller is
 * told the issue does not exist.
 */
@Path("/api/issues/{id}/evidence")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evidence", description = "佐证材料: files that back up an issue's progress, completion and closing")
public class EvidenceResource {

    @Inject
    EvidenceService evidence;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.OFFICE, Roles.UNIT})
    @Operation(summary = "Upload a file as the raw body: Content-Type is its media type, its name in "
            + "Content-Disposition (filename*=UTF-8''…) or ?name=",
            description = "Streamed: never held whole in memory. Refused: a type not accepted (415), bytes that are "
                    + "not of the declared type (422, nothing stored), a file over zhenggai.evidence.max-size (413: "
                    + "before it is read when Content-Length says so, else when the count passes it), an empty "
                    + "file (422). Journals zhenggai.issue.evidence-added.v1 and moves the issue's ETag on. Roles: "
                    + "office; a unit for the issues of its units (404 for any other).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "201", description = "stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EvidenceView.class)))
    @APIResponse(responseCode = "404", description = "no such issue, or not one of the calling unit's")
    @APIResponse(responseCode = "413", description = "larger than zhenggai.evidence.max-size")
    @APIResponse(responseCode = "415", description = "a media type not in zhenggai.evidence.allowed-types")
    @APIResponse(responseCode = "422", description = "the bytes are not of the declared type, the file is empty or "
            + "its name is unusable")
    public Response upload(@PathParam("id") UUID id,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam("Content-Disposition") String disposition,
                           @Parameter(description = "the file's name, when Content-Disposition does not give it")
                           @QueryParam("name") String name,
                           InputStream body) {
        Caller who = caller.get();
        Tracked tracked = new Tracked(body);
        try {
            // everything that can be refused without the body is refused before a byte of it is read
            evidence.checkUpload(who, id);
            String fileName = fileName(disposition, name);
            evidence.acceptedType(contentType, HttpHeaders.CONTENT_TYPE);
            EvidenceView added = evidence.upload(who, id, fileName, contentType, tracked);
            return Response.created(URI.create("/api/issues/" + id + "/evidence/" + added.id())).entity(added).build();
        } catch (LedgerException refused) {
            Response problem = ProblemMapper.response(refused);
            // what is left of the body is not read: end the connection rather than leave it to the next request
            return tracked.ended ? problem : Response.fromResponse(problem).header("Connection", "close").build();
        }
    }

    @GET
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER})
    @Operation(summary = "The issue's evidence, in the order it was added",
            description = "Roles: office, leader, viewer; a unit for the issues of its units (404 for any other).")
    @APIResponse(responseCode = "200", description = "its evidence")
    @APIResponse(responseCode = "404", description = "no such issue, or not one of the calling unit's")
    public List<EvidenceView> list(@PathParam("id") UUID id) {
        return evidence.list(caller.get(), id);
    }

    @GET
    @Path("/{evidenceId}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER})
    @Operation(summary = "The file, byte for byte, as an attachment of its stored type; the ETag is its SHA-256",
            description = "Content-Disposition: attachment with the name as filename* (UTF-8) and an ASCII "
                    + "filename; X-Content-Type-Options: nosniff. If-None-Match with the ETag answers 304. Roles: "
                    + "office, leader, viewer; a unit for the issues of its units (404 for any other).")
    @APIResponse(responseCode = "200", description = "the file",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", description = "not modified: the client's copy has this hash")
    @APIResponse(responseCode = "404", description = "no such issue or evidence, or not one of the calling unit's")
    public Response download(@PathParam("id") UUID id, @PathParam("evidenceId") UUID evidenceId,
                             @Context Request request) {
        EvidenceView found = evidence.find(caller.get(), id, evidenceId)
                .orElseThrow(() -> LedgerException.notFound("Evidence", evidenceId));
        EntityTag tag = new EntityTag(found.sha256());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.tag(tag).build();
        }
        StreamingOutput bytes = output -> {
            try (InputStream in = evidence.open(found)) {
                in.transferTo(output);
            }
        };
        String extension = FileType.of(found.mediaType()).map(FileType::extension).orElse("bin");
        return Response.ok(bytes, found.mediaType())
                .tag(tag)
                .header(HttpHeaders.CONTENT_LENGTH, found.size())
                .header("Content-Disposition", ContentDisposition.attachment(found.name(), extension))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .build();
    }

    /** The name from Content-Disposition or from ?name= (one of them), refused naming the one it came from. */
    private static String fileName(String disposition, String name) {
        String fromHeader;
        try {
            fromHeader = ContentDisposition.fileName(disposition).orElse(null);
        } catch (ContentDisposition.Unreadable e) {
            throw LedgerException.invalid("invalid-file-name", "Invalid file name", "Content-Disposition",
                    e.getMessage());
        }
        if (fromHeader != null && name != null) {
            throw LedgerException.invalid("invalid-file-name", "Invalid file name", "name",
                    "Give the file name once: in Content-Disposition or as ?name=, not both");
        }
        String field = fromHeader != null ? "Content-Disposition" : "name";
        String chosen = fromHeader != null ? fromHeader : name;
        FileNames.problem(chosen).ifPresent(problem -> {
            throw LedgerException.invalid("invalid-file-name", "Invalid file name", field, problem);
        });
        return chosen;
    }

    /** The body, noting whether it was read to its end. */
    private static final class Tracked extends FilterInputStream {

        boolean ended;

        Tracked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            ended |= n < 0;
            return n;
        }
    }
}
