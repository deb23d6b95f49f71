package io.zhenggai.report.web;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.zhenggai.report.api.ApiException;
import io.zhenggai.report.api.DeadLetterResource;
import io.zhenggai.report.api.FigureView;
import io.zhenggai.report.api.IndicatorRequest;
import io.zhenggai.report.api.IndicatorResource;
import io.zhenggai.report.api.IntakeResource;
import io.zhenggai.report.api.ReplayResource;
import io.zhenggai.report.api.Roles;
import io.zhenggai.report.indicator.IndicatorDefinition;
import io.zhenggai.report.indicator.IndicatorRefusal;
import io.zhenggai.report.indicator.IndicatorService;
import io.zhenggai.report.indicator.IndicatorSyntaxException;

/**
 * The office's 导入与通报 (paste or upload a bulletin, see issue-service's findings and the lists it found before
 * importing; download the generated bulletin and the Excel ledger) and 指标 (definitions, versions, values; a new
 * definition's value before saving), and the operator's 运维 (intake status and lag, gaps, held and dead-lettered
 * events, replays with their progress, generations). Indicators and operations are this service's own API, called
 * in-process; imports go to issue-service.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AdminPages {

    @Inject
    IssueService issues;

    @Inject
    Session session;

    @Inject
    Views views;

    @Inject
    Csrf csrf;

    @Inject
    IndicatorResource indicatorApi;

    @Inject
    IndicatorService indicators;

    @Inject
    IntakeResource intake;

    @Inject
    DeadLetterResource deadLetters;

    @Inject
    ReplayResource replays;

    @Location("imports.html")
    Template imports;

    @Location("indicators.html")
    Template indicatorsPage;

    @Location("indicator-preview.html")
    Template indicatorPreview;

    @Location("ops.html")
    Template ops;

    @Location("ops-status.html")
    Template opsStatus;

    @GET
    @Path("/imports")
    @RolesAllowed(Roles.OFFICE)
    public TemplateInstance imports() {
        return importsPage(null, null, null);
    }

    /** 检查 (dry run: findings and lists, nothing stored) or 导入. The text is pasted, or a .txt file uploaded. */
    @POST
    @Path("/imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.OFFICE)
    public TemplateInstance importBulletin(@RestForm("_csrf") String token, @RestForm String text,
                                           @RestForm("file") FileUpload file, @RestForm String mode) {
        csrf.check(token);
        String bulletin = text;
        if (file != null && file.uploadedFile() != null && file.size() > 0) {
            try {
                bulletin = Files.readString(file.uploadedFile(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return importsPage(text, null, "文件无法按 UTF-8 文本读取：" + e.getMessage());
            }
        }
        if (bulletin == null || bulletin.isBlank()) {
            return importsPage(text, null, "请粘贴通报全文或选择文本文件。");
        }
        boolean dryRun = !"import".equals(mode);
        IssueService.Answer answer = issues.postText(session.rawToken(), "/api/imports/bulletins"
                + (dryRun ? "?dryRun=true" : ""), bulletin);
        if (!answer.ok()) {
            return importsPage(bulletin, null, LedgerPages.message(answer));
        }
        return importsPage(bulletin, issues.map(answer.body()), null);
    }

    private TemplateInstance importsPage(String text, Map<String, Object> report, String error) {
        IssueService.Answer inspections = issues.get(session.rawToken(), "/api/inspections", Map.of());
        return views.page(imports, Page.IMPORTS, "导入与通报").data("text", text).data("report", report)
                .data("error", error).data("inspections", inspections.ok() ? views.list(inspections.body())
                        : List.of());
    }

    @GET
    @Path("/indicators")
    @RolesAllowed(Roles.OFFICE)
    public TemplateInstance indicators(@QueryParam("code") String code, @QueryParam("done") String done) {
        TemplateInstance page = views.page(indicatorsPage, Page.INDICATORS, "指标")
                .data("list", views.list(indicatorApi.list("true"))).data("done", done)
                .data("error", null).data("form", Map.of());
        if (code != null && !code.isBlank()) {
            try {
                page.data("versions", views.list(indicatorApi.versions(code.strip())))
                        .data("values", views.tree(indicatorApi.values(code.strip(), null, null, null, null, null)));
            } catch (ApiException | IndicatorRefusal e) {
                page.data("versions", List.of()).data("values", null).data("error", e.getMessage());
            }
        } else {
            page.data("versions", List.of()).data("values", null);
        }
        return page.data("code", code);
    }

    /** 试算: the value the definition would have now, or where its grammar goes wrong (column, in Chinese). */
    @POST
    @Path("/indicators/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OFFICE)
    public TemplateInstance preview(@RestForm("_csrf") String token, @RestForm String code, @RestForm String name,
                                    @RestForm String numerator, @RestForm String denominator,
                                    @RestForm String factor, @RestForm String unit, @RestForm String decimals,
                                    @RestForm String description) {
        csrf.check(token);
        try {
            IndicatorRequest request = request(code, name, numerator, denominator, factor, unit, decimals,
                    description);
            IndicatorDefinition definition = IndicatorDefinition.parse(request.spec(null));
            FigureView value = FigureView.of(indicators.preview(definition, null, null),
                    request.decimals() == null ? 2 : request.decimals());
            return indicatorPreview.data("value", views.tree(value)).data("error", null);
        } catch (IndicatorSyntaxException e) {
            return indicatorPreview.data("value", null).data("error", syntax(e));
        } catch (ApiException | IndicatorRefusal e) {
            return indicatorPreview.data("value", null).data("error", e.getMessage());
        }
    }

    @POST
    @Path("/indicators")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OFFICE)
    public Response define(@RestForm("_csrf") String token, @RestForm String code, @RestForm String name,
                           @RestForm String numerator, @RestForm String denominator, @RestForm String factor,
                           @RestForm String unit, @RestForm String decimals, @RestForm String description) {
        csrf.check(token);
        String error;
        try {
            indicatorApi.create(request(code, name, numerator, denominator, factor, unit, decimals, description));
            return Response.seeOther(URI.create("/indicators?done=" + java.net.URLEncoder.encode("已保存指标 "
                    + code, StandardCharsets.UTF_8))).build();
        } catch (IndicatorSyntaxException e) {
            error = syntax(e);
        } catch (ApiException | IndicatorRefusal e) {
            error = e.getMessage();
        }
        return Response.status(422).type(MediaType.TEXT_HTML).entity(indicators(null, null).data("error", error)
                .data("form", Map.of("code", nz(code), "name", nz(name), "numerator", nz(numerator),
                        "denominator", nz(denominator), "factor", nz(factor), "unit", nz(unit),
                        "decimals", nz(decimals), "description", nz(description))).render()).build();
    }

    @GET
    @Path("/ops")
    @RolesAllowed(Roles.OPERATOR)
    public TemplateInstance ops(@QueryParam("done") String done, @QueryParam("error") String error) {
        return withOps(views.page(ops, Page.OPS, "运维")).data("done", done).data("error", error);
    }

    /** The status part of 运维 alone, fetched again every few seconds and whenever events were applied. */
    @GET
    @Path("/ops/status")
    @RolesAllowed(Roles.OPERATOR)
    public TemplateInstance opsStatus() {
        return withOps(views.page(opsStatus, Page.OPS, "运维"));
    }

    private TemplateInstance withOps(TemplateInstance page) {
        return page.data("status", views.tree(intake.status()))
                .data("deadLetters", views.list(deadLetters.deadLetters("50")))
                .data("conflicts", views.list(deadLetters.conflicts("50")))
                .data("replays", views.list(replays.list()))
                .data("generations", views.list(replays.generations()));
    }

    @POST
    @Path("/ops/replays")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OPERATOR)
    public Response replay(@RestForm("_csrf") String token, @RestForm String source, @RestForm String autoSwitch,
                           @RestForm String note) {
        csrf.check(token);
        return opsAction(() -> replays.start(new ReplayResource.StartReplay(source, "on".equals(autoSwitch),
                note)), "重放已开始");
    }

    @POST
    @Path("/ops/replays/{id}/{action}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OPERATOR)
    public Response replayAction(@PathParam("id") String id, @PathParam("action") String action,
                                 @RestForm("_csrf") String token) {
        csrf.check(token);
        return switch (action) {
            case "cancel" -> opsAction(() -> replays.cancel(id), "重放已取消");
            case "compare" -> opsAction(() -> replays.compare(id), "已比较");
            case "switch" -> opsAction(() -> replays.switchIn(id, "false", null), "已切换");
            default -> throw new jakarta.ws.rs.NotFoundException();
        };
    }

    @POST
    @Path("/ops/gaps/{aggregateId}/skip")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OPERATOR)
    public Response skip(@PathParam("aggregateId") String aggregateId, @RestForm("_csrf") String token,
                         @RestForm String reason) {
        csrf.check(token);
        return opsAction(() -> intake.skip(aggregateId, new IntakeResource.SkipRequest(reason)), "已跳过缺口");
    }

    private Response opsAction(Runnable action, String done) {
        String query;
        try {
            action.run();
            query = "done=" + java.net.URLEncoder.encode(done, StandardCharsets.UTF_8);
        } catch (ApiException | IndicatorRefusal e) {
            query = "error=" + java.net.URLEncoder.encode(e.getMessage(), StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            query = "error=" + java.net.URLEncoder.encode(String.valueOf(e.getMessage()), StandardCharsets.UTF_8);
        }
        return Response.seeOther(URI.create("/ops?" + query)).build();
    }

    private static IndicatorRequest request(String code, String name, String numerator, String denominator,
                                            String factor, String unit, String decimals, String description) {
        BigDecimal f;
        Integer d;
        try {
            f = factor == null || factor.isBlank() ? null : new BigDecimal(factor.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("factor", "系数应为数字，如 100");
        }
        try {
            d = decimals == null || decimals.isBlank() ? null : Integer.valueOf(decimals.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("decimals", "小数位数应为 0 到 6 的整数");
        }
        return new IndicatorRequest(blank(code), blank(name), blank(numerator), blank(denominator), f, blank(unit), d,
                blank(description), null, null);
    }

    private static String syntax(IndicatorSyntaxException e) {
        String field = e.field() == null ? "表达式" : switch (e.field()) {
            case "numerator" -> "分子";
            case "denominator" -> "分母";
            default -> e.field();
        };
        return field + "第 " + e.column() + " 列" + (e.token() == null ? "" : "（“" + e.token() + "”处）") + "："
                + (e.reasonZh() == null ? e.reason() : e.reasonZh());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
