package io.zhenggai.report.api;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhenggai.report.indicator.BuiltInIndicators;
import io.zhenggai.report.indicator.FactLoader;
import io.zhenggai.report.indicator.IndicatorDefinition;
import io.zhenggai.report.indicator.IndicatorService;
import io.zhenggai.report.indicator.IndicatorStore;
import io.zhenggai.report.projection.AsOf;
import io.zhenggai.report.projection.ReportCalendar;
import io.zhenggai.report.query.IndicatorQuery;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Indicators", description = "指标 defined as data: numerator ÷ denominator × factor, each side a sum of "
        + "metric(code, dimension = value, …), issues(field = value, …) and numbers. Versioned: a change writes a "
        + "new version, and every version keeps answering when named.")
public class IndicatorResource {

    private static final String NPL_EXAMPLE = """
            {"code": "loan.npl_ratio", "name": "不良贷款率", "numerator": "metric(loan.npl, entity = none)",
             "denominator": "metric(loan.balance, entity = none)", "factor": 100, "unit": "%", "decimals": 2,
             "description": "Non-performing loans over the loan balance."}""";

    /** Longer than any code (lower-case words joined by dots) a person would write. */
    private static final int CODE_LENGTH = 200;

    @Inject
    IndicatorStore store;

    @Inject
    IndicatorQuery values;

    @Inject
    FactLoader facts;

    @Inject
    ReportCalendar calendar;

    @Inject
    Caller caller;

    @GET
    @Path("/indicators")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "Every indicator in use, at its latest version")
    public List<IndicatorView> list(
            @Parameter(description = "also the retired ones", schema = @Schema(type = SchemaType.BOOLEAN))
            @QueryParam("retired") String retired) {
        return store.list(Params.bool("retired", retired, false)).stream().map(IndicatorView::of).toList();
    }

    @GET
    @Path("/indicators/{code}")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "One indicator definition: the latest version, or the one named")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IndicatorView.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("code") String code, @QueryParam("version") String version) {
        Params.text("code", code, CODE_LENGTH);
        Integer wanted = Params.version(version);
        IndicatorStore.StoredIndicator stored = store.find(code, wanted).orElseThrow(() -> wanted == null
                ? ApiException.notFound("code", "no indicator " + code)
                : ApiException.notFound("version", "indicator " + code + " has no version " + wanted));
        return Response.ok(IndicatorView.of(stored)).tag(etag(stored)).build();
    }

    @GET
    @Path("/indicators/{code}/versions")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "Every version of an indicator, oldest first")
    public List<IndicatorView> versions(@PathParam("code") String code) {
        Params.text("code", code, CODE_LENGTH);
        List<IndicatorView> versions = store.versions(code).stream().map(IndicatorView::of).toList();
        if (versions.isEmpty()) {
            throw ApiException.notFound("code", "no indicator " + code);
        }
        return versions;
    }

    @POST
    @Path("/indicators")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OFFICE)
    @Operation(summary = "Define an indicator (version 1)", description = "The token's subject is its author.")
    @RequestBody(content = @Content(schema = @Schema(implementation = IndicatorRequest.class),
            examples = @ExampleObject(name = "NPL ratio", value = NPL_EXAMPLE)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = IndicatorView.class)))
    @APIResponse(responseCode = "409", description = "the code is in use",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "the definition does not parse; the problem names the field, "
            + "the column and the token", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "syntax", value = """
                    {"type": "https://zhenggai.io/problems/indicator-syntax", "title": "Invalid indicator definition",
                     "status": 422, "detail": "numerator: column 7: expected '(' after metric",
                     "errors": [{"field": "numerator", "message": "column 7: expected '(' after metric",
                                 "column": 7, "token": "loan", "messageZh": "metric 后应为“(”"}]}""")))
    public Response create(IndicatorRequest request) {
        IndicatorStore.StoredIndicator stored = store.create(definition(request, null), decimals(request),
                caller.subject()).indicator();
        return Response.created(URI.create("/api/indicators/" + stored.code())).tag(etag(stored))
                .entity(IndicatorView.of(stored)).build();
    }

    @PUT
    @Path("/indicators/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OFFICE)
    @Operation(summary = "Change an indicator: a new version when the definition means something else",
            description = "Answers 201 with the new version, or 200 with the latest when nothing changed. If-Match "
                    + "with the version you changed (its ETag) refuses the change with 412 when another came first. "
                    + "The token's subject is the new version's author.")
    @RequestBody(content = @Content(schema = @Schema(implementation = IndicatorRequest.class),
            examples = @ExampleObject(name = "NPL ratio", value = NPL_EXAMPLE)))
    @APIResponse(responseCode = "201", content = @Content(schema = @Schema(implementation = IndicatorView.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = IndicatorView.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Response change(@PathParam("code") String code, @HeaderParam("If-Match") String ifMatch,
                           IndicatorRequest request) {
        Params.text("code", code, CODE_LENGTH);
        if (request != null && request.code() != null && !request.code().equals(code)) {
            throw ApiException.invalid("code", "the body names " + request.code() + " but the path " + code
                    + "; a code cannot be renamed");
        }
        IndicatorStore.Saved saved = store.change(definition(request, code), decimals(request),
                Params.ifMatchVersion(ifMatch), caller.subject());
        return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
                .tag(etag(saved.indicator())).entity(IndicatorView.of(saved.indicator())).build();
    }

    @DELETE
    @Path("/indicators/{code}")
    @RolesAllowed(Roles.OFFICE)
    @Operation(summary = "Retire an indicator: it leaves the list; its versions still answer when named")
    @APIResponse(responseCode = "204")
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public Response retire(@PathParam("code") String code) {
        Params.text("code", code, CODE_LENGTH);
        if (!store.retire(code)) {
            throw ApiException.notFound("code", "no indicator " + code + " in use");
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/indicators/{code}/values")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "An indicator's value, overall and per group",
            description = "by names a reading dimension (industry, batch, …) or an issue field (inspection, list, "
                    + "aspect, category, unit, leader, tag, status, warning). Each fact counts once however often it "
                    + "was reported; a ratio is a ratio of sums.")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = IndicatorValuesView.class), examples = @ExampleObject(name = "patches",
            value = """
                    {"code": "land.patch.rectification_rate", "version": 1, "name": "图斑整改完成率", "by": "batch",
                     "value": {"value": 63.157895, "display": "63.16%", "unit": "%", "qualifier": "EXACT",
                               "basis": "COMPUTED", "numerator": 12, "denominator": 19,
                               "ratio": 0.6315789473684210526315789473684211, "factor": 100, "facts": 4, "issues": 1},
                     "groups": [{"key": "2021耕地保护督察", "value": {"display": "70%", "numerator": 7, "denominator": 10}},
                                {"key": "2022Q4遥感监测", "value": {"display": "55.56%", "numerator": 5,
                                 "denominator": 9}}]}""")))
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public IndicatorValuesView values(
            @PathParam("code") String code,
            @Parameter(description = "a reading dimension or an issue field", example = "industry")
            @QueryParam("by") String by,
            @Parameter(description = "the version to answer with; the latest when left out", example = "1")
            @QueryParam("version") String version,
            @Parameter(description = "only this inspection's issues and readings") @QueryParam("inspection")
            String inspection,
            @Parameter(description = ReportResource.AS_OF, example = "2023-03-31") @QueryParam("asOf") String asOf,
            @Parameter(description = ReportResource.BASIS, example = "effective") @QueryParam("basis") String basis) {
        Params.text("code", code, CODE_LENGTH);
        AsOf moment = Params.asOf(asOf, basis, calendar.zone());
        IndicatorService.Answer answer = values.values(code, Params.version(version),
                by == null || by.isBlank() ? null : by.strip(), Params.uuid("inspection", inspection), moment);
        return IndicatorValuesView.of(answer, moment);
    }

    @GET
    @Path("/metrics")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "The metrics readings carry, with their units, dimensions and aggregation: what "
            + "metric(...) terms can name")
    public List<FactLoader.MetricSummary> metrics() {
        return facts.metrics();
    }

    private static IndicatorDefinition definition(IndicatorRequest request, String code) {
        if (request == null) {
            throw ApiException.invalid("body", "an indicator definition is required");
        }
        request.check();
        return IndicatorDefinition.parse(request.spec(code));
    }

    private static int decimals(IndicatorRequest request) {
        int decimals = request.decimals() == null ? BuiltInIndicators.DEFAULT_DISPLAY_DECIMALS : request.decimals();
        if (decimals < 0 || decimals > 6) {
            throw ApiException.invalid("decimals", "expected 0 to 6 decimal places, not " + decimals);
        }
        return decimals;
    }

    private static EntityTag etag(IndicatorStore.StoredIndicator stored) {
        return new EntityTag(String.valueOf(stored.version()));
    }
}
