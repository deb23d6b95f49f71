package io.zhenggai.report.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhenggai.report.bulletin.BulletinFormat;
import io.zhenggai.report.bulletin.BulletinService;
import io.zhenggai.report.bulletin.NextStepsStore;
import io.zhenggai.report.projection.AsOf;
import io.zhenggai.report.projection.ReportCalendar;

/**
 * The progress bulletin (整改进展情况通报) of an inspection, generated from the projections as of a moment, in
 * Markdown, HTML or Word; and the office's text for its 下一步工作.
 * <p>
 * Who may read it: the office, leaders, viewers and operators. A unit may not: the bulletin is the office's
 * publication and prints every issue's reports, while a unit reads the totals and its own issues only (its drills and
 * lists are cut to its units); it gets the bulletin once the office publishes it.
 */
@Path("/api/bulletins")
@Tag(name = "Bulletins", description = "通报: the progress bulletin generated from the projections as of a date, in "
        + "Markdown (importable again), HTML and Word (GB/T 9704 layout); the office's 下一步工作 text per inspection. "
        + "Every rate printed in an issue's text comes with the consistency findings issue-service's checks made on "
        + "it; a bulletin with a finding lists them in an appendix for the office (数据核对情况) and names their number "
        + "in the Zhenggai-Findings header.")
public class BulletinResource {

    static final String MARKDOWN = "text/markdown";
    static final String HTML = "text/html";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String FINDINGS = "Zhenggai-Findings";
    /** The office's text is a few paragraphs; beyond this it is refused. */
    static final int MAX_NEXT_STEPS = 20_000;

    @Inject
    BulletinService bulletins;

    @Inject
    NextStepsStore nextSteps;

    @Inject
    ReportCalendar calendar;

    @Inject
    Caller caller;

    @GET
    @Path("/{inspectionId}")
    @Produces({MARKDOWN, HTML, DOCX})
    @RolesAllowed({Roles.OFFICE, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "The progress bulletin (通报) of an inspection as of a date: Markdown, HTML or Word",
            description = "format = md (the default), html or docx; without format the Accept header chooses. The "
                    + "bulletin has the seed's shape: title and introduction; 一、整改工作基本情况 with the declared "
                    + "totals, the counts by status, the completion rate and the key indicators (预计 for a forecast, "
                    + "余 for at least); 二、…整改落实进展情况 with every aspect, category and issue in its published "
                    + "numbering and each issue's latest progress report with its status words; 三、下一步工作 (the "
                    + "office's text, GET/PUT …/next-steps); the attachments (附件) with their trees. Every figure is "
                    + "read as of the date asked; a fact reported twice counts once. Word follows GB/T 9704 (A4, "
                    + "margins 37/35/28/26 mm, 2号 小标宋 title, 3号 仿宋 body, 黑体 and 楷体 headings, fixed 28.95 pt "
                    + "lines, page numbers — 1 — in 4号). Content-Disposition names the file in Chinese (filename*, RFC "
                    + "5987) with an ASCII fallback. Roles: office, leader, viewer, operator; a unit may not (the "
                    + "bulletin is the office's publication and prints every issue).")
    @APIResponse(responseCode = "200", description = "the bulletin",
            headers = {@Header(name = "Content-Disposition", description = "inline (md, html) or attachment (docx), "
                    + "with filename and filename*"),
                    @Header(name = FINDINGS, description = "how many findings the appendix for the office lists")},
            content = {@Content(mediaType = MARKDOWN, schema = @Schema(type = org.eclipse.microprofile.openapi
                    .annotations.enums.SchemaType.STRING), examples = @ExampleObject(name = "seed", value = """
                    中共东营市委经济技术开发区工作委员会关于市委第五巡察组反馈意见集中整改进展情况的通报
                    ====================

                    2022年6月22日至2022年9月30日，市委第五巡察组对东营经济技术开发区党工委先后开展了黄河流域生态保护和高质量发展专项巡察，…

                    一、整改工作基本情况
                    …""")),
                    @Content(mediaType = HTML, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations
                            .enums.SchemaType.STRING)),
                    @Content(mediaType = DOCX, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations
                            .enums.SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "400", description = "a malformed inspection id, asOf, basis or format",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "no such inspection (as of the date asked)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "406", description = "the Accept header takes none of the formats, or not the one "
            + "asked for", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Response bulletin(
            @Parameter(description = "the inspection (巡察)") @PathParam("inspectionId") String inspectionId,
            @Parameter(description = ReportResource.AS_OF, example = "2023-05-10") @QueryParam("asOf") String asOf,
            @Parameter(description = ReportResource.BASIS, example = "effective") @QueryParam("basis") String basis,
            @Parameter(description = "md, html or docx; when left out the Accept header chooses (md for */*)",
                    example = "docx") @QueryParam("format") String format,
            @Context HttpHeaders headers) {
        UUID inspection = inspection(inspectionId);
        AsOf moment = Params.asOf(asOf, basis, calendar.zone());
        BulletinFormat chosen = format(format, headers.getAcceptableMediaTypes());
        BulletinService.Document document = bulletins.document(inspection, moment, chosen);
        String date = document.bulletin().date().toString();
        String name = "整改进展情况通报-" + document.bulletin().targetUnit() + "-" + date + "." + chosen.code();
        return Response.ok(document.content())
                .type(chosen.mediaType() + (chosen.text() ? "; charset=UTF-8" : ""))
                .header("Content-Disposition", ContentDisposition.of(chosen == BulletinFormat.DOCX ? "attachment"
                        : "inline", name, "bulletin-" + date + "." + chosen.code()))
                .header(FINDINGS, document.bulletin().findings().size())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .build();
    }

    @GET
    @Path("/{inspectionId}/next-steps")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OFFICE, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "The text of the bulletin's 下一步工作 for an inspection: the office's, or the default",
            description = "stored = false and version 0 while the office has stored none. The ETag is the version.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NextStepsView.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Response nextSteps(@Parameter(description = "the inspection (巡察)") @PathParam("inspectionId")
                              String inspectionId) {
        UUID inspection = known(inspection(inspectionId));
        NextStepsStore.NextSteps steps = nextSteps.get(inspection);
        return Response.ok(NextStepsView.of(steps)).tag(new EntityTag(String.valueOf(steps.version()))).build();
    }

    @PUT
    @Path("/{inspectionId}/next-steps")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OFFICE)
    @Operation(summary = "Store the office's text for the bulletin's 下一步工作 (a paragraph per line)",
            description = "Each change is a new version (the same text again changes nothing). If-Match with the "
                    + "version read (its ETag; \"0\" while none is stored) refuses the change with 412 when another "
                    + "came first. Roles: office.")
    @RequestBody(content = @Content(schema = @Schema(implementation = NextStepsRequest.class),
            examples = @ExampleObject(name = "two paragraphs", value = """
                    {"text": "下一步，将坚持目标不变、标准不变、力度不变，持续抓好后续整改。\\n对长期坚持的问题，持续跟踪督办。"}""")))
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NextStepsView.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Response storeNextSteps(@Parameter(description = "the inspection (巡察)") @PathParam("inspectionId")
                                   String inspectionId, @HeaderParam("If-Match") String ifMatch,
                                   NextStepsRequest request) {
        UUID inspection = inspection(inspectionId);
        if (request == null || request.text() == null || request.text().isBlank()) {
            throw ApiException.invalid("text", "the text of 下一步工作 is missing or blank");
        }
        String text = Params.text("text", request.text(), MAX_NEXT_STEPS).strip();
        Integer expected = Params.ifMatchVersion(ifMatch);
        known(inspection);
        NextStepsStore.NextSteps stored = nextSteps.put(inspection, text, expected, caller.subject());
        return Response.ok(NextStepsView.of(stored)).tag(new EntityTag(String.valueOf(stored.version()))).build();
    }

    /** The office's text for 下一步工作: a paragraph per line. */
    @Schema(name = "NextStepsInput")
    public record NextStepsRequest(@Schema(description = "a paragraph per line, at most 20000 characters",
            example = "下一步，将坚持目标不变、标准不变、力度不变，持续抓好后续整改。") String text) {
    }

    @Schema(name = "NextSteps")
    public record NextStepsView(UUID inspectionId, @Schema(description = "a paragraph per line") String text,
                                @Schema(description = "false: the default text, none stored yet") boolean stored,
                                @Schema(description = "1, 2, 3 … for each change; 0 while none is stored")
                                int version, String updatedBy, Instant updatedAt) {

        static NextStepsView of(NextStepsStore.NextSteps steps) {
            return new NextStepsView(steps.inspectionId(), steps.text(), steps.stored(), steps.version(),
                    steps.updatedBy(), steps.updatedAt());
        }
    }

    private UUID known(UUID inspection) {
        if (!bulletins.exists(inspection)) {
            throw ApiException.notFound("inspectionId", "no inspection " + inspection);
        }
        return inspection;
    }

    private static UUID inspection(String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.invalid("inspectionId", "expected the UUID of an inspection");
        }
        return Params.uuid("inspectionId", value);
    }

    /**
     * The format asked for: {@code format}, which the Accept header must take; else the first of the formats the
     * Accept header takes, in its order of preference (Markdown for any type).
     */
    static BulletinFormat format(String format, List<MediaType> acceptable) {
        if (format != null && !format.isBlank()) {
            BulletinFormat asked = BulletinFormat.byCode(format).orElseThrow(() -> ApiException.invalid("format",
                    "expected md, html or docx, not '" + format + "'"));
            MediaType type = MediaType.valueOf(asked.mediaType());
            if (acceptable.stream().noneMatch(a -> a.isCompatible(type) && !refused(a))) {
                throw new ApiException(Problem.of("http-406", "Not Acceptable", 406, "format=" + asked.code()
                        + " is " + asked.mediaType() + ", which the Accept header does not take",
                        List.of(new Problem.FieldError("Accept", "does not take " + asked.mediaType()))));
            }
            return asked;
        }
        for (MediaType accepted : acceptable) {
            if (refused(accepted)) {
                continue;
            }
            if (accepted.isWildcardType()) {
                return BulletinFormat.MD;
            }
            Optional<BulletinFormat> match = java.util.Arrays.stream(BulletinFormat.values())
                    .filter(f -> accepted.isCompatible(MediaType.valueOf(f.mediaType()))).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
        }
        throw new ApiException(Problem.of("http-406", "Not Acceptable", 406, "the Accept header takes none of "
                + MARKDOWN + ", " + HTML + ", " + DOCX, List.of(new Problem.FieldError("Accept",
                "takes none of the bulletin's formats"))));
    }

    /** A media range with q=0: the client refuses it. */
    private static boolean refused(MediaType range) {
        String q = range.getParameters().get("q");
        return q != null && q.strip().matches("0(\\.0{0,3})?");
    }
}
