package io.zhenggai.report.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.zhenggai.report.api.Roles;

/**
 * 我的待办 (units: assignments to sign for, the inbox, their issues — each opens the issue's page where progress,
 * evidence, completion and extension requests are made) and 审核 (the office: completion and extension requests
 * to decide, 交办 of many issues at once, 催办).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class WorkbenchPages {

    @Inject
    IssueService issues;

    @Inject
    Session session;

    @Inject
    Views views;

    @Inject
    Csrf csrf;

    @Location("inbox.html")
    Template inbox;

    @Location("review.html")
    Template review;

    @GET
    @Path("/inbox")
    @RolesAllowed(Roles.UNIT)
    public TemplateInstance inbox() {
        String token = session.rawToken();
        IssueService.Answer toSign = issues.get(token, "/api/issues", Map.of("awaitingMySignature", "true",
                "size", 100));
        IssueService.Answer mine = issues.get(token, "/api/issues", Map.of("size", 200));
        IssueService.Answer items = issues.get(token, "/api/inbox", Map.of("size", 50));
        List<String> errors = new ArrayList<>();
        for (IssueService.Answer a : List.of(toSign, mine, items)) {
            if (!a.ok()) {
                errors.add(LedgerPages.message(a));
            }
        }
        return views.page(inbox, Page.INBOX, "我的待办")
                .data("toSign", toSign.ok() ? issues.map(toSign.body()).get("items") : List.of())
                .data("mine", mine.ok() ? issues.map(mine.body()).get("items") : List.of())
                .data("inbox", items.ok() ? issues.map(items.body()) : Map.of("items", List.of(), "unread", 0))
                .data("error", errors.isEmpty() ? null : String.join("；", errors));
    }

    @POST
    @Path("/inbox/{itemId}/read")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.UNIT)
    public Response read(@PathParam("itemId") String itemId, @RestForm("_csrf") String token) {
        csrf.check(token);
        issues.post(session.rawToken(), "/api/inbox/" + LedgerPages.uuid(itemId) + "/read", Map.of(), null);
        return Response.seeOther(URI.create("/inbox")).build();
    }

    @GET
    @Path("/review")
    @RolesAllowed(Roles.OFFICE)
    public TemplateInstance review(@QueryParam("done") String done, @QueryParam("inspection") String inspection) {
        String token = session.rawToken();
        IssueService.Answer completions = issues.get(token, "/api/issues", Map.of("awaitingDecision", "COMPLETION",
                "size", 100));
        IssueService.Answer extensions = issues.get(token, "/api/issues", Map.of("awaitingDecision", "EXTENSION",
                "size", 100));
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("assignment", "NONE");
        query.put("inspection", inspection);
        query.put("size", 200);
        IssueService.Answer unassigned = issues.get(token, "/api/issues", query);
        IssueService.Answer inspections = issues.get(token, "/api/inspections", Map.of());
        return views.page(review, Page.REVIEW, "审核")
                .data("completions", completions.ok() ? issues.map(completions.body()).get("items") : List.of())
                .data("extensions", extensions.ok() ? issues.map(extensions.body()).get("items") : List.of())
                .data("unassigned", unassigned.ok() ? issues.map(unassigned.body()).get("items") : List.of())
                .data("inspections", inspections.ok() ? views.list(inspections.body()) : List.of())
                .data("inspection", inspection)
                .data("done", done == null ? null : LedgerPages.DONE.getOrDefault(done, "已完成。"))
                .data("error", completions.ok() ? null : LedgerPages.message(completions));
    }

    /** 交办 of the issues ticked, all to the same units, leaders and deadline; each issue answers for itself. */
    @POST
    @Path("/review/assignments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OFFICE)
    public TemplateInstance assign(@RestForm("_csrf") String token, @RestForm("issue") List<String> ids,
                                   @RestForm String leadUnit, @RestForm String coUnits, @RestForm String leaders,
                                   @RestForm String deadline, @RestForm String note) {
        csrf.check(token);
        if (ids == null || ids.isEmpty()) {
            return review(null, null).data("error", "请至少勾选一个问题。");
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (String id : ids.subList(0, Math.min(ids.size(), 500))) {
            String[] parts = id.split(":", 2);
            items.add(LedgerPages.assignment(LedgerPages.uuid(parts[0]), parts.length > 1 ? parts[1] : "*",
                    leadUnit, coUnits, leaders, deadline, note));
        }
        IssueService.Answer answer = issues.post(session.rawToken(), "/api/issues/assignments",
                Map.of("items", items), null);
        if (!answer.ok()) {
            return review(null, null).data("error", LedgerPages.message(answer));
        }
        int assigned = answer.body().path("assigned").asInt();
        List<String> refused = new ArrayList<>();
        answer.body().path("items").forEach(item -> {
            if (item.path("status").asInt(200) >= 300) {
                refused.add(item.path("problem").path("detail").asText(""));
            }
        });
        return review(null, null).data("done", "已交办 " + assigned + " 个问题。")
                .data("error", refused.isEmpty() ? null : "未交办 " + refused.size() + " 个：" + String.join("；",
                        refused));
    }
}
