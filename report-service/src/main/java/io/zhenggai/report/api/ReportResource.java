package io.zhenggai.report.api;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhenggai.report.projection.AsOf;
import io.zhenggai.report.query.DrillThrough;
import io.zhenggai.report.projection.Grouping;
import io.zhenggai.report.projection.IssueVisibility;
import io.zhenggai.report.projection.Measure;
import io.zhenggai.report.projection.ReportCalendar;
import io.zhenggai.report.query.ReportQueries;
import io.zhenggai.report.query.BreakdownQuery;
import io.zhenggai.report.query.SummaryQuery;
import io.zhenggai.report.projection.WarningRule;

@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports", description = "整改进展: counts, rates and indicators built from the event log. Overdue: NOT_STARTED "
        + "or IN_PROGRESS past the deadline. Stale: NOT_STARTED, IN_PROGRESS or LONG_TERM with no progress for "
        + "staleDays (default 30). On time: completed (COMPLETED or CLOSED) no later than the deadline, judged on the "
        + "effective date it became COMPLETED; late: completed after it, or open past it; on-time rate = on time ÷ "
        + "(on time + late). Warning: RED past the deadline, YELLOW at most " + WarningRule.YELLOW_DAYS
        + " days left, GREEN otherwise, NONE "
        + "without a deadline or once CLOSED or LONG_TERM; dates in Asia/Shanghai. Deadlines: overdue, warnings, on "
        + "time, late and the on-time rate count against the CURRENT deadline (as approved extensions moved it; "
        + "deadlineBasis says so in every answer); onTimeAgainstOriginal, lateAgainstOriginal and "
        + "onTimeRateAgainstOriginal against the original deadline (the first assigned one, or the current one for "
        + "an issue that has none). Workflow: unsigned = assigned and not yet signed for by the lead unit (未签收); "
        + "returned = its completion was returned at least once (退回过), whatever its state now; extended = at least "
        + "one approved extension (延期); awaitingCompletionDecision / awaitingExtensionDecision = a completion or "
        + "extension request waits for the office.")
public class ReportResource {

    private static final int DEFAULT_LIMIT = 500;

    static final String AS_OF = "answer as the ledger stood then: a date (2023-03-31, a day in Asia/Shanghai) or an "
            + "instant with an offset (2023-03-31T10:00:00+08:00, 2023-03-31T02:00:00Z; encode '+' as %2B). Live when "
            + "left out. Not after now (400).";
    static final String UNIT_SCOPE = "A unit caller (role unit only) sees only the issues one of its units (claim "
            + "units) is responsible for: the lists, and count, cover those issues; an indicator's value stays the "
            + "whole published figure, and visibleUnits names the units the lists were cut to.";
    static final String BASIS = "the clock asOf is read on: effective (default) = by the dates changes took effect "
            + "(a 补录 counts from its effective date; an instant is read as its date); recorded = by what had been "
            + "recorded by then (a date means the end of that day in Asia/Shanghai, an instant is exact). Needs asOf.";

    @Inject
    ReportQueries queries;

    @Inject
    DrillThrough drill;

    @Inject
    SummaryQuery summaries;

    @Inject
    BreakdownQuery breakdowns;

    @Inject
    ReportCalendar calendar;

    @Inject
    Caller caller;

    @GET
    @Path("/summary")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "The ledger at a glance: issue counts and rates, and the latest value of every indicator")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SummaryView.class), examples = @ExampleObject(name = "seed",
            value = """
                    {"today": "2023-05-10", "zone": "Asia/Shanghai", "staleDays": 30, "inspections": 1,
                     "issues": {"total": 16, "byStatus": {"NOT_STARTED": 0, "IN_PROGRESS": 12, "COMPLETED": 4,
                                "CLOSED": 0, "LONG_TERM": 0}, "completedOrClosed": 4, "overdue": 0,
                                "byWarning": {"RED": 0, "YELLOW": 0, "GREEN": 0, "NONE": 16}, "stale": 0,
                                "onTime": 0, "late": 0,
                                "completionRate": {"value": 25.000000, "display": "25%", "unit": "%",
                                   "qualifier": "EXACT", "basis": "COMPUTED", "numerator": 4, "denominator": 16,
                                   "ratio": 0.25, "factor": 100, "facts": 0, "issues": 0}},
                     "indicators": [{"code": "investment.completed", "version": 1, "name": "已完成投资",
                        "value": {"value": 1363000000, "display": "13.63亿元", "unit": "CNY", "qualifier": "EXACT",
                                  "basis": "COMPUTED", "numerator": 1363000000, "factor": 1, "facts": 3,
                                  "issues": 2}}]}""")))
    public SummaryView summary(
            @Parameter(description = "only this inspection (巡察)") @QueryParam("inspection") String inspection,
            @Parameter(description = "days without progress that make an open issue stale; 30 when left out")
            @QueryParam("staleDays") String staleDays,
            @Parameter(description = AS_OF, example = "2023-03-31") @QueryParam("asOf") String asOf,
            @Parameter(description = BASIS, example = "effective") @QueryParam("basis") String basis) {
        ReportQueries.Scope scope = scope(inspection, staleDays, asOf, basis);
        String zone = queries.zone();
        return summaries.summary(scope, SummaryView.class, headline -> {
            ReportQueries.Summary summary = headline.summary();
            List<SummaryView.IndicatorFigure> figures = headline.indicators().stream()
                    .map(a -> new SummaryView.IndicatorFigure(a.indicator().code(), a.indicator().version(),
                            a.indicator().definition().name(), FigureView.of(a.overall(), a.indicator().decimals())))
                    .toList();
            return new SummaryView(summary.today(), zone, given(scope.asOf()), basis(scope.asOf()),
                    summary.staleDays(), summary.inspections(), CountsView.of(summary.issues()), figures);
        });
    }

    @GET
    @Path("/breakdown")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "Issue counts and rates per group: by inspection, list, aspect, group, category, unit, "
            + "leadUnit, leader or tag")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BreakdownView.class), examples = @ExampleObject(name = "by aspect",
            value = """
                    {"by": "aspect", "today": "2023-05-10", "staleDays": 30, "groups": [
                      {"key": "0b8e…/main/一", "label": "（一）关于聚焦党中央各项决策部署在基层的落实情况方面",
                       "counts": {"total": 6, "completedOrClosed": 2, "completionRate": {"display": "33.33%"}}}]}""")))
    @APIResponse(responseCode = "400", description = "an unknown grouping",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public BreakdownView breakdown(
            @Parameter(description = "inspection, list, aspect, group, category, unit (lead and co-responsible: an "
                    + "issue counts under each), leadUnit (牵头单位 only), leader or tag",
                    required = true, example = "aspect") @QueryParam("by") String by,
            @Parameter(description = "only this inspection (巡察)") @QueryParam("inspection") String inspection,
            @Parameter(description = "days without progress that make an open issue stale; 30 when left out")
            @QueryParam("staleDays") String staleDays,
            @Parameter(description = AS_OF, example = "2023-03-31") @QueryParam("asOf") String asOf,
            @Parameter(description = BASIS, example = "effective") @QueryParam("basis") String basis) {
        Grouping grouping = grouping(by, true);
        ReportQueries.Scope scope = scope(inspection, staleDays, asOf, basis);
        return breakdowns.breakdown(grouping, scope, BreakdownView.class, breakdown -> new BreakdownView(
                breakdown.by(), breakdown.today(), given(scope.asOf()), basis(scope.asOf()), breakdown.staleDays(),
                breakdown.groups().stream()
                        .map(g -> new BreakdownView.GroupView(g.key(), g.label(), CountsView.of(g.counts()))).toList()));
    }

    @GET
    @Path("/drill")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "What a figure is made of: the issues, readings and events behind a count or an indicator "
            + "value",
            description = "For an indicator value: indicator=code (version, by and key optional; key= empty for the "
                    + "group without a value). For a count: measure (total, a status, completedOrClosed, overdue, "
                    + "RED/YELLOW/GREEN/NONE, stale, onTime, late, onTimeAgainstOriginal, lateAgainstOriginal, "
                    + "unsigned, returned, extended, awaitingCompletionDecision, awaitingExtensionDecision), "
                    + "optionally by and key from a breakdown. "
                    + UNIT_SCOPE, extensions = @Extension(name = Roles.UNIT_SCOPED, value = "true", parseValue = true))
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DrillView.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public DrillView drill(
            @Parameter(description = "an indicator code", example = "investment.completed")
            @QueryParam("indicator") String indicator,
            @Parameter(description = "a version of the indicator; the latest when left out")
            @QueryParam("version") String version,
            @Parameter(description = "a grouping (counts) or a dimension (indicators)", example = "industry")
            @QueryParam("by") String by,
            @Parameter(description = "the group's key, as a breakdown gave it", example = "新材料")
            @QueryParam("key") String key,
            @Parameter(description = "what was counted, for a count", example = "overdue")
            @QueryParam("measure") String measure,
            @Parameter(description = "only this inspection (巡察)") @QueryParam("inspection") String inspection,
            @QueryParam("staleDays") String staleDays,
            @Parameter(description = "at most this many issues, facts and events (500)") @QueryParam("limit")
            String limit,
            @Parameter(description = AS_OF, example = "2023-03-31") @QueryParam("asOf") String asOf,
            @Parameter(description = BASIS, example = "effective") @QueryParam("basis") String basis,
            @Context UriInfo uri) {
        int max = Params.integer("limit", limit, 1, 10_000, DEFAULT_LIMIT);
        Params.text("indicator", indicator, 200);
        Params.text("key", key, 1000);
        ReportQueries.Scope scope = scope(inspection, staleDays, asOf, basis).visibleTo(caller.visibility());
        // key= (empty) asks for the group without a value; the framework reads an empty parameter as absent
        boolean keyGiven = uri.getQueryParameters().containsKey("key");
        String groupKey = key == null || key.isEmpty() ? null : key;
        if (indicator != null) {
            if (measure != null) {
                throw ApiException.invalid("measure", "give either indicator or measure, not both");
            }
            if (by != null && !keyGiven) {
                throw ApiException.invalid("key", "a group of " + by + " is needed (key= empty for the group "
                        + "without a value)");
            }
            return DrillView.of(drill.indicator(indicator, Params.version(version), by, groupKey, scope.inspection(),
                    scope.asOf(), scope.visible(), max), indicator, by, groupKey, null, scope.asOf(), scope.visible(),
                    max);
        }
        if (measure == null) {
            throw ApiException.invalid("measure", "give indicator=code for an indicator value, or measure (one of "
                    + Measure.codes() + ") for a count");
        }
        Measure what = Measure.byCode(measure).orElseThrow(() -> ApiException.invalid("measure",
                "expected one of " + Measure.codes() + ", not '" + measure + "'"));
        Grouping grouping = by == null ? null : grouping(by, false);
        if (grouping != null && !keyGiven) {
            throw ApiException.invalid("key", "a group of " + by + " is needed (key= empty for the issues without one)");
        }
        return DrillView.of(drill.count(grouping, groupKey, what, scope, max), null, by, groupKey, what.code(),
                scope.asOf(), scope.visible(), max);
    }

    @GET
    @Path("/backdated")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "Back-dated entries (补录): events that took effect days before they were recorded, longest "
            + "lag first",
            description = "Every issue or inspection event with an effective date at least minLagDays before the day "
                    + "it was recorded (both in Asia/Shanghai). Issues created after their inspection's feedback date "
                    + "show up here: an issue stands in the ledger from the feedback date, whenever it was entered. "
                    + "With asOf, only the events part of the ledger then (effective basis: effective by then; "
                    + "recorded basis: recorded by then). For a unit caller only its units' issues' events.",
            extensions = @Extension(name = Roles.UNIT_SCOPED, value = "true", parseValue = true))
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BackdatedView.class)))
    @APIResponse(responseCode = "400", content = @Content(mediaType = Problem.MEDIA_TYPE,
            schema = @Schema(implementation = Problem.class)))
    public BackdatedView backdated(
            @Parameter(description = "only events recorded at least this many days after they took effect (1)",
                    example = "7") @QueryParam("minLagDays") String minLagDays,
            @Parameter(description = "only this inspection's events (巡察)") @QueryParam("inspection") String inspection,
            @Parameter(description = AS_OF, example = "2023-03-31") @QueryParam("asOf") String asOf,
            @Parameter(description = BASIS, example = "recorded") @QueryParam("basis") String basis,
            @Parameter(description = "at most this many events (500)") @QueryParam("limit") String limit) {
        int minLag = Params.integer("minLagDays", minLagDays, 1, 36_500, 1);
        int max = Params.integer("limit", limit, 1, 10_000, DEFAULT_LIMIT);
        UUID id = Params.uuid("inspection", inspection);
        AsOf moment = Params.asOf(asOf, basis, calendar.zone());
        IssueVisibility visible = caller.visibility();
        List<ReportQueries.BackdatedRow> rows = queries.backdated(minLag, id, moment, visible, max + 1);
        return new BackdatedView(minLag, given(moment), basis(moment), visible.units(),
                rows.subList(0, Math.min(max, rows.size())), max, rows.size() > max);
    }

    @GET
    @Path("/inspections")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    @Operation(summary = "Inspections as projected from the event log")
    public List<ReportQueries.InspectionRow> inspections() {
        return queries.inspections();
    }

    private ReportQueries.Scope scope(String inspection, String staleDays, String asOf, String basis) {
        UUID id = Params.uuid("inspection", inspection);
        Integer days = staleDays == null ? null : Params.integer("staleDays", staleDays, 1, 3650, 0);
        return queries.scope(id, days, Params.asOf(asOf, basis, calendar.zone()));
    }

    /** The moment as asked (a date, or an instant in UTC), null for live. */
    static String given(AsOf asOf) {
        return asOf == null ? null : asOf.given();
    }

    /** The clock, null for live. */
    static String basis(AsOf asOf) {
        return asOf == null ? null : asOf.basis().code();
    }

    private static Grouping grouping(String by, boolean required) {
        if (by == null || by.isBlank()) {
            if (required) {
                throw ApiException.invalid("by", "expected one of " + Grouping.codes());
            }
            return null;
        }
        return Grouping.byCode(by).orElseThrow(() -> ApiException.invalid("by", "expected one of "
                + Grouping.codes() + ", not '" + by + "'"));
    }

    /**
     * The summary: counts and rates over all issues (or one inspection), and every indicator's latest value; as of
     * a moment when {@code asOf} is set ({@code today} is then the day the answer is judged at).
     */
    @Schema(name = "Summary")
    public record SummaryView(@Schema(description = "the day warnings, overdue and stale are judged at") LocalDate today,
                              String zone,
                              @Schema(description = "the moment answered for; null for live", example = "2023-03-31")
                              String asOf,
                              @Schema(description = "effective or recorded; null for live", example = "effective")
                              String basis,
                              int staleDays, long inspections, CountsView issues,
                              List<IndicatorFigure> indicators) {

        @Schema(name = "IndicatorFigure")
        public record IndicatorFigure(String code, int version, String name, FigureView value) {
        }
    }

    @Schema(name = "Breakdown")
    public record BreakdownView(String by, LocalDate today,
                                @Schema(description = "the moment answered for; null for live") String asOf,
                                @Schema(description = "effective or recorded; null for live") String basis,
                                int staleDays, List<GroupView> groups) {

        @Schema(name = "BreakdownGroup")
        public record GroupView(String key, String label, CountsView counts) {
        }
    }

    /** Back-dated entries (补录), longest lag first. */
    @Schema(name = "Backdated")
    public record BackdatedView(@Schema(example = "1") int minLagDays,
                                @Schema(description = "the moment answered for; null for all") String asOf,
                                @Schema(description = "effective or recorded; null for all") String basis,
                                @Schema(description = "a unit caller's units: only their issues' events are listed; "
                                        + "null when every event is") List<String> visibleUnits,
                                List<ReportQueries.BackdatedRow> events, int limit, boolean truncated) {
    }
}
