package io.zhenggai.report.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.zhenggai.report.api.ApiException;
import io.zhenggai.report.api.ReportResource;
import io.zhenggai.report.api.Roles;
import io.zhenggai.report.indicator.IndicatorRefusal;

/**
 * 总览 (everyone; the leader's page), 大屏 (the same figures on a wall) and 钻取 (what a figure is made of). The figures
 * are the API's own answers, read in-process from {@link ReportResource}: a page can never disagree with
 * {@code /api/reports/summary}. One inspection or all, as of any date; the figures part refreshes by itself when
 * the intake applies events ({@link LiveUpdates}).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class OverviewPages {

    /** The groupings shown as charts, with their Chinese names. */
    static final Map<String, String> BREAKDOWNS = new LinkedHashMap<>();

    static {
        BREAKDOWNS.put("aspect", "按方面");
        BREAKDOWNS.put("category", "按类别");
        BREAKDOWNS.put("unit", "按责任单位");
        BREAKDOWNS.put("leader", "按牵头领导");
    }

    @Inject
    ReportResource reports;

    @Inject
    Views views;

    @Inject
    io.zhenggai.report.api.IndicatorResource indicatorApi;

    @Location("overview.html")
    Template overview;

    @Location("overview-figures.html")
    Template figures;

    @Location("screen.html")
    Template screen;

    @Location("drill.html")
    Template drill;

    @Location("trend.html")
    Template trend;

    @GET
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    public TemplateInstance overview(@QueryParam("inspection") String inspection, @QueryParam("asOf") String asOf,
                                     @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        return withFigures(views.page(overview, Page.OVERVIEW, "总览"), inspection, asOf, uri)
                .data("inspections", inspections());
    }

    /** The figures part of 总览 alone: what the page fetches again when events were applied. */
    @GET
    @Path("/overview/figures")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    public TemplateInstance figures(@QueryParam("inspection") String inspection, @QueryParam("asOf") String asOf,
                                    @QueryParam("screen") boolean onScreen, @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        return withFigures(views.page(figures, Page.OVERVIEW, "总览"), inspection, asOf, uri).data("screen", onScreen);
    }

    @GET
    @Path("/screen")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    public TemplateInstance screen(@QueryParam("inspection") String inspection, @QueryParam("asOf") String asOf,
                                   @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        return withFigures(views.page(screen, Page.SCREEN, "大屏"), inspection, asOf, uri).data("screen", true);
    }

    /** Completion over time: the completion rate at up to 12 dates from the first feedback date to the day asked. */
    @GET
    @Path("/overview/trend")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    public TemplateInstance trend(@QueryParam("inspection") String inspection, @QueryParam("asOf") String asOf) {
        List<String> labels = new ArrayList<>();
        List<Object> rates = new ArrayList<>();
        List<String> links = new ArrayList<>();
        String error = null;
        try {
            LocalDate end = asOf == null || asOf.isBlank() ? LocalDate.now(ZoneId.of("Asia/Shanghai"))
                    : LocalDate.parse(asOf.strip());
            LocalDate start = reports.inspections().stream()
                    .filter(i -> inspection == null || inspection.isBlank() || i.id().toString().equals(inspection))
                    .map(i -> i.feedbackDate()).filter(d -> d != null).min(LocalDate::compareTo).orElse(end);
            long days = Math.max(0, ChronoUnit.DAYS.between(start, end));
            int points = (int) Math.min(12, days + 1);
            for (int i = 0; i < points; i++) {
                LocalDate day = points == 1 ? end : start.plusDays(days * i / (points - 1));
                Map<String, Object> summary = views.tree(reports.summary(blank(inspection), null, day.toString(),
                        null));
                Map<?, ?> rate = (Map<?, ?>) ((Map<?, ?>) summary.get("issues")).get("completionRate");
                labels.add(Format.date(day.toString()));
                rates.add(rate == null ? null : rate.get("value"));
                links.add("/drill?measure=completedOrClosed&asOf=" + day + inspectionParam(inspection));
            }
        } catch (ApiException | IndicatorRefusal | java.time.DateTimeException e) {
            error = "日期无效：" + e.getMessage();
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", "line");
        chart.put("title", "完成率变化（%）");
        chart.put("labels", labels);
        chart.put("series", List.of(Map.of("name", "完成率", "data", rates)));
        chart.put("links", links);
        return trend.data("chart", views.toJson(chart)).data("error", error);
    }

    @GET
    @Path("/drill")
    @RolesAllowed({Roles.OFFICE, Roles.UNIT, Roles.LEADER, Roles.VIEWER, Roles.OPERATOR})
    public TemplateInstance drill(@QueryParam("measure") String measure, @QueryParam("indicator") String indicator,
                                  @QueryParam("by") String by, @QueryParam("key") String key,
                                  @QueryParam("inspection") String inspection, @QueryParam("asOf") String asOf,
                                  @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        TemplateInstance page = views.page(drill, Page.OVERVIEW, "钻取");
        try {
            page.data("drill", views.tree(reports.drill(indicator, null, by, key, measure, blank(inspection), null,
                    "200", blank(asOf), null, uri)));
        } catch (ApiException | IndicatorRefusal e) {
            page.data("drill", null).data("error", e.getMessage());
        }
        return page.data("what", describe(measure, indicator, by, key)).data("asOf", blank(asOf))
                .data("inspection", blank(inspection));
    }

    private TemplateInstance withFigures(TemplateInstance page, String inspection, String asOf,
                                         jakarta.ws.rs.core.UriInfo uri) {
        String id = blank(inspection);
        String day = blank(asOf);
        page.data("inspection", id).data("asOf", day).data("query", inspectionParam(id) + (day == null ? ""
                : "&asOf=" + day));
        try {
            Map<String, Object> summary = views.tree(reports.summary(id, null, day, null));
            page.data("summary", summary).data("error", null).data("changes", changes(summary, id, day, uri));
            List<Map<String, Object>> charts = new ArrayList<>();
            Map<?, ?> issues = (Map<?, ?>) summary.get("issues");
            charts.add(pie((Map<?, ?>) issues.get("byStatus"), id, day));
            BREAKDOWNS.forEach((by, title) -> charts.add(bars(by, title, views.tree(reports.breakdown(by, id, null,
                    day, null)), id, day)));
            page.data("charts", charts.stream().map(views::toJson).toList());
            page.data("red", views.tree(reports.drill(null, null, null, null, "RED", id, null, "20", day, null,
                    uri)));
            page.data("stale", views.tree(reports.drill(null, null, null, null, "stale", id, null, "20", day, null,
                    uri)));
        } catch (ApiException | IndicatorRefusal e) {
            page.data("summary", null).data("changes", Map.of()).data("charts", List.of()).data("red", null)
                    .data("stale", null)
                    .data("error", e.getMessage());
        }
        return page;
    }

    /**
     * Each indicator's change since the previous bulletin: the value as of the day before its newest fact's as-of
     * date (the last bulletin that reported it), against the value now; rates change by percentage points.
     */
    private Map<String, String> changes(Map<String, Object> summary, String inspection, String asOf,
                                        jakarta.ws.rs.core.UriInfo uri) {
        Map<String, String> changes = new LinkedHashMap<>();
        for (Object one : (List<?>) summary.get("indicators")) {
            Map<?, ?> indicator = (Map<?, ?>) one;
            Map<?, ?> value = (Map<?, ?>) indicator.get("value");
            String code = String.valueOf(indicator.get("code"));
            if (value == null || value.get("value") == null || code.startsWith("issue.")) {
                continue;
            }
            Map<String, Object> drilled = views.tree(reports.drill(code, null, null, null, null, inspection, null,
                    "500", asOf, null, uri));
            LocalDate newest = ((List<?>) drilled.get("readings")).stream()
                    .map(f -> ((Map<?, ?>) f).get("asOf")).filter(d -> d != null)
                    .map(d -> LocalDate.parse(d.toString())).max(LocalDate::compareTo).orElse(null);
            if (newest == null) {
                continue;
            }
            Map<?, ?> before = (Map<?, ?>) views.tree(indicatorApi.values(code, null, null, inspection,
                    newest.minusDays(1).toString(), null)).get("value");
            if (before == null || before.get("value") == null) {
                changes.put(code, "首次报告");
                continue;
            }
            java.math.BigDecimal delta = new java.math.BigDecimal(value.get("value").toString())
                    .subtract(new java.math.BigDecimal(before.get("value").toString()));
            String unit = String.valueOf(value.get("unit"));
            String shown = "%".equals(unit)
                    ? delta.abs().setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                    + "个百分点"
                    : io.zhenggai.report.indicator.DisplayForm.of(delta.abs(), unit, 2);
            changes.put(code, delta.signum() == 0 ? "较上期持平" : (delta.signum() > 0 ? "较上期增加 " : "较上期减少 ")
                    + shown);
        }
        return changes;
    }

    private Map<String, Object> pie(Map<?, ?> byStatus, String inspection, String asOf) {
        List<String> labels = new ArrayList<>();
        List<Object> data = new ArrayList<>();
        List<String> links = new ArrayList<>();
        byStatus.forEach((status, count) -> {
            labels.add(Format.status(status));
            data.add(count);
            links.add("/drill?measure=" + status + inspectionParam(inspection) + (asOf == null ? "" : "&asOf=" + asOf));
        });
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", "pie");
        chart.put("title", "按状态");
        chart.put("labels", labels);
        chart.put("series", List.of(Map.of("name", "问题数", "data", data)));
        chart.put("links", links);
        return chart;
    }

    private Map<String, Object> bars(String by, String title, Map<String, Object> breakdown, String inspection,
                                     String asOf) {
        List<String> labels = new ArrayList<>();
        List<Object> total = new ArrayList<>();
        List<Object> done = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (Object one : (List<?>) breakdown.get("groups")) {
            Map<?, ?> group = (Map<?, ?>) one;
            Map<?, ?> counts = (Map<?, ?>) group.get("counts");
            labels.add(group.get("label") == null ? "（未定）" : group.get("label").toString());
            total.add(counts.get("total"));
            done.add(counts.get("completedOrClosed"));
            links.add("/drill?measure=total&by=" + by + "&key=" + java.net.URLEncoder.encode(
                    group.get("key") == null ? "" : group.get("key").toString(), java.nio.charset.StandardCharsets.UTF_8)
                    + inspectionParam(inspection) + (asOf == null ? "" : "&asOf=" + asOf));
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", "bar");
        chart.put("title", title);
        chart.put("labels", labels);
        chart.put("series", List.of(Map.of("name", "问题数", "data", total), Map.of("name", "已完成", "data", done)));
        chart.put("links", links);
        return chart;
    }

    private static String describe(String measure, String indicator, String by, String key) {
        String what = indicator != null ? "指标 " + indicator : "计数 " + (measure == null ? "" : measure);
        return by == null ? what : what + "（" + OverviewPages.BREAKDOWNS.getOrDefault(by, by) + "：" + key + "）";
    }

    static String inspectionParam(String inspection) {
        return inspection == null || inspection.isBlank() ? "" : "&inspection=" + inspection;
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private List<Map<String, Object>> inspections() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Object one : views.list(reports.inspections())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = (Map<String, Object>) one;
            list.add(row);
        }
        return list;
    }
}
